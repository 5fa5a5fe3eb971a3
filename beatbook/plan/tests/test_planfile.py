"""Tests for the plan file format, the shipped Mong Kok 2024 plan and the validator.

Pure Python (no Django): run with ``pytest beatbook/plan/tests/test_planfile.py -p no:django``.
The seed document is read from ``$BEATBOOK_SHARED_DATA`` (default: ``shared/data`` beside the repo).
"""

from __future__ import annotations

import ast
import json
import os
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from beatbook.plan import planfile
from beatbook.plan.planfile import (
    COMPUTATIONS,
    DEFAULT_PLAN_PATH,
    MAX_PLAN_FILE_BYTES,
    Area,
    PlanDocument,
    PlanError,
    PlanFileError,
    iter_texts,
    load_plan_file,
    load_plan_text,
    plan_schema,
    to_dict,
    validate_plan_file,
    validate_plan_text,
)

REPO_ROOT = Path(__file__).resolve().parents[3]
SEED_NAME = "000_48a11a7d8e1626d5.txt"
PLAN_TEXT = DEFAULT_PLAN_PATH.read_text(encoding="utf-8")


def shared_data_dir() -> Path:
    """Shared read-only data: $BEATBOOK_SHARED_DATA, else shared/data beside the repository."""
    return Path(os.environ.get("BEATBOOK_SHARED_DATA", REPO_ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="module")
def seed_text() -> str:
    path = shared_data_dir() / "seed" / SEED_NAME
    if not path.is_file():
        # The acceptance test must not pass silently without its input.
        pytest.fail(
            f"seed document not found at {path}; set BEATBOOK_SHARED_DATA to the shared data directory"
        )
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def doc() -> PlanDocument:
    return load_plan_file(DEFAULT_PLAN_PATH)


def seed_lines(text: str) -> list[str]:
    """Every non-empty stripped line of the seed; for bullets, the text after '- '."""
    lines = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        lines.append(line[2:] if line.startswith("- ") else line)
    return lines


def line_of(text: str, needle: str, occurrence: int = 1) -> int:
    """1-based line number of the ``occurrence``-th appearance of ``needle`` in ``text``."""
    index = -1
    for _ in range(occurrence):
        index = text.index(needle, index + 1)
    return text.count("\n", 0, index) + 1


# --------------------------------------------------------------------------------------------------
# The shipped plan


def test_shipped_plan_validates_with_zero_errors() -> None:
    assert validate_plan_file(DEFAULT_PLAN_PATH) == []


def test_every_seed_line_appears_verbatim_as_a_zh_text(seed_text: str, doc: PlanDocument) -> None:
    zh_texts = {item.zh for item in iter_texts(doc)}
    lines = seed_lines(seed_text)
    assert len(lines) == 85  # guards against reading the wrong or a changed seed
    missing = [line for line in lines if line not in zh_texts]
    assert missing == []


def test_every_seed_bullet_is_an_objective_in_seed_order(seed_text: str, doc: PlanDocument) -> None:
    bullets = [line.strip()[2:] for line in seed_text.splitlines() if line.strip().startswith("- ")]
    verbatim = [o.text.zh for o in doc.iter_objectives() if not o.derived]
    assert verbatim == bullets


def test_every_zh_text_has_english(doc: PlanDocument) -> None:
    items = list(iter_texts(doc))
    assert len(items) > 300
    for item in items:
        assert item.zh.strip(), item
        assert item.en.strip() == item.en and item.en, item
        assert re.search(r"[A-Za-z]{2}", item.en), f"no English for {item.id} {item.field}: {item.en!r}"


def test_area_ids_follow_the_id_scheme(doc: PlanDocument) -> None:
    top = [a.id for a in doc.areas]
    assert top == [
        "AP-NATSEC",
        "AP-VIOLENT",
        "AP-TRIAD",
        "AP-DRUGS",
        "AP-FRAUD",
        "AP-CYBER",
        "AP-SAFETY",
        "AP-CT",
        "MP-COMMUNITY",
        "MP-DEVELOP",
        "MP-STAFF",
        "PG-YOUTH",
        "PG-EMWOMEN",
        "PG-ZYH",
        "PG-AMBASSADOR",
    ]
    children = {a.id: [c.id for c in a.children] for a in doc.areas if a.children}
    assert children == {
        "AP-TRIAD": ["AP-TRIAD-SOC", "AP-TRIAD-OC", "AP-TRIAD-POC"],
        "AP-DRUGS": ["AP-DRUGS-TRAF", "AP-DRUGS-YOUTH"],
        "AP-SAFETY": ["AP-SAFETY-ORDER", "AP-SAFETY-EVENTS", "AP-SAFETY-ROAD", "AP-SAFETY-MAJOR"],
        "AP-CT": ["AP-CT-PREV", "AP-CT-READY", "AP-CT-RESP", "AP-CT-RECOV"],
    }
    for area in doc.iter_areas():
        # Group headings without bullets of their own have children and no objectives.
        assert bool(area.children) != bool(area.objectives), area.id
        for n, objective in enumerate(area.objectives, start=1):
            assert objective.id == f"{area.id}-{n}"
            assert objective.area_id == area.id
            for k, indicator in enumerate(objective.indicators, start=1):
                assert indicator.id == f"{objective.id}-I{k}"


def test_kinds_groups_and_inheritance(doc: PlanDocument) -> None:
    groups = {a.kind: a.group.zh for a in doc.iter_areas()}
    assert groups == {
        "action_priority": "首要行動項目",
        "management_priority": "首要管理項目",
        "programme": "社區參與計劃",
    }
    child = doc.area("AP-TRIAD-SOC")
    assert isinstance(child, Area)
    assert (child.kind, child.group.en, child.parent_id) == (
        "action_priority",
        "Priority Action Items",
        "AP-TRIAD",
    )
    flat = [a.id for a in doc.iter_areas()]
    assert flat.index("AP-TRIAD") + 1 == flat.index("AP-TRIAD-SOC")
    assert len(flat) == 28


def test_units_and_owners(doc: PlanDocument) -> None:
    codes = {u.code: u for u in doc.units}
    assert {u.code for u in doc.units if u.kind == "division"} == {"CRIME", "OPS", "ADMIN", "TRAFFIC"}
    assert codes["MKDIST"].parent is None and codes["DIS"].parent == "CRIME"
    assert codes["DIS"].name.zh == "警區情報組"
    assert {"DIS", "CPO", "PCRO", "PATROL", "SDS", "EU", "ADCT", "TRAINWEL"} <= codes.keys()
    for objective in doc.iter_objectives():
        assert objective.owners and set(objective.owners) <= codes.keys()


def test_cover_motto_and_furniture(doc: PlanDocument) -> None:
    assert doc.id == "mongkok-2024" and doc.year == 2024 and doc.schema_version == 1
    assert doc.title.zh == "旺角警區行動計劃 2024"
    assert doc.motto is not None and doc.motto.zh == "忠誠勇毅 心繫社會"
    assert doc.cover is not None and doc.cover.bank_partner is not None
    assert doc.cover.bank_partner.zh == "中國銀行(香港)有限公司"
    assert [line.zh for line in doc.cover.lines] == [
        "旺角警區 行動計劃 2024",
        "旺角警區「智·悠·衡」",
        "合作商戶——銀行",
    ]
    assert [f.zh for f in doc.furniture] == ["旺", "旺角警區行動計劃2024"]


def test_indicators_use_known_computations_and_say_they_are_illustrative(doc: PlanDocument) -> None:
    indicators = list(doc.iter_indicators())
    assert len(indicators) >= 50
    for indicator in indicators:
        assert indicator.computation.name == "manual" or indicator.computation.name in COMPUTATIONS
        assert indicator.note is not None and "not official statistics" in indicator.note.en
        assert "並非官方統計數字" in indicator.note.zh
        assert (
            indicator.period.start.isoformat() == "2024-01-01"
            and indicator.period.end.isoformat() == "2024-12-31"
        )
        assert (
            indicator.direction in ("up", "down")
            and indicator.baseline is not None
            and indicator.target is not None
        )
    youth = doc.objective("PG-YOUTH-2").indicators[0]
    assert (youth.computation.name, dict(youth.computation.params)) == (
        "community.members_enrolled",
        {"programme": "PG-YOUTH"},
    )


def facts(doc: PlanDocument, area_id: str, key: str) -> list[planfile.Fact]:
    return [f for f in doc.area(area_id).facts if f.key == key]


def test_required_programme_facts(doc: PlanDocument) -> None:
    (enrolled,) = facts(doc, "PG-YOUTH", "members_enrolled")
    assert (enrolled.value, enrolled.qualifier) == (800, "more_than")
    (active,) = facts(doc, "PG-YOUTH", "members_active")
    assert active.value == 400
    (referral,) = facts(doc, "PG-YOUTH", "referral_source")
    assert (referral.value, referral.since) == ("Recruitment Division", "2023-07")
    assert facts(doc, "PG-YOUTH", "application_mechanism")
    assert [f.text.zh for f in facts(doc, "PG-YOUTH", "training_kind")] == [
        "體能訓練",
        "面試工作坊",
        "模擬案件處理",
    ]
    assert facts(doc, "PG-YOUTH", "led_by")[0].value == "volunteer_instructors"

    kinds = [f.text.zh for f in facts(doc, "PG-EMWOMEN", "activity_kind")]
    assert kinds == ["防止罪案講座", "功課研習班", "其他興趣小組", "社區活動"]

    (launched,) = facts(doc, "PG-ZYH", "launched")
    assert launched.since == "2023-08"
    partners = [f.text.zh for f in facts(doc, "PG-ZYH", "partner_type")]
    assert partners == ["酒店", "旅館", "商場", "銀行", "港漂群組"]
    steps = facts(doc, "PG-ZYH", "response_step")
    assert [(f.order, f.text.zh) for f in steps] == [
        (1, "識破可疑"),
        (2, "冷靜處理"),
        (3, "評估可靠性"),
        (4, "確認真相"),
    ]
    assert all(f.text.en for f in steps)
    assert facts(doc, "PG-ZYH", "bank_partner")[0].text.zh == "中國銀行(香港)有限公司"

    members = [f.value for f in facts(doc, "PG-AMBASSADOR", "member_kind")]
    assert members == ["regular", "auxiliary", "civilian"]


def test_fact_texts_quote_the_seed(doc: PlanDocument) -> None:
    assert doc.cover is not None
    cover = {line.zh for line in doc.cover.lines} | {
        doc.cover.bank_partner.zh if doc.cover.bank_partner else ""
    }
    for area in doc.iter_areas():
        for fact in area.facts:
            assert area.description is not None
            assert fact.text.zh in area.description.zh or fact.text.zh in cover, (area.id, fact)


def test_programmes_have_derived_objectives(doc: PlanDocument) -> None:
    for area in doc.areas:
        if area.kind == "programme":
            assert area.description is not None and area.objectives
            assert all(o.derived for o in area.objectives)
        else:
            assert not any(o.derived for o in area.iter_objectives())


# --------------------------------------------------------------------------------------------------
# Export


def test_iter_texts_yields_id_field_zh_en(doc: PlanDocument) -> None:
    items = list(iter_texts(doc))
    assert (
        "mongkok-2024",
        "title",
        "旺角警區行動計劃 2024",
        "Mong Kok Police District Action Plan 2024",
    ) in items
    first = next(i for i in items if i.id == "AP-NATSEC-1")
    assert (first.field, first.zh) == ("text", "收集涉及國家安全的情報信息。")
    assert any(i.field == "facts[0].text" and i.id == "PG-YOUTH" for i in items)


def test_to_dict_is_json_ready_schema_valid_and_round_trips(doc: PlanDocument) -> None:
    data = to_dict(doc)
    json.dumps(data, ensure_ascii=False)
    jsonschema.Draft202012Validator(plan_schema()).validate(data)
    assert data["areas"][2]["children"][0]["group"]["zh"] == "首要行動項目"
    again = load_plan_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "round-trip.yaml")
    assert again == doc


