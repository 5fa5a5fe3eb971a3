"""Loading events (CSV and arrays, CRS units, dates) and building grids."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from beatbook.analysis import AnalysisError, Grid, events_from_arrays, load_boundary, load_events
from beatbook.analysis.events import CoordinateFrame, day_to_date, to_day


def write(tmp_path, text: str, name: str = "events.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_load_csv_iso_dates_and_metres(tmp_path):
    path = write(tmp_path, "x,y,when\n835000,819000,2017-01-02\n835100.5,819200,2017-01-03T10:30:00\n")
    ev = load_events(path, "x", "y", "when", crs="EPSG:2326")
    assert len(ev) == 2
    assert ev.x.tolist() == [835000.0, 835100.5]
    assert [day_to_date(d) for d in ev.day] == [dt.date(2017, 1, 2), dt.date(2017, 1, 3)]
    assert ev.frame.metric_crs == "EPSG:2326" and ev.frame.scale == 1.0


def test_dayfirst_and_explicit_format(tmp_path):
    path = write(tmp_path, "x,y,d\n1,2,01/02/2017\n3,4,13/02/2017\n")
    ev = load_events(path, "x", "y", "d", dayfirst=True, crs="EPSG:26971")
    assert [day_to_date(d) for d in ev.day] == [dt.date(2017, 2, 1), dt.date(2017, 2, 13)]
    path = write(tmp_path, "x,y,d\n1,2,2017.02.01 23:59\n", "fmt.csv")
    ev = load_events(path, "x", "y", "d", date_format="%Y.%m.%d %H:%M", crs="EPSG:26971")
    assert day_to_date(ev.day[0]) == dt.date(2017, 2, 1)


def test_epoch_seconds_with_local_offset(tmp_path):
    # 2019-05-31T20:00:00Z is 2019-06-01 04:00 in Hong Kong (UTC+8).
    stamp = dt.datetime(2019, 5, 31, 20, tzinfo=dt.UTC).timestamp()
    path = write(tmp_path, f"x,y,t\n1,2,{stamp}\n")
    assert day_to_date(load_events(path, "x", "y", "t", "epoch", crs="EPSG:2326").day[0]) == dt.date(
        2019, 5, 31
    )
    assert day_to_date(load_events(path, "x", "y", "t", "epoch+08:00", crs="EPSG:2326").day[0]) == dt.date(
        2019, 6, 1
    )
    with pytest.raises(AnalysisError, match="offset"):
        load_events(path, "x", "y", "t", "epoch8", crs="EPSG:2326")


def test_bad_rows_name_the_line(tmp_path):
    path = write(tmp_path, "x,y,d\n1,2,2017-01-01\n3,oops,2017-01-02\n5,6,2017-01-03\n")
    with pytest.raises(AnalysisError, match=r"line 3: y value 'oops' is not a number"):
        load_events(path, "x", "y", "d", crs="EPSG:2326")
    path = write(tmp_path, "x,y,d\n1,2,2017-01-01\n3,4,2017-01-02\n5,6,31/31/2017\n", "d.csv")
    with pytest.raises(AnalysisError, match=r"line 4: d value '31/31/2017' is not an ISO 8601 date"):
        load_events(path, "x", "y", "d", crs="EPSG:2326")
    ev = load_events(path, "x", "y", "d", crs="EPSG:2326", on_error="skip")
    assert len(ev) == 2 and ev.meta["skipped_lines"] == [4]


def test_missing_column_file_and_crs_errors(tmp_path):
    path = write(tmp_path, "x,y,d\n1,2,2017-01-01\n")
    with pytest.raises(AnalysisError, match=r"no column 'date'.*columns are \['x', 'y', 'd'\]"):
        load_events(path, "x", "y", "date", crs="EPSG:2326")
    with pytest.raises(AnalysisError, match="unknown CRS"):
        load_events(path, "x", "y", "d", crs="EPSG:999999")
    with pytest.raises(AnalysisError, match="no such file"):
        load_events(tmp_path / "missing.csv", "x", "y", "d", crs="EPSG:2326")
    with pytest.raises(AnalysisError, match="either a date format or dayfirst"):
        load_events(path, "x", "y", "d", date_format="%Y", dayfirst=True, crs="EPSG:2326")


def test_feet_crs_is_scaled_to_metres():
    # EPSG:3435 is NAD83 / Illinois East in US survey feet.
    ev = events_from_arrays([1000.0, 2000.0], [0.0, 0.0], ["2017-01-01", "2017-01-02"], crs="EPSG:3435")
    assert ev.frame.scale == pytest.approx(1200 / 3937)
    assert ev.x[1] - ev.x[0] == pytest.approx(1000 * 1200 / 3937)
    x, y = ev.frame.from_metric(ev.x, ev.y)  # back to feet for output
    assert x.tolist() == pytest.approx([1000.0, 2000.0])


def test_geographic_crs_goes_to_utm_and_matches_projected():
    lon, lat = [114.1694, 114.1704], [22.3193, 22.3193]  # Mong Kok, ~103 m apart east-west
    ev = events_from_arrays(lon, lat, ["2017-01-01"] * 2, crs="EPSG:4326")
    assert ev.frame.metric_crs == "EPSG:32650"
    assert np.hypot(ev.x[1] - ev.x[0], ev.y[1] - ev.y[0]) == pytest.approx(103.0, abs=1.0)
    with pytest.raises(AnalysisError, match="longitude/latitude range"):
        events_from_arrays([835000.0], [819000.0], ["2017-01-01"], crs="EPSG:4326")


def test_arrays_accept_dates_and_report_rows():
    ev = events_from_arrays(
        [1, 2], [3, 4], [dt.date(2017, 1, 1), dt.datetime(2017, 1, 2, 13)], crs="EPSG:2326"
    )
    assert ev.day.tolist() == [to_day("2017-01-01"), to_day("2017-01-02")]
    with pytest.raises(AnalysisError, match=r"row 1: date value 'soon'"):
        events_from_arrays([1, 2], [3, 4], ["2017-01-01", "soon"], crs="EPSG:2326")
    with pytest.raises(AnalysisError, match="differ in length"):
        events_from_arrays([1, 2], [3], ["2017-01-01"] * 2, crs="EPSG:2326")


def test_grid_from_events_anchor_and_size():
    ev = events_from_arrays([100.0, 349.9, 600.0], [50.0, 50.0, 299.0], ["2017-01-01"] * 3, crs="EPSG:2326")
    g = Grid.from_events(ev, 250)
    assert (g.x0, g.y0, g.nx, g.ny) == (100.0, 50.0, 3, 1)  # 600 - 100 = 500 -> third column
    assert g.cell_index(ev.x, ev.y).tolist() == [0, 0, 2]
    assert g.cell_index(np.array([99.0, 851.0]), np.array([60.0, 60.0])).tolist() == [-1, -1]
    cx, cy = g.centres(np.array([2]))
    assert (cx[0], cy[0]) == (725.0, 175.0)
    with pytest.raises(AnalysisError, match="cell size"):
        Grid.from_events(ev, 0)
    with pytest.raises(AnalysisError, match="too large"):
        Grid.from_events(events_from_arrays([0, 1e7], [0, 1e7], ["2017-01-01"] * 2, crs="EPSG:2326"), 1)


def _square_geojson(lon0: float, lat0: float, side_deg: float) -> dict:
    ring = [
        [lon0, lat0],
        [lon0 + side_deg, lat0],
        [lon0 + side_deg, lat0 + side_deg],
        [lon0, lat0 + side_deg],
        [lon0, lat0],
    ]
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"Region": "A"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            },
            {
                "type": "Feature",
                "properties": {"Region": "B"},
                "geometry": {"type": "Polygon", "coordinates": [[[c[0] + 1, c[1]] for c in ring]]},
            },
        ],
    }


def test_boundary_projected_into_data_crs_and_masked(tmp_path):
    frame = CoordinateFrame.for_crs("EPSG:2326")
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps(_square_geojson(114.16, 22.31, 0.01)))
    geom = load_boundary(path, frame, where={"Region": ["A"]})
    # 0.01 degree at 22.3 N is about 1029 m east-west and 1107 m north-south.
    assert geom.area == pytest.approx(1029 * 1107, rel=0.02)
    g = Grid.from_boundary(geom, frame, 100)
    assert g.mask is not None and g.mask.sum() == pytest.approx(geom.area / 100**2, rel=0.1)
    assert g.domain_mask().sum() == g.mask.sum()
    both = load_boundary(path, frame)
    assert both.area == pytest.approx(2 * geom.area, rel=0.02)


def test_boundary_errors(tmp_path):
    frame = CoordinateFrame.for_crs("EPSG:2326")
    with pytest.raises(AnalysisError, match="no such boundary"):
        load_boundary(tmp_path / "none.geojson", frame)
    bad = tmp_path / "bad.geojson"
    bad.write_text("{not json")
    with pytest.raises(AnalysisError, match="not valid GeoJSON"):
        load_boundary(bad, frame)
    with pytest.raises(AnalysisError, match="Point"):
        load_boundary({"type": "Feature", "geometry": {"type": "Point", "coordinates": [114.1, 22.3]}}, frame)
    with pytest.raises(AnalysisError, match="not WGS 84"):
        load_boundary(
            {
                "type": "Polygon",
                "coordinates": [[[835000, 819000], [836000, 819000], [836000, 820000], [835000, 819000]]],
            },
            frame,
        )
    with pytest.raises(AnalysisError, match="after filtering"):
        load_boundary(_square_geojson(114.16, 22.31, 0.01), frame, where={"Region": ["Z"]})
    tiny = load_boundary(_square_geojson(114.16, 22.31, 0.0001), frame, where={"Region": ["A"]})
    with pytest.raises(AnalysisError, match="smaller cell size"):
        Grid.from_boundary(tiny, frame, 500)


def test_grid_from_geojson_with_crs_name():
    gj = _square_geojson(114.16, 22.31, 0.01)
    g = Grid.from_geojson(gj, "EPSG:4326", 100, where={"Region": ["A"]})
    assert g.frame.metric_crs == "EPSG:32650" and g.frame.geographic
    g2 = Grid.from_geojson(gj, "EPSG:2326", 100, where={"Region": ["A"]})
    assert g2.frame.metric_crs == "EPSG:2326"
    assert g.mask.sum() == pytest.approx(g2.mask.sum(), rel=0.05)
    # Cell polygons come back in the input CRS (lon/lat here).
    ring = g.cell_polygon(int(np.flatnonzero(g.mask)[0]))
    assert len(ring) == 5 and 114.15 < ring[0][0] < 114.18 and 22.30 < ring[0][1] < 22.33


def test_aware_datetimes_and_time_zones():
    utc = dt.datetime(2017, 1, 1, 17, 30, tzinfo=dt.UTC)  # 01:30 on 2 January in Hong Kong
    assert day_to_date(events_from_arrays([1], [2], [utc], crs="EPSG:2326").day[0]) == dt.date(2017, 1, 1)
    local = events_from_arrays([1], [2], [utc], crs="EPSG:2326", tz="Asia/Hong_Kong")
    assert day_to_date(local.day[0]) == dt.date(2017, 1, 2)
    mixed = ["2017-01-01T23:00:00+08:00", "2017-01-01T23:00:00+00:00"]
    ev = events_from_arrays([1, 1], [2, 2], mixed, crs="EPSG:2326", tz="Asia/Hong_Kong")
    assert [day_to_date(d) for d in ev.day] == [dt.date(2017, 1, 1), dt.date(2017, 1, 2)]
    with pytest.raises(AnalysisError, match="different UTC offsets"):
        events_from_arrays([1, 1], [2, 2], mixed, crs="EPSG:2326")
    with pytest.raises(AnalysisError, match="unknown time zone"):
        events_from_arrays([1], [2], [utc], crs="EPSG:2326", tz="Mars/Base")
