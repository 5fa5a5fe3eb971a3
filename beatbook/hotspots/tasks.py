"""Background work: computing forecasts and patrol plans (enqueued with transaction.on_commit)."""

from __future__ import annotations

from huey.contrib.djhuey import db_task

from beatbook.core.context import acting_as


@db_task()
def build_forecast(pk: int) -> str:
    """Compute forecast ``pk`` unless it is already done (idempotent)."""
    from .models import Forecast, Status
    from .services import run_forecast

    forecast = Forecast.objects.filter(pk=pk).first()
    if forecast is None or forecast.status == Status.DONE:
        return "skipped"
    with acting_as(None, source="task"):
        return run_forecast(forecast).status


@db_task()
def build_patrol_plan(pk: int) -> str:
    """Compute patrol plan ``pk`` unless it is already done (idempotent)."""
    from .models import PatrolPlan, Status
    from .services import run_patrol_plan

    plan = PatrolPlan.objects.filter(pk=pk).first()
    if plan is None or plan.status == Status.DONE:
        return "skipped"
    with acting_as(None, source="task"):
        return run_patrol_plan(plan).status
