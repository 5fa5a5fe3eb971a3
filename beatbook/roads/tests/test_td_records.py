"""Tests for beatbook.roads.td_records: typed columns, validation with line numbers, and the real TD files."""

from __future__ import annotations

import csv
import gzip
import io
import logging
from pathlib import Path

import pandas as pd
import pytest

from beatbook.geo import shared_data_dir
from beatbook.roads import td_records
from beatbook.roads.td_records import (
    ACCIDENT_SOURCE_COLUMNS,
    CASUALTY_SOURCE_COLUMNS,
    VEHICLE_SOURCE_COLUMNS,
    RecordError,
    bad_rows,
    read_accidents,
    read_casualties,
    read_vehicles,
)

# 2014-01-01 02:17 HKT = 2013-12-31 18:17 UTC
ACCIDENT_DEFAULTS = {
    "Date_Time": "1388513820.0",
    "Year": "2014.0",
    "Serial_No_": "1.0",
    "Severity": "Serious",
    "District_Council_District": "YTM",
    "Hit_and_Run": "False",
    "Weather": "Clear",
    "Rain": "Not raining",
    "Natural_Light": "Daylight",
    "Junction_Control": "Not junction",
    "Vehicle_Movements": "One moving vehicle",
    "Type_of_Collision": "Vehicle collision with Pedestrian",
    "No_of_Vehicles_Involved": "1.0",
    "No_of_Casualties_Injured": "1.0",
    "Grid_E": "835493.0",
    "Grid_N": "820033.0",
    "latitude": "22.3193",
    "longitude": "114.1693",
    "Overtaking": "",
    "Within_70m": "False",
    "Precise_Location": "Outside No. 1 Nathan Road",
    "Accident": "False",
    "Junction_Type": "",
    "Crossing_Control": "No crossing control",
    "Crossing_Type": "",
    "Street_Name": "NATHAN ROAD",
    "Road_Type": "Two way",
    "Cycle_Type": "Others",
    "Type_of_Collision_with_cycle": "Vehicle collision with Pedestrian",
    "Structure_Type": "At grade road",
    "Road_Hierarchy": "Main Road",
    "Road_Ownership": "Public Road",
}
CASUALTY_DEFAULTS = {
    "OBJECTID": "1.0",
    "Year": "2014.0",
    "Serial_No_": "1.0",
    "Casualty_Age": "70.0",
    "Casualty_Sex": "Female",
    "Degree_of_Injury": "Seriously Injured",
    "Role_of_Casualty": "Pedestrian",
    "Location_of_Injury_Head": "True",
    "Location_of_Injury_Upper_trunk": "False",
    "Location_of_Injury_Lower_trunk": "False",
    "Location_of_Injury_Arms": "False",
    "Location_of_Injury_Legs": "True",
    "Pedestrian_Action": "Crossing from near-side",
    "Vehicle_Class_of_Driver_or_Pass": "NA",
    "Ped_Action": "Crossing from near-side",
    "Ped_Location": "On carriageway (no crossing control)",
    "Ped_Circumstances": "No special circumstances",
    "Grid_E": "835493.0",
    "Grid_N": "820033.0",
    "Pedal_cycle": "Others",
}
VEHICLE_DEFAULTS = {
    "OBJECTID": "1",
    "Serial_No_": "1.0",
    "Year": "2014.0",
    "Vehicle_Class": "Taxi",
    "Vehicle_Collision": "Pedestrian",
    "First_point": "Front",
    "Severity_of_Accident": "Serious",
    "Driver_Age": "45.0",
    "Driver_Sex": "Male",
    "Main_vehicle": "Going straight ahead (with priority)",
    "Year_of_Manufacture": "2012",
    "Grid_E": "835493.0",
    "Grid_N": "820033.0",
    "Pedal_cycle": "Others",
}


