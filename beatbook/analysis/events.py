"""Loading events (x, y, date) and putting their coordinates in metres.

Everything downstream works in a *metric frame*: coordinates in metres and dates as integer day
numbers (days since 1970-01-01). :class:`CoordinateFrame` records how the input CRS maps to that
frame so results (hotspot centroids...) can be given back in the input CRS's own units:

* a projected CRS in metres is used as it is;
* a projected CRS in feet / US survey feet keeps its projection, with coordinates scaled to metres
  (the axis ``unit_conversion_factor``), so "cells in metres" holds for feet data too;
* a geographic CRS (e.g. EPSG:4326) is projected to the UTM zone holding the data (WGS 84 / UTM).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyproj
from pyproj.exceptions import CRSError

from .dates import date_columns, date_from_parts, days_from_parts
from .errors import AnalysisError

EPOCH = dt.date(1970, 1, 1)


# --------------------------------------------------------------------------------------------- dates
def to_day(value: Any) -> int:
    """Return the day number (days since 1970-01-01) of a date, datetime, ISO string or day number."""
    if isinstance(value, bool):
        raise AnalysisError(f"not a date: {value!r}")
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, dt.datetime):
        return (value.date() - EPOCH).days
    if isinstance(value, dt.date):
        return (value - EPOCH).days
    if isinstance(value, np.datetime64):
        return int(value.astype("datetime64[D]").astype(np.int64))
    if isinstance(value, pd.Timestamp):
        return (value.date() - EPOCH).days
    if isinstance(value, str):
        try:
            return (dt.date.fromisoformat(value.strip()[:10]) - EPOCH).days
        except ValueError:
            raise AnalysisError(f"not an ISO date (YYYY-MM-DD): {value!r}")
    raise AnalysisError(f"not a date: {value!r}")


def day_to_date(day: int) -> dt.date:
    """Inverse of :func:`to_day`."""
    return EPOCH + dt.timedelta(days=int(day))


def parse_dates(
    values: Sequence[Any] | pd.Series,
    date_format: str | None = None,
    dayfirst: bool = False,
    *,
    tz: str | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Parse dates to day numbers.

    Returns ``(days, bad)`` where ``bad`` is a boolean mask of values that could not be parsed.
    ``date_format`` is a ``strptime`` format; ``dayfirst`` reads 01/02/2017 as 1 February;
    otherwise ISO 8601 is expected. Time of day is dropped (analysis is at day resolution) and
    time-zone offsets keep their local wall-clock date.
    ``date_format="epoch"`` reads Unix seconds (UTC); ``"epoch+08:00"`` shifts them to that local
    offset before taking the date. ``date_format="parts"`` reads values ``"YEAR,MONTH,DAY[,HOUR,MINUTE]"``
    (a date held in several columns, joined with commas; see :mod:`.dates`). Time-zone-aware values (e.g. Django's UTC datetimes) are converted
    to ``tz`` (e.g. ``"Asia/Hong_Kong"``) before taking the date; without ``tz`` they keep the wall
    clock of their own offset.
    """
    if date_format and dayfirst:
        raise AnalysisError("give either a date format or dayfirst, not both")
    series = pd.Series(values) if not isinstance(values, pd.Series) else values
    if date_format and date_format.startswith("epoch"):
        return _parse_epoch(series, date_format)
    if date_format == "parts":
        split = series.astype("string").str.split(",", expand=True)
        if split.shape[1] < 3:
            return np.zeros(len(series), dtype=np.int64), np.ones(len(series), dtype=bool)
        return days_from_parts([split[i] for i in range(min(split.shape[1], 5))])
    if series.dtype.kind == "M":
        parsed = series
    elif series.dtype == object and len(series) and all(isinstance(v, dt.date) for v in series.dropna()):
        parsed = _to_datetime(series, tz)
    else:
        text = series.astype("string").str.strip()
        if date_format:
            parsed = _to_datetime(text, tz, format=date_format)
        elif dayfirst:
            # pandas infers one format from the first value and applies it to all, so a row in
            # another layout comes back as NaT and is reported below rather than silently misread.
            parsed = _to_datetime(text, tz, dayfirst=True)
        else:
            parsed = _to_datetime(text, tz, format="ISO8601")
    if getattr(parsed.dt, "tz", None) is not None:
        if tz is not None:
            try:
                parsed = parsed.dt.tz_convert(tz)
            except Exception as exc:  # noqa: BLE001 - pytz/zoneinfo raise various types
                raise AnalysisError(f"unknown time zone {tz!r}: {exc}")
        parsed = parsed.dt.tz_localize(None)
    bad = parsed.isna().to_numpy()
    days = np.zeros(len(parsed), dtype=np.int64)
    ok = ~bad
    if ok.any():
        days[ok] = parsed[ok].to_numpy().astype("datetime64[D]").astype(np.int64)
    return days, bad


