"""``beatbook analysis backtest|knox ...``: the crime-analysis command-line contract (see docs/hotspots.md).

The remaining arguments go unchanged to ``beatbook.analysis.cli`` (the same functions as
``python -m beatbook.analysis``); bad input prints ``error: ...`` and exits with code 2.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand

SUBCOMMANDS = {"backtest": "main_backtest", "knox": "main_knox"}


def dispatch(prog: str, subcommands: dict[str, str], argv: list[str]) -> int:
    """Run ``argv[0]``'s library CLI function with ``argv[1:]``; return the exit code."""
    from beatbook.analysis import cli

    if not argv or argv[0] in ("-h", "--help") or argv[0] not in subcommands:
        print(f"usage: beatbook {prog} {{{','.join(subcommands)}}} ...", file=sys.stderr)
        if argv and argv[0] not in ("-h", "--help"):
            print(f"error: unknown subcommand {argv[0]!r}", file=sys.stderr)
        return 0 if argv and argv[0] in ("-h", "--help") else 2
    return cli.run(getattr(cli, subcommands[argv[0]]), argv[1:])


class Command(BaseCommand):
    help = "Backtest forecasting methods or run a Knox near-repeat test on a CSV of events."

    def run_from_argv(self, argv):
        # argv = [prog, "analysis", SUB, ...]: bypass Django's option parsing so the contract is exact.
        sys.exit(dispatch("analysis", SUBCOMMANDS, list(argv[2:])))

    def add_arguments(self, parser):
        parser.add_argument("args", nargs="*")

    def handle(self, *args, **options):
        code = dispatch("analysis", SUBCOMMANDS, list(args))
        if code:
            sys.exit(code)
