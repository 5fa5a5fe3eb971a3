"""``beatbook demo``: the Mong Kok 2024 plan, units, one user per role and synthetic example data."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from beatbook.core.context import acting_as
from beatbook.core.demo import DemoContext, demo_modules


class Command(BaseCommand):
    help = "Load the plan and demo data (idempotent; every invented record is labelled synthetic)."

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=2024)
        parser.add_argument("--only", default="", help="Comma-separated app labels to load (default: all).")

    def handle(self, *args, **options):
        ctx = DemoContext(stdout=self.stdout, seed=options["seed"])
        only = {s.strip() for s in options["only"].split(",") if s.strip()}
        with acting_as(None, source="demo"):
            for module in demo_modules():
                label = module.__name__.split(".")[1]
                if only and label not in only:
                    continue
                started = time.perf_counter()
                with transaction.atomic():
                    module.load(ctx)
                self.stdout.write(f"  {label}: done in {time.perf_counter() - started:.1f}s")
        self.stdout.write("")
        self.stdout.write("Demo logins (demo data is SYNTHETIC, made up for the demo):")
        for role, username, password in ctx.logins:
            self.stdout.write(f"  {role:<10} {username:<12} {password}")
        for note in ctx.notes:
            self.stdout.write(note)
