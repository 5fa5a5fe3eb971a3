"""The one exception type that ``beatbook.analysis`` raises for bad input."""

from __future__ import annotations


class AnalysisError(ValueError):
    """Bad input or an impossible request (missing column, bad date, unknown CRS, infeasible plan...).

    The message is meant for the person who ran the command, so it names the file line, column or
    option at fault. Command-line wrappers turn it into ``exit_code`` (2) and print the message.
    """

    exit_code = 2
