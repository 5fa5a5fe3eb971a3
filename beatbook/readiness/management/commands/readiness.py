"""``beatbook readiness warnings FILE | status --json | poll``."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.core.context import acting_as
from beatbook.readiness.services import ingest, status
from beatbook.readiness.tasks import feed_url, poll_once
from beatbook.readiness.warnsum import MAX_PAYLOAD_BYTES, WarnsumError, parse_warnsum


class Command(BaseCommand):
    help = "Readiness: ingest an HKO warnsum file, print the activation status, poll the configured feed."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        w = sub.add_parser(
            "warnings", help="Ingest an HKO warnsum JSON file (ISSUE activates, CANCEL stands down)."
        )
        w.add_argument("file")
        w.add_argument(
            "--partial",
            action="store_true",
            help="the file lists only some warnings: do not cancel those missing from it",
        )
        s = sub.add_parser("status", help="Warnings in force and plans in effect.")
        s.add_argument("--json", action="store_true")
        sub.add_parser("poll", help="Fetch the feed at BEATBOOK_HKO_FEED_URL once.")

    def handle(self, *args, **options):
        with acting_as(None, source="command"):
            return getattr(self, "do_" + options["action"])(options)

    def do_warnings(self, options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        with path.open("rb") as handle:
            data = handle.read(MAX_PAYLOAD_BYTES + 1)
        try:
            warnings = parse_warnsum(data)
        except WarnsumError as exc:
            raise CommandError(f"{path}: {exc}")
        report = ingest(warnings, full_snapshot=not options["partial"])
        recorder.record(
            AuditAction.IMPORT,
            model="readiness.warningstate",
            object_repr=f"warnsum file {path.name}",
            after=report.as_dict(),
        )
        self.stdout.write(json.dumps(report.as_dict()))

    def do_status(self, options):
        result = status()
        if options["json"]:
            self.stdout.write(json.dumps(result))
            return
        self.stdout.write(f"warnings in force: {', '.join(result['active_warnings']) or 'none'}")
        self.stdout.write(f"plans in effect:   {', '.join(result['activated_plans']) or 'none'}")

    def do_poll(self, options):
        if not feed_url():
            raise CommandError("no feed configured: set BEATBOOK_HKO_FEED_URL")
        self.stdout.write(json.dumps(poll_once()))
