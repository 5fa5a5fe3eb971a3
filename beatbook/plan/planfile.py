"""Plan files: a district's annual action plan as YAML, loaded into typed dataclasses.

Pure Python (no Django) so the CLI, the Django importer and tests share one validator. The format is
described in ``docs/plan-format.md`` and ``schema/plan.schema.json``; this module adds the cross-reference
checks a JSON Schema cannot express (duplicate IDs, ID prefixes, owner units, periods, computations) and
reports every problem as ``file:line: field: message``.

Plan files may come from uploads, so parsing is defensive: ``yaml.SafeLoader`` only, no aliases (they
allow "billion laughs" blow-ups in anything that walks the data), no implicit timestamps (dates stay
strings so the schema can check them), a 5 MB size limit and a guard against absurd nesting.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal, NamedTuple

import jsonschema
import yaml
from yaml.events import (
    AliasEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

__all__ = [
    "COMPUTATIONS",
    "DEFAULT_PLAN_PATH",
    "MAX_PLAN_FILE_BYTES",
    "PLANS_DIR",
    "SCHEMA_PATH",
    "Area",
    "Bilingual",
    "ComputationSpec",
    "Cover",
    "Fact",
    "Indicator",
    "Objective",
    "ParamRule",
    "Period",
    "PlanDocument",
    "PlanError",
    "PlanFileError",
    "TextItem",
    "Unit",
    "iter_texts",
    "load_plan_file",
    "load_plan_text",
    "plan_schema",
    "to_dict",
    "validate_plan_file",
    "validate_plan_text",
]

MAX_PLAN_FILE_BYTES = 5 * 1024 * 1024
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "plan.schema.json"
PLANS_DIR = Path(__file__).resolve().parent / "plans"
DEFAULT_PLAN_PATH = PLANS_DIR / "mongkok-2024.yaml"

# Top-level area kinds and the ID prefix each must use.
KIND_PREFIX = {"action_priority": "AP", "management_priority": "MP", "programme": "PG"}

FieldPath = tuple[str | int, ...]


# --------------------------------------------------------------------------------------------------
# Errors


@dataclass(frozen=True)
class PlanError:
    """One problem in a plan file, located as precisely as the input allows."""

    file: str
    line: int | None  # 1-based; None when the problem is not tied to a line (e.g. file too large)
    column: int | None  # 1-based
    field_path: str  # e.g. "areas[3].objectives[0].owners[0]"; "" for the whole document
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.field_path or '(document)'}: {self.message}"


class PlanFileError(ValueError):
    """Raised by the loaders when a plan file is invalid; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[PlanError]) -> None:
        self.errors: list[PlanError] = list(errors)
        super().__init__("\n".join(str(e) for e in self.errors) or "invalid plan file")


# --------------------------------------------------------------------------------------------------
# The typed document


@dataclass(frozen=True)
class Bilingual:
    """A text in Traditional Chinese (verbatim from the source) and its English translation."""

    zh: str
    en: str


@dataclass(frozen=True)
class Unit:
    """An organisational unit that can own objectives (district, division or team)."""

    code: str
    name: Bilingual
    kind: str  # district | division | team
    parent: str | None = None


@dataclass(frozen=True)
class Period:
    """Inclusive date range an indicator's target applies to."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class ComputationSpec:
    """How an indicator's value is obtained: ``manual`` or a computation a domain app registers."""

    name: str
    params: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def is_manual(self) -> bool:
        """True when values are entered by hand."""
        return self.name == "manual"


@dataclass(frozen=True)
class Indicator:
    """A measurable indicator of an objective, with an (illustrative) baseline and target."""

    id: str
    name: Bilingual
    unit: Bilingual
    direction: str  # up = higher is better, down = lower is better
    period: Period
    computation: ComputationSpec
    baseline: float | int | None = None
    target: float | int | None = None
    note: Bilingual | None = None
    replaces: tuple[str, ...] = ()
    objective_id: str = ""


@dataclass(frozen=True)
class Objective:
    """One bullet of the plan (or, for programmes, an objective derived from its wording)."""

    id: str
    text: Bilingual
    owners: tuple[str, ...]
    indicators: tuple[Indicator, ...] = ()
    derived: bool = False
    replaces: tuple[str, ...] = ()
    area_id: str = ""


@dataclass(frozen=True)
class Fact:
    """A structured statement taken from a programme's description (``text.zh`` quotes the source)."""

    key: str
    value: str | int | float | bool
    text: Bilingual
    qualifier: str | None = None
    since: str | None = None  # YYYY-MM
    order: int | None = None


