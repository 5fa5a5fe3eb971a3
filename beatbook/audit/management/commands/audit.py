"""``beatbook audit verify`` and ``beatbook audit export``."""

import csv
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from beatbook.audit.models import AuditEntry
from beatbook.audit.verify import verify_chain


class Command(BaseCommand):
    help = "Verify or export the hash-chained audit log."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("verify", help="Recompute the chain; exit 1 naming the first bad entry.")
        exp = sub.add_parser("export", help="Write the log as CSV or JSON lines to stdout.")
        exp.add_argument("--format", choices=["csv", "jsonl"], default="csv")

    def handle(self, *args, **options):
        if options["action"] == "verify":
            result = verify_chain()
            if not result.ok:
                self.stderr.write(f"AUDIT CHAIN BROKEN at entry #{result.bad_seq}: {result.reason}")
                raise CommandError(f"audit log verification failed at entry #{result.bad_seq}", returncode=1)
            self.stdout.write(f"OK: {result.checked} audit entries verified")
            return
        rows = AuditEntry.objects.order_by("seq")
        fields = [
            "seq",
            "timestamp",
            "username",
            "source",
            "request_id",
            "action",
            "model",
            "object_id",
            "object_repr",
            "before",
            "after",
            "prev_hash",
            "hash",
        ]
        if options["format"] == "jsonl":
            for e in rows.iterator():
                self.stdout.write(
                    json.dumps({f: getattr(e, f) for f in fields}, default=str, ensure_ascii=False)
                )
            return
        writer = csv.writer(sys.stdout)
        writer.writerow(fields)
        for e in rows.iterator():
            writer.writerow(
                [
                    json.dumps(getattr(e, f), ensure_ascii=False, default=str)
                    if f in {"before", "after"}
                    else getattr(e, f)
                    for f in fields
                ]
            )
