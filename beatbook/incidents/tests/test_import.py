"""CSV import: good files, every bad row reported with its line number, all or nothing, CLI, upload page."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from beatbook.audit.models import AuditEntry
from beatbook.testing import factories as f
from beatbook.testing import factories_incidents as fi
from beatbook.testing.generic import grant, signed_in

from ..categories import seed_categories
from ..importer import ImportRefused, import_csv, mapping_for
from ..models import Category, ImportBatch, Incident

HEADER = "occurred_from,occurred_to,lat,lon,category,reference,premises,handling_code\n"
GOOD = (
    "2024-03-01 22:10,,22.3193,114.1694,robbery,R-1,street,normal\n"
    "2024-03-02 01:00,2024-03-02 07:30,22.3201,114.1702,burglary,B-1,residential,restricted\n"
    "2024-03-03T09:15:00,,22.3150,114.1710,Theft and snatching,T-1,shop,\n"
)


@pytest.fixture
def categories(db):
    seed_categories()


def write(tmp_path, text, name="incidents.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_good_file_imports_every_row_with_projection_and_audit(tmp_path, categories):
    result = import_csv(write(tmp_path, HEADER + GOOD), mapping_for("beatbook", source="test"))
    assert result.imported == 3 and result.ok
    rob = Incident.objects.get(reference="R-1")
    assert rob.category.code == "robbery" and rob.epsg == 2326
    assert 830_000 < rob.x < 840_000 and 815_000 < rob.y < 825_000  # HK1980 Grid metres in Kowloon
    assert rob.dcca.startswith("E")  # inside Yau Tsim Mong
    assert rob.occurred_from == dt.datetime(2024, 3, 1, 14, 10, tzinfo=dt.UTC)  # 22:10 Hong Kong time
    assert Incident.objects.get(reference="B-1").is_window
    assert Incident.objects.get(reference="B-1").handling_code == "restricted"
    assert Incident.objects.get(reference="T-1").category.code == "theft"
    assert AuditEntry.objects.filter(action="import", object_id=str(result.batch.pk)).count() == 1


@pytest.mark.django_db
def test_every_bad_row_is_reported_with_its_line_and_nothing_is_imported(tmp_path, categories):
    bad = (
        "2024-03-01 22:10,,22.3193,114.1694,robbery,R-1,street,normal\n"  # line 2, good
        "2024-13-01 22:10,,22.3193,114.1694,robbery,R-2,street,normal\n"  # line 3, bad month
        "2024-03-01 22:10,,north,114.1694,robbery,R-3,street,normal\n"  # line 4, bad latitude
        "2024-03-01 22:10,,22.3193,114.1694,kidnapping,R-4,street,normal\n"  # line 5, unknown category
        "2024-03-01 22:10,,22.3193,114.1694,robbery,R-1,street,normal\n"  # line 6, duplicate reference
        "2024-03-05 22:10,2024-03-01 10:00,22.3193,114.1694,burglary,R-6,street,normal\n"  # line 7, window
        "2024-03-01 22:10,,22.3193\n"  # line 8, short row
        "2024-03-01 22:10,,22.3193,114.1694,robbery,R-8,street,secret\n"  # line 9, handling code
    )
    with pytest.raises(ImportRefused) as info:
        import_csv(write(tmp_path, HEADER + bad), mapping_for("beatbook", source="test"))
    lines = [line for line, _reason in info.value.errors]
    assert lines == [3, 4, 5, 6, 7, 8, 9]
    reasons = dict(info.value.errors)
    assert "kidnapping" in reasons[5] and "more than once" in reasons[6] and "before it starts" in reasons[7]
    assert not Incident.objects.exists()
    batch = info.value.batch
    assert batch.status == ImportBatch.Status.FAILED and batch.error_count == 7 and batch.rows_imported == 0
    assert batch.errors[0] == [3, reasons[3]]


@pytest.mark.django_db
def test_all_or_nothing_across_chunks(tmp_path, categories, monkeypatch):
    from .. import importer

    monkeypatch.setattr(importer, "CHUNK", 2)  # several chunks written before the bad last row
    rows = "".join(f"2024-03-0{i} 10:00,,22.3193,114.1694,robbery,R-{i},street,\n" for i in range(1, 8))
    rows += "not a date,,22.3193,114.1694,robbery,R-9,street,\n"
    with pytest.raises(ImportRefused) as info:
        import_csv(write(tmp_path, HEADER + rows), mapping_for("beatbook", source="test"))
    assert [line for line, _ in info.value.errors] == [9]
    assert Incident.objects.count() == 0


@pytest.mark.django_db
def test_reference_unique_per_source_across_imports(tmp_path, categories):
    import_csv(write(tmp_path, HEADER + GOOD), mapping_for("beatbook", source="a"))
    with pytest.raises(ImportRefused) as info:
        import_csv(write(tmp_path, HEADER + GOOD, "again.csv"), mapping_for("beatbook", source="a"))
    assert len(info.value.errors) == 3 and "already imported" in info.value.errors[0][1]
    import_csv(write(tmp_path, HEADER + GOOD, "other.csv"), mapping_for("beatbook", source="b"))
    assert Incident.objects.count() == 6


@pytest.mark.django_db
def test_missing_column_and_bad_epsg_are_refused(tmp_path, categories):
    with pytest.raises(ImportRefused, match="no column 'lat', 'lon'"):
        import_csv(write(tmp_path, "occurred_from,category\n2024-01-01,robbery\n"), mapping_for("beatbook"))
    mapping = mapping_for("chicago-xy", epsg=4326)
    with pytest.raises(ImportRefused, match="mapping"):
        import_csv(write(tmp_path, "x,y,date_single\n1,2,01/01/2014\n"), mapping)


@pytest.mark.django_db
def test_chicago_xy_preset_reads_the_shared_file_layout(tmp_path, categories):
    text = (
        "x,y,date_single\n365535.5205650503,563965.210714206,01/01/2014\n"
        "354282.51940179314,565699.2848491867,13/02/2014\n"
    )
    result = import_csv(write(tmp_path, text), mapping_for("chicago-xy"))
    assert result.imported == 2
    inc = Incident.objects.order_by("occurred_from").last()
    assert inc.epsg == 26971 and inc.category.code == "burglary" and inc.dcca == ""
    assert 41.6 < inc.lat < 42.1 and -88 < inc.lon < -87.5  # Chicago
    assert inc.occurred_from.astimezone(dt.UTC).date() == dt.date(2014, 2, 13)


@pytest.mark.django_db
def test_chicago_portal_preset(tmp_path, categories):
    text = (
        "ID,Case Number,Date,Primary Type,Description,Location Description,X Coordinate,Y Coordinate\n"
        "1,JA100001,01/05/2023 11:30:00 PM,ROBBERY,ARMED,STREET,1176346,1895692\n"
        "2,JA100002,01/06/2023 08:00:00 AM,WEAPONS VIOLATION,x,STREET,1176346,1895692\n"
    )
    result = import_csv(write(tmp_path, text), mapping_for("chicago-portal"))
    assert result.imported == 2
    assert set(Incident.objects.values_list("category__code", flat=True)) == {"robbery", "other"}


@pytest.mark.django_db
def test_cli_reports_bad_rows_and_imports_good_file(tmp_path, categories, capsys):
    good = write(tmp_path, HEADER + GOOD)
    call_command("incidents", "import", str(good), "--source", "cli", "--no-progress")
    assert Incident.objects.filter(source="cli").count() == 3
    bad = write(tmp_path, HEADER + "2024-03-01,,x,y,robbery,Z-1,street,\n", "bad.csv")
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("incidents", "import", str(bad), "--source", "cli2", "--no-progress")
    assert "bad.csv:2:" in capsys.readouterr().err
    xy = write(tmp_path, "e,n,when\n836000,820000,2024-02-01 10:00\n", "xy.csv")
    call_command(
        "incidents",
        "import",
        str(xy),
        "--x",
        "e",
        "--y",
        "n",
        "--date",
        "when",
        "--default-category",
        "theft",
        "--source",
        "xy",
        "--no-progress",
    )
    inc = Incident.objects.get(source="xy")
    assert inc.epsg == 2326 and abs(inc.lat - 22.32) < 0.02


@pytest.mark.django_db
def test_upload_preview_and_import_through_the_pages(tmp_path, categories, settings):
    settings.DATA_DIR = tmp_path
    user = grant(f.make_user(None), Incident, "view", "add")
    grant(user, ImportBatch, "view")
    client = signed_in(user)
    upload = SimpleUploadedFile("mk.csv", (HEADER + GOOD).encode(), content_type="text/csv")
    response = client.post(reverse("incidents:import_upload"), {"file": upload, "preset": ""})
    assert response.status_code == 302
    page = client.get(reverse("incidents:import_preview"))
    assert page.status_code == 200 and "R-1" in page.content.decode()
    form = page.context["form"]
    data = {name: (form.initial.get(name) or "") for name in form.fields}
    data["dayfirst"] = ""
    data["source"] = "web"
    response = client.post(reverse("incidents:import_preview"), data)
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content).decode()  # the import runs as the page streams
    assert "<progress" in body and "step(3)" in body
    batch = ImportBatch.objects.get(source="web")
    assert f'location.href = "{batch.get_absolute_url()}"' in body
    assert Incident.objects.filter(source="web").count() == 3
    assert AuditEntry.objects.get(action="import", object_id=str(batch.pk)).username == user.username
    # A bad file streams a refusal and leads to the batch page with every bad row.
    upload = SimpleUploadedFile("bad.csv", (HEADER + "2024-99-01,,1,2,robbery,X,street,\n").encode())
    client.post(reverse("incidents:import_upload"), {"file": upload, "preset": "beatbook"})
    data["source"] = "web-bad"
    body = b"".join(client.post(reverse("incidents:import_preview"), data).streaming_content).decode()
    assert "refused()" in body
    bad = ImportBatch.objects.get(source="web-bad")
    assert bad.status == "failed" and bad.errors[0][0] == 2
    page = client.get(bad.get_absolute_url()).content.decode()
    assert "2024-99-01" in page
    assert not list((tmp_path / "incident-imports").iterdir())  # the pending upload is removed


@pytest.mark.django_db
def test_import_refused_without_permission(client_for):
    client = client_for("officer")
    assert client.get(reverse("incidents:import_upload")).status_code == 403


@pytest.mark.django_db
def test_incidents_count_computation_equals_a_direct_count(categories):
    from beatbook.plan.computations import compute

    robbery, wounding, theft = (Category.objects.get(code=c) for c in ("robbery", "wounding", "theft"))
    for day, cat in [(1, robbery), (2, wounding), (3, theft), (40, robbery)]:
        fi.make_incident(
            category=cat,
            occurred_from=dt.datetime(
                2024, 1, day % 31 + 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))
            ),
        )
    fi.make_incident(
        category=robbery,
        occurred_from=dt.datetime(2023, 12, 31, 23, 59, tzinfo=dt.timezone(dt.timedelta(hours=8))),
    )
    fi.make_incident(
        category=robbery,
        handling_code="restricted",
        occurred_from=dt.datetime(2024, 6, 1, 10, 0, tzinfo=dt.UTC),
    )
    indicator = f.make_indicator(
        computation="incidents.count", computation_params={"categories": ["robbery", "wounding"]}
    )
    value = compute(indicator, today=dt.date(2024, 12, 31))
    direct = Incident.objects.filter(
        category__code__in=["robbery", "wounding"], occurred_from__year=2024
    ).count()
    assert value.value == direct == 4
    uncleared = f.make_user("commander")
    assert compute(indicator, user=uncleared, today=dt.date(2024, 12, 31)).value == 3
    # The link lists exactly the counted records.
    client = signed_in(f.make_user("commander", clearance=True))
    page = client.get(value.records_url)
    assert page.context["total"] == 4, (value.records_url, page.context["filterset"].errors)


@pytest.mark.django_db
def test_area_filter_by_named_area(categories):
    inside = fi.make_incident(lat=22.3193, lon=114.1694)  # Mong Kok
    outside = fi.make_incident(lat=22.2800, lon=114.1580)  # Central
    client = signed_in(f.make_user("commander"))
    response = client.get(reverse("incidents-api:incident-list") + "?area=mongkok")
    ids = [r["id"] for r in response.json()["results"]]
    assert inside.pk in ids and outside.pk not in ids
    # A saved area polygon (hotspots app) and constituency codes work too; an unknown area matches nothing.
    from beatbook.testing.factories_hotspots import make_boundary

    make_boundary(slug="square")
    for area, expected in [
        ("square", {inside.pk}),
        ("E06,E07,E08,E09,E10,E11,E12,E13,E14,E15", {inside.pk}),
        ("atlantis", set()),
    ]:
        response = client.get(reverse("incidents-api:incident-list"), {"area": area})
        assert {r["id"] for r in response.json()["results"]} == expected, area


@pytest.mark.django_db
def test_date_from_several_columns_through_the_cli(tmp_path, categories, capsys):
    """The Vancouver layout: YEAR,MONTH,DAY,HOUR,MINUTE columns; an impossible date is a clear bad row."""
    header = "TYPE,YEAR,MONTH,DAY,HOUR,MINUTE,X,Y\n"
    good = write(tmp_path, header + "Theft,2024,3,1,22,10,836000,820000\n", "parts.csv")
    args = ["--x", "X", "--y", "Y", "--date", "YEAR,MONTH,DAY,HOUR,MINUTE", "--default-category", "theft"]
    call_command("incidents", "import", str(good), *args, "--source", "parts", "--no-progress")
    inc = Incident.objects.get(source="parts")
    assert inc.occurred_from == dt.datetime(2024, 3, 1, 14, 10, tzinfo=dt.UTC)  # 22:10 Hong Kong time
    bad = write(tmp_path, header + "Theft,2024,2,30,0,0,836000,820000\n", "bad_parts.csv")
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("incidents", "import", str(bad), *args, "--source", "parts2", "--no-progress")
    assert "2024-2-30 00:00 is not a date: day is out of range for month" in capsys.readouterr().err
    assert any("3 to 5 columns" in p for p in mapping_for("beatbook", date="YEAR,MONTH", source="p3").check())
