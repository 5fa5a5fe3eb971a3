"""Read the Transport Department (TD) road traffic accident files into clean, typed pandas DataFrames.

The files are the 2014-2019 accident, casualty and vehicle records obtained from the TD and published by
the hkdatasets project (see ``docs/roads-data.md``). The three tables join on the accident ``key``
(``f"{Year}-{Serial_No_}"``).

Every value is validated. A record that cannot be counted (no usable key, an unknown severity or injury
degree, no date) is dropped; a bad optional field is set to null and the record kept. Both are reported
as :class:`BadRow` entries, with the line number in the CSV file (header = line 1), in
``df.attrs["bad_rows"]`` and in one log warning per file, never silently. ``strict=True`` raises
:class:`RecordError` instead.
"""

from __future__ import annotations

import csv
import gzip
import io
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from beatbook.geo.boundaries import HONG_KONG_BBOX

logger = logging.getLogger(__name__)

HK_TZ = "Asia/Hong_Kong"

#: Largest decompressed CSV accepted (the biggest TD file is 40 MB); guards against gzip bombs.
MAX_CSV_BYTES = 512 * 1024 * 1024

SEVERITIES = ("Fatal", "Serious", "Slight")
INJURY_DEGREES = ("Killed", "Seriously Injured", "Slightly Injured")
ROLES = ("Driver", "Passenger", "Pedestrian")
SEXES = ("Male", "Female")

#: TD code for "age not known" (1,278 casualties); read as null, never as an age.
AGE_NOT_KNOWN = 999
MAX_AGE = 120

# HK1980 Grid extent of Hong Kong (metres), with margin; TD writes 0 for "not geocoded".
GRID_E_RANGE = (790_000.0, 875_000.0)
GRID_N_RANGE = (795_000.0, 850_000.0)

_NOT_APPLICABLE_PREFIX = "Not Applicable"
#: Text read as a missing value.
MISSING = ["", "NA", "N/A"]


@dataclass(frozen=True)
class BadRow:
    """One problem found in one record of a TD file."""

    file: str
    line: int  # line number in the CSV file; the header is line 1
    key: str | None  # accident key when it could be read
    column: str
    value: str
    problem: str
    action: str  # "dropped" (record removed), "nulled" (field null), "repaired" or "kept" (value kept, noted)

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.column}={self.value!r}: {self.problem} ({self.action})" + (
            f" [accident {self.key}]" if self.key else ""
        )


class RecordError(ValueError):
    """A TD file is unreadable, lacks columns, or (``strict=True``) holds bad records."""

    def __init__(self, message: str, bad_rows: list[BadRow] | None = None) -> None:
        super().__init__(message)
        self.bad_rows = bad_rows or []


# --- public readers -----------------------------------------------------------------------------------