@dataclass(frozen=True)
class Area:
    """A heading of the plan; children are sub-headings of the same shape (kind and group inherited)."""

    id: str
    kind: str
    group: Bilingual
    title: Bilingual
    description: Bilingual | None = None
    facts: tuple[Fact, ...] = ()
    objectives: tuple[Objective, ...] = ()
    children: tuple[Area, ...] = ()
    replaces: tuple[str, ...] = ()
    parent_id: str | None = None

    def walk(self) -> Iterator[Area]:
        """This area, then every descendant, depth first in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def iter_objectives(self) -> Iterator[Objective]:
        """Objectives of this area and of all its descendants."""
        for area in self.walk():
            yield from area.objectives


@dataclass(frozen=True)
class Cover:
    """Everything printed on the cover."""

    lines: tuple[Bilingual, ...]
    bank_partner: Bilingual | None = None


@dataclass(frozen=True)
class PlanDocument:
    """A whole plan file."""

    schema_version: int
    id: str
    year: int
    title: Bilingual
    district: Bilingual
    units: tuple[Unit, ...]
    areas: tuple[Area, ...]
    motto: Bilingual | None = None
    cover: Cover | None = None
    furniture: tuple[Bilingual, ...] = ()

    def iter_areas(self) -> Iterator[Area]:
        """Every area, flattened: each top-level area followed by its descendants."""
        for area in self.areas:
            yield from area.walk()

    def iter_objectives(self) -> Iterator[Objective]:
        """Every objective in document order."""
        for area in self.iter_areas():
            yield from area.objectives

    def iter_indicators(self) -> Iterator[Indicator]:
        """Every indicator in document order."""
        for objective in self.iter_objectives():
            yield from objective.indicators

    def area(self, area_id: str) -> Area:
        """The area with this ID (KeyError if none)."""
        for area in self.iter_areas():
            if area.id == area_id:
                return area
        raise KeyError(area_id)

    def objective(self, objective_id: str) -> Objective:
        """The objective with this ID (KeyError if none)."""
        for objective in self.iter_objectives():
            if objective.id == objective_id:
                return objective
        raise KeyError(objective_id)

    def unit(self, code: str) -> Unit:
        """The unit with this code (KeyError if none)."""
        for unit in self.units:
            if unit.code == code:
                return unit
        raise KeyError(code)


# --------------------------------------------------------------------------------------------------
# Computations the domain apps register (anything else must be ``manual``)


@dataclass(frozen=True)
class ParamRule:
    """What a computation parameter accepts.

    ``choice``: one of ``values``; ``choices``: a non-empty list drawn from ``values``; ``word``: a
    snake_case name; ``programme``: the ID of a programme area of the same plan.
    """

    kind: Literal["choice", "choices", "word", "programme"]
    values: frozenset[str] = frozenset()


ACTIVITY_KINDS = frozenset(
    {
        "talk",
        "operation",
        "patrol",
        "exercise",
        "meeting",
        "visit",
        "training",
        "enforcement",
        "publicity",
        "other",
    }
)
INCIDENT_CATEGORIES = frozenset(
    {
        "robbery",
        "burglary",
        "theft",
        "deception",
        "wounding",
        "drugs",
        "triad",
        "criminal_damage",
        "cyber",
        "public_order",
    }
)
KSI_GROUPS = frozenset(
    {"all", "pedestrian", "elderly_pedestrian", "public_transport", "bicycle", "goods_vehicle"}
)
ENFORCEMENT_KINDS = frozenset({"drink_driving", "drug_driving", "speeding", "illegal_racing", "stem"})
_PROGRAMME = {"programme": ParamRule("programme")}
OPERATION_KINDS = frozenset(
    {
        "anti_triad",
        "anti_drug",
        "anti_deception",
        "organised_burglary",
        "immigration",
        "proceeds",
        "counter_terrorism",
        "cyber",
        "other",
    }
)
OFFENCE_GROUPS = frozenset(
    {"triad", "drugs", "deception", "robbery_burglary", "immigration", "money_laundering", "vice", "other"}
)
RANK_CLASSES = frozenset({"regular", "auxiliary", "civilian"})
ENGAGEMENT_KINDS = frozenset({"meeting", "consultation", "site_visit", "briefing"})
DRUG_TYPES = frozenset({"heroin", "methamphetamine", "cocaine", "ketamine", "cannabis", "etomidate", "other"})

# name -> accepted params (all optional); None would mean "any params" (for names registered elsewhere).
COMPUTATIONS: Mapping[str, Mapping[str, ParamRule] | None] = {
    "activities.count": {"kind": ParamRule("choice", ACTIVITY_KINDS)},
    "activities.output_sum": {"output": ParamRule("word")},
    "incidents.count": {"categories": ParamRule("choices", INCIDENT_CATEGORIES)},
    "patrols.dosage_delivered_ratio": {},
    "scams.reports_confirmed": {},
    "scams.lookups": {},
    "scams.partners_active": {},
    "community.members_enrolled": _PROGRAMME,
    "community.members_active": _PROGRAMME,
    "community.sessions_held": _PROGRAMME,
    "community.attendance": _PROGRAMME,
    "community.referrals": _PROGRAMME,
    "partners.reached": {},
    "bulletins.sent": {},
    "bulletins.read_rate": {},
    "cctv.cameras_registered": {},
    "cctv.footage_answered_in_time_rate": {},
    "roads.ksi": {"group": ParamRule("choice", KSI_GROUPS)},
    "roads.enforcement_outputs": {"kind": ParamRule("choice", ENFORCEMENT_KINDS)},
    "readiness.exercises_held": {},
    "readiness.findings_closed_rate": {},
    "events.reviewed_rate": {},
    "operations.count": {"kind": ParamRule("choice", OPERATION_KINDS)},
    "operations.arrests": {
        "ages": ParamRule("choice", frozenset({"young", "all"})),
        "offence_groups": ParamRule("choices", OFFENCE_GROUPS),
    },
    "operations.drugs_weight": {"drug_type": ParamRule("choice", DRUG_TYPES)},
    "operations.proceeds_restrained": {},
    "projects.engagements": {"kind": ParamRule("choice", ENGAGEMENT_KINDS)},
    "projects.milestones_on_time": {},
    "people.training_hours_per_officer": {"rank_class": ParamRule("choice", RANK_CLASSES)},
    "people.qualifications_current": {},
    "people.pulse_response_rate": {},
}

ComputationTable = Mapping[str, Mapping[str, ParamRule] | None]


# --------------------------------------------------------------------------------------------------
# YAML reading


class _PlanLoader(yaml.SafeLoader):
    """SafeLoader that refuses aliases and keeps dates (and yes/no/on/off) as plain strings."""

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:  # type: ignore[override]
        if self.check_event(AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in plan files", event.start_mark
            )
        return super().compose_node(parent, index)


# Dates must stay strings so the JSON Schema can check them; YAML 1.1 booleans such as "no" or "on"
# silently turn unit codes or words into True/False, so only true/false count as booleans.
_PlanLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mark_position(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _format_path(path: Sequence[str | int]) -> str:
    out = ""
    for step in path:
        if isinstance(step, int):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def _path_at(text: str, index: int) -> FieldPath:
    """The field path the YAML event stream is in at character ``index`` (for syntax errors)."""
    # Frames: ["map", key, expecting_key] or ["seq", item_index, None].
    stack: list[list[Any]] = []
    try:
        for event in yaml.parse(text, Loader=_PlanLoader):
            if event.start_mark.index >= index:
                if (
                    stack
                    and stack[-1][0] == "seq"
                    and not isinstance(event, MappingEndEvent | SequenceEndEvent)
                ):
                    stack[-1][1] += 1  # the failing node is the next item of this sequence
                break
            if isinstance(event, ScalarEvent | AliasEvent | MappingStartEvent | SequenceStartEvent):
                if stack:
                    top = stack[-1]
                    if top[0] == "seq":
                        top[1] += 1
                    elif top[2]:
                        top[1] = event.value if isinstance(event, ScalarEvent) else "?"
                        if isinstance(event, ScalarEvent | AliasEvent):
                            top[2] = False
                    elif isinstance(event, ScalarEvent | AliasEvent):
                        top[2] = True
                if isinstance(event, MappingStartEvent):
                    stack.append(["map", None, True])
                elif isinstance(event, SequenceStartEvent):
                    stack.append(["seq", -1, None])
            elif isinstance(event, MappingEndEvent | SequenceEndEvent) and stack:
                stack.pop()
                if stack and stack[-1][0] == "map":
                    stack[-1][2] = not stack[-1][2]  # a finished key expects its value, a value the next key
    except (yaml.YAMLError, RecursionError):
        pass  # the caller already has the error; we only wanted the path up to it
    path: list[str | int] = []
    for kind, key, expecting_key in stack:
        started_item = kind == "seq" and key >= 0
        inside_value = kind == "map" and not expecting_key and key is not None
        if started_item or inside_value:
            path.append(key)
    return tuple(path)


def _parse(text: str, name: str) -> tuple[Any, Node | None, list[PlanError]]:
    """YAML text -> (data, node tree, errors)."""
    loader = _PlanLoader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _mark_position(mark)
        path = _path_at(text, mark.index) if mark is not None else ()
        problem = ": ".join(p for p in (exc.context, exc.problem) if p) or "invalid YAML"
        # Scanner/parser errors are syntax; composer/constructor ones are refused features (aliases, tags).
        syntax = isinstance(exc, yaml.scanner.ScannerError | yaml.parser.ParserError)
        message = f"{'YAML syntax error' if syntax else 'YAML error'}: {problem}"
        return None, None, [PlanError(name, line, column, _format_path(path), message)]
    except yaml.YAMLError as exc:
        return None, None, [PlanError(name, None, None, "", f"YAML error: {exc}")]
    except RecursionError:
        return None, None, [PlanError(name, None, None, "", "nesting is too deep")]
    finally:
        loader.dispose()
    if root is None:
        return None, None, [PlanError(name, 1, 1, "", "the file is empty")]
    return data, root, []


def _locate(root: Node | None, path: FieldPath) -> yaml.Mark | None:
    """Start mark of the node at ``path`` (of its key, for mapping entries), or of the deepest ancestor."""
    if root is None:
        return None
    node: Node = root
    mark = root.start_mark
    for step in path:
        if isinstance(node, MappingNode):
            found = None
            for key_node, value_node in node.value:
                if isinstance(key_node, ScalarNode) and key_node.value == str(step):
                    found = (key_node, value_node)  # keep the last one, as the constructor does
            if found is None:
                break
            mark, node = found[0].start_mark, found[1]
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            node = node.value[step]
            mark = node.start_mark
        else:
            break
    return mark


def _duplicate_keys(root: Node) -> list[tuple[FieldPath, yaml.Mark, str]]:
    """Mapping keys given twice (PyYAML would silently keep the last one)."""
    found: list[tuple[FieldPath, yaml.Mark, str]] = []
    stack: list[tuple[Node, FieldPath]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, MappingNode):
            seen: set[str] = set()
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else "?"
                if key in seen:
                    found.append((path + (key,), key_node.start_mark, f"field '{key}' is given twice"))
                seen.add(key)
                stack.append((value_node, path + (key,)))
        elif isinstance(node, SequenceNode):
            stack.extend((item, path + (i,)) for i, item in enumerate(node.value))
    return found


# --------------------------------------------------------------------------------------------------
# Schema validation


@lru_cache(maxsize=1)
def plan_schema() -> dict[str, Any]:
    """The plan file JSON Schema (``schema/plan.schema.json``)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _validator() -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.validator_for(plan_schema())
    return cls(plan_schema(), format_checker=cls.FORMAT_CHECKER)


