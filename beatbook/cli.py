"""The ``beatbook`` console script: Django's management commands with Beatbook's settings.

``beatbook migrate``, ``beatbook demo``, ``beatbook plan check FILE`` ... are management commands.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beatbook.settings.base")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["beatbook", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
