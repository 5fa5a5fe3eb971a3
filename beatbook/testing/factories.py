"""Factories shared by every app's tests.

``make_user(role, clearance=False)`` gives a user in a role; ``RESTRICTED_FACTORIES`` maps a model to a
function that makes one RESTRICTED instance of it (used by the URL-walking test). Apps register theirs
with ``restricted_factory(Model)``.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

from django.contrib.auth.models import Group

from beatbook.accounts.models import User
from beatbook.accounts.roles import sync_roles
from beatbook.core.models import HandlingCode

_counter = itertools.count(1)
RESTRICTED_FACTORIES: dict[type, Callable[[], object]] = {}


def unique(prefix: str) -> str:
    return f"{prefix}{next(_counter)}"


def make_user(role: str | None = None, clearance: bool = False, **extra) -> User:
    """A user in ``role`` (a group from roles.py), without 2FA requirements in tests."""
    if role and not Group.objects.filter(name=role).exists():
        sync_roles()
    user = User.objects.create_user(
        username=extra.pop("username", unique(role or "user")),
        password="pw-test-123456",
        has_clearance=clearance,
        **extra,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def make_superuser() -> User:
    return User.objects.create_superuser(
        username=unique("root"), password="pw-test-123456", email="root@example.org"
    )


def restricted_factory(model: type):
    """Decorator registering a maker of one RESTRICTED instance of ``model``."""

    def wrap(func):
        RESTRICTED_FACTORIES[model] = func
        return func

    return wrap


# --- org / plan ---------------------------------------------------------------------------------


def make_unit(code: str | None = None, parent=None, **extra):
    from beatbook.org.models import Unit

    code = code or unique("unit")
    return Unit.objects.create(
        code=code, name_zh=f"單位{code}", name_en=f"Unit {code}", parent=parent, **extra
    )


def make_plan(**extra):
    from beatbook.plan.models import Plan

    slug = extra.pop("slug", unique("plan"))
    return Plan.objects.create(
        slug=slug, year=2024, title_zh=f"測試計劃 {slug}", title_en=f"Test plan {slug}", **extra
    )


def make_area(plan=None, **extra):
    from beatbook.plan.models import Area

    return Area.objects.create(
        plan=plan or make_plan(),
        code=extra.pop("code", unique("AREA")),
        kind=extra.pop("kind", "action_priority"),
        title_zh="範疇",
        title_en="Area",
        **extra,
    )


def make_objective(area=None, **extra):
    from beatbook.plan.models import Objective

    return Objective.objects.create(
        area=area or make_area(),
        code=extra.pop("code", unique("OBJ")),
        text_zh="目標",
        text_en="Objective",
        **extra,
    )


def make_indicator(objective=None, **extra):
    from beatbook.plan.models import Indicator

    defaults = {
        "name_zh": "指標",
        "name_en": "Indicator",
        "period_start": dt.date(2024, 1, 1),
        "period_end": dt.date(2024, 12, 31),
        "target": 10,
        "baseline": 0,
    }
    defaults.update(extra)
    return Indicator.objects.create(
        objective=objective or make_objective(), code=defaults.pop("code", unique("IND")), **defaults
    )


def make_activity(objective=None, unit=None, **extra):
    from beatbook.plan.models import Activity

    defaults = {
        "date": dt.date(2024, 5, 1),
        "kind": "talk",
        "title": unique("Talk "),
        "outputs": {"participants": 10},
    }
    defaults.update(extra)
    return Activity.objects.create(
        objective=objective or make_objective(), unit=unit or make_unit(), **defaults
    )


def make_journal(objective=None, **extra):
    from beatbook.plan.models import JournalEntry

    defaults = {"date": dt.date(2024, 5, 1), "text": "Progress"}
    defaults.update(extra)
    return JournalEntry.objects.create(objective=objective or make_objective(), **defaults)


def _restricted(maker):
    def make():
        return maker(handling_code=HandlingCode.RESTRICTED)

    return make


def _register_core() -> None:
    from beatbook.audit.models import AuditEntry, append_entry
    from beatbook.org.models import Staff, Unit
    from beatbook.partners.models import Organisation
    from beatbook.plan.models import (
        Activity,
        Area,
        Indicator,
        IndicatorReading,
        JournalEntry,
        Objective,
        Plan,
    )

    RESTRICTED_FACTORIES.update(
        {
            AuditEntry: lambda: append_entry(
                action="update",
                model="plan.activity",
                object_id="1",
                object_repr=unique("secret change "),
                handling_code="restricted",
                after={"title": "secret"},
            ),
            Unit: _restricted(make_unit),
            Plan: _restricted(make_plan),
            Area: _restricted(make_area),
            Objective: _restricted(make_objective),
            Indicator: _restricted(make_indicator),
            Activity: _restricted(make_activity),
            JournalEntry: _restricted(make_journal),
            IndicatorReading: lambda: IndicatorReading.objects.create(
                indicator=make_indicator(),
                date=dt.date(2024, 3, 1),
                value=1,
                handling_code=HandlingCode.RESTRICTED,
            ),
            Staff: lambda: Staff.objects.create(
                display_name="Restricted Staffer",
                rank_class="regular",
                unit=make_unit(),
                handling_code=HandlingCode.RESTRICTED,
            ),
            Organisation: lambda: Organisation.objects.create(
                name_zh="限閱機構",
                name_en="Restricted Org",
                kind="ngo",
                handling_code=HandlingCode.RESTRICTED,
            ),
        }
    )


_register_core()