def _explain(error: jsonschema.ValidationError) -> list[tuple[FieldPath, FieldPath, str]]:
    """A schema error as (field path, path to locate the line, message) items."""
    path: FieldPath = tuple(error.absolute_path)
    instance = error.instance
    if error.validator == "required" and isinstance(instance, dict):
        # One error per missing property; the message is the only place naming which one.
        missing = [p for p in error.validator_value if p not in instance and repr(p) in error.message]
        return [(path + (p,), path, f"missing required field '{p}'") for p in missing]
    if error.validator == "additionalProperties" and isinstance(instance, dict):
        known = error.schema.get("properties", {})
        extras = [k for k in instance if k not in known]
        return [(path + (k,), path + (k,), f"unknown field '{k}'") for k in extras]
    if error.validator in ("anyOf", "oneOf") and error.context:
        best = jsonschema.exceptions.best_match(error.context)
        if best is not None:
            return _explain(best)
    if error.validator == "format":
        return [(path, path, f"{instance!r} is not a valid {error.validator_value} (YYYY-MM-DD)")]
    if error.validator == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return [(path, path, f"{instance!r} is not one of: {allowed}")]
    if error.validator == "pattern":
        return [(path, path, f"{instance!r} does not match the pattern {error.validator_value}")]
    return [(path, path, error.message)]


