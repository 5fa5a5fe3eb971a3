"""Command-line entry points: ``backtest``, ``knox`` and ``patrol-plan``.

Each ``main_*`` function parses ``argv`` (a list of strings, without the command name), writes the
JSON file named by ``--out`` and returns the same dict. Bad input raises :class:`AnalysisError`
(argparse usage errors included); :func:`run` turns that into a message on stderr and exit code 2.
``python -m beatbook.analysis backtest|knox|patrol-plan ...`` and the Django management commands
(``beatbook analysis backtest ...``, ``beatbook analysis knox ...``, ``beatbook patrol plan ...``) call
these functions with the remaining arguments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

import numpy as np

from .backtest import backtest
from .errors import AnalysisError
from .events import Events, load_events, to_day
from .forecast import METHODS, make_forecaster
from .grid import Grid, load_boundary
from .knox import knox_test
from .patrol import _parse_shift, plan_patrols


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser that raises AnalysisError instead of exiting on bad options."""

    def error(self, message: str) -> NoReturn:
        raise AnalysisError(f"{self.prog}: {message}")


def _parser(prog: str, description: str, cell: float) -> _Parser:
    p = _Parser(prog=prog, description=description)
    p.add_argument("file", help="CSV file of events (may be .gz)")
    p.add_argument("--x", required=True, help="column holding x (easting or longitude)")
    p.add_argument("--y", required=True, help="column holding y (northing or latitude)")
    p.add_argument("--date", required=True, help="column holding the date")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--date-format", help="strptime format of the dates, e.g. %%d/%%m/%%Y %%H:%%M")
    fmt.add_argument("--dayfirst", action="store_true", help="dates are dd/mm/yyyy")
    p.add_argument("--crs", required=True, help="CRS of x/y, e.g. EPSG:2326 (feet and lon/lat are handled)")
    p.add_argument("--cell", type=float, default=cell, help=f"cell size in metres (default {cell:g})")
    p.add_argument("--boundary", help="GeoJSON (WGS 84) polygon(s) of the study area")
    p.add_argument(
        "--boundary-where",
        metavar="PROPERTY=V1,V2",
        help="keep only boundary features whose PROPERTY is one of the values, e.g. Region=E06,E07",
    )
    p.add_argument(
        "--skip-bad-rows",
        action="store_true",
        help="drop rows with a missing or unreadable x, y or date (counted in the output) instead of failing",
    )
    p.add_argument("--out", required=True, help="JSON file to write")
    return p


def _date(value: str, option: str) -> int:
    try:
        return to_day(dt.date.fromisoformat(value.strip()))
    except ValueError:
        raise AnalysisError(f"{option} must be a date YYYY-MM-DD, not {value!r}")


def _numbers(value: str, option: str) -> list[str]:
    items = [v.strip() for v in value.split(",") if v.strip()]
    if not items:
        raise AnalysisError(f"{option} needs a comma-separated list")
    for v in items:
        try:
            float(v)
        except ValueError:
            raise AnalysisError(f"{option}: {v!r} is not a number")
    return items


def _load(args: argparse.Namespace) -> tuple[Events, Grid]:
    """Events and grid from the common options."""
    if not args.cell > 0:
        raise AnalysisError(f"--cell must be a positive number of metres, not {args.cell:g}")
    events = load_events(
        args.file,
        args.x,
        args.y,
        args.date,
        args.date_format,
        args.dayfirst,
        args.crs,
        on_error="skip" if args.skip_bad_rows else "raise",
    )
    if len(events) == 0:
        raise AnalysisError(f"{args.file} holds no events")
    if args.boundary:
        where = None
        if args.boundary_where:
            prop, _, values = args.boundary_where.partition("=")
            if not prop or not values:
                raise AnalysisError("--boundary-where must look like PROPERTY=V1,V2")
            where = {prop.strip(): [v.strip() for v in values.split(",")]}
        grid = Grid.from_boundary(load_boundary(args.boundary, events.frame, where), events.frame, args.cell)
    else:
        grid = Grid.from_events(events, args.cell)
    return events, grid


