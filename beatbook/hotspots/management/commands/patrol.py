"""``beatbook patrol plan FILE ...``: hotspot patrol plans from a CSV of events (the library CLI contract)."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

from .analysis import dispatch

SUBCOMMANDS = {"plan": "main_patrol_plan"}


class Command(BaseCommand):
    help = "Plan hotspot patrols for one shift from a CSV of events."

    def run_from_argv(self, argv):
        sys.exit(dispatch("patrol", SUBCOMMANDS, list(argv[2:])))

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")

    def handle(self, *args, **options):
        code = dispatch("patrol", SUBCOMMANDS, list(args))
        if code:
            sys.exit(code)