# --------------------------------------------------------------------------------------------------
# Cross-reference checks (run on the raw data, defensively, so they can report alongside schema errors)


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _parse_date(value: Any) -> dt.date | None:
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def _check_computation(
    comp: Any, path: FieldPath, computations: ComputationTable, programmes: set[str]
) -> list[tuple[FieldPath, str]]:
    """A computation names ``manual`` or a known computation, with parameters it accepts."""
    if isinstance(comp, str):
        name, params, name_path = comp, {}, path
    elif isinstance(comp, dict) and isinstance(comp.get("name"), str):
        name, params, name_path = comp["name"], comp.get("params") or {}, (*path, "name")
    else:
        return []  # the schema reports the shape
    out: list[tuple[FieldPath, str]] = []
    if name == "manual":
        if params:
            out.append(((*path, "params"), "a manual indicator takes no params"))
        return out
    if name not in computations:
        out.append(
            (
                name_path,
                f"unknown computation '{name}'; use 'manual' or one of: {', '.join(sorted(computations))}",
            )
        )
        return out
    rules = computations[name]
    if rules is None or not isinstance(params, dict):
        return out
    for pname, value in params.items():
        where = (*path, "params", pname)
        rule = rules.get(pname)
        if rule is None:
            accepted = ", ".join(sorted(rules)) or "none"
            out.append((where, f"'{name}' has no parameter '{pname}' (accepted: {accepted})"))
        elif rule.kind == "choice" and not (isinstance(value, str) and value in rule.values):
            out.append((where, f"{value!r} is not one of: {', '.join(sorted(rule.values))}"))
        elif rule.kind == "choices":
            if not isinstance(value, list) or not value:
                out.append((where, "must be a non-empty list"))
            else:
                out.extend(
                    ((*where, i), f"{item!r} is not one of: {', '.join(sorted(rule.values))}")
                    for i, item in enumerate(value)
                    if not (isinstance(item, str) and item in rule.values)
                )
        elif rule.kind == "word" and not (isinstance(value, str) and re.fullmatch(r"[a-z][a-z0-9_]*", value)):
            out.append((where, f"{value!r} is not a snake_case name"))
        elif rule.kind == "programme" and not (isinstance(value, str) and value in programmes):
            out.append((where, f"{value!r} is not the ID of a programme area in this plan"))
    return out