def _to_datetime(values: pd.Series, tz: str | None, **kwargs: Any) -> pd.Series:
    """``pd.to_datetime`` with errors as NaT; mixed UTC offsets need ``tz`` to pick the local zone."""
    mixed = False
    try:
        parsed = pd.to_datetime(values, errors="coerce", **kwargs)
    except ValueError as exc:
        if "mixed" not in str(exc).lower():
            raise AnalysisError(f"cannot read dates: {exc}")
        mixed = True
    if mixed or parsed.dtype == object:
        # Values with different UTC offsets: only a named time zone gives them one local calendar.
        if tz is None:
            raise AnalysisError("dates carry different UTC offsets: give tz to choose the local time zone")
        parsed = pd.to_datetime(values, errors="coerce", utc=True, **kwargs)
    return parsed


def _parse_epoch(series: pd.Series, date_format: str) -> tuple[np.ndarray, np.ndarray]:
    offset = date_format[len("epoch") :]
    seconds = 0
    if offset:
        try:
            sign = -1 if offset[0] == "-" else 1
            if offset[0] not in "+-":
                raise ValueError(offset)
            hh, mm = offset[1:].split(":")
            seconds = sign * (int(hh) * 3600 + int(mm) * 60)
        except ValueError:
            raise AnalysisError(f"date format {date_format!r}: the offset must look like epoch+08:00")
    num = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    bad = ~np.isfinite(num)
    days = np.zeros(num.size, dtype=np.int64)
    days[~bad] = np.floor((num[~bad] + seconds) / 86400.0).astype(np.int64)
    return days, bad


# ---------------------------------------------------------------------------------------- CRS frame
@lru_cache(maxsize=64)
def _transformer(src: str, dst: str) -> pyproj.Transformer:
    return pyproj.Transformer.from_crs(src, dst, always_xy=True)


def _crs(crs: str) -> pyproj.CRS:
    try:
        return pyproj.CRS.from_user_input(crs)
    except (CRSError, TypeError, ValueError) as exc:
        raise AnalysisError(f"unknown CRS {crs!r}: {exc}")


