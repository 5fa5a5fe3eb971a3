"""``beatbook scams check|import|classify|train`` - the anti-fraud command-line contract.

* ``check VALUE [--type TYPE] --json`` prints exactly
  ``{"type", "normalized", "level", "label_zh", "label_en", "reasons"}``.
* ``import FILE --format csv|list [--type TYPE] --level LEVEL --source NAME`` (idempotent; bad lines
  reported with their numbers).
* ``classify --input FILE.csv --text-col text --out FILE.csv`` adds scam_probability, is_scam, scam_type.
* ``train`` retrains the classifier from the shipped corpora plus confirmed reports.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from beatbook.core.context import acting_as
from beatbook.scams.engine.normalize import INDICATOR_TYPES


class Command(BaseCommand):
    help = "Anti-fraud: check a value, import lists, classify messages, retrain the classifier."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Verdict for one value.")
        check.add_argument("value")
        check.add_argument("--type", choices=INDICATOR_TYPES)
        check.add_argument("--name", help="Account holder name to compare with reported names.")
        check.add_argument("--json", action="store_true", help="Print the verdict as JSON.")
        imp = sub.add_parser(
            "import", help="Import an external list (CSV, plain URL/domain list, HKMA list)."
        )
        imp.add_argument("file")
        imp.add_argument("--format", choices=["csv", "list"], required=True)
        imp.add_argument("--type", choices=INDICATOR_TYPES)
        imp.add_argument("--level", choices=["high_risk", "suspected", "possible"], required=True)
        imp.add_argument("--source", required=True)
        imp.add_argument("--list-name", default="")
        imp.add_argument("--reliability", choices=list("ABCDEF"))
        imp.add_argument("--credibility", type=int, choices=range(1, 7))
        imp.add_argument("--expires-days", type=int, default=365)
        imp.add_argument("--user", help="Username recorded as the importer (audit).")
        cls = sub.add_parser("classify", help="Add scam_probability, is_scam, scam_type to a CSV.")
        cls.add_argument("--input", required=True)
        cls.add_argument("--text-col", default="text")
        cls.add_argument("--out", required=True)
        sub.add_parser("train", help="Retrain the classifier (shipped corpora + confirmed reports).")
        key = sub.add_parser("key", help="Issue an HMAC key for a bank's digest bulk checks (printed once).")
        key.add_argument("organisation", type=int, help="Partner organisation id.")
        key.add_argument("--key-id", help="Public key id (default: random).")

    def handle(self, *args, **options):
        getattr(self, f"do_{options['action']}")(options)

    # ---------------------------------------------------------------------------------------------
    def do_check(self, options):
        from beatbook.scams import services

        try:
            verdict = services.check(options["value"], options["type"], name=options.get("name"))
        except services.CheckError as exc:
            for error in exc.errors:
                self.stderr.write(f"{error['en']} / {error['zh']}")
            raise CommandError("the value could not be checked")
        finally:
            services.LOOKUPS.flush()
        if options["json"]:
            self.stdout.write(json.dumps(verdict, ensure_ascii=False))
            return
        self.stdout.write(f"{verdict['label_zh']} {verdict['label_en']} ({verdict['level']})")
        self.stdout.write(f"{verdict['type']}: {verdict['normalized']}")
        for reason in verdict["reasons"]:
            self.stdout.write(f"- {reason['zh']}\n  {reason['en']}")

    def do_import(self, options):
        from beatbook.scams.importer import import_file

        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        user = None
        if options.get("user"):
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"no user {options['user']!r}")
        started = time.perf_counter()
        try:
            with acting_as(user, source="command"):
                result = import_file(
                    path,
                    options["format"],
                    level=options["level"],
                    source=options["source"],
                    type_=options.get("type"),
                    list_name=options["list_name"],
                    reliability=options.get("reliability"),
                    credibility=options.get("credibility"),
                    expires_days=options["expires_days"],
                    user=user,
                )
        except ValueError as exc:
            raise CommandError(str(exc))
        for lineno, error in result.errors:
            self.stderr.write(f"{path}:{lineno}: {error}")
        self.stdout.write(
            f"{path}: {result.summary()} in {time.perf_counter() - started:.2f} s (batch {result.batch.pk})"
        )

    def do_classify(self, options):
        from beatbook.scams.services import get_classifier

        src, out = Path(options["input"]), Path(options["out"])
        if not src.is_file():
            raise CommandError(f"{src}: no such file")
        csv.field_size_limit(10_000_000)
        with src.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            fieldnames = list(reader.fieldnames or [])
            if options["text_col"] not in fieldnames:
                raise CommandError(
                    f"{src}: no column {options['text_col']!r} (columns: {', '.join(fieldnames)})"
                )
            rows = list(reader)
        clf = get_classifier()
        texts = [(row.get(options["text_col"]) or "") for row in rows]
        predictions = []
        for start in range(0, len(texts), 2000):
            predictions.extend(clf.predict(texts[start : start + 2000]))
        extra = [c for c in ("scam_probability", "is_scam", "scam_type") if c not in fieldnames]
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fieldnames + extra)
            writer.writeheader()
            for row, p in zip(rows, predictions, strict=True):
                row.update(
                    {
                        "scam_probability": f"{p.probability:.4f}",
                        "is_scam": "true" if p.is_scam else "false",
                        "scam_type": p.scam_type or "",
                    }
                )
                writer.writerow(row)
        flagged = sum(p.is_scam for p in predictions)
        self.stdout.write(f"{out}: {len(rows)} rows, {flagged} classified as scams")

    def do_key(self, options):
        from beatbook.partners.models import Organisation
        from beatbook.scams.models import PartnerKey

        org = Organisation.objects.filter(pk=options["organisation"]).first()
        if org is None:
            raise CommandError(f"no partner organisation {options['organisation']}")
        if options.get("key_id") and PartnerKey.objects.filter(key_id=options["key_id"]).exists():
            raise CommandError(f"key id {options['key_id']!r} already exists")
        with acting_as(None, source="command"):
            key, secret = PartnerKey.issue(org, key_id=options.get("key_id"))
        self.stdout.write(
            f"key_id: {key.key_id}\nkey (hex, shown once; send it over a secure channel): {secret}"
        )

    def do_train(self, options):
        from beatbook.scams.services import train_classifier

        started = time.perf_counter()
        with acting_as(None, source="command"):
            _model, extra, path = train_classifier()
        self.stdout.write(
            f"Trained on the shipped corpora + {extra} confirmed reports in "
            f"{time.perf_counter() - started:.1f} s; saved to {path}"
        )
        sys.stdout.flush()
