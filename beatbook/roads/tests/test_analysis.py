"""Tests for beatbook.roads.analysis: the checked Mong Kok figures, database-shaped input, black sites."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely

from beatbook.geo import area_polygon, geometry_to_hk1980, hk1980_to_wgs84, shared_data_dir
from beatbook.roads.analysis import (
    REQUIRED_COLUMNS,
    AnalysisInputError,
    blacksites,
    main,
    select_accidents,
    summary,
)
from beatbook.roads.td_records import read_accidents, read_casualties, read_vehicles

HK = "Asia/Hong_Kong"

# --- real data ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def td_dir() -> Path:
    folder = shared_data_dir() / "hk"
    assert (folder / "hk_accidents_2014_2019.csv.gz").is_file(), (
        f"TD files missing in {folder}; set BEATBOOK_SHARED_DATA to the shared data folder"
    )
    return folder


@pytest.fixture(scope="module")
def td(td_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    acc = read_accidents(td_dir / "hk_accidents_2014_2019.csv.gz")
    cas = read_casualties(td_dir / "hk_casualties_2014_2019.csv.gz", accidents=acc)
    veh = read_vehicles(td_dir / "hk_vehicles_2014_2019.csv.gz", accidents=acc)
    return acc, cas, veh


@pytest.fixture(scope="module")
def mongkok() -> shapely.Polygon:
    return area_polygon("mongkok")


def test_summary_reproduces_the_checked_mong_kok_figures(td, mongkok) -> None:
    acc, cas, veh = td
    result = summary(acc, cas, veh, mongkok, dt.date(2014, 1, 1), dt.date(2019, 12, 31))
    assert list(result) == [
        "accidents",
        "by_severity",
        "casualties",
        "pedestrian_casualties",
        "pedestrians_killed",
        "elderly_pedestrian_casualties",
        "elderly_pedestrian_ksi",
        "involving",
    ]
    # shared/data/README.md: 3,178 accidents, 3,802 casualties, 998 pedestrians (20 killed), 79 elderly KSI.
    assert result["accidents"] == 3178
    assert result["casualties"] == 3802
    assert result["pedestrian_casualties"] == 998
    assert result["pedestrians_killed"] == 20
    assert result["elderly_pedestrian_ksi"] == 79
    assert sum(result["by_severity"].values()) == 3178
    assert result["by_severity"] == {"Fatal": 23, "Serious": 278, "Slight": 2877}
    # The README's 304 "aged 65 or over" counts TD's age code 999 (= not known) as old: 281 known to be
    # 65+ plus 23 pedestrians of unknown age, all slightly injured (so the KSI figure, 79, agrees).
    assert result["elderly_pedestrian_casualties"] == 281
    in_area = select_accidents(acc, mongkok, "2014-01-01", "2019-12-31")
    pedestrians = cas[cas["key"].isin(in_area["key"]) & (cas["role"] == "Pedestrian")]
    unknown_age = pedestrians[pedestrians["age"].isna()]
    assert len(unknown_age) == 23
    assert set(unknown_age["degree_of_injury"]) == {"Slightly Injured"}
    assert result["elderly_pedestrian_casualties"] + len(unknown_age) == 304
    assert json.loads(json.dumps(result)) == result


def test_involving_matches_an_independent_reading_of_the_raw_files(td, td_dir, mongkok) -> None:
    """Recompute "involving" straight from the raw CSVs, with the TD Pedal_cycle column for bicycles."""
    acc, cas, veh = td
    result = summary(acc, cas, veh, mongkok, None, None)["involving"]
    raw_acc = pd.read_csv(
        td_dir / "hk_accidents_2014_2019.csv.gz", usecols=["Serial_No_", "Severity", "latitude", "longitude"]
    )
    raw_veh = pd.read_csv(
        td_dir / "hk_vehicles_2014_2019.csv.gz", usecols=["Serial_No_", "Vehicle_Class", "Pedal_cycle"]
    )
    inside = raw_acc[shapely.contains_xy(mongkok, raw_acc["longitude"], raw_acc["latitude"])]
    # Serials are unique across the release, so this join also catches the two Year-0 bus records.
    merged = raw_veh.merge(inside, on="Serial_No_")
    groups = {
        "goods_vehicle": merged["Vehicle_Class"].str.contains("goods vehicle"),
        "bicycle": merged["Pedal_cycle"] == "Pedal Cycle",
        "public_transport": merged["Vehicle_Class"].str.startswith("Public")
        | (merged["Vehicle_Class"] == "Taxi"),
    }
    for group, mask in groups.items():
        expected = merged[mask].drop_duplicates("Serial_No_")["Severity"].value_counts()
        assert result[group] == {s: int(expected.get(s, 0)) for s in ("Fatal", "Serious", "Slight")}, group
    assert (
        result["public_transport"]["Slight"] > result["goods_vehicle"]["Slight"] > result["bicycle"]["Slight"]
    )


def test_latitude_longitude_not_grid_reproduces_the_figures(td, mongkok) -> None:
    """Why lat/lon: the same test on the HK1980 grid gives 3,174, not the checked 3,178."""
    acc, _, _ = td
    grid_area = geometry_to_hk1980(mongkok)
    on_grid = shapely.contains_xy(grid_area, acc["grid_e"].to_numpy(), acc["grid_n"].to_numpy()).sum()
    assert on_grid == 3174
    assert len(select_accidents(acc, mongkok, None, None)) == 3178


def test_database_shaped_frames_give_the_same_summary(td, mongkok) -> None:
    """Frames built like the Django app builds them (object columns, UTC datetimes, extra columns)."""
    acc, cas, veh = td
    keys = set(select_accidents(acc, mongkok, None, None)["key"])
    db_acc = pd.DataFrame.from_records(
        [
            {
                "pk": i,
                "key": f"{r.year}-{r.serial}",
                "occurred_at": r.occurred_at.to_pydatetime().astimezone(dt.UTC),
                "severity": str(r.severity),
                "lat": None if pd.isna(r.lat) else float(r.lat),
                "lon": None if pd.isna(r.lon) else float(r.lon),
            }
            for i, r in enumerate(acc[acc["key"].isin(keys)].itertuples())
        ]
    )
    db_cas = cas[cas["key"].isin(keys)][list(REQUIRED_COLUMNS["casualties"])].astype(object)
    db_cas["age"] = [None if pd.isna(a) else int(a) for a in db_cas["age"]]
    db_veh = veh[veh["key"].isin(keys)][["key", "vehicle_class"]].astype(object)
    expected = summary(acc, cas, veh, mongkok, "2016-01-01", "2018-06-30")
    assert summary(db_acc, db_cas, db_veh, mongkok, "2016-01-01", "2018-06-30") == expected
    assert expected["accidents"] > 0


def test_real_blacksites_in_mong_kok(td, mongkok) -> None:
    acc, cas, veh = td
    sites = blacksites(acc, cas, veh, mongkok, "2014-01-01", "2019-12-31", radius=50, top=20)
    assert len(sites) == 20
    top = sites[0]
    assert top["accidents"] == 102
    assert {s["name"] for s in top["streets"][:2]} == {"NATHAN ROAD", "ARGYLE STREET"}
    assert [s["accidents"] for s in sites] == sorted((s["accidents"] for s in sites), reverse=True)
    assert sum(y["accidents"] for y in top["trend"]["years"]) == top["accidents"]
    assert [y["year"] for y in top["trend"]["years"]] == list(range(2014, 2020))
    _assert_no_overlap(sites, 50)
    assert all(mongkok.contains(shapely.Point(s["lon"], s["lat"])) for s in sites)
    keys = [tuple(int(part) for part in k.split("-")) for k in top["accident_keys"]]
    assert keys == sorted(keys)  # (year, serial) order, not text order
    json.dumps(sites)


def test_command_line_prints_the_summary(td_dir, capsys) -> None:
    assert (
        main(["--data", str(td_dir), "--from", "2014-01-01", "--to", "2019-12-31", "--blacksites", "2"]) == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert out["summary"]["accidents"] == 3178
    assert len(out["blacksites"]) == 2


# --- synthetic data -----------------------------------------------------------------------------------

BASE_E, BASE_N = 835_500.0, 820_000.0


def _accident(key: str, de: float, dn: float, when: str, severity: str = "Slight", **extra) -> dict:
    lon, lat = hk1980_to_wgs84(BASE_E + de, BASE_N + dn)
    return {
        "key": key,
        "occurred_at": pd.Timestamp(when, tz=HK),
        "severity": severity,
        "lat": float(lat),
        "lon": float(lon),
        "street_name": extra.get("street", "NATHAN ROAD"),
        "collision_type": extra.get("collision", "Vehicle collision with Vehicle"),
    }


def _frames(accidents: list[dict], casualties: list[dict], vehicles: list[dict]):
    cas = pd.DataFrame(casualties, columns=["key", "role", "degree_of_injury", "age"])
    return pd.DataFrame(accidents), cas, pd.DataFrame(vehicles, columns=["key", "vehicle_class"])


@pytest.fixture
def clusters():
    """A: 6 accidents near the base (2014: 1, 2015: 2, 2016: 3); B: 4 at 120 m east; C: 3 fatal 1 km east;
    D: one lone accident 3 km east."""
    acc, cas, veh = [], [], []
    a_offsets = [(0, 0), (3, 0), (0, 3), (-3, 0), (0, -3), (2, 2)]
    a_years = [2014, 2015, 2015, 2016, 2016, 2016]
    for i, ((de, dn), year) in enumerate(zip(a_offsets, a_years, strict=True)):
        acc.append(_accident(f"A{i}", de, dn, f"{year}-05-01 12:00"))
        cas.append({"key": f"A{i}", "role": "Driver", "degree_of_injury": "Slightly Injured", "age": 40})
        veh.append({"key": f"A{i}", "vehicle_class": "Taxi" if i < 3 else "Private car"})
    for i in range(4):
        acc.append(_accident(f"B{i}", 120 + i, 0, "2015-03-01 08:00", street="ARGYLE STREET"))
        cas.append({"key": f"B{i}", "role": "Pedestrian", "degree_of_injury": "Slightly Injured", "age": 70})
        veh.append({"key": f"B{i}", "vehicle_class": "Light goods vehicle"})
    for i in range(3):
        acc.append(
            _accident(
                f"C{i}",
                1000,
                i,
                "2016-01-01 00:30",
                severity="Fatal",
                collision="Vehicle collision with Pedestrian",
            )
        )
        cas.append({"key": f"C{i}", "role": "Pedestrian", "degree_of_injury": "Killed", "age": None})
        veh.append({"key": f"C{i}", "vehicle_class": "Bicycle" if i == 0 else "Public light bus"})
    acc.append(_accident("D0", 3000, 0, "2016-06-01 10:00"))
    return _frames(acc, cas, veh)


def _assert_no_overlap(sites: list[dict], radius: float) -> None:
    for a, b in itertools.combinations(sites, 2):
        assert np.hypot(a["grid_e"] - b["grid_e"], a["grid_n"] - b["grid_n"]) >= 2 * radius - 0.5
        assert not set(a["accident_keys"]) & set(b["accident_keys"])


def test_blacksites_ranks_clusters_without_overlap(clusters) -> None:
    acc, cas, veh = clusters
    sites = blacksites(acc, cas, veh, None, "2014-01-01", "2016-12-31")
    assert [s["accident_keys"] for s in sites] == [
        [f"A{i}" for i in range(6)],
        [f"B{i}" for i in range(4)],
        ["C0", "C1", "C2"],
    ]  # D0 alone is below min_accidents=2
    a, b, c = sites
    assert a["rank"] == 1 and a["radius_m"] == 50.0
    assert a["trend"] == {
        "years": [
            {"year": 2014, "accidents": 1},
            {"year": 2015, "accidents": 2},
            {"year": 2016, "accidents": 3},
        ],
        "slope_per_year": 1.0,
    }
    assert a["road_users"][:2] == [{"name": "Private car", "accidents": 3}, {"name": "Taxi", "accidents": 3}]
    assert b["streets"] == [{"name": "ARGYLE STREET", "accidents": 4}]
    assert b["pedestrian_casualties"] == 4 and b["ksi_casualties"] == 0
    assert {"name": "Pedestrian", "accidents": 4} in b["road_users"]
    assert c["by_severity"] == {"Fatal": 3, "Serious": 0, "Slight": 0} and c["ksi_casualties"] == 3
    assert c["collision_types"] == [{"name": "Vehicle collision with Pedestrian", "accidents": 3}]
    # Centres are accident locations, reported on both grids.
    lon, lat = hk1980_to_wgs84(a["grid_e"], a["grid_n"])
    assert a["lon"] == pytest.approx(float(lon), abs=1e-6) and a["lat"] == pytest.approx(float(lat), abs=1e-6)
    _assert_no_overlap(sites, 50)
    json.dumps(sites)


def test_blacksites_options(clusters) -> None:
    acc, cas, veh = clusters
    by_ksi = blacksites(acc, cas, veh, None, None, None, rank_by="ksi")
    assert by_ksi[0]["accident_keys"] == ["C0", "C1", "C2"]
    assert len(blacksites(acc, cas, veh, None, None, None, min_accidents=1)) == 4
    assert len(blacksites(acc, cas, veh, None, None, None, top=1)) == 1
    wide = blacksites(acc, cas, veh, None, None, None, radius=200)
    assert wide[0]["accidents"] == 10  # A and B merge within 200 m
    _assert_no_overlap(wide, 200)
    fatal = blacksites(acc, cas, veh, None, None, None, severities=["Fatal"])
    assert [s["accident_keys"] for s in fatal] == [["C0", "C1", "C2"]]
    bikes = blacksites(acc, cas, veh, None, None, None, groups=["bicycle"], min_accidents=1)
    assert [s["accident_keys"] for s in bikes] == [["C0"]]
    elderly = blacksites(acc, cas, veh, None, None, None, groups="elderly_pedestrian")
    assert [s["accident_keys"] for s in elderly] == [[f"B{i}" for i in range(4)]]
    either = blacksites(acc, cas, veh, None, None, None, groups=["goods_vehicle", "public_transport"])
    assert [len(s["accident_keys"]) for s in either] == [4, 3, 2]  # B; A's taxis; C's light buses
    assert blacksites(acc, cas, veh, None, "2020-01-01", None) == []
    # An area: a square around cluster A only.
    lon0, lat0 = hk1980_to_wgs84(BASE_E, BASE_N)
    square = shapely.box(
        float(lon0) - 0.0003, float(lat0) - 0.0003, float(lon0) + 0.0003, float(lat0) + 0.0003
    )
    assert [s["accidents"] for s in blacksites(acc, cas, veh, square, None, None)] == [6]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"radius": 0}, "radius"),
        ({"radius": float("nan")}, "radius"),
        ({"radius": "50"}, "radius"),
        ({"top": 0}, "top"),
        ({"top": True}, "top"),
        ({"groups": ["pedestrians"]}, "groups"),
        ({"groups": []}, "groups"),
        ({"severities": ["fatal"]}, "severities"),
        ({"rank_by": "casualties"}, "rank_by"),
        ({"min_accidents": 0}, "min_accidents"),
    ],
)
def test_blacksites_rejects_bad_parameters(clusters, kwargs, message) -> None:
    acc, cas, veh = clusters
    with pytest.raises(AnalysisInputError, match=message):
        blacksites(acc, cas, veh, None, None, None, **kwargs)


def test_dates_are_inclusive_hong_kong_days() -> None:
    # Stored in UTC, as a database returns them: the HK-local day decides.
    acc = pd.DataFrame(
        [
            _accident("early", 0, 0, "2013-12-31 23:59"),
            _accident("first", 0, 0, "2014-01-01 00:00"),
            _accident("last", 0, 0, "2019-12-31 23:59"),
            _accident("late", 0, 0, "2020-01-01 00:00"),
        ]
    )
    acc["occurred_at"] = acc["occurred_at"].dt.tz_convert("UTC")
    acc, cas, veh = _frames(acc.to_dict("records"), [], [])
    selected = select_accidents(acc, None, dt.date(2014, 1, 1), dt.date(2019, 12, 31))
    assert selected["key"].tolist() == ["first", "last"]
    assert summary(acc, cas, veh, None, "2019-12-31", "2019-12-31")["accidents"] == 1
    assert summary(acc, cas, veh, None, None, None)["accidents"] == 4


def test_summary_counts_people_and_groups() -> None:
    acc = [
        _accident("k1", 0, 0, "2015-01-01 10:00", severity="Serious"),
        _accident("k2", 5, 0, "2015-01-02 10:00", severity="Slight"),
        _accident("k3", 10, 0, "2015-01-03 10:00", severity="Fatal"),
    ]
    acc.append({**_accident("k4", 0, 0, "2015-01-04 10:00"), "lat": None, "lon": None})  # not geocoded
    cas = [
        {"key": "k1", "role": "Pedestrian", "degree_of_injury": "Seriously Injured", "age": 65},
        {"key": "k1", "role": "Pedestrian", "degree_of_injury": "Slightly Injured", "age": 64},
        {"key": "k2", "role": "Pedestrian", "degree_of_injury": "Slightly Injured", "age": None},
        {
            "key": "k2",
            "role": "Pedestrian",
            "degree_of_injury": "Slightly Injured",
            "age": 999,
        },  # raw TD code
        {"key": "k3", "role": "Pedestrian", "degree_of_injury": "Killed", "age": 80},
        {"key": "k3", "role": "Driver", "degree_of_injury": "Slightly Injured", "age": 30},
        {"key": "k4", "role": "Passenger", "degree_of_injury": "Slightly Injured", "age": 30},
    ]
    veh = [
        {"key": "k1", "vehicle_class": "Medium goods vehicle"},
        {"key": "k1", "vehicle_class": "Heavy goods vehicle"},  # two goods vehicles, still one accident
        {"key": "k2", "vehicle_class": "Public non-franchised bus"},
        {"key": "k3", "vehicle_class": "Bicycle"},
        {"key": "k3", "vehicle_class": "Tram"},  # not public transport in the plan's definition
        {"key": "k4", "vehicle_class": "Taxi"},
    ]
    acc_f, cas_f, veh_f = _frames(acc, cas, veh)
    lon0, lat0 = hk1980_to_wgs84(BASE_E, BASE_N)
    area = shapely.Point(float(lon0), float(lat0)).buffer(0.001)
    result = summary(acc_f, cas_f, veh_f, area, None, None)
    assert result == {
        "accidents": 3,  # k4 has no location, so it is in no area
        "by_severity": {"Fatal": 1, "Serious": 1, "Slight": 1},
        "casualties": 6,
        "pedestrian_casualties": 5,
        "pedestrians_killed": 1,
        "elderly_pedestrian_casualties": 2,  # 65 and 80; not 64, unknown or 999
        "elderly_pedestrian_ksi": 2,
        "involving": {
            "goods_vehicle": {"Fatal": 0, "Serious": 1, "Slight": 0},
            "bicycle": {"Fatal": 1, "Serious": 0, "Slight": 0},
            "public_transport": {"Fatal": 0, "Serious": 0, "Slight": 1},
        },
    }
    assert summary(acc_f, cas_f, veh_f, None, None, None)["involving"]["public_transport"]["Slight"] == 2


def test_summary_rejects_unusable_input(clusters) -> None:
    acc, cas, veh = clusters
    with pytest.raises(AnalysisInputError, match="lacks column"):
        summary(acc.drop(columns="lat"), cas, veh, None, None, None)
    with pytest.raises(AnalysisInputError, match="lacks column"):
        summary(acc, cas.drop(columns="age"), veh, None, None, None)
    with pytest.raises(AnalysisInputError, match="must be a pandas DataFrame"):
        summary(acc, cas.to_dict(), veh, None, None, None)
    with pytest.raises(AnalysisInputError, match="after date_to"):
        summary(acc, cas, veh, None, "2019-01-01", "2018-01-01")
    with pytest.raises(AnalysisInputError, match="not a YYYY-MM-DD"):
        summary(acc, cas, veh, None, "01/01/2019", None)
    with pytest.raises(AnalysisInputError, match="not a datetime"):
        summary(acc, cas, veh, None, dt.datetime(2019, 1, 1, tzinfo=dt.UTC), None)
    naive = acc.assign(occurred_at=acc["occurred_at"].dt.tz_localize(None))
    with pytest.raises(AnalysisInputError, match="timezone-aware"):
        summary(naive, cas, veh, None, None, None)
    naive_objects = acc.assign(
        occurred_at=[t.to_pydatetime().replace(tzinfo=None) for t in acc["occurred_at"]]
    )
    naive_objects["occurred_at"] = naive_objects["occurred_at"].astype(object)
    with pytest.raises(AnalysisInputError, match="timezone-aware"):
        summary(naive_objects, cas, veh, None, None, None)
    with pytest.raises(AnalysisInputError, match="unexpected value"):
        summary(acc.assign(severity="fatal"), cas, veh, None, None, None)
    with pytest.raises(AnalysisInputError, match="unexpected value"):
        summary(acc, cas.assign(role="Cyclist"), veh, None, None, None)
    with pytest.raises(AnalysisInputError, match="not unique"):
        summary(pd.concat([acc, acc.head(1)]), cas, veh, None, None, None)
