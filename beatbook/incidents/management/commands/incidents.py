"""``beatbook incidents import FILE [--preset NAME] [--x COL --y COL --epsg N | --lat COL --lon COL] ...``"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beatbook.core.context import acting_as
from beatbook.incidents.categories import seed_categories
from beatbook.incidents.importer import PRESETS, ImportRefused, count_rows, import_csv, mapping_for


class Command(BaseCommand):
    help = "Import incidents from CSV (all or nothing; every bad row is reported with its line number)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="Import a CSV file of incidents.")
        imp.add_argument("file")
        imp.add_argument("--preset", choices=sorted(PRESETS), help="Column layout (default: beatbook).")
        for name in (
            "date",
            "date-to",
            "x",
            "y",
            "lat",
            "lon",
            "category",
            "reference",
            "premises",
            "description",
            "handling-code",
        ):
            imp.add_argument(
                f"--{name}",
                dest=name.replace("-", "_"),
                metavar="COL",
                help="column holding the date, or YEAR,MONTH,DAY[,HOUR,MINUTE] columns"
                if name == "date"
                else f"column holding {name}",
            )
        imp.add_argument("--epsg", type=int, help="EPSG code of x/y (default 2326, HK1980 Grid)")
        imp.add_argument("--default-category", dest="category_default", help="category code for every row")
        imp.add_argument(
            "--category-map", help='JSON object: file value -> category code, e.g. {"ROBBERY": "robbery"}'
        )
        imp.add_argument("--date-format", help="strptime format of the dates")
        imp.add_argument("--dayfirst", action="store_true", default=None, help="dates are dd/mm/yyyy")
        imp.add_argument("--timezone", help="time zone of naive times (default: TIME_ZONE)")
        imp.add_argument("--source", help="source name; reference numbers are unique per source")
        imp.add_argument("--no-progress", action="store_true")
        sub.add_parser("presets", help="List the presets and their mappings.")

    def handle(self, *args, **options):
        if options["action"] == "presets":
            self.stdout.write(json.dumps(PRESETS, indent=2, ensure_ascii=False))
            return
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        overrides = {
            k: options.get(k)
            for k in (
                "date",
                "date_to",
                "x",
                "y",
                "lat",
                "lon",
                "category",
                "reference",
                "premises",
                "description",
                "handling_code",
                "epsg",
                "category_default",
                "date_format",
                "dayfirst",
                "timezone",
                "source",
            )
        }
        if options.get("x") and options.get("y") and not (options.get("lat") or options.get("lon")):
            overrides.update(lat="", lon="")
        if options.get("category_default") and not options.get("category"):
            overrides["category"] = ""
        if options.get("category_map"):
            try:
                overrides["category_map"] = dict(json.loads(options["category_map"]))
            except (ValueError, TypeError) as exc:
                raise CommandError(f"--category-map is not a JSON object: {exc}")
        try:
            mapping = mapping_for(options.get("preset"), **overrides)
        except ImportRefused as exc:
            raise CommandError(str(exc))
        seed_categories()
        bar = None
        if not options["no_progress"]:
            from tqdm import tqdm

            bar = tqdm(total=count_rows(path), unit="rows", unit_scale=True, file=sys.stderr, desc=path.name)
        try:
            with acting_as(None, source="command"):
                result = import_csv(
                    path,
                    mapping,
                    filename=path.name,
                    preset=options.get("preset") or "",
                    progress=bar.update if bar else None,
                )
        except ImportRefused as exc:
            if bar:
                bar.close()
            for line, reason in getattr(exc, "errors", []):
                self.stderr.write(f"{path.name}:{line}: {reason}" if line else f"{path.name}: {reason}")
            raise CommandError(f"{path.name}: nothing imported: {exc}")
        finally:
            if bar:
                bar.close()
        self.stdout.write(
            f"Imported {result.imported} incidents from {path.name} in {result.seconds:.1f} s "
            f"(batch {result.batch.pk}, source {result.batch.source})."
        )
