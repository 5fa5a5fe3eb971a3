"""Reports, triage, officer review, partner portal scoping, alerts and webhook signatures, imports, CLI."""

import csv
import hashlib
import hmac
import json
from io import StringIO
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from beatbook.audit.models import AuditEntry
from beatbook.testing import factories as f
from beatbook.testing import factories_scams as fs
from beatbook.testing.generic import signed_in

from .. import services
from ..models import Alert, AlertDelivery, ImportBatch, Indicator, IndicatorSource, Report, Sighting


@pytest.mark.django_db
def test_public_report_is_scored_and_counted_once_for_the_public():
    client = Client()
    for _ in range(3):
        response = client.post(
            reverse("scams:report"), {"value": "9876 5432", "description": "Asked for money"}
        )
        assert response.status_code == 302
    indicator = Indicator.objects.get(normalized="+85298765432")
    assert indicator.report_count == 3
    assert indicator.partner_count == 1  # the public together count as one independent reporter
    assert services.check("98765432", count=False)["level"] == "possible"
    assert Report.objects.filter(channel="public").count() == 3
    assert all(r.triage_score > 0 and r.triage_reasons for r in Report.objects.all())


@pytest.mark.django_db
def test_report_form_refuses_bad_input():
    response = Client().post(reverse("scams:report"), {"value": "", "message_text": ""})
    assert response.status_code == 400
    response = Client().post(reverse("scams:report"), {"value": "not a value ???"})
    assert response.status_code == 400
    assert not Report.objects.exists()


@pytest.mark.django_db
def test_two_partners_make_it_suspected_and_officer_confirm_makes_it_high_risk():
    hotel, bank = fs.make_org(kind="hotel"), fs.make_org(kind="bank")
    r1 = services.create_report(value="+852 5111 2222", channel="partner", organisation=hotel)
    services.create_report(value="51112222", channel="partner", organisation=bank)
    assert services.check("51112222", count=False)["level"] == "suspected"
    assert r1.triage_score >= 30
    officer = f.make_user("officer")
    client = signed_in(officer)
    queue = client.get(reverse("scams:triage"))
    assert queue.status_code == 200 and "+852" in queue.content.decode()
    response = client.post(
        reverse("scams:report_confirm", kwargs={"pk": r1.pk}), {"note": "Checked with victim"}
    )
    assert response.status_code == 302
    r1.refresh_from_db()
    assert r1.status == "confirmed" and r1.reviewed_by == officer
    verdict = services.check("51112222", count=False)
    assert verdict["level"] == "high_risk"
    assert verdict["reasons"][0]["code"] == "confirmed_by_police"
    assert Alert.objects.filter(indicator=r1.indicator).count() == 1
    # Everything audited, with the officer named.
    assert AuditEntry.objects.filter(
        model="scams.report", object_id=str(r1.pk), action="update", username=officer.username
    ).exists()
    assert AuditEntry.objects.filter(
        model="scams.indicator", object_id=str(r1.indicator_id), action="update", username=officer.username
    ).exists()


@pytest.mark.django_db
def test_reject_expires_an_indicator_left_without_evidence():
    report = services.create_report(value="+852 5333 4444")
    assert services.check("53334444", count=False)["level"] == "possible"
    services.reject_report(report, f.make_user("officer"), "Wrong number")
    assert services.check("53334444", count=False)["level"] == "no_record"


@pytest.mark.django_db
def test_review_needs_permission():
    report = fs.make_report()
    client = signed_in(f.make_user("partner", partner=fs.make_org()))
    assert client.post(reverse("scams:report_confirm", kwargs={"pk": report.pk})).status_code == 403
    assert client.get(reverse("scams:triage")).status_code == 403
    report.refresh_from_db()
    assert report.status == "new"


@pytest.mark.django_db
def test_partner_sees_only_its_own_organisation_records():
    mine, theirs = fs.make_org(kind="hotel"), fs.make_org(kind="mall")
    user = f.make_user("partner", partner=mine)
    services.create_report(value="+852 5444 0001", channel="partner", organisation=mine)
    services.create_report(value="+852 5444 0002", channel="partner", organisation=theirs)
    client = signed_in(user)
    page = client.get(reverse("scams:portal")).content.decode()
    assert "+852 5444 0001" in page and "+852 5444 0002" not in page
    # No staff list, detail or API for partner users.
    other = Report.objects.get(reporter_org=theirs)
    assert client.get(reverse("scams:report_list")).status_code == 403
    assert client.get(reverse("scams:report_detail", kwargs={"pk": other.pk})).status_code == 403
    assert client.get(reverse("scams-api:report-list")).status_code == 403
    # A signed-in partner's report is filed for their organisation.
    client.post(reverse("scams:report"), {"value": "+852 5444 0003"})
    assert Report.objects.get(value="+852 5444 0003").reporter_org == mine


