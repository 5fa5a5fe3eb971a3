"""partners.reached against the records, outreach validation, contact history and the public iCalendar feed."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_community as fc
from beatbook.testing import factories_partners as fp
from beatbook.testing.generic import signed_in

from ..models import Organisation, Outreach


@pytest.mark.django_db
def test_partners_reached_equals_distinct_organisations_with_outreach():
    objective = f.make_objective()
    hotel, bank, school, idle = (fp.make_organisation(kind=k) for k in ("hotel", "bank", "school", "mall"))
    fp.make_outreach(organisation=hotel, date=dt.date(2024, 2, 1))
    fp.make_outreach(organisation=hotel, date=dt.date(2024, 3, 1), kind="talk", audience_size=40)
    fp.make_outreach(
        organisation=bank, date=dt.date(2024, 4, 1), kind="materials", material="Leaflets", quantity=200
    )
    fp.make_outreach(organisation=school, date=dt.date(2023, 12, 1))  # before the period
    fp.make_outreach(organisation=school, date=dt.date(2024, 5, 1), handling_code="restricted")
    indicator = f.make_indicator(objective=objective, computation="partners.reached")
    today = dt.date(2024, 12, 31)
    direct = Organisation.objects.filter(
        pk__in=Outreach.objects.filter(date__year=2024).values("organisation")
    ).count()
    assert compute(indicator, today=today).value == direct == 3
    uncleared = f.make_user("liaison")
    assert compute(indicator, user=uncleared, today=today).value == 2  # restricted outreach is not counted
    response = signed_in(uncleared).get(compute(indicator, user=uncleared, today=today).records_url)
    assert response.context["total"] == 2
    kinds = f.make_indicator(
        objective=objective, computation="partners.reached", computation_params={"kinds": ["bank", "mall"]}
    )
    assert compute(kinds, today=today).value == 1
    assert idle.pk not in [o.pk for o in Organisation.objects.filter(outreach__isnull=False)]


@pytest.mark.django_db
def test_outreach_validation():
    org = fp.make_organisation()
    with pytest.raises(ValidationError) as exc:
        Outreach(organisation=org, kind="talk", date=dt.date(2024, 1, 1), topic="Scams").full_clean()
    assert "audience_size" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        Outreach(organisation=org, kind="materials", date=dt.date(2024, 1, 1), topic="x").full_clean()
    assert {"material", "quantity"} <= set(exc.value.message_dict)
    other_contact = fp.make_contact()
    with pytest.raises(ValidationError) as exc:
        Outreach(
            organisation=org, contact=other_contact, kind="visit", date=dt.date(2024, 1, 1), topic="x"
        ).full_clean()
    assert "contact" in exc.value.message_dict


@pytest.mark.django_db
def test_contact_history_on_the_organisation_page():
    org = fp.make_organisation()
    fp.make_outreach(organisation=org, topic="Anti-scam briefing for front desk")
    fp.make_outreach(organisation=org, topic="Secret chat", handling_code="restricted")
    page = signed_in(f.make_user("liaison")).get(
        reverse("partners:organisation_detail", kwargs={"pk": org.pk})
    )
    body = page.content.decode()
    assert "Anti-scam briefing for front desk" in body and "Secret chat" not in body


@pytest.mark.django_db
def test_ical_feed_lists_public_events_only():
    from icalendar import Calendar

    programme = fc.make_programme()
    soon = dt.date.today() + dt.timedelta(days=7)
    fc.make_session(
        programme=programme, date=soon, title_en="Open day", is_public=True, venue="MK Police Station"
    )
    fc.make_session(programme=programme, date=soon, title_en="Members only")
    fc.make_session(
        programme=programme, date=soon, title_en="Cancelled day", is_public=True, status="cancelled"
    )
    response = Client().get(reverse("partners:events_ics"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    cal = Calendar.from_ical(response.content)
    summaries = [str(e.get("summary")) for e in cal.walk("VEVENT")]
    assert len(summaries) == 1 and "Open day" in summaries[0]
    page = Client().get(reverse("community:public")).content.decode()
    assert "Open day" in page and "Members only" not in page