def read_accidents(path: str | Path, *, strict: bool = False) -> pd.DataFrame:
    """Read the TD accidents file (one row per accident).

    Columns: ``key`` (``"2014-1"``), ``year``, ``serial``, ``occurred_at`` (aware, Asia/Hong_Kong; the file
    holds Unix seconds UTC), ``severity`` (Fatal/Serious/Slight), ``district`` (TD district code, ``YTM`` =
    Yau Tsim Mong), ``lat``, ``lon`` (WGS84), ``grid_e``, ``grid_n`` (HK1980 metres; all four null when the
    TD did not geocode the accident), ``street_name``, ``precise_location``, ``collision_type``,
    ``collision_type_cycle``, ``cycle_type``, ``vehicle_movements``, ``n_vehicles``, ``n_casualties``,
    ``weather``, ``rain``, ``natural_light``, ``at_junction``, ``junction_type``, ``junction_control``,
    ``within_70m``, ``crossing_control``, ``crossing_type``, ``road_type``, ``structure_type``,
    ``road_hierarchy``, ``road_ownership``, ``hit_and_run``.
    """
    reader = _Reader(path, ACCIDENT_SOURCE_COLUMNS)
    raw = reader.frame
    keep = reader.keys()

    seconds = pd.to_numeric(raw["Date_Time"], errors="coerce")
    bad_time = keep & (seconds.isna() | ~np.isfinite(seconds.fillna(0.0)))
    reader.flag(bad_time, "Date_Time", "not a Unix timestamp", "dropped")
    keep &= ~bad_time
    occurred_at = pd.to_datetime(seconds.where(keep), unit="s", utc=True).dt.tz_convert(HK_TZ)

    severity = reader.choice("Severity", SEVERITIES, keep, required=True)
    keep &= severity.notna()

    # A key seen twice would double-count casualties and vehicles: keep the first record only.
    duplicate = keep & reader.key.duplicated(keep="first") & reader.key.notna()
    reader.flag(duplicate, "Serial_No_", "accident key already seen on an earlier line", "dropped")
    keep &= ~duplicate

    year_differs = keep & (occurred_at.dt.year != reader.year)
    reader.flag(year_differs, "Year", "differs from the year of Date_Time (HK time); Year kept", "kept")

    lat, lon = reader.lat_lon("latitude", "longitude", keep)
    grid_e, grid_n = reader.grid("Grid_E", "Grid_N", keep)

    out = pd.DataFrame(
        {
            "key": reader.key,
            "year": reader.year,
            "serial": reader.serial,
            "occurred_at": occurred_at,
            "severity": severity,
            "district": reader.text("District_Council_District"),
            "lat": lat,
            "lon": lon,
            "grid_e": grid_e,
            "grid_n": grid_n,
            "street_name": reader.text("Street_Name"),
            "precise_location": reader.text("Precise_Location"),
            "collision_type": reader.text("Type_of_Collision"),
            "collision_type_cycle": reader.text("Type_of_Collision_with_cycle"),
            "cycle_type": reader.text("Cycle_Type"),
            "vehicle_movements": reader.text("Vehicle_Movements"),
            "n_vehicles": reader.integer("No_of_Vehicles_Involved", keep, 0, 10_000),
            "n_casualties": reader.integer("No_of_Casualties_Injured", keep, 0, 10_000),
            "weather": reader.text("Weather"),
            "rain": reader.text("Rain"),
            "natural_light": reader.text("Natural_Light"),
            # TD's "Accident" column is True exactly when a junction type is recorded: a junction flag.
            "at_junction": reader.boolean("Accident", keep),
            "junction_type": reader.text("Junction_Type"),
            "junction_control": reader.text("Junction_Control"),
            "within_70m": reader.boolean("Within_70m", keep),
            "crossing_control": reader.text("Crossing_Control"),
            "crossing_type": reader.text("Crossing_Type"),
            "road_type": reader.text("Road_Type"),
            "structure_type": reader.text("Structure_Type"),
            "road_hierarchy": reader.text("Road_Hierarchy"),
            "road_ownership": reader.text("Road_Ownership"),
            "hit_and_run": reader.boolean("Hit_and_Run", keep),
        }
    )
    return reader.finish(out, keep, strict)