def write_csv(path: Path, defaults: dict[str, str], rows: list[dict[str, str]], *, gz: bool = False) -> Path:
    """Write a TD-shaped CSV: every row is the defaults updated with its overrides."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(defaults), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**defaults, **row})
    data = buffer.getvalue().encode("utf-8")
    path.write_bytes(gzip.compress(data) if gz else data)
    return path


def test_source_column_lists_cover_the_defaults() -> None:
    assert set(ACCIDENT_SOURCE_COLUMNS) <= set(ACCIDENT_DEFAULTS)
    assert set(CASUALTY_SOURCE_COLUMNS) <= set(CASUALTY_DEFAULTS)
    assert set(VEHICLE_SOURCE_COLUMNS) <= set(VEHICLE_DEFAULTS)


def test_read_accidents_types_and_values(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "acc.csv.gz",
        ACCIDENT_DEFAULTS,
        [{}, {"Serial_No_": "2.0", "Accident": "True", "Junction_Type": "T-junction", "Hit_and_Run": "True"}],
        gz=True,
    )
    acc = read_accidents(path)
    assert acc["key"].tolist() == ["2014-1", "2014-2"]
    assert str(acc["occurred_at"].dt.tz) == "Asia/Hong_Kong"
    first = acc.iloc[0]
    assert first["occurred_at"] == pd.Timestamp("2014-01-01 02:17", tz="Asia/Hong_Kong")
    assert first["severity"] == "Serious"
    assert first["year"] == 2014 and first["serial"] == 1
    assert first["lat"] == pytest.approx(22.3193) and first["grid_e"] == 835493.0
    assert first["street_name"] == "NATHAN ROAD"
    assert first["collision_type"] == "Vehicle collision with Pedestrian"
    assert first["n_casualties"] == 1
    assert pd.isna(first["junction_type"])
    assert acc["at_junction"].tolist() == [False, True]
    assert acc["hit_and_run"].tolist() == [False, True]
    assert acc["year"].dtype == "Int64"
    assert acc["at_junction"].dtype == "boolean"
    assert bad_rows(acc) == []


def test_bad_accident_rows_are_reported_with_line_numbers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    rows = [
        {},  # line 2: good
        {"Serial_No_": "2.0", "Severity": "Minor"},  # line 3: dropped
        {"Serial_No_": "3.0", "Date_Time": "yesterday"},  # line 4: dropped
        {"Serial_No_": "abc"},  # line 5: dropped
        {"Serial_No_": "1.0"},  # line 6: duplicate key, dropped
        {"Serial_No_": "6.0", "latitude": "51.5", "longitude": "-0.1"},  # line 7: location nulled
        {"Serial_No_": "7.0", "Grid_E": "0.0", "Grid_N": "0.0", "latitude": "", "longitude": ""},  # unlocated
        {"Serial_No_": "8.0", "No_of_Casualties_Injured": "-3"},  # line 9: nulled
        {"Serial_No_": "9.0", "Hit_and_Run": "maybe"},  # line 10: nulled
        {"Serial_No_": "10.0", "Year": "2015.0"},  # line 11: year differs from the date, kept
    ]
    path = write_csv(tmp_path / "acc.csv", ACCIDENT_DEFAULTS, rows)
    with caplog.at_level(logging.WARNING, logger="beatbook.roads.td_records"):
        acc = read_accidents(path)
    assert acc["key"].tolist() == ["2014-1", "2014-6", "2014-7", "2014-8", "2014-9", "2015-10"]
    problems = {(p.line, p.column, p.action) for p in bad_rows(acc)}
    assert problems == {
        (3, "Severity", "dropped"),
        (4, "Date_Time", "dropped"),
        (5, "Serial_No_", "dropped"),
        (6, "Serial_No_", "dropped"),
        (7, "latitude/longitude", "nulled"),
        (9, "No_of_Casualties_Injured", "nulled"),
        (10, "Hit_and_Run", "nulled"),
        (11, "Year", "kept"),
    }
    by_key = acc.set_index("key")
    assert pd.isna(by_key.loc["2014-6", "lat"]) and by_key.loc["2014-6", "grid_e"] == 835493.0
    assert pd.isna(by_key.loc["2014-7", "lat"]) and pd.isna(by_key.loc["2014-7", "grid_e"])
    assert pd.isna(by_key.loc["2014-8", "n_casualties"])
    assert pd.isna(by_key.loc["2014-9", "hit_and_run"])
    assert "acc.csv" in caplog.text and "4 record(s) dropped" in caplog.text
    duplicate = next(p for p in bad_rows(acc) if p.line == 6)
    assert duplicate.key == "2014-1" and "already seen" in str(duplicate)


def test_strict_mode_raises_with_the_bad_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "acc.csv", ACCIDENT_DEFAULTS, [{}, {"Serial_No_": "2.0", "Severity": "x"}])
    with pytest.raises(RecordError, match=r"acc.csv: 1 bad record") as info:
        read_accidents(path, strict=True)
    assert [p.line for p in info.value.bad_rows] == [3]


def test_line_numbers_follow_quoted_newlines(tmp_path: Path) -> None:
    rows = [
        {"Precise_Location": "Outside\nNo. 1"},  # lines 2-3
        {"Serial_No_": "2.0", "Severity": "??"},  # line 4
    ]
    acc = read_accidents(write_csv(tmp_path / "acc.csv", ACCIDENT_DEFAULTS, rows))
    assert acc.iloc[0]["precise_location"] == "Outside\nNo. 1"
    assert [p.line for p in bad_rows(acc)] == [4]


def test_unreadable_files_fail_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(RecordError, match="no such file"):
        read_accidents(tmp_path / "missing.csv")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("a,b\n1,2\n")
    with pytest.raises(RecordError, match="missing column.*Date_Time"):
        read_accidents(wrong)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(RecordError, match="not a readable CSV"):
        read_accidents(empty)
    broken = tmp_path / "broken.csv.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not really gzip")
    with pytest.raises(RecordError, match="cannot read"):
        read_accidents(broken)
    good = write_csv(tmp_path / "acc.csv", ACCIDENT_DEFAULTS, [{}])
    monkeypatch.setattr(td_records, "MAX_CSV_BYTES", 100)
    with pytest.raises(RecordError, match="more than 100 bytes"):
        read_accidents(good)


def test_read_casualties(tmp_path: Path) -> None:
    rows = [
        {},  # elderly pedestrian, seriously injured
        {"Casualty_Age": "999.0", "Degree_of_Injury": "Slightly Injured"},  # age not known -> null
        {
            "Role_of_Casualty": "Driver",
            "Casualty_Age": "35.0",
            "Vehicle_Class_of_Driver_or_Pass": "Bicycle",
            "Pedestrian_Action": "Not Applicable (i.e. non-pedestrian)",
            "Pedal_cycle": "Pedal Cycle",
            "Casualty_Sex": "Not known",
        },
        {"Casualty_Age": "130.0"},  # line 5: impossible age -> nulled
        {"Role_of_Casualty": "Bystander"},  # line 6: dropped
        {"Degree_of_Injury": "Unhurt"},  # line 7: dropped
    ]
    cas = read_casualties(write_csv(tmp_path / "cas.csv", CASUALTY_DEFAULTS, rows))
    assert len(cas) == 4
    assert cas["age"].iloc[0] == 70 and pd.isna(cas["age"].iloc[1]) and pd.isna(cas["age"].iloc[3])
    assert cas["age"].dtype == "Int64"
    driver = cas.iloc[2]
    assert driver["role"] == "Driver" and driver["vehicle_class"] == "Bicycle"
    assert pd.isna(driver["pedestrian_action"]) and pd.isna(driver["sex"])
    assert pd.isna(cas.iloc[0]["vehicle_class"])  # TD "NA": pedestrians travel in no vehicle
    assert cas.iloc[0]["injury_head"] and not cas.iloc[0]["injury_arms"]
    assert {(p.line, p.column, p.action) for p in bad_rows(cas)} == {
        (5, "Casualty_Age", "nulled"),
        (6, "Role_of_Casualty", "dropped"),
        (7, "Degree_of_Injury", "dropped"),
    }


def test_read_vehicles_and_year_repair(tmp_path: Path) -> None:
    rows = [
        {},
        {"Vehicle_Collision": "None", "Year_of_Manufacture": "NA", "Driver_Age": ""},
        {"Year": "0.0", "Serial_No_": "5.0", "Vehicle_Class": "Public franchised bus"},  # line 4
        {"Year": "0.0", "Serial_No_": "77.0"},  # line 5: no accident with that serial
    ]
    path = write_csv(tmp_path / "veh.csv", VEHICLE_DEFAULTS, rows)
    veh = read_vehicles(path)
    assert len(veh) == 2
    assert veh.iloc[1]["collision_with"] == "None"  # TD's category "hit nothing", not a missing value
    assert pd.isna(veh.iloc[1]["year_of_manufacture"]) and pd.isna(veh.iloc[1]["driver_age"])
    assert [(p.line, p.action) for p in bad_rows(veh)] == [(4, "dropped"), (5, "dropped")]

    acc = read_accidents(
        write_csv(tmp_path / "acc.csv", ACCIDENT_DEFAULTS, [{}, {"Year": "2017.0", "Serial_No_": "5.0"}])
    )
    repaired = read_vehicles(path, accidents=acc)
    assert repaired["key"].tolist() == ["2014-1", "2014-1", "2017-5"]
    assert [(p.line, p.action, p.key) for p in bad_rows(repaired)] == [
        (4, "repaired", "2017-5"),
        (5, "dropped", None),
    ]


# --- the real Transport Department files ---------------------------------------------------------------


@pytest.fixture(scope="module")
def td_dir() -> Path:
    folder = shared_data_dir() / "hk"
    assert (folder / "hk_accidents_2014_2019.csv.gz").is_file(), (
        f"TD files missing in {folder}; set BEATBOOK_SHARED_DATA to the shared data folder"
    )
    return folder


def test_real_files_read_completely(td_dir: Path) -> None:
    acc = read_accidents(td_dir / "hk_accidents_2014_2019.csv.gz")
    cas = read_casualties(td_dir / "hk_casualties_2014_2019.csv.gz", accidents=acc)
    veh = read_vehicles(td_dir / "hk_vehicles_2014_2019.csv.gz", accidents=acc)
    # Counts stated in shared/data/README.md.
    assert (len(acc), len(cas), len(veh)) == (95_821, 120_110, 153_062)
    assert bad_rows(acc) == [] and bad_rows(cas) == []
    # The one known defect: two 2017 bus records with Year 0 (lines 86116-86117), repaired from the accident.
    assert [(p.line, p.action, p.key) for p in bad_rows(veh)] == [
        (86116, "repaired", "2017-54840"),
        (86117, "repaired", "2017-54840"),
    ]
    assert acc["key"].is_unique
    assert set(cas["key"]) <= set(acc["key"]) and set(veh["key"]) <= set(acc["key"])
    assert set(acc["severity"]) == {"Fatal", "Serious", "Slight"}
    assert set(cas["role"]) == {"Driver", "Passenger", "Pedestrian"}
    assert cas["age"].isna().sum() == 1278  # TD's 999 = not known
    assert cas["age"].max() <= 120
    assert acc["lat"].isna().sum() == 5993 == acc["grid_e"].isna().sum()
    assert (acc["occurred_at"].dt.year == acc["year"]).all()
    assert acc["occurred_at"].min() == pd.Timestamp("2014-01-01 01:30", tz="Asia/Hong_Kong")
    assert cas.loc[cas["role"] == "Pedestrian", "vehicle_class"].isna().all()