# --------------------------------------------------------------------------------------------------
# Bad input: every error names file, line and field


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mongkok-2024.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def replace_once(old: str, new: str) -> str:
    assert PLAN_TEXT.count(old) >= 1, old
    return PLAN_TEXT.replace(old, new, 1)


def only_error(path: Path, field: str) -> PlanError:
    errors = validate_plan_file(path)
    matching = [e for e in errors if e.field_path == field]
    assert matching, errors
    return matching[0]


def test_bad_yaml_syntax(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("title: {zh: 打擊暴力罪案,", "title: {zh: [打擊暴力罪案,"))
    errors = validate_plan_file(path)
    assert len(errors) == 1
    error = errors[0]
    assert error.file == str(path)
    assert error.line == line_of(PLAN_TEXT, "title: {zh: 打擊暴力罪案")
    assert error.field_path.startswith("areas[1].title")
    assert "YAML syntax error" in error.message
    assert str(error).startswith(f"{path}:{error.line}: areas[1].title")


def test_bad_yaml_indentation_names_the_enclosing_field(tmp_path: Path) -> None:
    path = write(
        tmp_path, replace_once("      - id: AP-VIOLENT-2\n", "      - id: AP-VIOLENT-2\n     bad: indent\n")
    )
    (error,) = validate_plan_file(path)
    assert error.line == line_of(PLAN_TEXT, "- id: AP-VIOLENT-2") + 1
    assert error.field_path == "areas[1].objectives[1]"