@pytest.mark.django_db
def test_partner_sighting_counts_as_independent_reporter():
    org = fs.make_org(kind="guesthouse")
    user = f.make_user("partner", partner=org)
    indicator = fs.make_scam_indicator(type="phone", normalized="+85255556666", partner_count=0)
    services.create_report(value="+85255556666", channel="partner", organisation=fs.make_org())
    client = signed_in(user)
    response = client.post(
        reverse("scams:portal"), {"action": "sighting", "value": "5555 6666", "kind": "seen"}
    )
    assert response.status_code == 302
    assert Sighting.objects.filter(organisation=org, indicator=indicator).exists()
    indicator.refresh_from_db()
    assert indicator.partner_count == 2
    assert services.check("55556666", count=False)["level"] == "suspected"


@pytest.mark.django_db
def test_portal_bulk_upload():
    org = fs.make_org(kind="bank")
    client = signed_in(f.make_user("partner", partner=org))
    fs.make_scam_indicator(type="phone", normalized="+85291234567", status="confirmed", confirmed_by_name="x")
    response = client.post(reverse("scams:portal"), {"action": "bulk", "values": "9123 4567\n+852 6000 0000"})
    assert response.status_code == 200
    assert "高危有伏" in response.content.decode() or "High risk" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_webhook_and_email_alerts_are_signed_and_sent_after_commit(monkeypatch):
    monkeypatch.setattr(services, "INLINE_DELIVERY", True)
    org = fs.make_org(kind="bank")
    sub = fs.make_subscription(
        organisation=org,
        webhook_url="https://partner.example/hook",
        email="ops@example.org",
        min_level="high_risk",
    )
    report = services.create_report(value="+852 5777 8888", channel="partner", organisation=org)
    sent = {}

    class FakeResponse:
        status = 204

        def __enter__(self):
            return self

        def __exit__(self, *a):
            return False

    def fake_urlopen(request, timeout):
        sent["body"], sent["headers"] = request.data, dict(request.header_items())
        return FakeResponse()

    with mock.patch("urllib.request.urlopen", side_effect=fake_urlopen):
        services.confirm_report(report, f.make_user("officer"))
    headers = {k.lower(): v for k, v in sent["headers"].items()}
    expected = (
        "sha256="
        + hmac.new(
            sub.secret.encode(),
            headers["x-beatbook-timestamp"].encode() + b"." + sent["body"],
            hashlib.sha256,
        ).hexdigest()
    )
    assert headers["x-beatbook-signature"] == expected
    payload = json.loads(sent["body"])
    assert payload["alert"]["value"] == "+85257778888" and payload["alert"]["level"] == "high_risk"
    assert AlertDelivery.objects.filter(status="sent").count() == 2
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_failed_webhook_is_recorded_for_retry():
    org = fs.make_org(kind="bank")
    fs.make_subscription(
        organisation=org, webhook_url="https://partner.example/hook", email="", min_level="high_risk"
    )
    indicator = fs.make_scam_indicator(type="phone", normalized="+85257779999")
    alert = Alert.objects.create(
        indicator=indicator, indicator_type="phone", level="high_risk", title_zh="t", title_en="t"
    )
    delivery = services.queue_deliveries(alert)  # inside the test transaction: queued, not yet sent
    assert [d.channel for d in delivery] == ["webhook"]
    with (
        mock.patch("urllib.request.urlopen", side_effect=OSError("connection refused")),
        pytest.raises(services.DeliveryFailed),
    ):
        services.deliver(delivery[0].pk)
    delivery[0].refresh_from_db()
    assert (
        delivery[0].status == "failed" and delivery[0].attempts == 1 and "refused" in delivery[0].last_error
    )


@pytest.mark.django_db
def test_feed_filters_by_type_and_audience():
    ind = fs.make_scam_indicator(type="bank_account", normalized="012-111222333")
    Alert.objects.create(
        indicator=ind,
        indicator_type="bank_account",
        level="high_risk",
        title_zh="戶口警示",
        title_en="Account alert",
        audiences=["bank"],
    )
    Alert.objects.create(
        indicator=None, indicator_type="phone", level="high_risk", title_zh="電話警示", title_en="Phone alert"
    )
    Alert.objects.create(
        indicator=None,
        indicator_type="phone",
        level="high_risk",
        title_zh="限閱",
        title_en="Secret",
        handling_code="restricted",
    )
    client = Client()
    body = client.get(reverse("scams:feed") + "?type=phone").content.decode()
    assert "電話警示" in body and "戶口警示" not in body and "限閱" not in body
    body = client.get(reverse("scams:feed") + "?audience=hotel").content.decode()
    assert "戶口警示" not in body and "電話警示" in body