def _semantic_errors(data: Any, computations: ComputationTable) -> list[tuple[FieldPath, str]]:
    """Checks across the document: IDs, prefixes, unit references, periods and computations."""
    out: list[tuple[FieldPath, str]] = []
    if not isinstance(data, dict):
        return out

    # Units: codes unique, parents known and acyclic.
    units = _as_list(data.get("units"))
    codes: dict[str, FieldPath] = {}
    parents: dict[str, str] = {}
    for i, unit in enumerate(units):
        unit = _as_dict(unit)
        code, parent = unit.get("code"), unit.get("parent")
        if not isinstance(code, str):
            continue
        if code in codes:
            out.append(
                (("units", i, "code"), f"duplicate unit code '{code}' (first at {_format_path(codes[code])})")
            )
        else:
            codes[code] = ("units", i, "code")
        if isinstance(parent, str):
            parents[code] = parent
    for i, unit in enumerate(units):
        unit = _as_dict(unit)
        code, parent = unit.get("code"), unit.get("parent")
        if not isinstance(parent, str) or not isinstance(code, str):
            continue
        if parent not in codes:
            out.append((("units", i, "parent"), f"unknown unit parent '{parent}'"))
            continue
        seen, cursor = {code}, parent
        while cursor in parents and cursor not in seen:
            seen.add(cursor)
            cursor = parents[cursor]
        if cursor == code:
            out.append((("units", i, "parent"), f"unit parents form a cycle through '{code}'"))

    # Areas: first collect programme IDs (computation params may reference them).
    programmes: set[str] = set()

    def collect(area: Any, inherited_kind: Any) -> None:
        area = _as_dict(area)
        kind = area.get("kind", inherited_kind)
        if kind == "programme" and isinstance(area.get("id"), str):
            programmes.add(area["id"])
        for child in _as_list(area.get("children")):
            collect(child, kind)

    for area in _as_list(data.get("areas")):
        collect(area, None)

    ids: dict[str, FieldPath] = {}
    replaced: list[tuple[FieldPath, str]] = []

    def claim(item_id: Any, path: FieldPath, item: dict[str, Any]) -> bool:
        for j, old in enumerate(_as_list(item.get("replaces"))):
            if isinstance(old, str):
                replaced.append(((*path[:-1], "replaces", j), old))
        if not isinstance(item_id, str):
            return False
        if item_id in ids:
            out.append((path, f"duplicate ID '{item_id}' (first at {_format_path(ids[item_id])})"))
            return False
        ids[item_id] = path
        return True

    def check_indicator(ind: dict[str, Any], path: FieldPath, objective_id: Any) -> None:
        iid = ind.get("id")
        claim(iid, (*path, "id"), ind)
        if (
            isinstance(iid, str)
            and isinstance(objective_id, str)
            and not re.fullmatch(re.escape(objective_id) + r"-I[1-9][0-9]*", iid)
        ):
            out.append(
                (
                    (*path, "id"),
                    f"indicator ID '{iid}' must be its objective's ID plus -I<n> ('{objective_id}-I1', ...)",
                )
            )
        period = _as_dict(ind.get("period"))
        start, end = _parse_date(period.get("start")), _parse_date(period.get("end"))
        if start and end and start > end:
            out.append(((*path, "period"), f"period start {start} is after its end {end}"))
        out.extend(
            _check_computation(ind.get("computation"), (*path, "computation"), computations, programmes)
        )

    def check_area(area: dict[str, Any], path: FieldPath, parent: dict[str, Any] | None) -> None:
        aid = area.get("id")
        claim(aid, (*path, "id"), area)
        kind = area.get("kind")
        if parent is None:
            prefix = KIND_PREFIX.get(kind) if isinstance(kind, str) else None
            if prefix and isinstance(aid, str) and not aid.startswith(prefix + "-"):
                out.append(((*path, "id"), f"the ID of a {kind} area must start with '{prefix}-'"))
        else:
            pid = parent.get("id")
            if isinstance(aid, str) and isinstance(pid, str) and not aid.startswith(pid + "-"):
                out.append(((*path, "id"), f"area ID '{aid}' must start with its parent's ID '{pid}-'"))
            for key in ("kind", "group"):
                if key in area and parent.get(key) is not None and area[key] != parent[key]:
                    out.append(((*path, key), f"a sub-area's {key} must be its parent's (it is inherited)"))
        objectives, children = _as_list(area.get("objectives")), _as_list(area.get("children"))
        if not objectives and not children:
            out.append((path, "an area needs objectives or children"))
        for j, obj in enumerate(objectives):
            obj = _as_dict(obj)
            opath = (*path, "objectives", j)
            oid = obj.get("id")
            claim(oid, (*opath, "id"), obj)
            if (
                isinstance(oid, str)
                and isinstance(aid, str)
                and not re.fullmatch(re.escape(aid) + r"-[1-9][0-9]*", oid)
            ):
                out.append(
                    (
                        (*opath, "id"),
                        f"objective ID '{oid}' must be its area's ID plus a number ('{aid}-1', ...)",
                    )
                )
            for k, owner in enumerate(_as_list(obj.get("owners"))):
                if isinstance(owner, str) and owner not in codes:
                    out.append(((*opath, "owners", k), f"unknown unit '{owner}'"))
            for k, ind in enumerate(_as_list(obj.get("indicators"))):
                check_indicator(_as_dict(ind), (*opath, "indicators", k), oid)
        # Children inherit kind and group, so pass the effective values down.
        effective = {
            "id": aid,
            "kind": area.get("kind", (parent or {}).get("kind")),
            "group": area.get("group", (parent or {}).get("group")),
        }
        for k, child in enumerate(children):
            check_area(_as_dict(child), (*path, "children", k), effective)

    for i, area in enumerate(_as_list(data.get("areas"))):
        check_area(_as_dict(area), ("areas", i), None)

    for path, old in replaced:
        if old in ids:
            out.append((path, f"'{old}' is still in use in this plan (first at {_format_path(ids[old])})"))
    return out


