"""Loading, reloading and exporting the plan through the `beatbook plan` command."""

import io
import json
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from beatbook.plan.loader import DEFAULT_PLAN, load_plan
from beatbook.plan.models import Activity, Area, Objective, Plan
from beatbook.testing import factories as f

SEED = Path(settings.SHARED_DATA_DIR) / "seed" / "000_48a11a7d8e1626d5.txt"


def export_json() -> dict:
    out = io.StringIO()
    call_command("plan", "export", "--format", "json", stdout=out)
    return json.loads(out.getvalue())


def all_strings(value):
    if isinstance(value, dict):
        for v in value.values():
            yield from all_strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from all_strings(v)
    elif isinstance(value, str):
        yield value


@pytest.mark.django_db
def test_export_contains_every_line_of_the_seed_verbatim():
    call_command("plan", "load", stdout=io.StringIO())
    texts = set(all_strings(export_json()))
    missing = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        wanted = line[2:] if line.startswith("- ") else line
        if not any(wanted == t or wanted in t for t in texts):
            missing.append(wanted)
    assert not missing, f"{len(missing)} seed lines missing from the export: {missing[:5]}"


@pytest.mark.django_db
def test_every_zh_text_has_english_in_the_export():
    call_command("plan", "load", stdout=io.StringIO())
    data = export_json()

    def pairs(value):
        if isinstance(value, dict):
            if set(value) >= {"zh", "en"} and isinstance(value["zh"], str):
                yield value
            for v in value.values():
                yield from pairs(v)
        elif isinstance(value, list):
            for v in value:
                yield from pairs(v)

    untranslated = [p["zh"] for p in pairs(data) if p["zh"] and not p["en"]]
    assert not untranslated, untranslated[:5]


@pytest.mark.django_db
def test_load_is_idempotent():
    first = load_plan()
    counts = (Area.objects.count(), Objective.objects.count(), Plan.objects.count())
    second = load_plan()
    assert (Area.objects.count(), Objective.objects.count(), Plan.objects.count()) == counts
    assert first.created and not second.created and not second.updated


@pytest.mark.django_db
def test_a_later_plan_that_keeps_an_id_keeps_the_history(tmp_path):
    load_plan()
    objective = Objective.objects.get(code="AP-FRAUD-1")
    activity = f.make_activity(objective=objective)
    data = yaml.safe_load(DEFAULT_PLAN.read_text(encoding="utf-8"))

    def rewrite(areas):
        for area in areas:
            for obj in area.get("objectives") or []:
                if obj["id"] == "AP-FRAUD-1":
                    obj["text"]["en"] = "Revised wording for the new year"
            rewrite(area.get("children") or [])

    rewrite(data["areas"])
    newer = tmp_path / "plan.yaml"
    newer.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    report = load_plan(newer)
    objective.refresh_from_db()
    assert objective.text_en == "Revised wording for the new year"
    assert report.updated.get("objectives") == 1
    assert Activity.objects.get(pk=activity.pk).objective_id == objective.pk


@pytest.mark.django_db
def test_check_reports_file_line_and_field(tmp_path):
    bad = tmp_path / "bad.yaml"
    text = DEFAULT_PLAN.read_text(encoding="utf-8").replace(
        "kind: action_priority", "kind: wishful_thinking", 1
    )
    bad.write_text(text, encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("plan", "check", str(bad), stdout=io.StringIO(), stderr=err)
    message = err.getvalue()
    assert "bad.yaml:" in message and "kind" in message


@pytest.mark.django_db
def test_check_accepts_the_shipped_plan():
    out = io.StringIO()
    call_command("plan", "check", str(DEFAULT_PLAN), stdout=out, stderr=io.StringIO())
    assert "OK" in out.getvalue()


@pytest.mark.django_db
def test_load_refuses_an_invalid_file_and_changes_nothing(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: x\nareas: [\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("plan", "load", str(bad), stdout=io.StringIO(), stderr=io.StringIO())
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_programme_facts_are_data():
    load_plan()
    youth = Area.objects.get(code="PG-YOUTH")
    enrolled = youth.fact("members_enrolled")
    assert enrolled and enrolled["value"] == 800
    assert youth.fact("members_active")["value"] == 400
    zyh = Area.objects.get(code="PG-ZYH")
    texts = " ".join(str(fact) for fact in zyh.facts)
    for step in ("識破可疑", "冷靜處理", "評估可靠性", "確認真相"):
        assert step in texts
