"""Command-line functions: JSON shapes, exit codes and error messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from beatbook.analysis import AnalysisError
from beatbook.analysis.cli import main, main_backtest, main_knox, main_patrol_plan, run
from beatbook.analysis.events import day_to_date

from .conftest import synthetic_events


@pytest.fixture(scope="module")
def csv_file(tmp_path_factory) -> Path:
    ev = synthetic_events(seed=11, days=500, trigger=0.1)
    path = tmp_path_factory.mktemp("cli") / "events.csv"
    lines = ["easting,northing,reported"]
    lines += [
        f"{x:.1f},{y:.1f},{day_to_date(d).strftime('%d/%m/%Y')}"
        for x, y, d in zip(ev.x, ev.y, ev.day, strict=True)
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def common(csv_file: Path) -> list[str]:
    return [
        str(csv_file),
        "--x",
        "easting",
        "--y",
        "northing",
        "--date",
        "reported",
        "--dayfirst",
        "--crs",
        "EPSG:2326",
    ]


# synthetic days 17000..17499 = 2016-07-18 .. 2017-11-29
def test_backtest_json(csv_file, tmp_path):
    out = tmp_path / "sub" / "bt.json"
    args = common(csv_file) + [
        "--start",
        "2017-10-01",
        "--end",
        "2017-10-10",
        "--methods",
        "kde,promap,sepp,auto",
        "--coverage",
        "0.5,5,20",
        "--out",
        str(out),
    ]
    result = main_backtest(args)
    assert json.loads(out.read_text()) == result
    assert isinstance(result["cells"], int) and isinstance(result["events_scored"], int)
    assert list(result["methods"]) == ["naive", "kde", "promap", "sepp", "auto"]
    for m in result["methods"].values():
        for key in ("hit_rate", "pai", "pei", "daily_mean_hit_rate"):
            assert list(m[key]) == ["0.5", "5", "20"]
        assert isinstance(m["params"], dict) and isinstance(m["seconds"], float)


def test_knox_json(csv_file, tmp_path):
    out = tmp_path / "knox.json"
    args = common(csv_file) + [
        "--start",
        "2017-01-01",
        "--end",
        "2017-06-30",
        "--space-bands",
        "0,100,200",
        "--time-bands",
        "2,4",
        "--iterations",
        "19",
        "--seed",
        "3",
        "--out",
        str(out),
    ]
    result = main_knox(args)
    assert json.loads(out.read_text()) == result
    assert result["space_bands"] == ["same location", "1 to 100 m", "101 to 200 m", "more than 200 m"]
    assert result["time_bands"] == ["0 to 2 days", "3 to 4 days", "more than 4 days"]
    for key in ("observed", "expected_mean", "ratio", "p_value"):
        assert len(result[key]) == 4 and all(len(row) == 3 for row in result[key])
    assert isinstance(result["seconds"], float)


def test_patrol_plan_json(csv_file, tmp_path):
    out = tmp_path / "plan.json"
    args = common(csv_file) + [
        "--cell",
        "150",
        "--on",
        "2017-11-01",
        "--shift",
        "07:00-15:00",
        "--units",
        "4",
        "--hotspots",
        "8",
        "--seed",
        "5",
        "--method",
        "naive",
        "--out",
        str(out),
    ]
    result = main_patrol_plan(args)
    assert json.loads(out.read_text()) == result
    assert [u["unit"] for u in result["units"]] == ["U1", "U2", "U3", "U4"]
    visit = result["units"][0]["visits"][0]
    assert set(visit) == {"hotspot", "start", "end"} and visit["start"].startswith("2017-11-01T")
    hs = result["hotspots"][0]
    assert hs["id"] == "H1" and isinstance(hs["cells"], list) and len(hs["centroid"]) == 2
    assert isinstance(hs["risk"], float) and result["violations"] == []
    assert result["forecast"]["input_period"]["end"] == "2017-10-31"


BAD = [
    (
        ["--start", "2017-10-01", "--end", "2017-10-02", "--methods", "naive", "--out", "x.json"],
        {"--x": "nope"},
        "no column 'nope'",
    ),
    (["--start", "2017-10-01", "--end", "2017-10-02", "--out", "x.json"], {"--crs": "EPSG:0"}, "unknown CRS"),
    (["--start", "2017-10-05", "--end", "2017-10-02", "--out", "x.json"], {}, "after --end"),
    (
        ["--start", "2017-10-01", "--end", "2017-10-02", "--methods", "naive,crystal", "--out", "x.json"],
        {},
        "unknown method",
    ),
    (["--start", "tomorrow", "--end", "2017-10-02", "--out", "x.json"], {}, "--start must be a date"),
    (
        ["--start", "2017-10-01", "--end", "2017-10-02", "--coverage", "5,abc", "--out", "x.json"],
        {},
        "not a number",
    ),
    (["--start", "2017-10-01", "--out", "x.json"], {}, "--end"),
]


@pytest.mark.parametrize(("extra", "replace", "message"), BAD)
def test_backtest_bad_input(csv_file, tmp_path, capsys, extra, replace, message):
    args = common(csv_file)
    for opt, value in replace.items():
        args[args.index(opt) + 1] = value
    args = args + [a if a != "x.json" else str(tmp_path / "x.json") for a in extra]
    with pytest.raises(AnalysisError, match=message):
        main_backtest(args)
    assert run(main_backtest, args) == 2
    assert message in capsys.readouterr().err


def test_unparsable_date_names_line(tmp_path, capsys):
    path = tmp_path / "e.csv"
    path.write_text("x,y,d\n835000,819000,01/02/2017\n835100,819100,2017/13/45\n")
    args = [
        str(path),
        "--x",
        "x",
        "--y",
        "y",
        "--date",
        "d",
        "--dayfirst",
        "--crs",
        "EPSG:2326",
        "--start",
        "2017-02-01",
        "--end",
        "2017-02-02",
        "--out",
        str(tmp_path / "o.json"),
    ]
    assert run(main_knox, args) == 2
    assert "line 3: d value '2017/13/45'" in capsys.readouterr().err


def test_patrol_and_knox_bad_options(csv_file, tmp_path):
    base = common(csv_file) + ["--out", str(tmp_path / "o.json")]
    with pytest.raises(AnalysisError, match="07:00-15:00"):
        main_patrol_plan(base + ["--on", "2017-11-01", "--shift", "seven"])
    with pytest.raises(AnalysisError, match="no events before"):
        main_patrol_plan(base + ["--on", "2010-01-01"])
    with pytest.raises(AnalysisError, match="increasing"):
        main_knox(base + ["--start", "2017-01-01", "--end", "2017-02-01", "--space-bands", "200,100"])
    with pytest.raises(AnalysisError, match="not allowed with argument"):
        main_knox(base + ["--date-format", "%d/%m/%Y", "--start", "2017-01-01", "--end", "2017-02-01"])


def test_module_entry_point(csv_file, tmp_path):
    out = tmp_path / "k.json"
    args = common(csv_file) + [
        "--start",
        "2017-01-01",
        "--end",
        "2017-01-31",
        "--iterations",
        "9",
        "--out",
        str(out),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "beatbook.analysis", "knox", *args], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "observed / expected" in done.stdout and out.exists()
    bad = subprocess.run(
        [sys.executable, "-m", "beatbook.analysis", "knox", *args[:-2], "--crs", "EPSG:0", "--out", str(out)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "unknown CRS" in bad.stderr
    assert main(["frobnicate"]) == 2
