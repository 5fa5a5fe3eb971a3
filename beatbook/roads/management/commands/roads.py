"""``beatbook roads import-td | summary | blacksites``."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from beatbook.core.context import acting_as
from beatbook.geo.boundaries import AreaError
from beatbook.roads.analysis import GROUPS, SEVERITIES, AnalysisInputError
from beatbook.roads.importer import import_files
from beatbook.roads.services import db_blacksites, db_summary, parse_area, parse_date
from beatbook.roads.td_records import RecordError


class Command(BaseCommand):
    help = "Road safety: import the Transport Department records, summary figures, black sites."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import-td", help="Import (upsert) the TD accident, casualty and vehicle files.")
        imp.add_argument("--accidents", required=True)
        imp.add_argument("--casualties", required=True)
        imp.add_argument("--vehicles", required=True)
        imp.add_argument(
            "--area", default="", help="only accidents in this area (mongkok, E06,E07 or GeoJSON)"
        )
        for name in ("summary", "blacksites"):
            p = sub.add_parser(name)
            p.add_argument(
                "--area", default="mongkok", help="mongkok, a code list like E06,E07, or a GeoJSON file"
            )
            p.add_argument("--from", dest="date_from", default=None, help="YYYY-MM-DD (inclusive)")
            p.add_argument("--to", dest="date_to", default=None, help="YYYY-MM-DD (inclusive)")
            p.add_argument("--json", action="store_true", help="print JSON")
            if name == "blacksites":
                p.add_argument("--radius", type=float, default=50)
                p.add_argument("--top", type=int, default=20)
                p.add_argument("--group", action="append", choices=GROUPS)
                p.add_argument("--severity", action="append", choices=SEVERITIES)

    def handle(self, *args, **options):
        try:
            with acting_as(None, source="command"):
                return getattr(self, "do_" + options["action"].replace("-", "_"))(options)
        except (AreaError, AnalysisInputError, RecordError, ValueError) as exc:
            raise CommandError(str(exc))

    def do_import_td(self, options):
        area = parse_area(options["area"]) if options["area"] else None
        report = import_files(options["accidents"], options["casualties"], options["vehicles"], area=area)
        for problem in report.problems[:20]:
            self.stderr.write(problem)
        if len(report.problems) > 20:
            self.stderr.write(f"... {len(report.problems) - 20} more problems")
        self.stdout.write(json.dumps(report.as_dict()))

    def _common(self, options):
        area = parse_area(options["area"])
        return area, parse_date(options["date_from"], "--from"), parse_date(options["date_to"], "--to")

    def do_summary(self, options):
        area, date_from, date_to = self._common(options)
        result = db_summary(area, date_from, date_to)
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(json.dumps(result, indent=2))

    def do_blacksites(self, options):
        area, date_from, date_to = self._common(options)
        sites = db_blacksites(
            area,
            date_from,
            date_to,
            radius=options["radius"],
            top=options["top"],
            groups=options["group"],
            severities=options["severity"],
        )
        if options["json"]:
            self.stdout.write(json.dumps(sites, ensure_ascii=False))
            return
        for s in sites:
            streets = ", ".join(x["name"] for x in s["streets"])
            self.stdout.write(
                f"{s['rank']:>3} {s['accidents']:>4} accidents {s['ksi_casualties']:>3} KSI  {streets}"
            )
