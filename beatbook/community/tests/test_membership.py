"""Membership rules (boundaries), validation, who can see members, waiting list, attendance, indicators."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from beatbook.audit.models import AuditEntry
from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_community as fc
from beatbook.testing.generic import grant, signed_in

from .. import services
from ..models import Attendance, Booking, Member, months_before

AS_OF = dt.date(2024, 7, 15)  # window for M=6 months: (2024-01-15, 2024-07-15]


def attend(member, *dates):
    for day in dates:
        session = fc.make_session(programme=member.programme, date=day)
        Attendance.objects.create(session=session, member=member)


@pytest.fixture
def programme(db):
    return fc.make_programme(active_min_sessions=2, active_window_months=6)


def status_by_queryset(member) -> str:
    qs = Member.objects.filter(pk=member.pk)
    if qs.active(AS_OF).exists():
        return "active"
    if qs.inactive(AS_OF).exists():
        return "inactive"
    return "left" if qs.left(AS_OF).exists() else "?"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "dates, expected",
    [
        ([], "inactive"),
        ([dt.date(2024, 3, 1)], "inactive"),  # N-1
        ([dt.date(2024, 3, 1), dt.date(2024, 6, 1)], "active"),  # exactly N
        ([dt.date(2024, 1, 15), dt.date(2024, 6, 1)], "inactive"),  # first is on the window start: outside
        ([dt.date(2024, 1, 16), dt.date(2024, 6, 1)], "active"),  # first is the day after: inside
        ([dt.date(2024, 7, 15), dt.date(2024, 6, 1)], "active"),  # as-of day itself counts
        ([dt.date(2024, 7, 16), dt.date(2024, 6, 1)], "inactive"),  # future sessions do not count
        (
            [dt.date(2023, 12, 1), dt.date(2023, 11, 1), dt.date(2024, 6, 1)],
            "inactive",
        ),  # old attendance expired
    ],
)
def test_active_rule_boundaries(programme, dates, expected):
    member = fc.make_member(programme=programme)
    attend(member, *dates)
    assert member.status(AS_OF) == expected
    assert status_by_queryset(member) == expected


@pytest.mark.django_db
def test_rule_parameters_are_per_programme(programme):
    strict = fc.make_programme(active_min_sessions=3, active_window_months=1)
    a, b = fc.make_member(programme=programme), fc.make_member(programme=strict)
    for m in (a, b):
        attend(m, dt.date(2024, 7, 1), dt.date(2024, 7, 10))
    assert a.status(AS_OF) == "active"
    assert b.status(AS_OF) == "inactive"
    strict.active_min_sessions = 2
    strict.save()
    assert Member.objects.filter(pk=b.pk).active(AS_OF).exists()


@pytest.mark.django_db
def test_left_and_not_yet_enrolled(programme):
    gone = fc.make_member(programme=programme, left_on=dt.date(2024, 7, 1))
    attend(gone, dt.date(2024, 6, 1), dt.date(2024, 6, 20))
    assert gone.status(AS_OF) == "left"
    assert not Member.objects.filter(pk=gone.pk).active(AS_OF).exists()
    assert Member.objects.filter(pk=gone.pk).left(AS_OF).exists()
    later = fc.make_member(programme=programme, enrolled_on=dt.date(2024, 8, 1))
    assert not Member.objects.filter(pk=later.pk).enrolled(AS_OF).exists()


def test_months_before_clamps_to_month_end():
    assert months_before(dt.date(2024, 8, 31), 6) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2024, 1, 15), 1) == dt.date(2023, 12, 15)
    assert months_before(dt.date(2024, 3, 31), 13) == dt.date(2023, 2, 28)


@pytest.mark.django_db
def test_minor_needs_guardian_consent_and_referral_needs_source(programme):
    member = Member(
        programme=programme,
        name="Kid",
        contact="9123 4567",
        age_band="12_17",
        channel="referral",
        enrolled_on=dt.date(2024, 1, 10),
    )
    with pytest.raises(ValidationError) as exc:
        member.full_clean()
    assert {"guardian_name", "guardian_consent_date", "referral_source", "referral_date"} <= set(
        exc.value.message_dict
    )
    member.guardian_name, member.guardian_consent_date = "Parent", dt.date(2024, 1, 5)
    member.referral_source, member.referral_date = "Recruitment Division", dt.date(2024, 1, 2)
    member.full_clean()


@pytest.mark.django_db
def test_member_form_refuses_minor_without_consent_with_clear_errors(programme):
    user = grant(f.make_user(None), Member, "view", "add")
    fc.assign(user, programme)
    response = signed_in(user).post(
        reverse("community:member_add"),
        {
            "programme": programme.pk,
            "name": "Kid",
            "contact": "x",
            "age_band": "under_12",
            "language": "en",
            "channel": "application",
            "enrolled_on": "2024-01-10",
            "handling_code": "normal",
        },
    )
    assert response.status_code == 200
    assert "guardian_consent_date" in response.context["form"].errors
    assert not Member.objects.exists()


@pytest.mark.django_db
def test_who_can_see_members():
    youth, women = fc.make_programme(), fc.make_programme()
    mine, theirs = fc.make_member(programme=youth), fc.make_member(programme=women)
    staff = grant(f.make_user(None), Member, "view")
    fc.assign(staff, youth)
    outsider = grant(
        f.make_user(None, clearance=True), Member, "view"
    )  # permission and clearance, no assignment
    assert list(Member.objects.restrict(staff, "view")) == [mine]
    assert not Member.objects.restrict(outsider, "view").exists()
    assert not Member.objects.visible_to(f.make_superuser()).exists()  # need-to-know applies to everyone
    client = signed_in(staff)
    assert client.get(reverse("community:member_detail", kwargs={"pk": mine.pk})).status_code == 200
    assert client.get(reverse("community:member_detail", kwargs={"pk": theirs.pk})).status_code == 404
    page = client.get(reverse("community:member_list")).content.decode()
    assert mine.name in page and theirs.name not in page
    api = client.get(reverse("community-api:member-list")).json()
    assert [row["id"] for row in api["results"]] == [mine.pk]
    other = signed_in(outsider)
    assert other.get(reverse("community:member_detail", kwargs={"pk": mine.pk})).status_code == 404
    assert other.get(reverse("community-api:member-detail", kwargs={"pk": mine.pk})).status_code == 404
    # Attendance and bookings carry members' names: same rule.
    fc.make_attendance(member=mine, session=fc.make_session(programme=youth))
    fc.make_attendance(member=theirs, session=fc.make_session(programme=women))
    assert Attendance.objects.visible_to(staff).count() == 1


@pytest.mark.django_db
def test_every_view_of_a_member_is_audited(programme):
    member = fc.make_member(programme=programme)
    user = grant(f.make_user(None), Member, "view")
    fc.assign(user, programme)
    client = signed_in(user)
    views = AuditEntry.objects.filter(
        action="view", model="community.member", object_id=str(member.pk), username=user.username
    )
    client.get(reverse("community:member_detail", kwargs={"pk": member.pk}))
    client.get(reverse("community-api:member-detail", kwargs={"pk": member.pk}))
    client.get(reverse("community:member_certificate", kwargs={"pk": member.pk}))
    assert views.count() == 3
    entry = views.first()
    assert member.name not in str(entry.after or "")  # the name stays out of the log


@pytest.mark.django_db
def test_waiting_list_promotion(programme):
    session = fc.make_session(programme=programme, capacity=2)
    a, b, c, d = (fc.make_member(programme=programme) for _ in range(4))
    ba, bb, bc, bd = (services.book(session, m) for m in (a, b, c, d))
    assert [x.status for x in (ba, bb, bc, bd)] == ["booked", "booked", "waiting", "waiting"]
    assert services.book(session, a).pk == ba.pk  # booking twice changes nothing
    promoted = services.cancel(bb)
    assert promoted.pk == bc.pk
    bc.refresh_from_db()
    assert bc.status == Booking.Status.BOOKED and session.places_left() == 0
    assert services.cancel(bd) is None  # cancelling a waiting place promotes nobody
    with pytest.raises(ValidationError):
        services.book(session, fc.make_member())  # another programme's member


@pytest.mark.django_db
def test_attendance_by_tick_and_by_qr_code(programme):
    session = fc.make_session(programme=programme)
    a, b = fc.make_member(programme=programme), fc.make_member(programme=programme)
    user = grant(grant(f.make_user(None), Attendance, "add"), type(session), "view")
    fc.assign(user, programme)
    client = signed_in(user)
    client.cookies["django_language"] = "en"
    url = reverse("community:session_attendance", kwargs={"pk": session.pk})
    page = client.get(url)
    assert page.status_code == 200 and a.name in page.content.decode()
    client.post(url, {"member": [a.pk]})
    client.post(url, {"code": b.qr_token})
    assert set(session.attendances.values_list("member_id", "method")) == {(a.pk, "tick"), (b.pk, "qr")}
    session.refresh_from_db()
    assert session.status == "held"
    response = client.post(url, {"code": "not-a-code"}, follow=True)
    assert "No member of this programme has that code." in response.content.decode()
    assert session.attendances.count() == 2
    assert services.qr_svg(a).startswith("<svg")


@pytest.mark.django_db
def test_certificate_is_a_pdf(programme):
    member = fc.make_member(programme=programme, name="陳大文")
    attend(member, dt.date(2024, 3, 1))
    pdf = services.certificate_pdf(member, member.attendances.select_related("session"))
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


@pytest.mark.django_db
def test_live_indicators_equal_counts_from_the_records(programme):
    """Indicator values against counts computed directly from the raw rows, not through the rule code."""
    import random

    rng = random.Random(7)
    objective = f.make_objective()
    members = [fc.make_member(programme=programme, enrolled_on=dt.date(2023, 6, 1)) for _ in range(30)]
    members[0].left_on = dt.date(2024, 3, 1)
    members[0].save()
    referred = members[1]
    referred.channel, referred.referral_source, referred.referral_date = (
        "referral",
        "Recruitment Division",
        dt.date(2024, 2, 1),
    )
    referred.save()
    sessions = [
        fc.make_session(
            programme=programme, date=dt.date(2024, 1, 1) + dt.timedelta(days=12 * i), status="held"
        )
        for i in range(25)
    ]
    for m in members:
        for s in rng.sample(sessions, rng.randint(0, 5)):
            Attendance.objects.create(session=s, member=m)
    end = dt.date(2024, 7, 15)

    def value(name):
        ind = f.make_indicator(
            objective=objective,
            computation=name,
            computation_params={"programme": programme.code},
            period_start=dt.date(2024, 1, 1),
            period_end=dt.date(2024, 12, 31),
        )
        return compute(ind, today=end).value

    window_start = dt.date(2024, 1, 15)
    direct_active = 0
    for m in members:
        if m.left_on and m.left_on <= end:
            continue
        dates = [a.session.date for a in Attendance.objects.filter(member=m).select_related("session")]
        if sum(window_start < d <= end for d in dates) >= 2:
            direct_active += 1
    assert value("community.members_active") == direct_active
    assert value("community.members_enrolled") == 29
    assert value("community.sessions_held") == sum(1 for s in sessions if s.date <= end)
    assert value("community.attendance") == Attendance.objects.filter(session__date__lte=end).count()
    assert value("community.referrals") == 1
    # The records link lists exactly those members (for the programme's staff).
    staff = grant(f.make_user(None), Member, "view")
    fc.assign(staff, programme)
    url = compute(
        f.make_indicator(
            objective=objective,
            computation="community.members_active",
            computation_params={"programme": programme.code},
        ),
        today=end,
    ).records_url
    response = signed_in(staff).get(url)
    assert response.context["total"] == direct_active


@pytest.mark.django_db
def test_api_refuses_members_of_other_programmes_and_minors_without_consent(programme):
    other = fc.make_programme()
    user = grant(f.make_user(None), Member, "view", "add")
    fc.assign(user, programme)
    client = signed_in(user)
    base = {
        "name": "Kid",
        "contact": "x@example.org",
        "age_band": "12_17",
        "language": "en",
        "channel": "application",
        "enrolled_on": "2024-01-10",
    }
    response = client.post(
        reverse("community-api:member-list"), {**base, "programme": other.pk}, content_type="application/json"
    )
    assert response.status_code == 400 and "programme" in response.json()
    response = client.post(
        reverse("community-api:member-list"),
        {**base, "programme": programme.pk},
        content_type="application/json",
    )
    assert response.status_code == 400 and "guardian_consent_date" in response.json()
    ok = {**base, "programme": programme.pk, "guardian_name": "Parent", "guardian_consent_date": "2024-01-05"}
    response = client.post(reverse("community-api:member-list"), ok, content_type="application/json")
    assert response.status_code == 201, response.json()
    assert response.json()["status"] == "inactive"


@pytest.mark.django_db
def test_only_commanders_assign_programme_staff(programme):
    liaison, commander = f.make_user("liaison"), f.make_user("commander")
    url = reverse("community:programmestaff_add")
    assert (
        signed_in(liaison)
        .post(url, {"programme": programme.pk, "user": liaison.pk, "role": "helper"})
        .status_code
        == 403
    )
    response = signed_in(commander).post(
        url, {"programme": programme.pk, "user": liaison.pk, "role": "helper"}
    )
    assert response.status_code == 302
    member = fc.make_member(programme=programme)
    assert list(Member.objects.restrict(liaison, "view")) == [member]


@pytest.mark.django_db
def test_status_filter_on_page_and_api_agrees_with_the_rule(programme):
    import datetime as _dt

    today = _dt.date.today()
    active = fc.make_member(programme=programme)
    idle = fc.make_member(programme=programme)
    for days in (3, 10):
        Attendance.objects.create(
            session=fc.make_session(programme=programme, date=today - _dt.timedelta(days=days)), member=active
        )
    user = grant(f.make_user(None), Member, "view")
    fc.assign(user, programme)
    client = signed_in(user)
    rows = client.get(reverse("community-api:member-list") + "?status=active").json()["results"]
    assert [(r["id"], r["status"]) for r in rows] == [(active.pk, "active")]
    rows = client.get(reverse("community-api:member-list") + "?status=inactive").json()["results"]
    assert [(r["id"], r["status"]) for r in rows] == [(idle.pk, "inactive")]
    page = client.get(reverse("community:member_list") + "?status=active")
    assert page.context["total"] == 1


@pytest.mark.django_db
def test_ambassadors_active_by_activities_led_and_indicator():
    from ..models import Ambassador

    programme = fc.make_programme(
        member_kind="staff", accepts_referrals=False, active_min_sessions=2, active_window_months=12
    )
    busy, idle = fc.make_ambassador(programme=programme), fc.make_ambassador(programme=programme)
    for day in (dt.date(2024, 3, 1), dt.date(2024, 9, 1)):
        session = fc.make_session(
            programme=programme, date=day, kind="community_activity", status="held", headcount=80
        )
        fc.make_assignment(ambassador=busy, session=session, role="lead")
        fc.make_assignment(ambassador=busy, session=session, role="design")  # two roles, one session
    fc.make_assignment(
        ambassador=idle, session=fc.make_session(programme=programme, date=dt.date(2024, 5, 1))
    )
    end = dt.date(2024, 12, 31)
    assert list(Ambassador.active_qs(Ambassador.objects.all(), programme, end)) == [busy]
    objective = f.make_objective()

    def value(name):
        ind = f.make_indicator(
            objective=objective, computation=name, computation_params={"programme": programme.code}
        )
        return compute(ind, today=end)

    assert value("community.members_active").value == 1
    assert value("community.members_enrolled").value == 2
    result = value("community.attendance")
    assert result.value == 160 and "headcount" in result.detail
    with pytest.raises(ValidationError):
        Member(programme=programme, name="x", contact="x", age_band="25_34").full_clean()