# --------------------------------------------------------------------------------------------------
# Public API


def _decode(raw: bytes, name: str) -> tuple[str | None, list[PlanError]]:
    if len(raw) > MAX_PLAN_FILE_BYTES:
        return None, [
            PlanError(
                name, None, None, "", f"the file is larger than {MAX_PLAN_FILE_BYTES // (1024 * 1024)} MB"
            )
        ]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, [PlanError(name, line, None, "", "the file is not valid UTF-8")]


def _check_text(
    text: str | bytes, name: str, computations: ComputationTable | None
) -> tuple[Any, list[PlanError]]:
    if isinstance(text, bytes):
        decoded, errors = _decode(text, name)
        if decoded is None:
            return None, errors
        text = decoded
    elif len(text) > MAX_PLAN_FILE_BYTES or len(text.encode("utf-8")) > MAX_PLAN_FILE_BYTES:
        return None, [
            PlanError(
                name, None, None, "", f"the file is larger than {MAX_PLAN_FILE_BYTES // (1024 * 1024)} MB"
            )
        ]
    data, root, errors = _parse(text, name)
    if errors:
        return None, errors

    found: list[PlanError] = []

    def add(field_path: FieldPath, locate_path: FieldPath, message: str) -> None:
        line, column = _mark_position(_locate(root, locate_path))
        found.append(PlanError(name, line, column, _format_path(field_path), message))

    for path, mark, message in _duplicate_keys(root):
        line, column = _mark_position(mark)
        found.append(PlanError(name, line, column, _format_path(path), message))
    try:
        for error in _validator().iter_errors(data):
            for field_path, locate_path, message in _explain(error):
                add(field_path, locate_path, message)
        for path, message in _semantic_errors(data, COMPUTATIONS if computations is None else computations):
            add(path, path, message)
    except RecursionError:
        found.append(PlanError(name, None, None, "", "nesting is too deep"))
    found.sort(key=lambda e: (e.line or 0, e.column or 0, e.field_path))
    return data, found


def validate_plan_text(
    text: str | bytes, name: str = "<upload>", *, computations: ComputationTable | None = None
) -> list[PlanError]:
    """Every problem in a plan given as text or bytes (e.g. an upload); empty when the plan is valid.

    ``computations`` replaces :data:`COMPUTATIONS` (names allowed besides ``manual`` and their params).
    """
    return _check_text(text, name, computations)[1]


def validate_plan_file(path: str | Path, *, computations: ComputationTable | None = None) -> list[PlanError]:
    """Every problem in the plan file at ``path``; empty when it is valid. Never raises for bad input."""
    name = str(path)
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_PLAN_FILE_BYTES + 1)  # read one byte more than allowed to detect oversize
    except OSError as exc:
        return [PlanError(name, None, None, "", f"cannot read the file: {exc.strerror or exc}")]
    return validate_plan_text(raw, name, computations=computations)


