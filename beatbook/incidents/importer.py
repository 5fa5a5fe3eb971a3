"""CSV import of incidents: column mapping and presets, every bad row reported, all or nothing, fast.

The file is read once with the ``csv`` module. Rows are parsed and checked one by one (a bad row is
reported with its file line number and the reason, and reading goes on so that every bad row is
reported), then handled in chunks: coordinates are transformed with one vectorised pyproj call per
chunk and the rows are written with one multi-row ``executemany`` per chunk inside a single
transaction. If any row is bad, the transaction is rolled back and nothing is imported.

One audit entry (``import``) records each import with its counts (bulk writes bypass the per-record
signals by design).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import time
from collections.abc import Callable, Generator
from dataclasses import asdict, dataclass, field, fields
from math import isfinite
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from beatbook.analysis.dates import date_columns, date_from_parts
from beatbook.core.models import HandlingCode

from .models import HK1980_GRID, Category, ImportBatch, Incident

CHUNK = 50_000
OPTIONAL_COLUMNS = ("date_to", "reference", "premises", "description", "handling_code")
MAX_STORED_ERRORS = 100_000
WGS84 = 4326


class ImportRefused(Exception):
    """The import was refused as a whole (bad mapping or bad rows); ``batch`` says why."""

    def __init__(self, message: str, batch: ImportBatch | None = None):
        super().__init__(message)
        self.batch = batch


@dataclass
class ColumnMapping:
    """Which CSV column holds what, and how to read it. Empty column names mean "not in the file"."""

    date: str = "occurred_from"
    date_to: str = ""
    x: str = ""
    y: str = ""
    lat: str = ""
    lon: str = ""
    epsg: int = HK1980_GRID
    category: str = "category"
    category_default: str = ""
    category_map: dict[str, str] = field(default_factory=dict)
    category_fallback: str = ""
    reference: str = ""
    premises: str = ""
    description: str = ""
    handling_code: str = ""
    date_format: str = ""
    dayfirst: bool = False
    timezone: str = ""
    source: str = "import"

    def columns(self) -> list[str]:
        return [
            c
            for c in (
                *_date_columns(self.date),
                self.date_to,
                self.x,
                self.y,
                self.lat,
                self.lon,
                self.category,
                self.reference,
                self.premises,
                self.description,
                self.handling_code,
            )
            if c
        ]

    def check(self) -> list[str]:
        """Problems with the mapping itself (not with the file)."""
        problems = []
        if not self.date:
            problems.append("a date column is required")
        elif "," in self.date:
            try:
                date_columns(self.date)
            except ValueError as exc:
                problems.append(str(exc))
            if self.date_format or self.dayfirst:
                problems.append("a date from several columns takes no date format or day-first option")
        if not ((self.x and self.y) or (self.lat and self.lon)):
            problems.append("map x and y (with --epsg) or lat and lon")
        if not (self.category or self.category_default):
            problems.append("map a category column or give a default category")
        if self.date_format and self.dayfirst:
            problems.append("give either a date format or day-first dates, not both")
        if not self.source.strip():
            problems.append("a source name is required (reference numbers are unique per source)")
        try:
            ZoneInfo(self.timezone or settings.TIME_ZONE)
        except Exception:
            problems.append(f"unknown time zone {self.timezone!r}")
        return problems

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ColumnMapping:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names})


CHICAGO_PRIMARY_TYPES = {
    "ROBBERY": "robbery",
    "BURGLARY": "burglary",
    "THEFT": "theft",
    "MOTOR VEHICLE THEFT": "theft",
    "DECEPTIVE PRACTICE": "deception",
    "BATTERY": "wounding",
    "ASSAULT": "wounding",
    "HOMICIDE": "wounding",
    "NARCOTICS": "drugs",
    "OTHER NARCOTIC VIOLATION": "drugs",
    "CRIMINAL DAMAGE": "criminal_damage",
    "PUBLIC PEACE VIOLATION": "public_order",
    "CRIM SEXUAL ASSAULT": "sexual",
    "CRIMINAL SEXUAL ASSAULT": "sexual",
    "SEX OFFENSE": "sexual",
}

PRESETS: dict[str, dict[str, Any]] = {
    # Beatbook's own export / the documented default layout.
    "beatbook": {
        "date": "occurred_from",
        "date_to": "occurred_to",
        "lat": "lat",
        "lon": "lon",
        "category": "category",
        "reference": "reference",
        "premises": "premises",
        "handling_code": "handling_code",
        "source": "import",
    },
    # Chicago data portal "Crimes - 2001 to Present" CSV export (X/Y Coordinate: Illinois East, US feet).
    "chicago-portal": {
        "date": "Date",
        "x": "X Coordinate",
        "y": "Y Coordinate",
        "epsg": 3435,
        "category": "Primary Type",
        "category_map": CHICAGO_PRIMARY_TYPES,
        "category_fallback": "other",
        "reference": "Case Number",
        "premises": "Location Description",
        "description": "Description",
        "date_format": "%m/%d/%Y %I:%M:%S %p",
        "timezone": "America/Chicago",
        "source": "chicago-portal",
    },
    # ../shared/data/chicago/chicago_burglary_2014_2017.csv: x,y (EPSG:26971 metres), dd/mm/YYYY.
    "chicago-xy": {
        "date": "date_single",
        "x": "x",
        "y": "y",
        "epsg": 26971,
        "category": "",
        "category_default": "burglary",
        "dayfirst": True,
        "timezone": "America/Chicago",
        "source": "chicago-nearrepeat",
    },
}


def mapping_for(preset: str | None = None, **overrides: Any) -> ColumnMapping:
    """A mapping from a preset (default: ``beatbook``) with explicit options overriding it."""
    if preset and preset not in PRESETS:
        raise ImportRefused(f"unknown preset {preset!r}; presets are {', '.join(sorted(PRESETS))}")
    data = dict(PRESETS[preset or "beatbook"])
    data.update({k: v for k, v in overrides.items() if v is not None})
    return ColumnMapping.from_dict(data)


# ------------------------------------------------------------------------------------ projection
def _transformer(src: int, dst: int):
    from pyproj import Transformer

    return Transformer.from_crs(src, dst, always_xy=True)


_TRANSFORMERS: dict[tuple[int, int], Any] = {}


def transformer(src: int, dst: int):
    """Cached always-xy pyproj transformer between two EPSG codes."""
    key = (src, dst)
    if key not in _TRANSFORMERS:
        _TRANSFORMERS[key] = _transformer(src, dst)
    return _TRANSFORMERS[key]


def check_epsg(epsg: int) -> str | None:
    """None when ``epsg`` is a usable projected CRS, else the reason."""
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        crs = CRS.from_epsg(int(epsg))
    except (CRSError, ValueError, TypeError):
        return f"EPSG:{epsg} is not a known coordinate reference system"
    if not crs.is_projected:
        return f"EPSG:{epsg} is not a projected CRS; give lat/lon columns for WGS84 data"
    return None


def _ytm_boundaries():
    from beatbook.geo import load_boundaries

    return load_boundaries()


def constituency_codes(lons: np.ndarray, lats: np.ndarray) -> list[str]:
    """2019 constituency code (E01..E20) of each WGS84 point in Yau Tsim Mong, '' elsewhere."""
    import shapely

    codes = np.full(len(lons), "", dtype=object)
    if len(lons) == 0:
        return list(codes)
    ok = (
        np.isfinite(lons)
        & np.isfinite(lats)
        & (lons > 114.14)
        & (lons < 114.20)
        & (lats > 22.28)
        & (lats < 22.34)
    )
    if ok.any():
        for code, polygon in _ytm_boundaries().items():
            shapely.prepare(polygon)
            inside = ok & shapely.contains_xy(polygon, np.where(ok, lons, 0.0), np.where(ok, lats, 0.0))
            codes[inside] = code
    return list(codes)


def project_points(lons, lats, epsg: int = HK1980_GRID) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """WGS84 lon/lat -> (x, y) in ``epsg`` plus the constituency code of each point."""
    lons = np.asarray(lons, dtype=float)
    lats = np.asarray(lats, dtype=float)
    xs, ys = transformer(WGS84, int(epsg)).transform(lons, lats)
    return np.asarray(xs, dtype=float), np.asarray(ys, dtype=float), constituency_codes(lons, lats)


# --------------------------------------------------------------------------------------- dates
def _date_columns(spec: str) -> list[str]:
    """The date column, or YEAR,MONTH,DAY[,HOUR,MINUTE] columns (an invalid list is reported by check())."""
    try:
        return date_columns(spec) if spec else []
    except ValueError:
        return [spec]


class _DateParser:
    """Fast date parsing with a cache (crime data repeats the same dates and times a lot)."""

    def __init__(self, mapping: ColumnMapping):
        self.tz = ZoneInfo(mapping.timezone or settings.TIME_ZONE)
        self.fmt = mapping.date_format
        self.dayfirst = mapping.dayfirst
        self.parts = len(_date_columns(mapping.date)) > 1
        self.cache: dict[str, dt.datetime] = {}

    def expectation(self) -> str:
        if self.parts:
            return "a date from year, month, day[, hour, minute]"
        if self.fmt:
            return f"a date in the format {self.fmt}"
        return "a dd/mm/yyyy date" if self.dayfirst else "an ISO date (YYYY-MM-DD[ HH:MM[:SS]])"

    def __call__(self, text: str) -> dt.datetime:
        value = self.cache.get(text)
        if value is not None:
            return value
        stripped = text.strip()
        if not stripped:
            raise ValueError("the date is empty")
        if self.parts:  # a date from YEAR,MONTH,DAY[,HOUR,MINUTE] columns (see _RowParser)
            parsed = date_from_parts(stripped.split(","))
        elif self.fmt:
            parsed = dt.datetime.strptime(stripped, self.fmt)
        elif self.dayfirst:
            day_part, _sep, time_part = stripped.partition(" ")
            d, m, y = day_part.replace("-", "/").replace(".", "/").split("/")
            parsed = dt.datetime(int(y), int(m), int(d))
            if time_part:
                t = dt.time.fromisoformat(time_part.strip())
                parsed = parsed.replace(hour=t.hour, minute=t.minute, second=t.second)
        else:
            parsed = dt.datetime.fromisoformat(stripped.replace("Z", "+00:00"))
        if not 1900 <= parsed.year <= 2100:
            raise ValueError(f"year {parsed.year} is out of range")
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=self.tz)
        if len(self.cache) < 500_000:
            self.cache[text] = parsed
        return parsed


# -------------------------------------------------------------------------------------- import
@dataclass
class ImportResult:
    batch: ImportBatch
    rows_read: int
    imported: int
    errors: list[tuple[int, str]]
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.errors


def count_rows(path: Path) -> int:
    """Data rows in a CSV (newlines minus the header), for the progress bar; quoted newlines are rare."""
    total = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 22):
            total += block.count(b"\n")
    return max(total - 1, 0)


def _categories() -> dict[str, Category]:
    table: dict[str, Category] = {}
    for cat in Category.objects.all():
        for key in (cat.code, cat.name_en, cat.name_zh):
            if key:
                table[key.strip().lower()] = cat
    return table


def import_csv(
    path: str | Path,
    mapping: ColumnMapping,
    *,
    progress: Callable[[int], None] | None = None,
    **options,
) -> ImportResult:
    """Import incidents from ``path``; all rows or none. Raises :class:`ImportRefused` on any bad row.

    ``progress(n)`` is called with the number of rows read since the last call (for a progress bar).
    The refusal's ``batch`` lists every bad row as ``(line, reason)`` (the header is line 1). Options:
    ``user``, ``filename``, ``preset``, ``handling_code``, ``is_synthetic`` (see :func:`iter_import`).
    """
    steps = iter_import(path, mapping, **options)
    while True:
        try:
            rows = next(steps)
        except StopIteration as done:
            return done.value
        if progress:
            progress(rows)


def iter_import(
    path: str | Path,
    mapping: ColumnMapping,
    *,
    user=None,
    filename: str = "",
    preset: str = "",
    handling_code: str = HandlingCode.NORMAL,
    is_synthetic: bool = False,
) -> Generator[int, None, ImportResult]:
    """The import as a generator: yields the rows read per chunk (to stream progress), returns the result.

    The whole import is one transaction that stays open across the yields, so consume it to the end in
    the same thread (as :func:`import_csv` and the streaming upload page do).
    """
    from beatbook.audit import recorder
    from beatbook.audit.models import AuditAction

    path = Path(path)
    started = time.perf_counter()
    problems = mapping.check()
    if not problems and (mapping.x and mapping.y):
        reason = check_epsg(mapping.epsg)
        if reason:
            problems.append(reason)
    batch = ImportBatch.objects.create(
        source=mapping.source[:80],
        filename=(filename or path.name)[:255],
        preset=preset[:40],
        mapping=mapping.as_dict(),
        imported_by=user,
        handling_code=handling_code,
        is_synthetic=is_synthetic,
    )
    if problems:
        return _refuse(batch, [(0, p) for p in problems], 0, started, "the column mapping is not usable")
    errors: list[tuple[int, str]] = []
    rows_read = 0
    imported = 0
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed in finally)
    except OSError as exc:
        return _refuse(batch, [(0, f"cannot open the file: {exc}")], 0, started, "cannot open the file")
    try:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            return _refuse(batch, [(1, "the file is empty")], 0, started, "the file is empty")
        except (csv.Error, UnicodeDecodeError) as exc:
            return _refuse(
                batch, [(1, f"not a readable CSV file: {exc}")], 0, started, "not a readable CSV file"
            )
        header = [h.strip() for h in header]
        # Optional columns a preset names but the file lacks are simply not read.
        for name in OPTIONAL_COLUMNS:
            if getattr(mapping, name) and getattr(mapping, name) not in header:
                setattr(mapping, name, "")
        missing = [c for c in mapping.columns() if c not in header]
        if missing:
            msg = f"no column {', '.join(repr(m) for m in missing)} in the header; columns are {header}"
            return _refuse(batch, [(1, msg)], 0, started, msg)
        _tune_sqlite()
        with transaction.atomic():
            writer = _Writer(batch, mapping, handling_code, is_synthetic)
            chunk = _Chunk()
            parse_row = _RowParser(header, mapping, writer)
            line = 1
            try:
                for row in reader:
                    line = reader.line_num
                    rows_read += 1
                    reason = parse_row(row, chunk, line)
                    if reason:
                        errors.append((line, reason))
                    if len(chunk) >= CHUNK:
                        errors.extend(writer.flush(chunk, write=not errors))
                        if not errors:
                            imported += len(chunk)
                        chunk = _Chunk()
                        yield CHUNK
            except (csv.Error, UnicodeDecodeError) as exc:
                errors.append((line + 1, f"the file cannot be read past this line: {exc}"))
            if len(chunk):
                errors.extend(writer.flush(chunk, write=not errors))
                if not errors:
                    imported += len(chunk)
                yield len(chunk)
            if rows_read == 0:
                errors.append((2, "the file has a header but no rows"))
            if errors:
                transaction.set_rollback(True)
    finally:
        handle.close()
    if errors:
        errors.sort()
        return _refuse(batch, errors, rows_read, started, f"{len(errors)} bad row(s); nothing was imported")
    seconds = time.perf_counter() - started
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.DONE, rows_read=rows_read, rows_imported=imported, seconds=round(seconds, 2)
    )
    batch.refresh_from_db()
    recorder.record(
        AuditAction.IMPORT,
        batch,
        after={
            "rows_read": rows_read,
            "rows_imported": imported,
            "source": batch.source,
            "file": batch.filename,
        },
    )
    return ImportResult(batch, rows_read, imported, [], seconds)


def _tune_sqlite() -> None:
    """A large page cache for this connection: index pages of a big table stay in memory while writing."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -400000")  # KiB: up to about 400 MB for this connection


