"""Dates held in several columns (YEAR,MONTH,DAY[,HOUR,MINUTE]): pure functions, loader and CLI."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from beatbook.analysis import AnalysisError
from beatbook.analysis.cli import main_backtest
from beatbook.analysis.dates import date_columns, date_from_parts, days_from_parts
from beatbook.analysis.events import load_events, to_day


def test_date_columns():
    assert date_columns("date") == ["date"]
    assert date_columns("YEAR, MONTH,DAY,HOUR,MINUTE") == ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE"]
    for bad in ("YEAR,MONTH", "A,B,C,D,E,F", "YEAR,,DAY", ""):
        with pytest.raises(AnalysisError):
            date_columns(bad)


def test_date_from_parts_and_clear_errors():
    assert date_from_parts(["2020", "7", "1", "13", "5"]) == dt.datetime(2020, 7, 1, 13, 5)
    assert date_from_parts([2020, 2, 29]) == dt.datetime(2020, 2, 29)
    assert date_from_parts(["2020.0", "7.0", "1"]) == dt.datetime(2020, 7, 1)
    with pytest.raises(AnalysisError, match="2021-2-29 is not a date: day is out of range for month"):
        date_from_parts(["2021", "2", "29"])
    with pytest.raises(AnalysisError, match="hour must be in 0..23"):
        date_from_parts(["2021", "2", "1", "24", "0"])
    with pytest.raises(AnalysisError, match="month 'x' is not a whole number"):
        date_from_parts(["2021", "x", "1"])
    with pytest.raises(AnalysisError, match="year, month, day"):
        date_from_parts(["2021", "2"])


def test_days_from_parts_marks_impossible_dates():
    cols = [
        pd.Series(["2020", "2021", "2020", "2020", ""]),
        pd.Series(["2", "2", "13", "7", "1"]),
        pd.Series(["29", "29", "1", "1.5", "1"]),
    ]
    days, bad = days_from_parts(cols)
    assert bad.tolist() == [False, True, True, True, True]
    assert days[0] == to_day("2020-02-29")
    hours = pd.Series(["0", "0", "0", "0", "24"])
    _, bad = days_from_parts([*cols, hours])
    assert bad[4] and not bad[0]


def test_vancouver_layout_through_the_loader_and_cli(tmp_path):
    path = tmp_path / "van.csv"
    rows = ["TYPE,YEAR,MONTH,DAY,HOUR,MINUTE,X,Y"]
    for i in range(60):
        day = dt.date(2020, 1, 1) + dt.timedelta(days=i)
        rows.append(f"Theft,{day.year},{day.month},{day.day},{i % 24},0,{490000 + 100 * (i % 3)},5458000")
    path.write_text("\n".join(rows) + "\n")
    ev = load_events(path, "X", "Y", "YEAR,MONTH,DAY,HOUR,MINUTE", crs="EPSG:32610")
    assert len(ev) == 60 and ev.day.min() == to_day("2020-01-01")
    out = tmp_path / "bt.json"
    args = [str(path), "--x", "X", "--y", "Y", "--date", "YEAR,MONTH,DAY,HOUR,MINUTE", "--crs", "EPSG:32610"]
    result = main_backtest(
        [*args, "--start", "2020-02-01", "--end", "2020-02-29", "--methods", "naive", "--out", str(out)]
    )
    assert result["events_scored"] == 29 and np.isclose(result["methods"]["naive"]["hit_rate"]["20"], 1.0)
    path.write_text(path.read_text() + "Theft,2020,2,30,0,0,490000,5458000\n")
    with pytest.raises(AnalysisError, match=r"line 62: .*2020-2-30 00:00 is not a date"):
        main_backtest([*args, "--start", "2020-02-01", "--end", "2020-02-29", "--out", str(out)])
    with pytest.raises(AnalysisError, match="no date format"):
        load_events(path, "X", "Y", "YEAR,MONTH,DAY", dayfirst=True, crs="EPSG:32610")
