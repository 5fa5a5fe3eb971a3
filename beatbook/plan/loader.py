"""Load a validated plan file into the database, idempotently.

Areas, objectives, indicators and units are matched by their stable IDs: loading again changes nothing,
and a later plan that keeps an ID updates that record in place, keeping its history. Records whose IDs
the new plan drops are marked retired rather than deleted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from beatbook.org.models import Unit

from .models import Area, Indicator, Objective, Plan
from .planfile import load_plan_file, to_dict

DEFAULT_PLAN = Path(__file__).resolve().parent / "plans" / "mongkok-2024.yaml"


@dataclass
class LoadReport:
    plan: Plan | None = None
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    retired: dict[str, int] = field(default_factory=dict)

    def bump(self, bucket: dict[str, int], kind: str) -> None:
        bucket[kind] = bucket.get(kind, 0) + 1

    def summary(self) -> str:
        def fmt(d):
            return ", ".join(f"{k} {v}" for k, v in sorted(d.items())) or "none"

        return f"created: {fmt(self.created)}; updated: {fmt(self.updated)}; retired: {fmt(self.retired)}"


def _bi(value, key: str = "zh") -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return str(value.get(key, "") or "")
    return str(value) if key == "zh" else ""


def _upsert(model, lookup: dict, values: dict, report: LoadReport, kind: str):
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model.objects.create(**lookup, **values)
        report.bump(report.created, kind)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for k in changed:
            setattr(obj, k, values[k])
        obj.save()
        report.bump(report.updated, kind)
    return obj


def read_plan(path: Path) -> dict:
    """Validate ``path`` and return its data; raises PlanFileError listing every problem.

    Parsing goes through planfile (one reader for checking and loading), which keeps YAML words such as
    ``no`` as strings and fills in defaults (kind, group, period) for sub-areas and indicators."""
    return to_dict(load_plan_file(path, computations=_known_computations()))


def _known_computations():
    """Accept every registered computation name (apps register theirs at start-up)."""
    from .computations import REGISTRY
    from .planfile import COMPUTATIONS

    known = dict(COMPUTATIONS)
    known.update({name: None for name in REGISTRY if name not in known})
    return known


@transaction.atomic
def load_plan(path: Path | str = DEFAULT_PLAN) -> LoadReport:
    """Validate and load the plan file at ``path``; safe to run again."""
    path = Path(path)
    data = read_plan(path)
    report = LoadReport()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()

    units: dict[str, Unit] = {}
    pending_parents = []
    for u in data.get("units", []):
        units[u["code"]] = _upsert(
            Unit,
            {"code": u["code"]},
            {
                "name_zh": _bi(u.get("name")),
                "name_en": _bi(u.get("name"), "en"),
                "kind": u.get("kind", "team"),
            },
            report,
            "units",
        )
        pending_parents.append((u["code"], u.get("parent")))
    for code, parent in pending_parents:
        unit = units[code]
        parent_id = units[parent].pk if parent else None
        if unit.parent_id != parent_id:
            unit.parent_id = parent_id
            unit.save()

    plan = _upsert(
        Plan,
        {"slug": data["id"]},
        {
            "year": int(data["year"]),
            "title_zh": _bi(data["title"]),
            "title_en": _bi(data["title"], "en"),
            "district_zh": _bi(data.get("district")),
            "district_en": _bi(data.get("district"), "en"),
            "document": _jsonable(data),
            "source_sha256": digest,
        },
        report,
        "plans",
    )
    if plan.loaded_at is None or report.created or report.updated:
        plan.loaded_at = timezone.now()
        Plan.objects.filter(pk=plan.pk).update(loaded_at=plan.loaded_at)

    seen_areas, seen_objectives, seen_indicators = set(), set(), set()
    counter = {"order": 0}

    def walk(area_data: dict, parent: Area | None, inherited: dict) -> None:
        counter["order"] += 1
        kind = area_data.get("kind") or inherited.get("kind")
        group = area_data.get("group") or inherited.get("group")
        area = _upsert(
            Area,
            {"code": area_data["id"]},
            {
                "plan": plan,
                "parent": parent,
                "kind": kind,
                "order": counter["order"],
                "group_zh": _bi(group),
                "group_en": _bi(group, "en"),
                "title_zh": _bi(area_data["title"]),
                "title_en": _bi(area_data["title"], "en"),
                "description_zh": _bi(area_data.get("description")),
                "description_en": _bi(area_data.get("description"), "en"),
                "facts": _jsonable(area_data.get("facts", [])),
                "retired": False,
            },
            report,
            "areas",
        )
        seen_areas.add(area.code)
        for index, obj_data in enumerate(area_data.get("objectives", []) or [], start=1):
            objective = _upsert(
                Objective,
                {"code": obj_data["id"]},
                {
                    "area": area,
                    "order": index,
                    "text_zh": _bi(obj_data["text"]),
                    "text_en": _bi(obj_data["text"], "en"),
                    "retired": False,
                },
                report,
                "objectives",
            )
            seen_objectives.add(objective.code)
            owner_ids = {units[c].pk for c in obj_data.get("owners", []) if c in units}
            if set(objective.owners.values_list("pk", flat=True)) != owner_ids:
                objective.owners.set(owner_ids)
            for ind in obj_data.get("indicators", []) or []:
                comp = ind.get("computation", "manual")
                name, params = (comp, {}) if isinstance(comp, str) else (comp["name"], comp.get("params", {}))
                period = ind.get("period") or {}
                _upsert(
                    Indicator,
                    {"code": ind["id"]},
                    {
                        "objective": objective,
                        "name_zh": _bi(ind["name"]),
                        "name_en": _bi(ind["name"], "en"),
                        "unit_zh": _bi(ind.get("unit")),
                        "unit_en": _bi(ind.get("unit"), "en") or _bi(ind.get("unit")),
                        "direction": ind.get("direction", "up"),
                        "baseline": _num(ind.get("baseline")),
                        "target": _num(ind.get("target")),
                        "period_start": _date(period.get("start"), dt.date(int(data["year"]), 1, 1)),
                        "period_end": _date(period.get("end"), dt.date(int(data["year"]), 12, 31)),
                        "computation": name,
                        "computation_params": _jsonable(params),
                        "note_zh": _bi(ind.get("note")),
                        "note_en": _bi(ind.get("note"), "en"),
                    },
                    report,
                    "indicators",
                )
                seen_indicators.add(ind["id"])
        for child in area_data.get("children", []) or []:
            walk(child, area, {"kind": kind, "group": group})

    for area_data in data.get("areas", []):
        walk(area_data, None, {})

    for model, seen, kind in ((Area, seen_areas, "areas"), (Objective, seen_objectives, "objectives")):
        stale = model.objects.filter(retired=False).exclude(code__in=seen)
        stale = stale.filter(plan=plan) if model is Area else stale.filter(area__plan=plan)
        for obj in stale:
            obj.retired = True
            obj.save()
            report.bump(report.retired, kind)
    report.plan = plan
    return report


def _num(value):
    return None if value is None else float(value)


def _date(value, default: dt.date) -> dt.date:
    if value is None:
        return default
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def _jsonable(value):
    """YAML dates become ISO strings so the document can be stored as JSON."""
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def export_plan(plan: Plan) -> dict:
    """The whole plan with both languages, as stored (for ``beatbook plan export``)."""
    areas = []
    by_parent: dict[int | None, list[Area]] = {}
    for area in plan.areas.order_by("order"):
        by_parent.setdefault(area.parent_id, []).append(area)

    def area_dict(area: Area) -> dict:
        return {
            "id": area.code,
            "kind": area.kind,
            "group": {"zh": area.group_zh, "en": area.group_en},
            "title": {"zh": area.title_zh, "en": area.title_en},
            "description": {"zh": area.description_zh, "en": area.description_en},
            "facts": area.facts,
            "retired": area.retired,
            "objectives": [
                {
                    "id": o.code,
                    "text": {"zh": o.text_zh, "en": o.text_en},
                    "retired": o.retired,
                    "owners": sorted(o.owners.values_list("code", flat=True)),
                    "indicators": [
                        {
                            "id": i.code,
                            "name": {"zh": i.name_zh, "en": i.name_en},
                            "unit": {"zh": i.unit_zh, "en": i.unit_en},
                            "direction": i.direction,
                            "baseline": i.baseline,
                            "target": i.target,
                            "period": {"start": i.period_start.isoformat(), "end": i.period_end.isoformat()},
                            "computation": {"name": i.computation, "params": i.computation_params},
                        }
                        for i in o.indicators.order_by("code")
                    ],
                }
                for o in area.objectives.order_by("order")
            ],
            "children": [area_dict(c) for c in by_parent.get(area.pk, [])],
        }

    for area in by_parent.get(None, []):
        areas.append(area_dict(area))
    doc = plan.document or {}
    return {
        "id": plan.slug,
        "year": plan.year,
        "title": {"zh": plan.title_zh, "en": plan.title_en},
        "district": {"zh": plan.district_zh, "en": plan.district_en},
        "motto": doc.get("motto"),
        "cover": doc.get("cover"),
        "furniture": doc.get("furniture"),
        "units": [
            {
                "code": u.code,
                "name": {"zh": u.name_zh, "en": u.name_en},
                "kind": u.kind,
                "parent": u.parent.code if u.parent else None,
            }
            for u in Unit.objects.select_related("parent").order_by("code")
        ],
        "areas": areas,
    }