def _refuse(batch: ImportBatch, errors, rows_read: int, started: float, message: str):
    from beatbook.audit import recorder
    from beatbook.audit.models import AuditAction

    seconds = time.perf_counter() - started
    stored = [[line, reason] for line, reason in errors[:MAX_STORED_ERRORS]]
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportBatch.Status.FAILED,
        rows_read=rows_read,
        rows_imported=0,
        errors=stored,
        error_count=len(errors),
        seconds=round(seconds, 2),
    )
    batch.refresh_from_db()
    recorder.record(
        AuditAction.IMPORT,
        batch,
        after={"rows_read": rows_read, "rows_imported": 0, "bad_rows": len(errors), "refused": True},
    )
    exc = ImportRefused(message, batch)
    exc.errors = errors
    raise exc


class _Chunk:
    """Column lists of the good rows of one chunk, before projection."""

    __slots__ = ("lines", "cat", "start", "end", "a", "b", "ref", "premises", "desc", "hc")

    def __init__(self):
        for name in self.__slots__:
            setattr(self, name, [])

    def __len__(self) -> int:
        return len(self.lines)


class _RowParser:
    def __init__(self, header: list[str], mapping: ColumnMapping, writer: _Writer):
        idx = {name: i for i, name in enumerate(header)}
        self.n = len(header)
        self.mapping = mapping
        self.use_xy = bool(mapping.x and mapping.y)
        self.ia = idx[mapping.x] if self.use_xy else idx[mapping.lon]
        self.ib = idx[mapping.y] if self.use_xy else idx[mapping.lat]
        self.idate = [idx[c] for c in _date_columns(mapping.date)]
        self.idate_to = idx.get(mapping.date_to) if mapping.date_to else None
        self.icat = idx.get(mapping.category) if mapping.category else None
        self.iref = idx.get(mapping.reference) if mapping.reference else None
        self.iprem = idx.get(mapping.premises) if mapping.premises else None
        self.idesc = idx.get(mapping.description) if mapping.description else None
        self.ihc = idx.get(mapping.handling_code) if mapping.handling_code else None
        self.dates = _DateParser(mapping)
        self.categories = _categories()
        self.cat_map = {k.strip().lower(): v.strip().lower() for k, v in (mapping.category_map or {}).items()}
        self.default_cat = self._category(mapping.category_default) if mapping.category_default else None
        self.fallback_cat = self._category(mapping.category_fallback) if mapping.category_fallback else None
        if mapping.category_default and self.default_cat is None:
            raise ImportRefused(f"unknown default category {mapping.category_default!r}")
        self.seen_refs: set[str] = set()
        self.existing_refs: set[str] = set()
        if self.iref is not None:
            self.existing_refs = set(
                Incident.objects.filter(source=mapping.source)
                .exclude(reference="")
                .values_list("reference", flat=True)
            )

    def _category(self, value: str):
        key = value.strip().lower()
        key = self.cat_map.get(key, key)
        return self.categories.get(key)

    def __call__(self, row: list[str], chunk: _Chunk, line: int) -> str | None:
        if len(row) != self.n:
            if not any(cell.strip() for cell in row):
                return "empty row"
            return f"expected {self.n} fields, found {len(row)}"
        raw_a, raw_b = row[self.ia].strip(), row[self.ib].strip()
        try:
            a, b = float(raw_a), float(raw_b)
        except ValueError:
            what = "x/y" if self.use_xy else "lon/lat"
            return f"{what} must be numbers, got {raw_a[:30]!r}, {raw_b[:30]!r}"
        if not (isfinite(a) and isfinite(b)):
            return "coordinates must be finite numbers"
        if not self.use_xy and not (-180 <= a <= 180 and -90 <= b <= 90):
            return f"({a}, {b}) is not a longitude/latitude"
        raw_date = ",".join(row[i] for i in self.idate)
        try:
            start = self.dates(raw_date)
        except (ValueError, TypeError) as exc:
            return f"{self.mapping.date}: {raw_date[:40]!r} is not {self.dates.expectation()} ({exc})"
        end = None
        if self.idate_to is not None and row[self.idate_to].strip():
            raw_to = row[self.idate_to]
            try:
                end = self.dates(raw_to)
            except (ValueError, TypeError) as exc:
                return f"{self.mapping.date_to}: {raw_to[:40]!r} is not {self.dates.expectation()} ({exc})"
            if end < start:
                return f"the window ends ({raw_to.strip()}) before it starts ({raw_date.strip()})"
        if self.icat is not None and row[self.icat].strip():
            value = row[self.icat]
            category = self._category(value) or self.fallback_cat
            if category is None:
                return f"unknown category {value.strip()[:40]!r}"
        elif self.default_cat is not None:
            category = self.default_cat
        else:
            return "the category is empty"
        ref = ""
        if self.iref is not None:
            ref = row[self.iref].strip()
            if len(ref) > 60:
                return "the reference number is longer than 60 characters"
            if ref:
                if ref in self.seen_refs:
                    return f"reference {ref!r} appears more than once in the file"
                if ref in self.existing_refs:
                    return f"reference {ref!r} was already imported from source {self.mapping.source!r}"
                self.seen_refs.add(ref)
        hc = HandlingCode.NORMAL
        if self.ihc is not None:
            raw_hc = row[self.ihc].strip().lower()
            if raw_hc in ("restricted", "限閱"):
                hc = HandlingCode.RESTRICTED
            elif raw_hc not in ("", "normal"):
                return f"handling code must be 'normal' or 'restricted', got {raw_hc[:20]!r}"
        chunk.lines.append(line)
        chunk.cat.append(category.pk)
        chunk.start.append(start)
        chunk.end.append(end)
        chunk.a.append(a)
        chunk.b.append(b)
        chunk.ref.append(ref)
        chunk.premises.append(row[self.iprem].strip()[:80] if self.iprem is not None else "")
        chunk.desc.append(row[self.idesc].strip() if self.idesc is not None else "")
        chunk.hc.append(hc)
        return None