def load_plan_text(
    text: str | bytes, name: str = "<upload>", *, computations: ComputationTable | None = None
) -> PlanDocument:
    """Validate and load a plan given as text or bytes; raises :class:`PlanFileError` if invalid."""
    data, errors = _check_text(text, name, computations)
    if errors:
        raise PlanFileError(errors)
    return _build(data)


def load_plan_file(path: str | Path, *, computations: ComputationTable | None = None) -> PlanDocument:
    """Validate and load the plan file at ``path``; raises :class:`PlanFileError` if invalid."""
    name = str(path)
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(MAX_PLAN_FILE_BYTES + 1)
    except OSError as exc:
        raise PlanFileError([PlanError(name, None, None, "", f"cannot read the file: {exc.strerror or exc}")])
    return load_plan_text(raw, name, computations=computations)


# --------------------------------------------------------------------------------------------------
# Building the dataclasses (input already validated)


def _bi(value: Mapping[str, str] | None) -> Bilingual | None:
    return Bilingual(zh=value["zh"], en=value["en"]) if value is not None else None


def _build_indicator(raw: dict[str, Any], objective_id: str, year: int) -> Indicator:
    period = raw.get("period")
    comp = raw["computation"]
    spec = (
        ComputationSpec(comp, {})
        if isinstance(comp, str)
        else ComputationSpec(comp["name"], dict(comp.get("params") or {}))
    )
    return Indicator(
        id=raw["id"],
        name=Bilingual(**raw["name"]),
        unit=Bilingual(**raw["unit"]),
        direction=raw["direction"],
        # Without an explicit period the target applies to the plan's calendar year.
        period=Period(dt.date.fromisoformat(period["start"]), dt.date.fromisoformat(period["end"]))
        if period
        else Period(dt.date(year, 1, 1), dt.date(year, 12, 31)),
        computation=spec,
        baseline=raw.get("baseline"),
        target=raw.get("target"),
        note=_bi(raw.get("note")),
        replaces=tuple(raw.get("replaces", ())),
        objective_id=objective_id,
    )


def _build_area(
    raw: dict[str, Any],
    year: int,
    parent_id: str | None = None,
    kind: str = "",
    group: Bilingual | None = None,
) -> Area:
    # Sub-areas inherit kind and group from their parent unless they repeat them.
    kind = raw.get("kind") or kind
    group = _bi(raw.get("group")) or group or Bilingual("", "")
    return Area(
        id=raw["id"],
        kind=kind,
        group=group,
        title=Bilingual(**raw["title"]),
        description=_bi(raw.get("description")),
        facts=tuple(
            Fact(
                key=f["key"],
                value=f["value"],
                text=Bilingual(**f["text"]),
                qualifier=f.get("qualifier"),
                since=f.get("since"),
                order=f.get("order"),
            )
            for f in raw.get("facts", ())
        ),
        objectives=tuple(
            Objective(
                id=o["id"],
                text=Bilingual(**o["text"]),
                owners=tuple(o["owners"]),
                indicators=tuple(_build_indicator(i, o["id"], year) for i in o.get("indicators", ())),
                derived=bool(o.get("derived", False)),
                replaces=tuple(o.get("replaces", ())),
                area_id=raw["id"],
            )
            for o in raw.get("objectives", ())
        ),
        children=tuple(_build_area(c, year, raw["id"], kind, group) for c in raw.get("children", ())),
        replaces=tuple(raw.get("replaces", ())),
        parent_id=parent_id,
    )


def _build(data: dict[str, Any]) -> PlanDocument:
    cover = data.get("cover")
    return PlanDocument(
        schema_version=data["schema_version"],
        id=data["id"],
        year=data["year"],
        title=Bilingual(**data["title"]),
        district=Bilingual(**data["district"]),
        motto=_bi(data.get("motto")),
        cover=Cover(
            lines=tuple(Bilingual(**line) for line in cover["lines"]),
            bank_partner=_bi(cover.get("bank_partner")),
        )
        if cover is not None
        else None,
        furniture=tuple(Bilingual(**f) for f in data.get("furniture", ())),
        units=tuple(
            Unit(code=u["code"], name=Bilingual(**u["name"]), kind=u["kind"], parent=u.get("parent"))
            for u in data["units"]
        ),
        areas=tuple(_build_area(a, data["year"]) for a in data["areas"]),
    )


# --------------------------------------------------------------------------------------------------
# Export


class TextItem(NamedTuple):
    """One bilingual text of a plan: the ID owning it, the field, and both languages."""

    id: str
    field: str
    zh: str
    en: str


