"""Audience filter, approval (a writer cannot approve their own), idempotent delivery, read receipts,
public page and Atom feed, and the indicators against counts from the records."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beatbook.plan.computations import compute
from beatbook.testing import factories as f
from beatbook.testing import factories_bulletins as fb
from beatbook.testing import factories_community as fc
from beatbook.testing import factories_partners as fp
from beatbook.testing.generic import signed_in

from .. import services
from ..models import Acknowledgement, Bulletin, Delivery


@pytest.fixture
def partners(db):
    hotel = fp.make_organisation(kind="hotel")
    bank = fp.make_organisation(kind="bank")
    closed_hotel = fp.make_organisation(kind="hotel", active=False)
    fp.make_contact(organisation=hotel, email="frontdesk@hotel.example")
    fp.make_contact(organisation=hotel, email="nomail@hotel.example", receives_bulletins=False)
    fp.make_contact(organisation=bank, email="branch@bank.example")
    fp.make_contact(organisation=closed_hotel, email="old@closed.example")
    return {"hotel": hotel, "bank": bank, "closed": closed_hotel}


@pytest.mark.django_db
def test_audience_filter(partners):
    programme = fc.make_programme()
    fc.make_member(programme=programme, contact="member@example.org")
    fc.make_member(programme=programme, contact="9876 5432")  # a phone number gets no e-mail
    fc.make_member(programme=programme, contact="gone@example.org", left_on=dt.date(2024, 1, 1))
    hook_hotels = fb.make_webhook(audience_public=False, audience_partner_kinds=["hotel"])
    fb.make_webhook(audience_public=False, audience_partner_kinds=["school"])
    fb.make_webhook(audience_public=False, audience_partner_kinds=["hotel"], active=False)
    bulletin = fb.make_bulletin(
        audience_public=False, audience_partner_kinds=["hotel"], channels=["portal", "email", "webhook"]
    )
    bulletin.audience_programmes.add(programme)
    targets = {(t.channel, t.recipient) for t in services.recipients(bulletin)}
    assert targets == {
        ("portal", f"org:{partners['hotel'].pk}"),
        ("email", "email:frontdesk@hotel.example"),
        ("email", "email:member@example.org"),
        ("webhook", f"webhook:{hook_hotels.pk}"),
    }
    public = fb.make_bulletin(audience_public=True, channels=["web", "atom", "portal"])
    assert {(t.channel, t.recipient) for t in services.recipients(public)} == {
        ("web", "public"),
        ("atom", "public"),
    }


@pytest.mark.django_db
def test_public_channels_need_the_public_audience():
    from django.core.exceptions import ValidationError

    bulletin = Bulletin(
        title_zh="x",
        title_en="x",
        body_zh="x",
        body_en="x",
        channels=["web"],
        audience_partner_kinds=["bank"],
    )
    with pytest.raises(ValidationError) as exc:
        bulletin.full_clean()
    assert "audience_public" in exc.value.message_dict


@pytest.mark.django_db
def test_writer_cannot_approve_own_bulletin_and_nothing_goes_out_before_approval(partners):
    writer = f.make_user("liaison")
    supervisor_writer = f.make_user("commander")  # has approve_bulletin, but wrote this one
    bulletin = fb.make_bulletin(
        audience_public=False, audience_partner_kinds=["bank"], channels=["email"], author=supervisor_writer
    )
    services.submit(bulletin, supervisor_writer)
    with pytest.raises(PermissionDenied):
        services.approve(bulletin, supervisor_writer)
    with pytest.raises(PermissionDenied):
        services.approve(bulletin, writer)  # liaison staff are not supervisors
    assert not Delivery.objects.exists() and not mail.outbox
    # Through the page as well: refused with 403 and a reason.
    client = signed_in(supervisor_writer)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("bulletins:bulletin_approve", kwargs={"pk": bulletin.pk}))
    assert response.status_code == 403
    assert "cannot approve their own" in response.content.decode()
    client.cookies["django_language"] = "zh-hant"
    response = client.post(reverse("bulletins:bulletin_approve", kwargs={"pk": bulletin.pk}))
    assert "撰寫人不可批核自己撰寫的資訊" in response.content.decode()
    # And the API.
    response = signed_in(supervisor_writer).post(
        reverse("bulletins-api:bulletin-approve", kwargs={"pk": bulletin.pk})
    )
    assert response.status_code == 403
    bulletin.refresh_from_db()
    assert bulletin.status == "submitted"


@pytest.mark.django_db(transaction=True)
def test_approval_sends_once_per_recipient(partners):
    writer, supervisor = f.make_user("liaison"), f.make_user("commander")
    client = signed_in(writer)
    response = client.post(
        reverse("bulletins:bulletin_add"),
        {
            "title_zh": "緊急：假冒銀行短訊",
            "title_en": "Urgent: fake bank SMS",
            "body_zh": "切勿按連結。",
            "body_en": "Do not click the link.",
            "urgency": "urgent",
            "audience_partner_kinds": ["hotel", "bank"],
            "channels": ["email", "portal"],
            "handling_code": "normal",
            "links": "https://www.adcc.gov.hk/",
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    bulletin = Bulletin.objects.get()
    assert bulletin.author == writer
    client.post(reverse("bulletins:bulletin_submit", kwargs={"pk": bulletin.pk}))
    signed_in(supervisor).post(reverse("bulletins:bulletin_approve", kwargs={"pk": bulletin.pk}))
    bulletin.refresh_from_db()
    assert bulletin.status == "sent" and bulletin.approved_by == supervisor
    assert sorted(m.to[0] for m in mail.outbox) == ["branch@bank.example", "frontdesk@hotel.example"]
    assert mail.outbox[0].subject.startswith("[緊急 URGENT]")
    assert Delivery.objects.filter(channel="portal").count() == 2
    before = Delivery.objects.count()
    services.send(bulletin.pk)  # re-running the task delivers nothing twice
    assert Delivery.objects.count() == before and len(mail.outbox) == 2


@pytest.mark.django_db
def test_scheduled_bulletin_waits_for_its_time(partners):
    supervisor = f.make_user("commander")
    bulletin = fb.make_bulletin(
        audience_public=True,
        channels=["web"],
        status="submitted",
        scheduled_for=timezone.now() + dt.timedelta(hours=2),
    )
    services.approve(bulletin, supervisor)
    bulletin.refresh_from_db()
    assert bulletin.status == "approved" and not Delivery.objects.exists()
    assert not services.due_bulletins().exists()
    assert services.due_bulletins(timezone.now() + dt.timedelta(hours=3)).get() == bulletin


@pytest.mark.django_db
def test_partner_acknowledges_and_staff_see_who_read(partners):
    bulletin = fb.make_sent_bulletin(
        audience_public=False, audience_partner_kinds=["hotel", "bank"], channels=["portal"], urgency="urgent"
    )
    for org in (partners["hotel"], partners["bank"]):
        fb.make_delivery(bulletin=bulletin, channel="portal", recipient=f"org:{org.pk}", organisation=org)
    hotel_user = f.make_user("partner", partner=partners["hotel"])
    client = signed_in(hotel_user)
    assert bulletin.title_zh in client.get(reverse("bulletins:inbox")).content.decode()
    client.post(reverse("bulletins:acknowledge", kwargs={"pk": bulletin.pk}))
    client.post(reverse("bulletins:acknowledge", kwargs={"pk": bulletin.pk}))  # twice: one receipt
    assert Acknowledgement.objects.count() == 1
    other = fb.make_sent_bulletin(
        audience_public=False, audience_partner_kinds=["school"], channels=["portal"]
    )
    assert client.post(reverse("bulletins:acknowledge", kwargs={"pk": other.pk})).status_code == 404
    staff = signed_in(f.make_user("liaison"))
    page = staff.get(reverse("bulletins:bulletin_detail", kwargs={"pk": bulletin.pk}))
    receipts = {r["delivery"].organisation_id: bool(r["ack"]) for r in page.context["receipts"]}
    assert receipts == {partners["hotel"].pk: True, partners["bank"].pk: False}


@pytest.mark.django_db
def test_public_page_and_atom_feed_show_only_public_sent_bulletins():
    shown = fb.make_sent_bulletin(title_en="Public tip")
    fb.make_sent_bulletin(
        title_en="Partners only", audience_public=False, audience_partner_kinds=["bank"], channels=["portal"]
    )
    fb.make_bulletin(title_en="Still a draft")
    fb.make_sent_bulletin(title_en="Secret one", handling_code="restricted")
    anonymous = Client()
    for url in (reverse("bulletins:public"), reverse("bulletins:feed"), reverse("community:public")):
        body = anonymous.get(url).content.decode()
        assert shown.title_en in body and shown.title_zh in body, url
        assert "Partners only" not in body and "Still a draft" not in body and "Secret one" not in body
    assert anonymous.get(reverse("bulletins:feed"))["Content-Type"].startswith("application/atom+xml")


@pytest.mark.django_db
def test_indicators_equal_counts_from_the_records(partners):
    objective = f.make_objective(code="MP-COMMUNITY-1")
    day = timezone.make_aware(dt.datetime(2024, 4, 1, 9))
    sent = [
        fb.make_sent_bulletin(
            objective=objective,
            sent_at=day + dt.timedelta(days=i),
            audience_public=False,
            audience_partner_kinds=["hotel", "bank"],
            channels=["portal"],
        )
        for i in range(3)
    ]
    fb.make_bulletin(objective=objective)  # a draft does not count
    fb.make_sent_bulletin(
        objective=objective, sent_at=timezone.make_aware(dt.datetime(2023, 12, 1))
    )  # outside
    for b in sent:
        for org in (partners["hotel"], partners["bank"]):
            fb.make_delivery(bulletin=b, channel="portal", recipient=f"org:{org.pk}", organisation=org)
    fb.make_acknowledgement(bulletin=sent[0], organisation=partners["hotel"])
    fb.make_acknowledgement(bulletin=sent[1], organisation=partners["hotel"])
    fb.make_acknowledgement(bulletin=sent[1], organisation=partners["bank"])
    today = dt.date(2024, 12, 31)
    sent_ind = f.make_indicator(objective=objective, computation="bulletins.sent")
    rate_ind = f.make_indicator(objective=objective, computation="bulletins.read_rate")
    direct_sent = Bulletin.objects.filter(status="sent", sent_at__year=2024).count()
    portal = Delivery.objects.filter(channel="portal", bulletin__sent_at__year=2024)
    acked = {(a.bulletin_id, a.organisation_id) for a in Acknowledgement.objects.all()}
    direct_rate = sum((d.bulletin_id, d.organisation_id) in acked for d in portal) / portal.count()
    assert compute(sent_ind, today=today).value == direct_sent == 3
    result = compute(rate_ind, today=today)
    assert result.value == pytest.approx(direct_rate) == pytest.approx(0.5)
    staff = signed_in(f.make_user("liaison"))
    assert staff.get(compute(sent_ind, today=today).records_url).context["total"] == 3
    assert staff.get(result.records_url).context["total"] == 6
    assert staff.get(result.records_url + "&acknowledged=true").context["total"] == 3


@pytest.mark.django_db
def test_api_refuses_public_channels_without_the_public_and_unknown_kinds():
    client = signed_in(f.make_user("liaison"))
    base = {"title_zh": "x", "title_en": "x", "body_zh": "x", "body_en": "x"}
    response = client.post(
        reverse("bulletins-api:bulletin-list"),
        {**base, "channels": ["web"], "audience_partner_kinds": ["bank"]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "audience_public" in response.json()
    response = client.post(
        reverse("bulletins-api:bulletin-list"),
        {**base, "channels": ["portal"], "audience_partner_kinds": ["casino"]},
        content_type="application/json",
    )
    assert response.status_code == 400 and "audience_partner_kinds" in response.json()
    response = client.post(
        reverse("bulletins-api:bulletin-list"),
        {**base, "channels": ["portal"], "audience_partner_kinds": ["bank"]},
        content_type="application/json",
    )
    assert response.status_code == 201 and response.json()["status"] == "draft"


@pytest.mark.django_db
def test_webhook_delivery_is_signed_and_failures_are_recorded(monkeypatch):
    import hashlib
    import hmac
    import json

    calls = []

    class Response:
        def __init__(self, ok):
            self.ok = ok

        def raise_for_status(self):
            if not self.ok:
                raise RuntimeError("502 Bad Gateway")

    def fake_post(url, data, headers, timeout):
        calls.append((url, data, headers))
        return Response(ok="good" in url)

    import requests

    monkeypatch.setattr(requests, "post", fake_post)
    good = fb.make_webhook(url="https://good.example.org/hook", secret="s3cret")
    fb.make_webhook(url="https://bad.example.org/hook")
    bulletin = fb.make_bulletin(status="approved", channels=["webhook", "web"])
    counts = services.send(bulletin.pk)
    assert counts == {"sent": 2, "failed": 1}
    url, data, headers = next(c for c in calls if c[0] == good.url)
    assert headers["X-Beatbook-Signature"] == hmac.new(b"s3cret", data, hashlib.sha256).hexdigest()
    assert json.loads(data)["title_en"] == bulletin.title_en
    failed = Delivery.objects.get(status="failed")
    assert "502" in failed.error and failed.attempts == 1
    services.send(bulletin.pk)  # a re-run retries only the failed one
    failed.refresh_from_db()
    assert failed.attempts == 2 and len(calls) == 3


@pytest.mark.django_db
def test_periodic_task_sends_due_bulletins():
    from ..tasks import send_due_bulletins

    due = fb.make_bulletin(status="approved", scheduled_for=timezone.now() - dt.timedelta(minutes=1))
    later = fb.make_bulletin(status="approved", scheduled_for=timezone.now() + dt.timedelta(hours=1))
    assert send_due_bulletins.call_local() == 1
    due.refresh_from_db()
    later.refresh_from_db()
    assert due.status == "sent" and later.status == "approved"