def test_missing_required_field(tmp_path: Path) -> None:
    old = "        text:\n          zh: 收集涉及國家安全的情報信息。\n          en: Collect intelligence relating to national security.\n"
    path = write(tmp_path, replace_once(old, ""))
    error = only_error(path, "areas[0].objectives[0].text")
    assert error.line == line_of(PLAN_TEXT, "- id: AP-NATSEC-1")
    assert error.message == "missing required field 'text'"
    assert str(error) == f"{path}:{error.line}: areas[0].objectives[0].text: missing required field 'text'"


def test_wrong_kind(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("kind: management_priority", "kind: management"))
    error = only_error(path, "areas[8].kind")
    assert error.line == line_of(PLAN_TEXT, "kind: management_priority")
    assert "'management' is not one of" in error.message


def test_wrong_unit_kind(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("kind: district}", "kind: region}"))
    error = only_error(path, "units[0].kind")
    assert error.line == line_of(PLAN_TEXT, "code: MKDIST")


def test_duplicate_id(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("- id: AP-VIOLENT-2\n", "- id: AP-VIOLENT-1\n"))
    error = only_error(path, "areas[1].objectives[1].id")
    assert error.line == line_of(PLAN_TEXT, "- id: AP-VIOLENT-2")
    assert "duplicate ID 'AP-VIOLENT-1'" in error.message and "areas[1].objectives[0].id" in error.message


