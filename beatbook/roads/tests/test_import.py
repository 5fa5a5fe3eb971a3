"""import-td is re-runnable: a second run updates in place, adds nothing, and is audited once per run."""

from __future__ import annotations

import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from beatbook.audit.models import AuditEntry
from beatbook.roads.models import TD_CREDIT, Accident, Casualty, Vehicle

ACC = (
    "Date_Time,Year,Serial_No_,Severity,District_Council_District,Hit_and_Run,Weather,Rain,Natural_Light,"
    "Junction_Control,Vehicle_Movements,Type_of_Collision,No_of_Vehicles_Involved,No_of_Casualties_Injured,"
    "Grid_E,Grid_N,latitude,longitude,Within_70m,Precise_Location,Accident,Junction_Type,Crossing_Control,"
    "Crossing_Type,Street_Name,Road_Type,Cycle_Type,Type_of_Collision_with_cycle,Structure_Type,"
    "Road_Hierarchy,Road_Ownership\n"
)
CAS = (
    "Year,Serial_No_,Casualty_Age,Casualty_Sex,Degree_of_Injury,Role_of_Casualty,Location_of_Injury_Head,"
    "Location_of_Injury_Upper_trunk,Location_of_Injury_Lower_trunk,Location_of_Injury_Arms,"
    "Location_of_Injury_Legs,Pedestrian_Action,Vehicle_Class_of_Driver_or_Pass,Ped_Location,Ped_Circumstances,"
    "Grid_E,Grid_N,Pedal_cycle\n"
)
VEH = (
    "Serial_No_,Year,Vehicle_Class,Vehicle_Collision,First_point,Severity_of_Accident,Driver_Age,Driver_Sex,"
    "Main_vehicle,Year_of_Manufacture,Grid_E,Grid_N,Pedal_cycle\n"
)


def accident(serial: int, severity: str, lat: float, lon: float, street: str = "NATHAN ROAD") -> str:
    return (
        f"1546300800,2019,{serial},{severity},YTM,False,Fine,,Daylight,,,Vehicle collision with Pedestrian,1,1,"
        f"836500,819300,{lat},{lon},False,,False,,,,{street},,,,,,\n"
    )


def casualty(serial: int, age: int, degree: str, role: str) -> str:
    return f"2019,{serial},{age},Male,{degree},{role},False,False,False,False,True,,,,,836500,819300,\n"


def vehicle(serial: int, klass: str) -> str:
    return f"{serial},2019,{klass},Pedestrian,Front,Serious,40,Male,Going ahead,2015,836500,819300,\n"


@pytest.fixture
def td_files(tmp_path):
    paths = {}
    rows = {
        "accidents": ACC
        + accident(1, "Serious", 22.3193, 114.1694)
        + accident(2, "Slight", 22.3170, 114.1700)
        + accident(3, "Fatal", 22.2800, 114.1600, "QUEEN'S ROAD"),
        "casualties": CAS
        + casualty(1, 70, "Seriously Injured", "Pedestrian")
        + casualty(1, 35, "Slightly Injured", "Driver")
        + casualty(2, 20, "Slightly Injured", "Passenger")
        + casualty(3, 50, "Killed", "Pedestrian"),
        "vehicles": VEH + vehicle(1, "Taxi") + vehicle(2, "Light goods vehicle") + vehicle(3, "Private car"),
    }
    for name, text in rows.items():
        path = tmp_path / f"{name}.csv.gz"
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            handle.write(text)
        paths[name] = str(path)
    return paths


def run_import(files, *extra) -> dict:
    out = StringIO()
    call_command(
        "roads",
        "import-td",
        "--accidents",
        files["accidents"],
        "--casualties",
        files["casualties"],
        "--vehicles",
        files["vehicles"],
        *extra,
        stdout=out,
    )
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_import_is_idempotent_and_audited(td_files):
    audited_before = AuditEntry.objects.filter(action="import", model="roads.accident").count()
    first = run_import(td_files)
    assert (
        first["accidents_created"] == 3
        and first["casualties_created"] == 4
        and first["vehicles_created"] == 3
    )
    counts = (Accident.objects.count(), Casualty.objects.count(), Vehicle.objects.count())
    second = run_import(td_files)
    assert second["accidents_created"] == 0 and second["accidents_updated"] == 3
    assert second["casualties_created"] == 0 and second["vehicles_created"] == 0
    assert (
        (Accident.objects.count(), Casualty.objects.count(), Vehicle.objects.count()) == counts == (3, 4, 3)
    )
    entries = AuditEntry.objects.filter(action="import", model="roads.accident")
    assert entries.count() == audited_before + 2
    assert entries.order_by("-pk").first().after["accidents_read"] == 3
    assert Accident.objects.get(serial=1).credit == TD_CREDIT
    assert Accident.objects.get(serial=1).dcca in {
        "E06",
        "E07",
        "E08",
        "E09",
        "E10",
        "E11",
        "E12",
        "E13",
        "E14",
        "E15",
        "E01",
        "E02",
        "E03",
        "E04",
        "E05",
        "E16",
        "E17",
        "E18",
        "E19",
        "E20",
    }


@pytest.mark.django_db
def test_import_limited_to_an_area_skips_the_rest(td_files):
    report = run_import(td_files, "--area", "yau_tsim_mong")
    assert report["skipped_outside_area"] == 1
    assert not Accident.objects.filter(serial=3).exists()
    assert not Casualty.objects.filter(serial=3).exists()


@pytest.mark.django_db
def test_import_refuses_a_bad_file_clearly(tmp_path, td_files):
    bad = tmp_path / "bad.csv"
    bad.write_text("just,some,columns\n1,2,3\n")
    with pytest.raises(CommandError, match="missing column"):
        run_import({**td_files, "accidents": str(bad)})
    assert not Accident.objects.exists()


@pytest.mark.django_db
def test_summary_on_imported_rows_counts_groups(td_files):
    run_import(td_files)
    out = StringIO()
    call_command(
        "roads",
        "summary",
        "--area",
        "yau_tsim_mong",
        "--from",
        "2019-01-01",
        "--to",
        "2019-12-31",
        "--json",
        stdout=out,
    )
    result = json.loads(out.getvalue())
    assert result["accidents"] == 2
    assert result["elderly_pedestrian_ksi"] == 1
    assert result["involving"]["public_transport"]["Serious"] == 1
    assert result["involving"]["goods_vehicle"]["Slight"] == 1


@pytest.mark.django_db
def test_summary_refuses_bad_area_and_dates():
    with pytest.raises(CommandError):
        call_command("roads", "summary", "--area", "atlantis", "--json", stdout=StringIO())
    with pytest.raises(CommandError, match="not a YYYY-MM-DD"):
        call_command("roads", "summary", "--from", "2019-13-01", "--json", stdout=StringIO())
