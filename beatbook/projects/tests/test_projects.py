"""Access for every projects model, validation, the timeline and the project indicators."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_projects as fp
from beatbook.testing.generic import ModelAccessTestCase, signed_in

from .. import services
from ..models import Engagement, Milestone, Project, Risk


class TestProjectAccess(ModelAccessTestCase):
    model = Project
    list_url = "projects:project_list"
    detail_url = "projects:project_detail"
    api_list_url = "projects-api:project-list"
    api_detail_url = "projects-api:project-detail"
    marker_field = "name_zh"

    def make(self, **extra):
        return fp.make_project(**extra)

    def change(self, obj):
        obj.sponsor = "Someone else"
        obj.save()


class TestMilestoneAccess(ModelAccessTestCase):
    model = Milestone
    list_url = "projects:milestone_list"
    detail_url = "projects:milestone_detail"
    api_list_url = "projects-api:milestone-list"
    api_detail_url = "projects-api:milestone-detail"
    marker_field = "title"

    def make(self, **extra):
        return fp.make_milestone(**extra)

    def change(self, obj):
        obj.notes = "moved"
        obj.save()


class TestRiskAccess(ModelAccessTestCase):
    model = Risk
    list_url = "projects:risk_list"
    detail_url = "projects:risk_detail"
    api_list_url = "projects-api:risk-list"
    api_detail_url = "projects-api:risk-detail"
    marker_field = "title"

    def make(self, **extra):
        return fp.make_risk(**extra)

    def change(self, obj):
        obj.impact = 5
        obj.save()


class TestEngagementAccess(ModelAccessTestCase):
    model = Engagement
    list_url = "projects:engagement_list"
    detail_url = "projects:engagement_detail"
    api_list_url = "projects-api:engagement-list"
    api_detail_url = "projects-api:engagement-detail"
    marker_field = "stakeholders"

    def make(self, **extra):
        return fp.make_engagement(**extra)

    def change(self, obj):
        obj.summary = "changed"
        obj.save()


@pytest.mark.django_db
def test_bad_dates_and_scores_are_refused_on_page_and_api_and_nothing_is_saved():
    user = f.make_user("commander")
    objective = f.make_objective(code="MP-DEVELOP-1")
    client = signed_in(user)
    page = client.post(
        reverse("projects:project_add"),
        {
            "name_zh": "X",
            "objective": objective.pk,
            "sponsor": "S",
            "status": "proposed",
            "starts_on": "2025-01-01",
            "target_completion_on": "2024-01-01",
            "handling_code": "normal",
        },
    )
    assert page.status_code == 200 and "target_completion_on" in page.context["form"].errors
    project = fp.make_project()
    risk = client.post(
        reverse("projects-api:risk-list"),
        {"project": project.pk, "title": "R", "likelihood": 0, "impact": 6, "owner": "O"},
        content_type="application/json",
    )
    assert risk.status_code == 400 and {"likelihood", "impact"} <= set(risk.json().get("errors", risk.json()))
    future = client.post(
        reverse("projects-api:milestone-list"),
        {"project": project.pk, "title": "M", "planned_on": "2024-01-01", "actual_on": "2999-01-01"},
        content_type="application/json",
    )
    assert future.status_code == 400 and "actual_on" in str(future.json())
    assert Project.objects.count() == 1 and not Risk.objects.exists() and not Milestone.objects.exists()


@pytest.mark.django_db
@time_machine.travel(dt.datetime(2024, 9, 1, 12, tzinfo=dt.UTC), tick=False)
def test_milestone_states_and_timeline():
    project = fp.make_project(starts_on=dt.date(2024, 1, 1), target_completion_on=dt.date(2024, 12, 31))
    on_time = fp.make_milestone(project, planned_on=dt.date(2024, 3, 1), actual_on=dt.date(2024, 2, 20))
    late = fp.make_milestone(project, planned_on=dt.date(2024, 4, 1), actual_on=dt.date(2024, 4, 11))
    overdue = fp.make_milestone(project, planned_on=dt.date(2024, 8, 1))
    upcoming = fp.make_milestone(project, planned_on=dt.date(2024, 11, 1))
    assert [m.state for m in (on_time, late, overdue, upcoming)] == ["done", "late", "overdue", "upcoming"]
    assert (late.slip_days, overdue.slip_days, upcoming.slip_days) == (10, 31, None)
    milestones = [on_time, late, overdue, upcoming]
    start, end, rows = services.timeline(project, milestones)
    assert (start, end) == (dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert (
        rows[0].planned_pct < rows[1].planned_pct < rows[3].planned_pct <= 100 and rows[3].actual_pct is None
    )
    assert services.on_time_rate(milestones) == (1, 3)
    user = f.make_user("commander")
    page = signed_in(user).get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert "逾期" in page and "延遲達成" in page  # words, in the default language, not state codes


@pytest.mark.django_db
def test_project_indicators_and_their_record_links():
    objective = f.make_objective(code="MP-DEVELOP-1")
    project = fp.make_project(objective=objective)
    fp.make_engagement(project, kind="meeting", date=dt.date(2024, 3, 1))
    fp.make_engagement(project, kind="meeting", date=dt.date(2024, 6, 1))
    fp.make_engagement(project, kind="site_visit", date=dt.date(2024, 6, 2))
    fp.make_engagement(project, kind="meeting", date=dt.date(2023, 6, 2))  # outside the period
    fp.make_milestone(project, planned_on=dt.date(2024, 3, 1), actual_on=dt.date(2024, 3, 1))
    fp.make_milestone(project, planned_on=dt.date(2024, 5, 1), actual_on=dt.date(2024, 6, 1))
    user = f.make_user("commander")
    meetings = f.make_indicator(
        objective=objective, computation="projects.engagements", computation_params={"kind": "meeting"}
    )
    value = compute(meetings, today=dt.date(2024, 12, 31))
    assert value.value == 2 and signed_in(user).get(value.records_url).context["total"] == 2
    rate = f.make_indicator(objective=objective, computation="projects.milestones_on_time")
    value = compute(rate, today=dt.date(2024, 12, 31))
    assert value.value == 0.5 and value.detail == "1/2"
    assert signed_in(user).get(value.records_url).context["total"] == 2