def test_duplicate_area_id_across_areas(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("  - id: PG-AMBASSADOR\n", "  - id: PG-ZYH\n"))
    error = only_error(path, "areas[14].id")
    assert "duplicate ID 'PG-ZYH'" in error.message


def test_unknown_owner_unit(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("owners: [DIS]\n", "owners: [XYZ]\n"))
    errors = validate_plan_file(path)
    assert len(errors) == 1
    line = line_of(PLAN_TEXT, "owners: [DIS]\n")
    assert str(errors[0]) == f"{path}:{line}: areas[0].objectives[0].owners[0]: unknown unit 'XYZ'"
    assert errors[0].column == len("        owners: [") + 1


def test_unknown_unit_parent(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("kind: team, parent: OPS}", "kind: team, parent: OOPS}"))
    error = only_error(path, "units[9].parent")
    assert error.message == "unknown unit parent 'OOPS'"
    assert error.line == line_of(PLAN_TEXT, "kind: team, parent: OPS}")


def test_unit_parent_cycle(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        replace_once(
            "en: Mong Kok District}, kind: district}", "en: Mong Kok District}, kind: district, parent: DIS}"
        ),
    )
    assert any("cycle" in e.message for e in validate_plan_file(path))


@pytest.mark.parametrize(
    ("period", "field", "message"),
    [
        ("{start: 2024-13-01, end: 2024-12-31}", "period.start", "'2024-13-01' is not a valid date"),
        ("{start: 2024-01-01, end: 2024-02-30}", "period.end", "'2024-02-30' is not a valid date"),
        ("{start: 24-1-1, end: 2024-12-31}", "period.start", "does not match"),
        (
            "{start: 2024-12-01, end: 2024-02-01}",
            "period",
            "period start 2024-12-01 is after its end 2024-02-01",
        ),
    ],
)
def test_bad_date(tmp_path: Path, period: str, field: str, message: str) -> None:
    old = "            computation: patrols.dosage_delivered_ratio\n"
    path = write(tmp_path, replace_once(old, f"            period: {period}\n{old}"))
    error = only_error(path, f"areas[1].objectives[0].indicators[0].{field}")
    assert error.line == line_of(PLAN_TEXT, old)  # the inserted period line takes this line number
    assert message in error.message


