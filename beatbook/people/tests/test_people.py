"""Staff support: anonymous pulse answers, the anonymity threshold, training hours, reminders, indicators."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from beatbook.audit.models import AuditEntry
from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_people as fp
from beatbook.testing.generic import signed_in

from .. import services
from ..models import MIN_RESPONSES, PulseReceipt, PulseResponse, Qualification, ReminderSent

OPEN_DAY = dt.date(2024, 9, 10)


def staff_user(unit, role="officer"):
    user = f.make_user(role, email=f"{f.unique('u')}@example.org")
    fp.make_staff(unit=unit, user=user)
    return user


def answer_all(survey, users, score=4, comment=""):
    questions = list(survey.questions.all())
    for user in users:
        services.submit_answer(survey, user, {q.pk: score for q in questions}, comment, today=OPEN_DAY)


@pytest.mark.django_db
def test_an_answer_cannot_be_linked_to_its_author():
    unit = f.make_unit()
    survey = fp.make_survey(unit=unit)
    user = staff_user(unit)
    before = AuditEntry.objects.count()
    answer_all(survey, [user], comment="Morale is low on night shift")
    response = PulseResponse.objects.get()
    field_names = {field.name for field in PulseResponse._meta.get_fields()}
    assert not field_names & {"user", "staff", "created_at", "updated_at", "created_by"}
    assert PulseReceipt.objects.filter(survey=survey, user=user).exists()
    # Neither the answer nor the receipt is written to the audit log (its rows carry the username).
    logged = AuditEntry.objects.all()[before:] if before else AuditEntry.objects.all()
    assert not any("night shift" in str(e.after) for e in logged)
    assert not AuditEntry.objects.filter(model__icontains="pulseresponse").exists()
    assert response.unit == unit


@pytest.mark.django_db
def test_answer_once_only_while_open_and_only_staff_of_the_unit():
    unit = f.make_unit()
    survey = fp.make_survey(unit=unit)
    user = staff_user(unit)
    answer_all(survey, [user])
    with pytest.raises(ValidationError):
        answer_all(survey, [user])
    with pytest.raises(ValidationError):
        services.submit_answer(survey, staff_user(f.make_unit()), {}, today=OPEN_DAY)  # another unit
    with pytest.raises(ValidationError):
        services.submit_answer(survey, staff_user(unit), {}, today=dt.date(2024, 12, 1))  # closed
    questions = list(survey.questions.all())
    with pytest.raises(ValidationError):
        services.submit_answer(survey, staff_user(unit), {questions[0].pk: 6}, today=OPEN_DAY)
    assert PulseResponse.objects.count() == 1


@pytest.mark.django_db
def test_results_are_hidden_below_the_threshold_and_comments_are_commander_only():
    district = f.make_unit()
    big, small = f.make_unit(parent=district), f.make_unit(parent=district)
    survey = fp.make_survey(unit=district)
    answer_all(
        survey, [staff_user(big) for _ in range(MIN_RESPONSES)], score=4, comment="More training please"
    )
    answer_all(
        survey, [staff_user(small) for _ in range(MIN_RESPONSES - 1)], score=1, comment="Small unit secret"
    )
    commander = f.make_user("commander")
    result = services.results(survey, commander)
    rows = {r.unit: r for r in result.units}
    assert rows[big].shown and rows[big].means[0][1] == 4.0
    assert not rows[small].shown and rows[small].means == []
    assert result.comments.count("More training please") == MIN_RESPONSES
    assert "Small unit secret" not in result.comments  # a unit under the threshold shows no comments
    officer = staff_user(big)
    assert services.results(survey, officer).comments is None
    page = signed_in(officer).get(reverse("people:pulsesurvey_detail", args=[survey.pk])).content.decode()
    assert "More training please" not in page and "不足 5 份回應" in page  # words in the default language
    api = signed_in(officer).get(reverse("people-api:pulsesurvey-results", args=[survey.pk])).json()
    assert api["comments"] is None and {u["shown"] for u in api["units"]} == {True, False}


@pytest.mark.django_db
def test_api_answer_refuses_bad_scores_with_errors():
    unit = f.make_unit()
    survey = fp.make_survey(unit=unit, opens_on=dt.date(2000, 1, 1), closes_on=dt.date(2999, 1, 1))
    client = signed_in(staff_user(unit))
    url = reverse("people-api:pulsesurvey-answer", args=[survey.pk])
    q = list(survey.questions.values_list("pk", flat=True))
    assert client.post(url, {"scores": {str(q[0]): 9}}, content_type="application/json").status_code == 400
    missing = client.post(url, {"scores": {str(q[0]): 3}}, content_type="application/json")
    assert missing.status_code == 400 and "errors" in missing.json()
    good = client.post(url, {"scores": {str(k): 3 for k in q}}, content_type="application/json")
    assert good.status_code == 201
    assert (
        client.post(url, {"scores": {str(k): 3 for k in q}}, content_type="application/json").status_code
        == 400
    )


@pytest.mark.django_db
def test_training_hours_count_courses_and_exercises_and_the_unit_page_lists_renewals():
    unit = f.make_unit()
    member = fp.make_staff(unit=unit)
    fp.make_attendance(
        session=fp.make_session(course=fp.make_course(hours=Decimal("4")), date=dt.date(2024, 3, 1)),
        staff=member,
    )
    fp.make_attendance(
        session=fp.make_session(course=fp.make_course(hours=Decimal("2.5")), date=dt.date(2024, 6, 1)),
        staff=member,
    )
    fp.make_attendance(session=fp.make_session(date=dt.date(2023, 6, 1)), staff=member)  # another year
    fp.make_participation(staff=member, hours=Decimal("3"))
    hours = services.training_hours([member.pk], dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert hours[member.pk] == Decimal("9.5")
    fp.make_qualification(staff=member, kind="firearms", expires_on=dt.date(2024, 7, 1))
    rows = services.unit_training(unit, f.make_user("commander"), 2024, today=dt.date(2024, 6, 15))
    assert rows[0].hours == Decimal("9.5") and [q.kind for q in rows[0].qualifications] == ["firearms"]
    client = signed_in(f.make_user("commander"))
    assert client.get(reverse("people:unit_training", args=[unit.code])).status_code == 200
    assert (
        signed_in(f.make_user("officer")).get(reverse("people:unit_training", args=[unit.code])).status_code
        == 403
    )


@pytest.mark.django_db
def test_expiry_reminders_at_60_and_14_days_once_each():
    unit = f.make_unit()
    user = staff_user(unit)
    member = user.staff
    q = fp.make_qualification(
        staff=member, kind="firearms", obtained_on=dt.date(2023, 6, 1), expires_on=dt.date(2024, 8, 30)
    )
    assert services.send_expiry_reminders(today=dt.date(2024, 6, 1)) == 0  # 90 days out
    assert services.send_expiry_reminders(today=dt.date(2024, 7, 1)) == 1  # within 60 days
    assert services.send_expiry_reminders(today=dt.date(2024, 7, 2)) == 0  # idempotent
    assert services.send_expiry_reminders(today=dt.date(2024, 8, 16)) == 1  # within 14 days
    assert services.send_expiry_reminders(today=dt.date(2024, 8, 17)) == 0
    assert len(mail.outbox) == 2 and mail.outbox[0].to == [user.email]
    assert set(ReminderSent.objects.filter(qualification=q).values_list("days_before", flat=True)) == {60, 14}


@pytest.mark.django_db
def test_bad_qualification_and_survey_dates_are_refused():
    client = signed_in(f.make_user("commander"))
    member = fp.make_staff()
    bad = client.post(
        reverse("people-api:qualification-list"),
        {"staff": member.pk, "kind": "first_aid", "obtained_on": "2024-01-01", "expires_on": "2023-01-01"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "expires_on" in str(bad.json())
    assert not Qualification.objects.exists()


@pytest.mark.django_db
def test_staff_indicators():
    objective = f.make_objective(code="MP-STAFF-1")
    unit = f.make_unit()
    a, b = fp.make_staff(unit=unit), fp.make_staff(unit=unit)
    fp.make_attendance(
        session=fp.make_session(course=fp.make_course(hours=Decimal("6")), date=dt.date(2024, 3, 1)), staff=a
    )
    fp.make_qualification(staff=a, expires_on=dt.date(2026, 1, 1))
    fp.make_qualification(staff=b, expires_on=dt.date(2024, 5, 1))
    survey = fp.make_survey(unit=unit, objective=objective)
    answer_all(survey, [staff_user(unit)])
    today = dt.date(2024, 12, 31)
    hours = compute(
        f.make_indicator(objective=objective, computation="people.training_hours_per_officer"), today=today
    )
    assert hours.value == 2.0  # 6 hours over three active regular officers (a, b and the respondent)
    current = compute(
        f.make_indicator(objective=objective, computation="people.qualifications_current"), today=today
    )
    assert current.value == 0.5
    rate = compute(
        f.make_indicator(objective=objective, computation="people.pulse_response_rate"), today=today
    )
    assert rate.value == round(1 / 3, 4) and rate.detail == "1/3"
    client = signed_in(f.make_user("commander"))
    assert client.get(current.records_url).context["total"] == 2
    assert client.get(rate.records_url).context["total"] == 1