def _input_info(args: argparse.Namespace, events: Events) -> dict[str, Any]:
    return {
        "file": str(args.file),
        "crs": args.crs,
        "metric_crs": events.frame.metric_crs,
        "events": len(events),
        "skipped_rows": events.meta.get("skipped", 0),
        "cell_m": args.cell,
        "boundary": args.boundary,
    }


def _machine() -> dict[str, Any]:
    return {"python": platform.python_version(), "numpy": np.__version__, "platform": platform.platform()}


def _write(result: dict[str, Any], out: str) -> dict[str, Any]:
    path = Path(out)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise AnalysisError(f"cannot write {out}: {exc}")
    return result


# ------------------------------------------------------------------------------------- commands
def main_backtest(argv: Sequence[str]) -> dict[str, Any]:
    """``backtest FILE --x --y --date [--date-format|--dayfirst] --crs [--cell 250] [--boundary]
    --start --end [--methods ...] [--coverage 1,2,5,10,20] --out FILE.json``."""
    p = _parser("backtest", "Rolling-origin backtest of forecasting methods.", 250.0)
    p.add_argument("--start", required=True, help="first day forecast (YYYY-MM-DD)")
    p.add_argument("--end", required=True, help="last day forecast (YYYY-MM-DD)")
    p.add_argument(
        "--methods", default="naive,kde,promap,sepp,auto", help="comma-separated; naive always runs"
    )
    p.add_argument("--coverage", default="1,2,5,10,20", help="percentages of domain cells flagged")
    args = p.parse_args(list(argv))
    start, end = _date(args.start, "--start"), _date(args.end, "--end")
    if start > end:
        raise AnalysisError(f"--start {args.start} is after --end {args.end}")
    methods = [m.strip() for m in args.methods.split(",") if m.strip()]
    unknown = [m for m in methods if m not in METHODS]
    if unknown or not methods:
        raise AnalysisError(
            f"unknown method(s) {unknown or args.methods!r}; choose from {', '.join(METHODS)}"
        )
    coverages = _numbers(args.coverage, "--coverage")
    t0 = time.perf_counter()
    events, grid = _load(args)
    result = backtest(events, grid, start, end, methods, coverages)
    result["input"] = _input_info(args, events)
    result["seconds_total"] = round(time.perf_counter() - t0, 3)
    result["machine"] = _machine()
    return _write(result, args.out)


def main_knox(argv: Sequence[str]) -> dict[str, Any]:
    """``knox FILE ... --start --end --space-bands 0,100,200,300 --time-bands 2,4 --iterations 99
    [--seed N] [--nrc-compat] --out FILE.json``."""
    p = _parser("knox", "Knox test of near-repeat patterns (Monte-Carlo significance).", 250.0)
    p.add_argument("--start", required=True, help="first event date (YYYY-MM-DD)")
    p.add_argument("--end", required=True, help="last event date (YYYY-MM-DD)")
    p.add_argument("--space-bands", default="0,100,200,300", help="metres; a leading 0 = same location")
    p.add_argument("--time-bands", default="2,4", help="whole days")
    p.add_argument("--iterations", type=int, default=99)
    p.add_argument("--seed", type=int, default=None)
    p.add_argument(
        "--nrc-compat",
        action="store_true",
        help="bin as the Near Repeat Calculator actually does ([a-1, b) instead of the labelled [a, b])",
    )
    args = p.parse_args(list(argv))
    start, end = _date(args.start, "--start"), _date(args.end, "--end")
    if start > end:
        raise AnalysisError(f"--start {args.start} is after --end {args.end}")
    space = [float(v) for v in _numbers(args.space_bands, "--space-bands")]
    times = [float(v) for v in _numbers(args.time_bands, "--time-bands")]
    events, grid = _load(args)
    period = events.between(start, end)
    if grid.mask is not None:
        cells = grid.cell_index(period.x, period.y)
        inside = np.zeros(len(period), dtype=bool)
        inside[cells >= 0] = grid.mask[cells[cells >= 0]]
        period = period.subset(inside)
    result = knox_test(period, space, times, args.iterations, args.seed, args.nrc_compat).to_dict()
    result["input"] = _input_info(args, events)
    result["input"].update({"start": args.start, "end": args.end, "events_in_period": len(period)})
    return _write(result, args.out)