def test_objective_id_must_carry_its_area_prefix(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("- id: AP-NATSEC-3\n", "- id: AP-VIOLENT-9\n"))
    error = only_error(path, "areas[0].objectives[2].id")
    assert "must be its area's ID plus a number" in error.message


def test_child_area_and_indicator_prefixes(tmp_path: Path) -> None:
    text = PLAN_TEXT.replace("- id: AP-TRIAD-SOC\n", "- id: AP-GANG-SOC\n", 1).replace(
        "- id: AP-VIOLENT-3-I1\n", "- id: AP-VIOLENT-2-I9\n", 1
    )
    fields = {e.field_path for e in validate_plan_file(write(tmp_path, text))}
    assert "areas[2].children[0].id" in fields
    assert "areas[1].objectives[2].indicators[0].id" in fields


def test_top_level_prefix_must_match_kind(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("kind: management_priority", "kind: programme"))
    assert "must start with 'PG-'" in only_error(path, "areas[8].id").message


def test_area_needs_objectives_or_children(tmp_path: Path) -> None:
    text = replace_once(
        "    title: {zh: 打擊毒品, en: Combating Dangerous Drugs}\n    children:\n",
        "    title: {zh: 打擊毒品, en: Combating Dangerous Drugs}\n    old_children:\n",
    )
    errors = validate_plan_file(write(tmp_path, text))
    assert {"areas[3]", "areas[3].old_children"} <= {e.field_path for e in errors}


def test_unknown_field(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("year: 2024\n", "year: 2024\nyaer: 2024\n"))
    error = only_error(path, "yaer")
    assert (error.line, error.message) == (line_of(PLAN_TEXT, "year: 2024") + 1, "unknown field 'yaer'")


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("year: 2024\n", "year: 2024\nyear: 2025\n"))
    error = only_error(path, "year")
    assert error.line == line_of(PLAN_TEXT, "year: 2024") + 1 and "given twice" in error.message


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("computation: bulletins.sent", "computation: bulletins.foo", "computation", "unknown computation"),
        ("params: {kind: talk}", "params: {kind: party}", "computation.params.kind", "'party' is not one of"),
        (
            "params: {programme: PG-YOUTH}",
            "params: {programme: AP-NATSEC}",
            "computation.params.programme",
            "programme",
        ),
        (
            "computation: manual",
            "computation: {name: manual, params: {x: 1}}",
            "computation.params",
            "no params",
        ),
        (
            "params: {categories: [deception]}",
            "params: {categories: [fraud]}",
            "computation.params.categories[0]",
            "'fraud'",
        ),
    ],
)
def test_bad_computation(tmp_path: Path, old: str, new: str, field: str, message: str) -> None:
    errors = validate_plan_file(write(tmp_path, replace_once(old, new)))
    assert len(errors) == 1, errors
    assert errors[0].field_path.endswith(field) and message in errors[0].message
    assert errors[0].line == line_of(PLAN_TEXT, old)


