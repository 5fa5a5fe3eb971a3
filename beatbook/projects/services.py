"""Project figures the pages, API and indicators share: milestone slippage and the timeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from .models import Milestone, Project


@dataclass
class TimelineRow:
    """One milestone placed on the project's time axis (percent of the axis, for the page's bars)."""

    milestone: Milestone
    planned_pct: float
    actual_pct: float | None


def timeline(project: Project, milestones) -> tuple[dt.date, dt.date, list[TimelineRow]]:
    """The time axis (first to last date of the project and its milestones) and each milestone on it."""
    today = timezone.localdate()
    dates = [project.starts_on, project.target_completion_on, today]
    for m in milestones:
        dates += [m.planned_on] + ([m.actual_on] if m.actual_on else [])
    start, end = min(dates), max(dates)
    span = max((end - start).days, 1)

    def pct(day: dt.date) -> float:
        return round(100 * (day - start).days / span, 2)

    rows = [TimelineRow(m, pct(m.planned_on), pct(m.actual_on) if m.actual_on else None) for m in milestones]
    return start, end, rows


def on_time_rate(milestones) -> tuple[int, int]:
    """(reached on or before the planned date, due so far) over ``milestones``."""
    today = timezone.localdate()
    due = [m for m in milestones if m.planned_on <= today or m.actual_on]
    on_time = [m for m in due if m.actual_on and m.actual_on <= m.planned_on]
    return len(on_time), len(due)
