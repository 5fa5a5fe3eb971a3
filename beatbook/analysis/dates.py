"""Dates held in several columns (year, month, day[, hour, minute]), e.g. the Vancouver police file.

A date specification naming several columns is written with commas: ``"YEAR,MONTH,DAY,HOUR,MINUTE"``
(3 to 5 columns, in that order). :func:`date_columns` splits it, :func:`date_from_parts` builds one
``datetime`` (raising a clear error on an impossible date such as 30 February) and
:func:`days_from_parts` does the same for whole columns at once (day numbers plus a bad-row mask).
Pure Python, no Django: the incidents importer and the analysis CLI both call these.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import pandas as pd

from .errors import AnalysisError

PART_NAMES = ("year", "month", "day", "hour", "minute")


def date_columns(spec: str) -> list[str]:
    """Column names in a date specification: one name, or 3-5 comma-separated names.

    ``"date"`` -> ``["date"]``; ``"YEAR,MONTH,DAY,HOUR,MINUTE"`` -> five names. Two names, more
    than five, or an empty name raise :class:`AnalysisError`.
    """
    names = [n.strip() for n in str(spec).split(",")]
    if len(names) == 1:
        if not names[0]:
            raise AnalysisError("the date column is empty")
        return names
    if not 3 <= len(names) <= 5 or not all(names):
        raise AnalysisError(
            f"a date from several columns names 3 to 5 columns in the order "
            f"YEAR,MONTH,DAY[,HOUR,MINUTE], not {spec!r}"
        )
    return names


def date_from_parts(parts: Sequence[object]) -> dt.datetime:
    """A naive ``datetime`` from ``(year, month, day[, hour, minute])`` values (numbers or text).

    Raises ``AnalysisError`` (a ``ValueError``) naming the part at fault: ``"2020-2-30 is not a
    date: day is out of range for month"``, ``"month 'x' is not a whole number"``.
    """
    if not 3 <= len(parts) <= 5:
        raise AnalysisError(f"a date needs year, month, day[, hour, minute], got {len(parts)} value(s)")
    numbers = []
    for name, raw in zip(PART_NAMES, parts, strict=False):
        text = str(raw).strip()
        try:
            value = float(text)
        except ValueError:
            raise AnalysisError(f"{name} {text!r} is not a whole number")
        if not value.is_integer():
            raise AnalysisError(f"{name} {text!r} is not a whole number")
        numbers.append(int(value))
    try:
        return dt.datetime(*numbers)  # type: ignore[arg-type]
    except ValueError as exc:
        shown = "-".join(str(n) for n in numbers[:3])
        if len(numbers) > 3:
            shown += " " + ":".join(f"{n:02d}" for n in numbers[3:])
        raise AnalysisError(f"{shown} is not a date: {exc}")


def days_from_parts(columns: Sequence[pd.Series]) -> tuple[np.ndarray, np.ndarray]:
    """Day numbers (days since 1970-01-01) from 3-5 columns of year, month, day[, hour, minute].

    Returns ``(days, bad)``; ``bad`` marks rows that are not whole numbers or not a real date
    (30 February, month 13, hour 24). Hour and minute are checked but, as everywhere in the
    analysis, the time of day is dropped.
    """
    if not 3 <= len(columns) <= 5:
        raise AnalysisError(
            f"a date needs 3 to 5 columns (year, month, day[, hour, minute]), got {len(columns)}"
        )
    nums = [pd.to_numeric(pd.Series(c).reset_index(drop=True), errors="coerce") for c in columns]
    frame = pd.DataFrame(dict(zip(PART_NAMES, nums, strict=False)))
    whole = frame.notna().all(axis=1) & (frame.fillna(0.5) % 1 == 0).all(axis=1)
    limits = {"month": (1, 12), "day": (1, 31), "hour": (0, 23), "minute": (0, 59)}
    for name, (lo, hi) in limits.items():
        if name in frame:
            whole &= frame[name].between(lo, hi)
    parsed = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
    if whole.any():
        ok = frame[whole].astype(np.int64)
        # errors="coerce" turns impossible dates (30 February) into NaT, which become bad rows.
        parsed[whole] = pd.to_datetime(ok[["year", "month", "day"]], errors="coerce")
    bad = parsed.isna().to_numpy()
    days = np.zeros(len(parsed), dtype=np.int64)
    if (~bad).any():
        days[~bad] = parsed[~bad].to_numpy().astype("datetime64[D]").astype(np.int64)
    return days, bad