def test_custom_computation_table(tmp_path: Path) -> None:
    path = write(tmp_path, replace_once("computation: bulletins.sent", "computation: hotspots.coverage"))
    assert validate_plan_file(path, computations={**COMPUTATIONS, "hotspots.coverage": None}) == []


# --------------------------------------------------------------------------------------------------
# Hostile and odd input


def test_replaces_keeps_history_and_must_not_name_a_live_id(tmp_path: Path) -> None:
    text = replace_once(
        "      - id: AP-NATSEC-1\n", "      - id: AP-NATSEC-1\n        replaces: [AP-NATSEC-9]\n"
    )
    assert load_plan_text(text, "next-year.yaml").objective("AP-NATSEC-1").replaces == ("AP-NATSEC-9",)
    text = replace_once(
        "      - id: AP-NATSEC-1\n", "      - id: AP-NATSEC-1\n        replaces: [AP-NATSEC-2]\n"
    )
    error = only_error(write(tmp_path, text), "areas[0].objectives[0].replaces[0]")
    assert "'AP-NATSEC-2' is still in use" in error.message


def test_load_raises_plan_file_error_with_all_errors(tmp_path: Path) -> None:
    text = PLAN_TEXT.replace("owners: [DIS]\n", "owners: [XYZ]\n", 1).replace(
        "kind: management_priority", "kind: x", 1
    )
    with pytest.raises(PlanFileError) as caught:
        load_plan_file(write(tmp_path, text))
    assert [e.field_path for e in caught.value.errors] == [
        "areas[0].objectives[0].owners[0]",
        "areas[8].kind",
    ]
    assert "unknown unit 'XYZ'" in str(caught.value)


def test_python_tags_are_refused_not_executed(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"!!python/object/apply:os.system ['touch {marker}']\n"
    (error,) = validate_plan_text(text, "evil.yaml")
    assert error.file == "evil.yaml" and error.line == 1 and "constructor" in error.message
    assert not marker.exists()


def test_aliases_are_refused() -> None:
    text = 'a: &x ["lol", "lol"]\nb: [*x, *x]\n'
    (error,) = validate_plan_text(text, "laughs.yaml")
    assert (error.line, error.field_path) == (2, "b[0]")
    assert "aliases" in error.message


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_PLAN_FILE_BYTES + b"\n")
    (error,) = validate_plan_file(path)
    assert "larger than 5 MB" in str(error)
    with pytest.raises(PlanFileError):
        load_plan_text("#" * (MAX_PLAN_FILE_BYTES + 1))


def test_empty_missing_and_non_mapping_files(tmp_path: Path) -> None:
    assert validate_plan_text("", "empty.yaml")[0].message == "the file is empty"
    assert "cannot read" in validate_plan_file(tmp_path / "nope.yaml")[0].message
    (error,) = validate_plan_text("- 1\n", "list.yaml")
    assert str(error) == "list.yaml:1: (document): [1] is not of type 'object'"
    (error,) = validate_plan_text(b"id: \xff\n", "bin.yaml")
    assert (error.line, error.message) == (1, "the file is not valid UTF-8")


def test_deep_nesting_is_an_error_not_a_crash() -> None:
    errors = validate_plan_text("[" * 3000, "deep.yaml")
    assert errors and errors[0].file == "deep.yaml"


def test_yes_no_and_dates_stay_strings() -> None:
    # YAML 1.1 would read NO as False and 2024-01-01 as a date; plan files keep both as text.
    text = re.sub(r"\bEU\b", "NO", PLAN_TEXT)
    doc = load_plan_text(text, "norway.yaml")
    assert doc.unit("NO").kind == "team"


def test_load_plan_text_accepts_bytes_and_str() -> None:
    assert load_plan_text(PLAN_TEXT.encode("utf-8"), "upload.yaml") == load_plan_text(
        PLAN_TEXT, "upload.yaml"
    )


def test_planfile_does_not_import_django() -> None:
    tree = ast.parse(Path(planfile.__file__).read_text(encoding="utf-8"))
    imported = {
        (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    }
    assert not any(name == "django" or name.startswith("django.") for name in imported)