def _fast_sqlite_datetime(value: dt.datetime) -> str:
    """What Django's SQLite backend stores for an aware datetime (naive UTC text), without its overhead."""
    return value.astimezone(dt.UTC).replace(tzinfo=None).isoformat(" ")


class _Writer:
    """Projects a chunk with one pyproj call and writes it with one executemany."""

    COLUMNS = [
        "created_at",
        "updated_at",
        "handling_code",
        "is_synthetic",
        "category_id",
        "occurred_from",
        "occurred_to",
        "lat",
        "lon",
        "x",
        "y",
        "epsg",
        "dcca",
        "premises",
        "reference",
        "source",
        "description",
        "batch_id",
    ]

    def __init__(self, batch: ImportBatch, mapping: ColumnMapping, handling_code: str, is_synthetic: bool):
        self.batch = batch
        self.mapping = mapping
        self.handling_code = handling_code
        self.is_synthetic = is_synthetic
        table = connection.ops.quote_name(Incident._meta.db_table)
        cols = ", ".join(connection.ops.quote_name(c) for c in self.COLUMNS)
        marks = ", ".join(["%s"] * len(self.COLUMNS))
        self.sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"  # noqa: S608 (names from the model)
        self.adapt = (
            _fast_sqlite_datetime
            if connection.vendor == "sqlite"
            else connection.ops.adapt_datetimefield_value
        )
        self.now = self.adapt(timezone.now())

    def flush(self, chunk: _Chunk, write: bool) -> list[tuple[int, str]]:
        a = np.asarray(chunk.a, dtype=float)
        b = np.asarray(chunk.b, dtype=float)
        if self.mapping.x and self.mapping.y:
            epsg = int(self.mapping.epsg)
            xs, ys = a, b
            lons, lats = transformer(epsg, WGS84).transform(a, b)
            lons, lats = np.asarray(lons, dtype=float), np.asarray(lats, dtype=float)
        else:
            epsg = HK1980_GRID
            lons, lats = a, b
            xs, ys = transformer(WGS84, epsg).transform(a, b)
            xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
        bad = ~(np.isfinite(lons) & np.isfinite(lats) & np.isfinite(xs) & np.isfinite(ys))
        bad |= (np.abs(lats) > 90) | (np.abs(lons) > 180)
        errors = [
            (chunk.lines[i], f"coordinates ({chunk.a[i]}, {chunk.b[i]}) cannot be placed in EPSG:{epsg}")
            for i in np.flatnonzero(bad)
        ]
        if errors or not write:
            return errors
        codes = constituency_codes(lons, lats)
        adapt, now, batch_id, source = self.adapt, self.now, self.batch.pk, self.mapping.source
        synthetic = self.is_synthetic
        default_hc = self.handling_code
        rows = [
            (
                now,
                now,
                default_hc if hc == HandlingCode.NORMAL else hc,
                synthetic,
                cat,
                adapt(start),
                adapt(end) if end is not None else None,
                lat,
                lon,
                x,
                y,
                epsg,
                code,
                prem,
                ref,
                source,
                desc,
                batch_id,
            )
            for cat, start, end, lat, lon, x, y, code, prem, ref, desc, hc in zip(
                chunk.cat,
                chunk.start,
                chunk.end,
                lats.tolist(),
                lons.tolist(),
                xs.tolist(),
                ys.tolist(),
                codes,
                chunk.premises,
                chunk.ref,
                chunk.desc,
                chunk.hc,
                strict=True,
            )
        ]
        with connection.cursor() as cursor:
            cursor.executemany(self.sql, rows)
        return []


def preview(path: str | Path, limit: int = 5) -> tuple[list[str], list[list[str]]]:
    """Header and first rows of a CSV, for the mapping preview page."""
    with open(path, encoding="utf-8-sig", newline="", errors="replace") as handle:
        reader = csv.reader(io.StringIO(handle.read(1 << 20)))
        rows = []
        header: list[str] = []
        for i, row in enumerate(reader):
            if i == 0:
                header = [h.strip() for h in row]
            elif i <= limit:
                rows.append(row)
            else:
                break
    return header, rows


def guess_preset(header: list[str]) -> str:
    """The preset whose columns the header holds (for the preview), else ``beatbook``."""
    for name, preset in PRESETS.items():
        mapping = ColumnMapping.from_dict(preset)
        if all(c in header for c in mapping.columns()):
            return name
    return "beatbook"