def iter_texts(doc: PlanDocument) -> Iterator[TextItem]:
    """Every bilingual text of the plan as (id, field, zh, en), in document order.

    ``id`` is the plan ID, a unit code, or an area / objective / indicator ID.
    """

    def item(owner: str, name: str, text: Bilingual | None) -> Iterator[TextItem]:
        if text is not None:
            yield TextItem(owner, name, text.zh, text.en)

    yield from item(doc.id, "title", doc.title)
    yield from item(doc.id, "district", doc.district)
    yield from item(doc.id, "motto", doc.motto)
    if doc.cover is not None:
        for i, line in enumerate(doc.cover.lines):
            yield from item(doc.id, f"cover.lines[{i}]", line)
        yield from item(doc.id, "cover.bank_partner", doc.cover.bank_partner)
    for i, text in enumerate(doc.furniture):
        yield from item(doc.id, f"furniture[{i}]", text)
    for unit in doc.units:
        yield from item(unit.code, "name", unit.name)
    for area in doc.iter_areas():
        if area.parent_id is None:  # children inherit the group; report it once
            yield from item(area.id, "group", area.group)
        yield from item(area.id, "title", area.title)
        yield from item(area.id, "description", area.description)
        for i, fact in enumerate(area.facts):
            yield from item(area.id, f"facts[{i}].text", fact.text)
        for objective in area.objectives:
            yield from item(objective.id, "text", objective.text)
            for indicator in objective.indicators:
                yield from item(indicator.id, "name", indicator.name)
                yield from item(indicator.id, "unit", indicator.unit)
                yield from item(indicator.id, "note", indicator.note)


def _bi_dict(text: Bilingual) -> dict[str, str]:
    return {"zh": text.zh, "en": text.en}


def _indicator_dict(ind: Indicator) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": ind.id,
        "name": _bi_dict(ind.name),
        "unit": _bi_dict(ind.unit),
        "direction": ind.direction,
        "baseline": ind.baseline,
        "target": ind.target,
        "period": {"start": ind.period.start.isoformat(), "end": ind.period.end.isoformat()},
        "computation": ind.computation.name
        if not ind.computation.params
        else {"name": ind.computation.name, "params": dict(ind.computation.params)},
    }
    if ind.note is not None:
        out["note"] = _bi_dict(ind.note)
    if ind.replaces:
        out["replaces"] = list(ind.replaces)
    return out


def _area_dict(area: Area) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": area.id,
        "kind": area.kind,
        "group": _bi_dict(area.group),
        "title": _bi_dict(area.title),
    }
    if area.description is not None:
        out["description"] = _bi_dict(area.description)
    if area.facts:
        out["facts"] = []
        for fact in area.facts:
            entry: dict[str, Any] = {"key": fact.key, "value": fact.value}
            entry.update(
                {k: v for k in ("qualifier", "since", "order") if (v := getattr(fact, k)) is not None}
            )
            entry["text"] = _bi_dict(fact.text)
            out["facts"].append(entry)
    out["objectives"] = []
    for obj in area.objectives:
        entry = {"id": obj.id, "text": _bi_dict(obj.text), "derived": obj.derived, "owners": list(obj.owners)}
        if obj.indicators:
            entry["indicators"] = [_indicator_dict(i) for i in obj.indicators]
        if obj.replaces:
            entry["replaces"] = list(obj.replaces)
        out["objectives"].append(entry)
    if area.children:
        out["children"] = [_area_dict(c) for c in area.children]
    if area.replaces:
        out["replaces"] = list(area.replaces)
    return out


def to_dict(doc: PlanDocument) -> dict[str, Any]:
    """The whole plan as JSON-ready data in both languages.

    The result is itself a valid plan file (inherited kinds and groups, and default periods, are
    written out), so ``load_plan_text(yaml.safe_dump(to_dict(doc)))`` gives ``doc`` back.
    """
    out: dict[str, Any] = {
        "schema_version": doc.schema_version,
        "id": doc.id,
        "year": doc.year,
        "title": _bi_dict(doc.title),
        "district": _bi_dict(doc.district),
    }
    if doc.motto is not None:
        out["motto"] = _bi_dict(doc.motto)
    if doc.cover is not None:
        out["cover"] = {"lines": [_bi_dict(line) for line in doc.cover.lines]}
        if doc.cover.bank_partner is not None:
            out["cover"]["bank_partner"] = _bi_dict(doc.cover.bank_partner)
    if doc.furniture:
        out["furniture"] = [_bi_dict(f) for f in doc.furniture]
    out["units"] = []
    for unit in doc.units:
        entry: dict[str, Any] = {"code": unit.code, "name": _bi_dict(unit.name), "kind": unit.kind}
        if unit.parent is not None:
            entry["parent"] = unit.parent
        out["units"].append(entry)
    out["areas"] = [_area_dict(a) for a in doc.areas]
    return out
