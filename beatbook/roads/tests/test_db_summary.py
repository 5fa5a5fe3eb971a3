"""The summary computed from the database equals counts taken directly from the records; imports are idempotent."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command

from beatbook.geo.boundaries import MONGKOK_CODES, area_polygon
from beatbook.roads.analysis import ELDERLY_AGE, VEHICLE_GROUPS
from beatbook.roads.importer import import_files
from beatbook.roads.models import Accident, Casualty

HK = settings.SHARED_DATA_DIR / "hk"
FILES = {
    "accidents": HK / "hk_accidents_2014_2019.csv.gz",
    "casualties": HK / "hk_casualties_2014_2019.csv.gz",
    "vehicles": HK / "hk_vehicles_2014_2019.csv.gz",
}
needs_data = pytest.mark.skipif(not all(p.exists() for p in FILES.values()), reason="shared TD files absent")


@pytest.fixture(scope="module")
def mongkok_db(django_db_setup, django_db_blocker):
    """Import the Mong Kok part of the real data once for this module."""
    with django_db_blocker.unblock():
        report = import_files(**FILES, area=area_polygon("mongkok"))
        yield report
        Accident.objects.all().delete()


def summary_cli(*args: str) -> dict:
    out = StringIO()
    call_command("roads", "summary", *args, "--json", stdout=out)
    return json.loads(out.getvalue())


@needs_data
@pytest.mark.django_db
def test_real_data_gives_the_readme_figures(mongkok_db):
    result = summary_cli("--area", "mongkok", "--from", "2014-01-01", "--to", "2019-12-31")
    assert result["accidents"] == 3178
    assert result["casualties"] == 3802
    assert result["pedestrian_casualties"] == 998
    assert result["pedestrians_killed"] == 20
    # The README's 304 counts the 23 pedestrians of unknown age (TD code 999) as 65+; unknown is not elderly
    # here, so the summary says 281, and 281 + 23 unknown = 304 (none of the 23 was killed or seriously injured).
    unknown_age = Casualty.objects.filter(
        role="Pedestrian", age__isnull=True, accident__dcca__in=MONGKOK_CODES
    )
    assert result["elderly_pedestrian_casualties"] == 281
    assert result["elderly_pedestrian_casualties"] + unknown_age.count() == 304
    assert result["elderly_pedestrian_ksi"] == 79
    assert set(result) == {
        "accidents",
        "by_severity",
        "casualties",
        "pedestrian_casualties",
        "pedestrians_killed",
        "elderly_pedestrian_casualties",
        "elderly_pedestrian_ksi",
        "involving",
    }
    assert set(result["involving"]) == {"goods_vehicle", "bicycle", "public_transport"}


@needs_data
@pytest.mark.django_db
def test_summary_equals_counts_taken_directly_from_the_records(mongkok_db):
    """An independent count with the ORM (area by constituency code, HK-local dates) for a sub-period."""
    start, end = dt.date(2016, 3, 1), dt.date(2018, 8, 31)
    result = summary_cli(
        "--area", ",".join(MONGKOK_CODES), "--from", start.isoformat(), "--to", end.isoformat()
    )
    acc = Accident.objects.filter(dcca__in=MONGKOK_CODES, occurred_at__date__range=(start, end))
    cas = Casualty.objects.filter(accident__in=acc)
    ped = cas.filter(role="Pedestrian")
    elderly = ped.filter(age__gte=ELDERLY_AGE, age__lte=120)
    assert result["accidents"] == acc.count()
    assert result["by_severity"] == {
        s: acc.filter(severity=s).count() for s in ("Fatal", "Serious", "Slight")
    }
    assert result["casualties"] == cas.count()
    assert result["pedestrian_casualties"] == ped.count()
    assert result["pedestrians_killed"] == ped.filter(degree_of_injury="Killed").count()
    assert result["elderly_pedestrian_casualties"] == elderly.count()
    assert result["elderly_pedestrian_ksi"] == elderly.exclude(degree_of_injury="Slightly Injured").count()
    for group, classes in VEHICLE_GROUPS.items():
        involved = acc.filter(vehicles__vehicle_class__in=classes).distinct()
        assert result["involving"][group] == {
            s: involved.filter(severity=s).count() for s in ("Fatal", "Serious", "Slight")
        }


@needs_data
@pytest.mark.django_db
def test_single_constituency_and_geojson_area(mongkok_db, tmp_path):
    by_code = summary_cli("--area", "E06", "--from", "2014-01-01", "--to", "2019-12-31")
    assert by_code["accidents"] == Accident.objects.filter(dcca="E06").count()
    path = tmp_path / "area.geojson"
    from beatbook.geo.projection import to_geojson

    path.write_text(json.dumps(to_geojson(area_polygon(["E06"]))))
    assert summary_cli("--area", str(path), "--from", "2014-01-01", "--to", "2019-12-31") == by_code


@needs_data
@pytest.mark.django_db
def test_blacksites_command(mongkok_db):
    out = StringIO()
    call_command(
        "roads",
        "blacksites",
        "--area",
        "mongkok",
        "--from",
        "2014-01-01",
        "--to",
        "2019-12-31",
        "--top",
        "5",
        "--json",
        stdout=out,
    )
    sites = json.loads(out.getvalue())
    assert len(sites) == 5
    assert sites[0]["accidents"] >= sites[-1]["accidents"]
    assert sites[0]["streets"] and "trend" in sites[0]
