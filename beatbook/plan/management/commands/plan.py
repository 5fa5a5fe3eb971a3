"""``beatbook plan check FILE`` / ``plan load [FILE]`` / ``plan export --format json``."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beatbook.core.context import acting_as
from beatbook.plan.computations import REGISTRY
from beatbook.plan.loader import DEFAULT_PLAN, export_plan, load_plan, read_plan
from beatbook.plan.models import Plan
from beatbook.plan.planfile import PlanFileError


class Command(BaseCommand):
    help = "Check, load and export action plan files."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Validate a plan file; every error names file, line and field.")
        check.add_argument("file")
        load = sub.add_parser("load", help="Load a plan file (idempotent; IDs keep their history).")
        load.add_argument("file", nargs="?", default=str(DEFAULT_PLAN))
        export = sub.add_parser("export", help="Print the whole plan, both languages.")
        export.add_argument("--format", choices=["json"], default="json")
        export.add_argument("--plan", help="Plan id (default: the newest).")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "check":
            path = Path(options["file"])
            if not path.exists():
                raise CommandError(f"{path}: no such file")
            try:
                data = read_plan(path)
            except PlanFileError as exc:
                for error in exc.errors:
                    self.stderr.write(str(error))
                raise CommandError(f"{path}: {len(exc.errors)} error(s)")
            unknown = sorted({n for n in _computations(data) if n != "manual" and n not in REGISTRY})
            for name in unknown:
                self.stderr.write(f"{path}: warning: computation '{name}' is not installed; shown as no data")
            self.stdout.write(f"{path}: OK")
        elif action == "load":
            path = Path(options["file"])
            if not path.exists():
                raise CommandError(f"{path}: no such file")
            try:
                with acting_as(None, source="command"):
                    report = load_plan(path)
            except PlanFileError as exc:
                for error in exc.errors:
                    self.stderr.write(str(error))
                raise CommandError(f"{path}: not loaded, {len(exc.errors)} error(s)")
            self.stdout.write(f"Loaded {report.plan.slug}: {report.summary()}")
        else:
            plan = (
                Plan.objects.filter(slug=options["plan"]).first() if options["plan"] else Plan.objects.first()
            )
            if plan is None:
                raise CommandError("No plan loaded. Run `beatbook plan load` first.")
            self.stdout.write(json.dumps(export_plan(plan), ensure_ascii=False, indent=2))


def _computations(data):
    def walk(areas):
        for area in areas or []:
            for objective in area.get("objectives") or []:
                for ind in objective.get("indicators") or []:
                    comp = ind.get("computation", "manual")
                    yield comp if isinstance(comp, str) else comp.get("name")
            yield from walk(area.get("children"))

    return walk(data.get("areas"))