@pytest.mark.django_db
def test_import_list_csv_and_hkma_formats_idempotent(tmp_path):
    feed = tmp_path / "openphish.txt"
    feed.write_text(
        "# OpenPhish\nhttps://login-bochk.example-phish.top/verify\nhxxp://evil[.]top/a\n\nnot a url ???\n",
        encoding="utf-8",
    )
    err = StringIO()
    call_command(
        "scams",
        "import",
        str(feed),
        "--format",
        "list",
        "--level",
        "suspected",
        "--source",
        "OpenPhish",
        stdout=StringIO(),
        stderr=err,
    )
    assert ":5:" in err.getvalue()  # bad line reported with its number
    assert Indicator.objects.count() == 2
    call_command(
        "scams",
        "import",
        str(feed),
        "--format",
        "list",
        "--level",
        "suspected",
        "--source",
        "OpenPhish",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert Indicator.objects.count() == 2 and IndicatorSource.objects.count() == 2
    assert ImportBatch.objects.count() == 2
    assert services.check("http://evil.top/a", count=False)["level"] == "suspected"

    hkma_csv = tmp_path / "hkma.csv"
    hkma_csv.write_text(
        "Date of press release,Name of Authorized Institution,Fraudulent website address\n"
        "2024-05-02,Bank of China (Hong Kong) Limited,hxxps://bochk-secure[.]com\n"
        "2024-05-03,Hang Seng Bank,\n",
        encoding="utf-8",
    )
    err = StringIO()
    call_command(
        "scams",
        "import",
        str(hkma_csv),
        "--format",
        "csv",
        "--level",
        "possible",
        "--source",
        "HKMA",
        stdout=StringIO(),
        stderr=err,
    )
    assert ":3:" in err.getvalue()
    ind = Indicator.objects.get(normalized__startswith="https://bochk-secure.com")
    assert ind.sources.get().extra["bank"].startswith("Bank of China")
    hkma_list = tmp_path / "hkma.txt"
    hkma_list.write_text(
        "2024-06-01\tHang Seng Bank Limited\thttps://hangseng-verify.top/\n", encoding="utf-8"
    )
    call_command(
        "scams",
        "import",
        str(hkma_list),
        "--format",
        "list",
        "--level",
        "possible",
        "--source",
        "HKMA",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert Indicator.objects.filter(normalized__startswith="https://hangseng-verify.top").exists()
    plain_csv = tmp_path / "plain.csv"
    plain_csv.write_text("value,type\n+852 9000 1111,phone\n", encoding="utf-8")
    call_command(
        "scams",
        "import",
        str(plain_csv),
        "--format",
        "csv",
        "--level",
        "high_risk",
        "--source",
        "District",
        stdout=StringIO(),
    )
    assert services.check("90001111", count=False)["level"] == "high_risk"
    assert AuditEntry.objects.filter(action="import", model="scams.importbatch").count() == 5


@pytest.mark.django_db
def test_classify_command(tmp_path):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerow(["1", "WINNER!! You have won a £1000 prize. Call 09061701461 to claim now"])
        writer.writerow(["2", "媽，我今晚七點返到屋企食飯"])
    out = tmp_path / "out.csv"
    call_command(
        "scams", "classify", "--input", str(src), "--text-col", "text", "--out", str(out), stdout=StringIO()
    )
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert list(rows[0]) == ["id", "text", "scam_probability", "is_scam", "scam_type"]
    assert rows[0]["is_scam"] == "true" and rows[1]["is_scam"] == "false"
    assert 0 <= float(rows[0]["scam_probability"]) <= 1


@pytest.mark.django_db(transaction=True)
def test_delivery_runs_off_the_request_thread():
    """In the embedded default (huey immediate) a slow webhook must not block the officer's request."""
    import threading

    org = fs.make_org(kind="bank")
    fs.make_subscription(
        organisation=org, webhook_url="https://partner.example/hook", email="", min_level="high_risk"
    )
    report = services.create_report(value="+852 5777 1234", channel="partner", organisation=org)
    release = threading.Event()
    threads = []

    def slow_urlopen(request, timeout):
        threads.append(threading.current_thread().name)
        release.wait(5)
        raise OSError("still down")

    with mock.patch("urllib.request.urlopen", side_effect=slow_urlopen):
        started = __import__("time").perf_counter()
        services.confirm_report(report, f.make_user("officer"))
        assert __import__("time").perf_counter() - started < 2
        release.set()
        for t in threading.enumerate():
            if t.name.startswith("scams-alert-"):
                t.join(5)
    assert threads and threads[0].startswith("scams-alert-")


@pytest.mark.django_db
def test_train_command_uses_confirmed_reports_and_saves_under_data_dir(tmp_path, settings, monkeypatch):
    settings.DATA_DIR = tmp_path
    confirmed = services.create_report(
        text="你好，我是你的老闆，急需你幫我轉賬五萬元。", channel="partner", organisation=fs.make_org()
    )
    services.confirm_report(confirmed, f.make_user("officer"))
    services.create_report(text="Unreviewed message about a parcel fee")
    seen = {}

    class FakeModel:
        def save(self, path):
            seen["path"] = path
            path.write_text("model", encoding="utf-8")

    def fake_train_default(extra=()):
        seen["extra"] = list(extra)
        return FakeModel()

    monkeypatch.setattr("beatbook.scams.engine.classifier.train_default", fake_train_default)
    monkeypatch.setattr(services, "_CLASSIFIER", None)
    out = StringIO()
    call_command("scams", "train", stdout=out)
    assert [e[0] for e in seen["extra"]] == [confirmed.message_text] and seen["extra"][0][1] is True
    assert seen["path"] == tmp_path / "scams" / "classifier.joblib" and seen["path"].exists()
    assert "1 confirmed reports" in out.getvalue()
    monkeypatch.setattr(services, "_CLASSIFIER", None)