def utm_epsg(lon: float, lat: float) -> str:
    """The WGS 84 / UTM zone CRS (EPSG:326NN north, 327NN south) holding a longitude/latitude."""
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise AnalysisError(f"longitude/latitude out of range: {lon}, {lat}")
    zone = min(int((lon + 180) // 6) + 1, 60)
    return f"EPSG:{(32600 if lat >= 0 else 32700) + zone}"


@dataclass(frozen=True)
class CoordinateFrame:
    """How input coordinates map to the metric working frame.

    ``source_crs`` is the input CRS as given; ``metric_crs`` the CRS whose coordinates the analysis
    uses after multiplying by ``scale`` (metres per input unit; 1 for metric CRSs). For geographic
    input, ``metric_crs`` is a UTM zone and ``scale`` is 1.
    """

    source_crs: str
    metric_crs: str
    scale: float = 1.0
    geographic: bool = False

    @classmethod
    def for_crs(cls, crs: str, lon_lat_hint: tuple[float, float] | None = None) -> CoordinateFrame:
        """Build the frame for ``crs``. A geographic CRS needs a lon/lat hint to pick the UTM zone."""
        parsed = _crs(crs)
        name = crs if isinstance(crs, str) else parsed.to_string()
        if parsed.is_geographic:
            if lon_lat_hint is None:
                raise AnalysisError(f"{name} is geographic: need data or a boundary to choose a UTM zone")
            return cls(name, utm_epsg(*lon_lat_hint), 1.0, True)
        if not parsed.is_projected:
            raise AnalysisError(f"CRS {name!r} is neither projected nor geographic")
        factor = parsed.axis_info[0].unit_conversion_factor if parsed.axis_info else 1.0
        return cls(name, name, float(factor or 1.0), False)

    def to_metric(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Input-CRS coordinates (x = easting/longitude) to metric coordinates."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        if self.geographic:
            mx, my = _transformer(self.source_crs, self.metric_crs).transform(x, y)
            return np.asarray(mx, dtype=float), np.asarray(my, dtype=float)
        return x * self.scale, y * self.scale

    def from_metric(self, mx: np.ndarray, my: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Metric coordinates back to the input CRS's own units."""
        mx = np.asarray(mx, dtype=float)
        my = np.asarray(my, dtype=float)
        if self.geographic:
            x, y = _transformer(self.metric_crs, self.source_crs).transform(mx, my)
            return np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        return mx / self.scale, my / self.scale

    def from_wgs84(self, lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """WGS 84 longitude/latitude (GeoJSON, RFC 7946) to metric coordinates."""
        mx, my = _transformer("EPSG:4326", self.metric_crs).transform(
            np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
        )
        mx, my = np.asarray(mx, dtype=float), np.asarray(my, dtype=float)
        return (mx, my) if self.geographic else (mx * self.scale, my * self.scale)

    def to_dict(self) -> dict[str, Any]:
        """JSON-friendly description."""
        return {"source_crs": self.source_crs, "metric_crs": self.metric_crs, "scale_to_metres": self.scale}


# ------------------------------------------------------------------------------------------- events
@dataclass(frozen=True, eq=False)
class Events:
    """Point events in the metric frame: ``x``, ``y`` in metres and ``day`` as day numbers."""

    x: np.ndarray
    y: np.ndarray
    day: np.ndarray
    frame: CoordinateFrame
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not (len(self.x) == len(self.y) == len(self.day)):
            raise AnalysisError("x, y and dates must have the same length")

    def __len__(self) -> int:
        return len(self.x)

    def subset(self, mask: np.ndarray) -> Events:
        """Events where ``mask`` is true."""
        return Events(self.x[mask], self.y[mask], self.day[mask], self.frame, dict(self.meta))

    def between(self, start: Any = None, end: Any = None) -> Events:
        """Events with ``start <= date <= end`` (either bound may be None)."""
        mask = np.ones(len(self), dtype=bool)
        if start is not None:
            mask &= self.day >= to_day(start)
        if end is not None:
            mask &= self.day <= to_day(end)
        return self.subset(mask)

    def date_range(self) -> tuple[dt.date, dt.date] | None:
        """First and last event date, or None when empty."""
        if len(self) == 0:
            return None
        return day_to_date(self.day.min()), day_to_date(self.day.max())


def _numbers(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    num = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float)
    return num, ~np.isfinite(num)


def _events_from_columns(
    xs: pd.Series,
    ys: pd.Series,
    dates: pd.Series,
    crs: str,
    date_format: str | None,
    dayfirst: bool,
    labels: tuple[str, str, str],
    where: str,
    first_line: int,
    on_error: str,
    meta: dict[str, Any],
    frame: CoordinateFrame | None = None,
    tz: str | None = None,
) -> Events:
    if on_error not in ("raise", "skip"):
        raise AnalysisError(f"on_error must be 'raise' or 'skip', not {on_error!r}")
    x, bad_x = _numbers(xs)
    y, bad_y = _numbers(ys)
    day, bad_d = parse_dates(dates, date_format, dayfirst, tz=tz)
    bad = bad_x | bad_y | bad_d
    if bad.any() and on_error == "raise":
        i = int(np.flatnonzero(bad)[0])
        col, raw = (
            (labels[0], xs.iloc[i])
            if bad_x[i]
            else (labels[1], ys.iloc[i])
            if bad_y[i]
            else (labels[2], dates.iloc[i])
        )
        what = "a number" if col != labels[2] else _date_expectation(date_format, dayfirst)
        if col == labels[2] and date_format == "parts":
            try:
                date_from_parts(str(raw).split(","))
            except AnalysisError as exc:
                what = f"a date ({exc})"
        raise AnalysisError(
            f"{where} {i + first_line}: {col} value {raw!r} is not {what}"
            f" ({int(bad.sum())} bad row(s) in all)"
        )
    lines = (np.flatnonzero(bad) + first_line).tolist()
    keep = ~bad
    x, y, day = x[keep], y[keep], day[keep]
    hint = None
    if _crs(crs).is_geographic:
        if np.any(np.abs(x) > 180) or np.any(np.abs(y) > 90):
            raise AnalysisError(f"coordinates out of longitude/latitude range for {crs}")
        if frame is None and len(x) == 0:
            raise AnalysisError("no events: cannot choose a UTM zone for geographic coordinates")
        if len(x):
            hint = (float(np.median(x)), float(np.median(y)))
    if frame is None:
        frame = CoordinateFrame.for_crs(crs, hint)
    elif _crs(frame.source_crs) != _crs(crs):
        # The caller's frame (e.g. a grid's) wins so events and grid share one metric frame.
        raise AnalysisError(f"events are in {crs} but the frame expects {frame.source_crs}")
    mx, my = frame.to_metric(x, y)
    meta = dict(meta, skipped_lines=lines[:1000], skipped=len(lines))
    return Events(mx, my, day.astype(np.int64), frame, meta)


def _date_expectation(date_format: str | None, dayfirst: bool) -> str:
    if date_format and date_format.startswith("epoch"):
        return "a Unix time in seconds"
    if date_format == "parts":
        return "a date (year, month, day[, hour, minute])"
    if date_format:
        return f"a date in format {date_format!r}"
    return "a dd/mm/yyyy date" if dayfirst else "an ISO 8601 date (YYYY-MM-DD)"


def load_events(
    path: str | Path,
    x_col: str,
    y_col: str,
    date_col: str,
    date_format: str | None = None,
    dayfirst: bool = False,
    crs: str = "EPSG:2326",
    *,
    on_error: str = "raise",
    frame: CoordinateFrame | None = None,
    tz: str | None = None,
) -> Events:
    """Read a CSV (optionally .gz) of events into the metric frame.

    ``x_col``/``y_col`` hold coordinates in ``crs`` (x = easting or longitude), ``date_col`` the date
    (see :func:`parse_dates`), or 3-5 comma-separated columns ``"YEAR,MONTH,DAY[,HOUR,MINUTE]"``
    holding a date in parts (then give no ``date_format`` or ``dayfirst``). A bad row raises :class:`AnalysisError` naming its file line (the
    header is line 1) unless ``on_error="skip"``, which drops such rows and lists them in
    ``events.meta["skipped_lines"]``.
    """
    path = Path(path)
    _crs(crs)  # fail on an unknown CRS before reading a large file
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""])
    except FileNotFoundError:
        raise AnalysisError(f"no such file: {path}")
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise AnalysisError(f"cannot read {path} as CSV: {exc}")
    dcols = date_columns(date_col)
    missing = [c for c in (x_col, y_col, *dcols) if c not in table.columns]
    if missing:
        raise AnalysisError(
            f"{path.name}: no column {', '.join(repr(m) for m in missing)}; columns are {list(table.columns)}"
        )
    dates = table[dcols[0]]
    if len(dcols) > 1:
        if date_format or dayfirst:
            raise AnalysisError("a date from several columns takes no date format or dayfirst")
        date_format = "parts"
        dates = dates.str.cat([table[c] for c in dcols[1:]], sep=",", na_rep="")
    return _events_from_columns(
        table[x_col],
        table[y_col],
        dates,
        crs,
        date_format,
        dayfirst,
        (x_col, y_col, date_col),
        f"{path.name} line",
        2,
        on_error,
        {"source": str(path)},
        frame,
        tz,
    )


def events_from_arrays(
    xs: Iterable[Any],
    ys: Iterable[Any],
    dates: Iterable[Any],
    crs: str = "EPSG:2326",
    date_format: str | None = None,
    dayfirst: bool = False,
    *,
    on_error: str = "raise",
    frame: CoordinateFrame | None = None,
    tz: str | None = None,
) -> Events:
    """Build :class:`Events` from in-memory sequences (e.g. columns from the Django database).

    ``dates`` may hold ``date``/``datetime`` objects, ``numpy.datetime64`` or strings. Errors name
    the 0-based row index. ``frame`` (e.g. ``grid.frame``) forces the metric frame so events and
    a grid built elsewhere agree. ``tz`` converts time-zone-aware datetimes to local dates.
    """
    xs_s, ys_s, ds_s = pd.Series(list(xs)), pd.Series(list(ys)), pd.Series(list(dates))
    if not (len(xs_s) == len(ys_s) == len(ds_s)):
        raise AnalysisError(f"xs, ys and dates differ in length ({len(xs_s)}, {len(ys_s)}, {len(ds_s)})")
    return _events_from_columns(
        xs_s,
        ys_s,
        ds_s,
        crs,
        date_format,
        dayfirst,
        ("x", "y", "date"),
        "row",
        0,
        on_error,
        {"source": "arrays"},
        frame,
        tz,
    )
