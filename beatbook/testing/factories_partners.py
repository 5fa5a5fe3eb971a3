"""Factories for partners: organisations, contacts and outreach (RESTRICTED makers registered)."""

from __future__ import annotations

import datetime as dt

from beatbook.core.models import HandlingCode

from .factories import RESTRICTED_FACTORIES, unique


def make_organisation(**extra):
    from beatbook.partners.models import Organisation

    name = extra.pop("name_en", unique("Partner "))
    defaults = {"name_zh": f"伙伴{name}", "kind": "hotel", "latitude": 22.319, "longitude": 114.169}
    defaults.update(extra)
    return Organisation.objects.create(name_en=name, **defaults)


def make_contact(organisation=None, **extra):
    from beatbook.partners.models import Contact

    defaults = {"name": unique("Contact "), "role": "Manager", "email": f"{unique('c')}@example.org"}
    defaults.update(extra)
    return Contact.objects.create(organisation=organisation or make_organisation(), **defaults)


def make_outreach(organisation=None, **extra):
    from beatbook.partners.models import Outreach

    defaults = {"kind": "visit", "date": dt.date(2024, 5, 1), "topic": unique("Visit ")}
    defaults.update(extra)
    return Outreach.objects.create(organisation=organisation or make_organisation(), **defaults)


def _register() -> None:
    from beatbook.partners.models import Contact, Outreach

    RESTRICTED_FACTORIES[Contact] = lambda: make_contact(handling_code=HandlingCode.RESTRICTED)
    RESTRICTED_FACTORIES[Outreach] = lambda: make_outreach(handling_code=HandlingCode.RESTRICTED)


_register()