def main_patrol_plan(argv: Sequence[str]) -> dict[str, Any]:
    """``patrol-plan FILE ... [--cell 150] --on YYYY-MM-DD --shift 07:00-15:00 --units 4 --hotspots 8
    [--seed N] [--method auto] [--speed 4] --out FILE.json``."""
    p = _parser("patrol-plan", "Hotspot patrol plan for one shift from the forecast for that day.", 150.0)
    p.add_argument("--on", required=True, help="date of the shift (YYYY-MM-DD); data before it is used")
    p.add_argument("--shift", default="07:00-15:00", help="HH:MM-HH:MM local time (may cross midnight)")
    p.add_argument("--units", type=int, default=4)
    p.add_argument("--hotspots", type=int, default=8)
    p.add_argument("--seed", type=int, default=None, help="another seed gives another visit order")
    p.add_argument("--method", default="auto", help=f"forecasting method: {', '.join(METHODS)}")
    p.add_argument("--speed", type=float, default=4.0, help="travel speed in km/h (4 = on foot)")
    args = p.parse_args(list(argv))
    on = _date(args.on, "--on")
    if args.method not in METHODS:
        raise AnalysisError(f"unknown method {args.method!r}; choose from {', '.join(METHODS)}")
    day = dt.date.fromisoformat(args.on.strip())
    shift_start, shift_end = _parse_shift(day, args.shift)
    events, grid = _load(args)
    if not (events.day < on).any():
        raise AnalysisError(f"no events before {args.on}: nothing to forecast from")
    model = make_forecaster(args.method).fit(events, grid)
    risk = model.predict(on)
    plan = plan_patrols(
        risk, grid, args.hotspots, args.units, shift_start, shift_end, args.seed, speed_kmh=args.speed
    )
    result = {
        "date": day.isoformat(),
        **plan,
        "forecast": model.record(on),
        "input": _input_info(args, events),
    }
    return _write(result, args.out)


COMMANDS: dict[str, Callable[[Sequence[str]], dict[str, Any]]] = {
    "backtest": main_backtest,
    "knox": main_knox,
    "patrol-plan": main_patrol_plan,
}


def run(func: Callable[[Sequence[str]], dict[str, Any]], argv: Sequence[str]) -> int:
    """Call a ``main_*`` function; print a short summary, or the error with exit code 2."""
    try:
        result = func(argv)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(_summary(result))
    return 0


def _summary(result: dict[str, Any]) -> str:
    if "methods" in result:
        lines = [f"{result['cells']} cells, {result['events_scored']} events scored; hit rate %:"]
        for name, m in result["methods"].items():
            rates = "  ".join(f"{k}%: {100 * v:.2f}" for k, v in m["hit_rate"].items())
            lines.append(f"  {name:7s} {rates}  ({m['seconds']:.1f} s)")
        return "\n".join(lines)
    if "ratio" in result:
        lines = ["observed / expected:", "  " + " | ".join(["", *result["time_bands"]])]
        for label, row, prow in zip(result["space_bands"], result["ratio"], result["p_value"], strict=True):
            cells = [
                f"{r if r is None else round(r, 2)} (p={pv:.2f})" for r, pv in zip(row, prow, strict=True)
            ]
            lines.append("  " + " | ".join([label, *cells]))
        return "\n".join(lines)
    if "units" in result:
        return "\n".join(
            f"{u['unit']}: {len(u['visits'])} visits to {', '.join(u.get('hotspots', []))}"
            for u in result["units"]
        )
    return json.dumps(result)[:2000]


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m beatbook.analysis COMMAND ...``."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help") or args[0] not in COMMANDS:
        print(f"usage: python -m beatbook.analysis {{{','.join(COMMANDS)}}} ...", file=sys.stderr)
        return 0 if args and args[0] in ("-h", "--help") else 2
    return run(COMMANDS[args[0]], args[1:])
