"""The command-line contract: `beatbook analysis backtest|knox` and `beatbook patrol plan` (exact keys, exit codes)."""

import datetime as dt
import json

import pytest

from beatbook.analysis.patrol import check_patrol_plan

from ..management.commands.analysis import Command as AnalysisCommand
from ..management.commands.patrol import Command as PatrolCommand

INPUT = ["--x", "e", "--y", "n", "--date", "when", "--dayfirst", "--crs", "EPSG:2326"]


def run(command, argv) -> int:
    with pytest.raises(SystemExit) as info:
        command().run_from_argv(["beatbook", *argv])
    return info.value.code


def test_backtest_contract(events_csv, tmp_path):
    out = tmp_path / "bt.json"
    code = run(
        AnalysisCommand,
        [
            "analysis",
            "backtest",
            str(events_csv),
            *INPUT,
            "--cell",
            "250",
            "--start",
            "2024-04-01",
            "--end",
            "2024-04-20",
            "--methods",
            "kde,promap",
            "--coverage",
            "1,5,10",
            "--out",
            str(out),
        ],
    )
    assert code == 0
    result = json.loads(out.read_text())
    assert {"cells", "events_scored", "methods"} <= set(result)
    assert isinstance(result["cells"], int) and isinstance(result["events_scored"], int)
    assert set(result["methods"]) == {"naive", "kde", "promap"}  # naive is always included
    for m in result["methods"].values():
        assert {"hit_rate", "pai", "pei", "daily_mean_hit_rate", "params", "seconds"} <= set(m)
        assert set(m["hit_rate"]) == {"1", "5", "10"}
        assert isinstance(m["seconds"], float)


def test_knox_contract(events_csv, tmp_path):
    out = tmp_path / "knox.json"
    code = run(
        AnalysisCommand,
        [
            "analysis",
            "knox",
            str(events_csv),
            *INPUT,
            "--start",
            "2023-01-01",
            "--end",
            "2023-06-30",
            "--space-bands",
            "0,100,200,300",
            "--time-bands",
            "2,4",
            "--iterations",
            "19",
            "--seed",
            "1",
            "--out",
            str(out),
        ],
    )
    assert code == 0
    result = json.loads(out.read_text())
    assert {"space_bands", "time_bands", "observed", "expected_mean", "ratio", "p_value", "seconds"} <= set(
        result
    )
    assert len(result["space_bands"]) == 5 and len(result["time_bands"]) == 3
    assert len(result["observed"]) == 5 and len(result["observed"][0]) == 3


def test_patrol_plan_contract_and_constraints(events_csv, tmp_path):
    outs = []
    for seed in ("1", "2"):
        out = tmp_path / f"plan{seed}.json"
        code = run(
            PatrolCommand,
            [
                "patrol",
                "plan",
                str(events_csv),
                *INPUT,
                "--cell",
                "150",
                "--on",
                "2024-05-01",
                "--shift",
                "07:00-15:00",
                "--units",
                "4",
                "--hotspots",
                "8",
                "--seed",
                seed,
                "--out",
                str(out),
            ],
        )
        assert code == 0
        outs.append(json.loads(out.read_text()))
    plan = outs[0]
    assert [u["unit"] for u in plan["units"]] == ["U1", "U2", "U3", "U4"]
    for unit in plan["units"]:
        for v in unit["visits"]:
            assert set(v) >= {"hotspot", "start", "end"}
            minutes = (
                dt.datetime.fromisoformat(v["end"]) - dt.datetime.fromisoformat(v["start"])
            ).seconds / 60
            assert 12 <= minutes <= 16
    for h in plan["hotspots"]:
        assert set(h) >= {"id", "cells", "centroid", "risk"}
    assert check_patrol_plan(plan) == []
    # Another seed, another order; the same hotspots.
    assert [h["id"] for h in outs[1]["hotspots"]] == [h["id"] for h in plan["hotspots"]]
    assert [u["visits"] for u in outs[1]["units"]] != [u["visits"] for u in plan["units"]]


@pytest.mark.parametrize(
    "argv",
    [
        [
            "analysis",
            "backtest",
            "missing.csv",
            *INPUT,
            "--start",
            "2024-01-01",
            "--end",
            "2024-01-05",
            "--out",
            "x.json",
        ],
        [
            "analysis",
            "knox",
            "{file}",
            *INPUT,
            "--start",
            "2024-01-01",
            "--end",
            "2023-01-05",
            "--space-bands",
            "0,100",
            "--time-bands",
            "2",
            "--iterations",
            "9",
            "--out",
            "{out}",
        ],
        [
            "patrol",
            "plan",
            "{file}",
            *INPUT,
            "--on",
            "2024-05-01",
            "--shift",
            "7 to 3",
            "--units",
            "2",
            "--hotspots",
            "3",
            "--out",
            "{out}",
        ],
        [
            "analysis",
            "backtest",
            "{file}",
            "--x",
            "nope",
            "--y",
            "n",
            "--date",
            "when",
            "--crs",
            "EPSG:2326",
            "--start",
            "2024-01-01",
            "--end",
            "2024-01-05",
            "--out",
            "{out}",
        ],
        [
            "analysis",
            "backtest",
            "{file}",
            *INPUT[:-2],
            "--crs",
            "EPSG:999999",
            "--start",
            "2024-01-01",
            "--end",
            "2024-01-05",
            "--out",
            "{out}",
        ],
        ["analysis", "frobnicate"],
    ],
)
def test_bad_input_exits_2_with_a_message(argv, events_csv, tmp_path, capsys):
    argv = [a.replace("{file}", str(events_csv)).replace("{out}", str(tmp_path / "o.json")) for a in argv]
    command = PatrolCommand if argv[0] == "patrol" else AnalysisCommand
    assert run(command, argv) == 2
    assert "error" in capsys.readouterr().err