def read_casualties(
    path: str | Path, *, strict: bool = False, accidents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read the TD casualties file (one row per injured or killed person).

    Columns: ``key``, ``year``, ``serial``, ``age`` (nullable Int64; TD's 999 = not known is null),
    ``sex`` (Male/Female, null = not known), ``degree_of_injury`` (Killed / Seriously Injured / Slightly
    Injured), ``role`` (Driver/Passenger/Pedestrian), ``vehicle_class`` (the vehicle the driver or
    passenger was in; null for pedestrians), ``pedestrian_action``, ``pedestrian_location``,
    ``pedestrian_circumstances`` (null for non-pedestrians), ``cycle_type`` (TD ``Pedal_cycle``),
    ``injury_head``, ``injury_upper_trunk``, ``injury_lower_trunk``, ``injury_arms``, ``injury_legs``,
    ``grid_e``, ``grid_n`` (HK1980 metres; null when not geocoded).

    ``accidents`` (from :func:`read_accidents`) lets a record with an unusable Year be repaired from the
    accident with the same serial instead of dropped; either way it is reported.
    """
    reader = _Reader(path, CASUALTY_SOURCE_COLUMNS)
    keep = reader.keys(accidents)
    degree = reader.choice("Degree_of_Injury", INJURY_DEGREES, keep, required=True)
    keep &= degree.notna()
    role = reader.choice("Role_of_Casualty", ROLES, keep, required=True)
    keep &= role.notna()
    grid_e, grid_n = reader.grid("Grid_E", "Grid_N", keep)
    out = pd.DataFrame(
        {
            "key": reader.key,
            "year": reader.year,
            "serial": reader.serial,
            "age": reader.integer("Casualty_Age", keep, 0, MAX_AGE, unknown=AGE_NOT_KNOWN),
            "sex": reader.choice("Casualty_Sex", SEXES, keep, unknown=("Not known",)),
            "degree_of_injury": degree,
            "role": role,
            "vehicle_class": _null_not_applicable(reader.text("Vehicle_Class_of_Driver_or_Pass")),
            "pedestrian_action": _null_not_applicable(reader.text("Pedestrian_Action")),
            "pedestrian_location": reader.text("Ped_Location"),
            "pedestrian_circumstances": reader.text("Ped_Circumstances"),
            "cycle_type": reader.text("Pedal_cycle"),
            "injury_head": reader.boolean("Location_of_Injury_Head", keep),
            "injury_upper_trunk": reader.boolean("Location_of_Injury_Upper_trunk", keep),
            "injury_lower_trunk": reader.boolean("Location_of_Injury_Lower_trunk", keep),
            "injury_arms": reader.boolean("Location_of_Injury_Arms", keep),
            "injury_legs": reader.boolean("Location_of_Injury_Legs", keep),
            "grid_e": grid_e,
            "grid_n": grid_n,
        }
    )
    return reader.finish(out, keep, strict)


def read_vehicles(
    path: str | Path, *, strict: bool = False, accidents: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Read the TD vehicles file (one row per vehicle involved).

    Columns: ``key``, ``year``, ``serial``, ``vehicle_class`` (Private car, Taxi, Light goods vehicle,
    Bicycle, Public franchised bus ...), ``collision_with`` (what the vehicle hit; TD
    ``Vehicle_Collision``), ``first_point`` (of impact), ``manoeuvre`` (TD ``Main_vehicle``),
    ``accident_severity``, ``driver_age`` (nullable Int64), ``driver_sex`` (null = not known),
    ``year_of_manufacture`` (nullable Int64), ``cycle_type`` (TD ``Pedal_cycle``), ``grid_e``, ``grid_n``.

    ``accidents`` (from :func:`read_accidents`) lets a record with an unusable Year be repaired from the
    accident with the same serial instead of dropped (two 2017 bus records carry Year 0); either way it
    is reported.
    """
    reader = _Reader(path, VEHICLE_SOURCE_COLUMNS)
    keep = reader.keys(accidents)
    grid_e, grid_n = reader.grid("Grid_E", "Grid_N", keep)
    out = pd.DataFrame(
        {
            "key": reader.key,
            "year": reader.year,
            "serial": reader.serial,
            "vehicle_class": reader.text("Vehicle_Class"),
            "collision_with": reader.text("Vehicle_Collision"),
            "first_point": reader.text("First_point"),
            "manoeuvre": reader.text("Main_vehicle"),
            "accident_severity": reader.choice("Severity_of_Accident", SEVERITIES, keep),
            "driver_age": reader.integer("Driver_Age", keep, 0, MAX_AGE, unknown=AGE_NOT_KNOWN),
            "driver_sex": reader.choice("Driver_Sex", SEXES, keep, unknown=("Not known",)),
            "year_of_manufacture": reader.integer("Year_of_Manufacture", keep, 1900, 2100),
            "cycle_type": reader.text("Pedal_cycle"),
            "grid_e": grid_e,
            "grid_n": grid_n,
        }
    )
    return reader.finish(out, keep, strict)


def bad_rows(frame: pd.DataFrame) -> list[BadRow]:
    """Return the problems a reader found in the file behind ``frame`` (empty list if none)."""
    return list(frame.attrs.get("bad_rows", []))


# --- source schemas -----------------------------------------------------------------------------------

ACCIDENT_SOURCE_COLUMNS = (
    "Date_Time", "Year", "Serial_No_", "Severity", "District_Council_District", "Hit_and_Run", "Weather",
    "Rain", "Natural_Light", "Junction_Control", "Vehicle_Movements", "Type_of_Collision",
    "No_of_Vehicles_Involved", "No_of_Casualties_Injured", "Grid_E", "Grid_N", "latitude", "longitude",
    "Within_70m", "Precise_Location", "Accident", "Junction_Type", "Crossing_Control", "Crossing_Type",
    "Street_Name", "Road_Type", "Cycle_Type", "Type_of_Collision_with_cycle", "Structure_Type",
    "Road_Hierarchy", "Road_Ownership",
)  # fmt: skip
CASUALTY_SOURCE_COLUMNS = (
    "Year", "Serial_No_", "Casualty_Age", "Casualty_Sex", "Degree_of_Injury", "Role_of_Casualty",
    "Location_of_Injury_Head", "Location_of_Injury_Upper_trunk", "Location_of_Injury_Lower_trunk",
    "Location_of_Injury_Arms", "Location_of_Injury_Legs", "Pedestrian_Action",
    "Vehicle_Class_of_Driver_or_Pass", "Ped_Location", "Ped_Circumstances", "Grid_E", "Grid_N", "Pedal_cycle",
)  # fmt: skip
VEHICLE_SOURCE_COLUMNS = (
    "Serial_No_", "Year", "Vehicle_Class", "Vehicle_Collision", "First_point", "Severity_of_Accident",
    "Driver_Age", "Driver_Sex", "Main_vehicle", "Year_of_Manufacture", "Grid_E", "Grid_N", "Pedal_cycle",
)  # fmt: skip


#: Source columns holding numbers (parsed as float64 when every value is a number).
NUMERIC_SOURCE_COLUMNS = frozenset(
    {
        "Date_Time", "Year", "Serial_No_", "No_of_Vehicles_Involved", "No_of_Casualties_Injured", "Grid_E",
        "Grid_N", "latitude", "longitude", "Casualty_Age", "Driver_Age", "Year_of_Manufacture",
    }
)  # fmt: skip


# --- implementation -----------------------------------------------------------------------------------


def _null_not_applicable(values: pd.Series) -> pd.Series:
    """TD writes 'Not Applicable (i.e. ...)' where a field does not apply; that is a null, not a category."""
    return values.mask(values.str.startswith(_NOT_APPLICABLE_PREFIX, na=False))


def _read_bytes(path: Path) -> bytes:
    """Read a CSV, gunzipping when it is gzip (by magic number), refusing more than MAX_CSV_BYTES."""
    if not path.is_file():
        raise RecordError(f"{path}: no such file")
    with path.open("rb") as probe:
        magic = probe.read(2)
    try:
        with gzip.open(path, "rb") if magic == b"\x1f\x8b" else path.open("rb") as handle:
            # Read one byte past the limit so an oversized file is detected without reading it all.
            data = handle.read(MAX_CSV_BYTES + 1)
    except (OSError, EOFError) as exc:
        raise RecordError(f"{path}: cannot read: {exc}") from None
    if len(data) > MAX_CSV_BYTES:
        raise RecordError(f"{path}: more than {MAX_CSV_BYTES:,} bytes of CSV")
    return data


class _Reader:
    """Holds one file's raw string columns and collects problems found while converting them."""

    def __init__(self, path: str | Path, required: Iterable[str]) -> None:
        self.path = Path(path)
        self.name = self.path.name
        self.data = _read_bytes(self.path)
        try:
            # Numeric columns are parsed by the C parser (fast); if any holds a non-number the whole file is
            # re-read as text so the converters below can report exactly which records are bad.
            try:
                self.frame = self._parse(numeric=True)
            except ValueError:
                self.frame = self._parse(numeric=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
            raise RecordError(f"{self.path}: not a readable CSV file: {exc}") from None
        missing = [c for c in required if c not in self.frame.columns]
        if missing:
            raise RecordError(f"{self.path}: missing column(s) {', '.join(missing)}")
        self.frame = self.frame.reset_index(drop=True)
        self._problems: list[tuple[pd.Series, str, str, str]] = []
        self.key: pd.Series | None = None

    def _parse(self, *, numeric: bool) -> pd.DataFrame:
        # Only blank, NA and N/A mean missing: TD's "None" (Vehicle_Collision: hit nothing) is a category.
        options = {"keep_default_na": False, "na_values": MISSING, "encoding": "utf-8"}
        if not numeric:
            return pd.read_csv(io.BytesIO(self.data), dtype=str, **options)
        header = pd.read_csv(io.BytesIO(self.data), nrows=0, **options).columns
        dtypes = {c: ("float64" if c in NUMERIC_SOURCE_COLUMNS else str) for c in header}
        return pd.read_csv(io.BytesIO(self.data), dtype=dtypes, **options)

    # key -----------------------------------------------------------------------------------------------

    def keys(self, accidents: pd.DataFrame | None = None) -> pd.Series:
        """Parse Year and Serial_No_ into the accident key; return the mask of records still kept.

        With ``accidents``, a record whose Year is unusable but whose serial belongs to exactly one accident
        takes that accident's year (reported as "repaired"): TD serials are unique across the release.
        """
        year = pd.to_numeric(self.frame["Year"], errors="coerce")
        serial = pd.to_numeric(self.frame["Serial_No_"], errors="coerce")
        bad_year = year.isna() | (year % 1 != 0) | (year < 1900) | (year > 2100)
        bad_serial = serial.isna() | (serial % 1 != 0) | (serial < 1)
        if accidents is not None and (bad_year & ~bad_serial).any():
            years_of = accidents.drop_duplicates("serial", keep=False).set_index("serial")["year"]
            found = pd.to_numeric(serial.where(bad_year & ~bad_serial).map(years_of), errors="coerce")
            repaired = found.notna()
            self.flag(
                repaired,
                "Year/Serial_No_",
                "Year is not a year; taken from the accident with this serial",
                "repaired",
            )
            year = year.where(~repaired, found)
            bad_year &= ~repaired
        # Report the serial alongside a bad year: it identifies the record for whoever fixes the source.
        self.flag(bad_year, "Year/Serial_No_", "Year is not a year between 1900 and 2100", "dropped")
        self.flag(bad_serial & ~bad_year, "Serial_No_", "not a positive whole number", "dropped")
        keep = ~(bad_year | bad_serial)
        self.year = year.where(keep).astype("Int64")
        self.serial = serial.where(keep).astype("Int64")
        self.key = (self.year.astype("str") + "-" + self.serial.astype("str")).where(keep)
        return keep

    # field converters ----------------------------------------------------------------------------------

    def text(self, column: str) -> pd.Series:
        """Stripped text, blank = missing. Works on the distinct values only: columns are mostly categories,
        and stripping 95k strings one by one dominated the reading time."""
        codes, uniques = pd.factorize(self.frame[column])
        cleaned = np.array([u.strip() or None for u in uniques] + [None], dtype=object)
        return pd.Series(cleaned[codes], index=self.frame.index, dtype="str")  # code -1 -> the None slot

    def choice(
        self,
        column: str,
        allowed: tuple[str, ...],
        keep: pd.Series,
        *,
        required: bool = False,
        unknown: tuple[str, ...] = (),
    ) -> pd.Series:
        values = self.text(column)
        is_unknown = values.isin(unknown) if unknown else pd.Series(False, index=values.index)
        bad = keep & ~values.isin(allowed) & ~is_unknown & (values.notna() | required)
        action = "dropped" if required else "nulled"
        self.flag(bad, column, f"expected one of {', '.join(allowed)}", action)
        return values.where(values.isin(allowed))

    def integer(
        self, column: str, keep: pd.Series, low: int, high: int, *, unknown: int | None = None
    ) -> pd.Series:
        raw = self.frame[column]
        values = pd.to_numeric(raw, errors="coerce")
        is_unknown = values == unknown if unknown is not None else pd.Series(False, index=raw.index)
        bad_number = raw.notna() & values.isna()
        out_of_range = values.notna() & ~is_unknown & ((values % 1 != 0) | (values < low) | (values > high))
        self.flag(keep & bad_number, column, "not a number", "nulled")
        self.flag(keep & out_of_range, column, f"not a whole number between {low} and {high}", "nulled")
        return values.where(~(is_unknown | out_of_range)).astype("Int64")

    def boolean(self, column: str, keep: pd.Series) -> pd.Series:
        codes, uniques = pd.factorize(self.frame[column])
        lookup = {"true": True, "false": False}
        mapped = np.array([lookup.get(u.strip().lower(), pd.NA) for u in uniques] + [pd.NA], dtype=object)
        values = pd.array(mapped[codes], dtype="boolean")
        bad = keep & (codes >= 0) & pd.isna(values)
        self.flag(bad, column, "expected True or False", "nulled")
        return pd.Series(values, index=self.frame.index)

    def lat_lon(self, lat_col: str, lon_col: str, keep: pd.Series) -> tuple[pd.Series, pd.Series]:
        lat = pd.to_numeric(self.frame[lat_col], errors="coerce")
        lon = pd.to_numeric(self.frame[lon_col], errors="coerce")
        min_lon, min_lat, max_lon, max_lat = HONG_KONG_BBOX
        present = self.frame[lat_col].notna() | self.frame[lon_col].notna()
        valid = lat.between(min_lat, max_lat) & lon.between(min_lon, max_lon)
        self.flag(keep & present & ~valid, f"{lat_col}/{lon_col}", "not a location in Hong Kong", "nulled")
        return lat.where(valid).astype("float64"), lon.where(valid).astype("float64")

    def grid(self, e_col: str, n_col: str, keep: pd.Series) -> tuple[pd.Series, pd.Series]:
        east = pd.to_numeric(self.frame[e_col], errors="coerce")
        north = pd.to_numeric(self.frame[n_col], errors="coerce")
        # 0/0 and blanks are TD's "not geocoded", not an error.
        not_geocoded = (east.fillna(0) == 0) & (north.fillna(0) == 0)
        valid = east.between(*GRID_E_RANGE) & north.between(*GRID_N_RANGE)
        self.flag(keep & ~not_geocoded & ~valid, f"{e_col}/{n_col}", "not an HK1980 Grid point", "nulled")
        return east.where(valid).astype("float64"), north.where(valid).astype("float64")

    # reporting -----------------------------------------------------------------------------------------

    def flag(self, mask: pd.Series, column: str, problem: str, action: str) -> None:
        # Comparisons with nullable columns yield NA; NA means "no evidence of a problem".
        mask = mask.fillna(False).astype(bool)
        if mask.any():
            self._problems.append((mask, column, problem, action))

    def finish(self, out: pd.DataFrame, keep: pd.Series, strict: bool) -> pd.DataFrame:
        problems = self._bad_rows()
        if problems:
            summary = "; ".join(str(p) for p in problems[:5]) + (" ..." if len(problems) > 5 else "")
            if strict:
                raise RecordError(f"{self.path}: {len(problems)} bad record(s): {summary}", problems)
            dropped = int((~keep).sum())
            logger.warning(
                "%s: %d problem(s), %d record(s) dropped: %s", self.name, len(problems), dropped, summary
            )
        result = out.loc[keep].reset_index(drop=True)
        result.attrs["bad_rows"] = problems
        result.attrs["source"] = str(self.path)
        return result

    def _bad_rows(self) -> list[BadRow]:
        if not self._problems:
            return []
        lines = _line_numbers(self.data, len(self.frame))
        rows: list[BadRow] = []
        for mask, column, problem, action in self._problems:
            for idx in np.flatnonzero(mask.to_numpy()):
                value = "/".join(str(self.frame.at[idx, c]) for c in column.split("/"))
                key = self.key.iat[idx] if self.key is not None else None
                rows.append(
                    BadRow(
                        file=self.name,
                        line=int(lines[idx]),
                        key=None if pd.isna(key) else str(key),
                        column=column,
                        value=value[:80],
                        problem=problem,
                        action=action,
                    )
                )
        rows.sort(key=lambda r: (r.line, r.column))
        return rows


def _line_numbers(data: bytes, n_records: int) -> np.ndarray:
    """Return the 1-based file line on which each data record starts (header = line 1).

    The fast path holds when every record is one line (no quoted newlines, no blank lines), as in the TD
    files; otherwise the text is re-scanned with the csv module to find where each record starts.
    """
    newlines = data.count(b"\n")
    if newlines in (n_records + 1, n_records) and b"\n\n" not in data and b"\r\r" not in data:
        return np.arange(2, n_records + 2)
    text = data.decode("utf-8", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    starts: list[int] = []
    previous_end = 0
    for i, row in enumerate(reader):
        start = previous_end + 1
        previous_end = reader.line_num
        if i == 0 or not row:  # header, or a blank line pandas skips
            continue
        starts.append(start)
    if len(starts) != n_records:  # should not happen; fall back rather than mislabel silently
        logger.warning("could not map records to lines exactly (%d vs %d)", len(starts), n_records)
        return np.arange(2, n_records + 2)
    return np.asarray(starts)
