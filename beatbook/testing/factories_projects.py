"""Makers of project records for tests (and RESTRICTED instances for the URL-walking test)."""

from __future__ import annotations

import datetime as dt

from beatbook.core.models import HandlingCode
from beatbook.projects.models import Engagement, Milestone, Project, Risk

from .factories import make_objective, restricted_factory, unique


def make_project(**extra) -> Project:
    defaults = {
        "name_zh": unique("工程"),
        "name_en": unique("Project "),
        "sponsor": "Regional Commander",
        "starts_on": dt.date(2024, 1, 1),
        "target_completion_on": dt.date(2027, 12, 31),
    }
    defaults.update(extra)
    objective = defaults.pop("objective", None) or make_objective(code=unique("MP-DEVELOP-T"))
    return Project.objects.create(objective=objective, **defaults)


def make_milestone(project=None, **extra) -> Milestone:
    defaults = {"title": unique("Milestone "), "planned_on": dt.date(2024, 6, 1)}
    defaults.update(extra)
    return Milestone.objects.create(project=project or make_project(), **defaults)


def make_risk(project=None, **extra) -> Risk:
    defaults = {"title": unique("Risk "), "likelihood": 3, "impact": 4, "owner": "PM"}
    defaults.update(extra)
    return Risk.objects.create(project=project or make_project(), **defaults)


def make_engagement(project=None, **extra) -> Engagement:
    defaults = {"date": dt.date(2024, 5, 2), "stakeholders": unique("Stakeholder ")}
    defaults.update(extra)
    return Engagement.objects.create(project=project or make_project(), **defaults)


for _model, _maker in (
    (Project, make_project),
    (Milestone, make_milestone),
    (Risk, make_risk),
    (Engagement, make_engagement),
):
    restricted_factory(_model)(lambda maker=_maker: maker(handling_code=HandlingCode.RESTRICTED))
