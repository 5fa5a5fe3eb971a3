"""Verdicts, the public check API contract, bulk checks with digests, throttling and hostile input."""

import hashlib
import hmac
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from beatbook.testing import factories as f
from beatbook.testing import factories_scams as fs
from beatbook.testing.generic import signed_in

from .. import services
from ..models import Indicator, LookupCounter, PartnerKey

KEYS = {"type", "normalized", "level", "label_zh", "label_en", "reasons"}


def api_check(client, payload, **extra):
    return client.post(
        reverse("scams-api:check"), data=json.dumps(payload), content_type="application/json", **extra
    )


@pytest.mark.django_db
def test_cli_check_prints_exactly_the_contract():
    fs.make_scam_indicator(type="phone", normalized="+85291234567", partner_count=2)
    out = StringIO()
    call_command("scams", "check", "00852 9123 4567", "--json", stdout=out)
    verdict = json.loads(out.getvalue())
    assert set(verdict) == KEYS
    assert verdict["type"] == "phone" and verdict["normalized"] == "+85291234567"
    assert verdict["level"] == "suspected"
    assert verdict["label_zh"] == "疑似有伏" and verdict["label_en"] == "Suspected"
    assert all(set(r) == {"code", "zh", "en"} for r in verdict["reasons"])


@pytest.mark.django_db
def test_cli_check_no_record_says_not_safe_and_type_option():
    out = StringIO()
    call_command("scams", "check", "13812345678", "--type", "phone", "--json", stdout=out)
    verdict = json.loads(out.getvalue())
    assert verdict["normalized"] == "+8613812345678"  # bare 11 digits starting 1: mainland
    assert verdict["level"] == "no_record"
    assert any(
        "not mean it is safe" in r["en"].lower() or "not" in r["en"].lower() for r in verdict["reasons"]
    )


@pytest.mark.django_db
def test_phone_traps_end_to_end_through_the_api():
    fs.make_scam_indicator(type="phone", normalized="+85291234567", partner_count=1)
    client = Client()
    for raw in ("00852 9123 4567", "+852-9123-4567", "9123 4567", "(852) 91234567"):
        response = api_check(client, {"value": raw})
        assert response.status_code == 200, (raw, response.content)
        body = response.json()
        assert set(body) == KEYS
        assert body["normalized"] == "+85291234567", raw
        assert body["level"] == "possible", raw
    mainland = api_check(client, {"value": "138 1234 5678"}).json()
    assert mainland["normalized"] == "+8613812345678"


@pytest.mark.django_db
def test_url_traps_end_to_end_through_the_api():
    fs.make_scam_indicator(
        type="domain", normalized="secure-login.top", partner_count=0, grading="B2", source_name="Feed"
    )
    client = Client()
    # Defanged, brand buried in a sub-domain of a reported registered domain.
    body = api_check(client, {"value": "hxxps://bochk.com.hk.secure-login[.]top/login"}).json()
    assert body["type"] == "url"
    assert body["normalized"].startswith("https://bochk.com.hk.secure-login.top/")
    assert body["level"] == "suspected"
    codes = {r["code"] for r in body["reasons"]}
    assert "external_list" in codes and any(c.startswith("lookalike") for c in codes)
    # Homoglyph look-alike with no record at all is still suspected.
    assert api_check(client, {"value": "b0chk.com"}).json()["level"] in ("suspected", "possible")


@pytest.mark.django_db
def test_allowlisted_values_are_never_flagged():
    # Even if someone reports the real bank domain and the hotline, they stay out of trouble.
    fs.make_scam_indicator(
        type="domain", normalized="bochk.com", partner_count=5, status="confirmed", confirmed_by_name="x"
    )
    fs.make_scam_indicator(type="phone", normalized="18222", partner_count=3)
    client = Client()
    for value in ("https://www.bochk.com/en/home.html", "18222", "999", "www.police.gov.hk"):
        body = api_check(client, {"value": value}).json()
        assert body["level"] == "no_record", (value, body)
        assert body["reasons"][0]["code"] == "allowlisted"


@pytest.mark.django_db
def test_refusals_of_bad_input():
    client = Client()
    too_long = api_check(client, {"value": "x" * 5000})
    assert too_long.status_code == 400 and "value" in too_long.json()["errors"]
    assert api_check(client, {"value": 12345678}).status_code == 400
    assert api_check(client, {"value": ["a"]}).status_code == 400
    assert api_check(client, {}).status_code == 400
    assert api_check(client, {"value": "+85291234567", "type": "nonsense"}).status_code == 400
    assert api_check(client, {"value": "???"}).status_code == 400
    not_object = client.post(reverse("scams-api:check"), data="[1,2]", content_type="application/json")
    assert not_object.status_code == 400
    broken = client.post(reverse("scams-api:check"), data="{bad json", content_type="application/json")
    assert broken.status_code == 400
    huge = client.post(
        reverse("scams-api:check"), data=json.dumps({"value": "1" * 100_000}), content_type="application/json"
    )
    assert huge.status_code in (400, 413)
    assert (
        client.post(
            reverse("scams-api:analyze"), data=json.dumps({"text": 5}), content_type="application/json"
        ).status_code
        == 400
    )
    assert client.get(reverse("scams-api:check")).status_code == 405


@pytest.mark.django_db
def test_public_check_is_throttled_per_client(monkeypatch):
    from ..views import PublicCheckThrottle

    monkeypatch.setattr(PublicCheckThrottle, "get_rate", lambda self: "3/min")
    client = Client()
    codes = [api_check(client, {"value": "+85291234567"}).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    other = Client(REMOTE_ADDR="10.1.2.3")
    assert api_check(other, {"value": "+85291234567"}).status_code == 200
    # The HTML checker shares the allowance.
    page = client.post(reverse("scams:check"), {"value": "+85291234567"})
    assert page.status_code == 429


@pytest.mark.django_db
def test_lookup_counter_counts_without_identity():
    client = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(3):
        api_check(client, {"value": "+852 6123 4567"})
    services.LOOKUPS.flush()
    row = LookupCounter.objects.get(normalized="+85261234567")
    assert row.count == 3
    fields = {f.name for f in LookupCounter._meta.get_fields()}
    assert fields == {"id", "type", "normalized", "day", "count", "bulk_count", "indicator", "is_synthetic"}
    dumped = json.dumps(list(LookupCounter.objects.values()), default=str)
    assert "203.0.113.9" not in dumped


@pytest.mark.django_db
def test_bulk_check_values_and_digests():
    bank = fs.make_org(kind="bank")
    other_bank = fs.make_org(kind="bank")
    user = f.make_user("partner", partner=bank)
    fs.make_scam_indicator(
        type="phone", normalized="+85291234567", status="confirmed", confirmed_by_name="PC 1"
    )
    fs.make_scam_indicator(type="bank_account", normalized="012-345678901", partner_count=2)
    key, secret = PartnerKey.issue(bank, key_id="boc-1")
    client = signed_in(user)
    url = reverse("scams-api:check-bulk")
    values = ["9123 4567", "012-345-678901", "nonsense ???", "+85260000000"]
    response = client.post(url, data=json.dumps({"values": values}), content_type="application/json")
    assert response.status_code == 200, response.content
    levels = [r.get("level") for r in response.json()["results"]]
    assert levels == ["high_risk", "suspected", None, "no_record"]
    assert "error" in response.json()["results"][2]

    def digest(value):
        return hmac.new(bytes.fromhex(secret), value.encode("utf-8"), hashlib.sha256).hexdigest()

    digests = [digest("+85291234567"), digest("012-345678901"), digest("+85260000000")]
    response = client.post(
        url, data=json.dumps({"digests": digests, "key_id": "boc-1"}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    results = response.json()["results"]
    assert [r["level"] for r in results] == ["high_risk", "suspected", "no_record"]
    assert all("normalized" not in r for r in results)  # the value never travels back either
    # Another bank's key, a bad digest, too many values.
    PartnerKey.issue(other_bank, key_id="other-1")
    assert (
        client.post(
            url, data=json.dumps({"digests": digests, "key_id": "other-1"}), content_type="application/json"
        ).status_code
        == 403
    )
    assert (
        client.post(
            url, data=json.dumps({"digests": ["zz"], "key_id": "boc-1"}), content_type="application/json"
        ).status_code
        == 400
    )
    assert (
        client.post(
            url, data=json.dumps({"values": ["1"] * 10_001}), content_type="application/json"
        ).status_code
        == 400
    )
    assert Client().post(
        url, data=json.dumps({"values": ["1"]}), content_type="application/json"
    ).status_code in (401, 403)
    # A plain staff user without the bulk-check permission is refused.
    assert (
        signed_in(f.make_user("analyst"))
        .post(url, data=json.dumps({"values": ["1"]}), content_type="application/json")
        .status_code
        == 403
    )


@pytest.mark.django_db
def test_bulk_check_with_api_token():
    from beatbook.accounts.models import ApiToken

    bank = fs.make_org(kind="bank")
    user = f.make_user("partner", partner=bank)
    _token, key = ApiToken.issue(user)
    response = Client().post(
        reverse("scams-api:check-bulk"),
        data=json.dumps({"values": ["+85291234567"]}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {key}",
    )
    assert response.status_code == 200
    assert response.json()["results"][0]["level"] == "no_record"


@pytest.mark.django_db
def test_close_account_name_is_possible():
    fs.make_scam_indicator(type="bank_account", normalized="004-123456789", account_name="CHAN TAI MAN")
    verdict = services.check("024-987654321", "bank_account", name="Chan, Tai-man")
    assert verdict["level"] == "possible"
    assert any(r["code"] == "account_name_similar" for r in verdict["reasons"])


@pytest.mark.django_db
def test_restricted_indicators_never_feed_the_public_verdict():
    fs.make_scam_indicator(
        type="phone",
        normalized="+85292223333",
        status="confirmed",
        confirmed_by_name="x",
        handling_code="restricted",
    )
    assert api_check(Client(), {"value": "+85292223333"}).json()["level"] == "no_record"


@pytest.mark.django_db
def test_analyze_endpoint():
    fs.make_scam_indicator(type="phone", normalized="+85291234567", status="confirmed", confirmed_by_name="x")
    text = "【香港警務處】你涉及洗黑錢案件，請即致電 9123 4567 並提供網上銀行密碼及一次性密碼。"
    response = Client().post(
        reverse("scams-api:analyze"), data=json.dumps({"text": text}), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["level"] == "high_risk"
    assert body["indicators"][0]["verdict"]["normalized"] == "+85291234567"
    assert body["red_flags"]
    assert len(body["advice"]) == 4


@pytest.mark.django_db
def test_public_pages_need_no_login():
    client = Client()
    page = client.get(reverse("scams:check"))
    assert page.status_code == 200
    assert "18222" in page.content.decode()
    result = client.post(reverse("scams:check"), {"value": "9123 4567"})
    assert result.status_code == 200 and "+85291234567" in result.content.decode()
    analysed = client.post(
        reverse("scams:analyze"),
        {"text": "Congratulations! You won a prize, click hxxp://win-prize[.]top now"},
    )
    assert analysed.status_code == 200 and "<mark" in analysed.content.decode()
    assert client.get(reverse("scams:report")).status_code == 200
    feed = client.get(reverse("scams:feed"))
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    assert Indicator.objects.count() == 0  # checking never creates records


@pytest.mark.django_db
def test_public_checker_in_both_languages():
    zh = Client().get(reverse("scams:check")).content.decode()
    assert "防騙查核" in zh and "官方渠道" in zh
    en_client = Client()
    en_client.cookies["django_language"] = "en"
    en = en_client.post(reverse("scams:check"), {"value": "9123 4567"}).content.decode()
    assert "Official channels" in en and "No record" in en and "never means safe" in en


@pytest.mark.django_db
def test_cli_issues_a_partner_key():
    org = fs.make_org(kind="bank")
    out = StringIO()
    call_command("scams", "key", str(org.pk), "--key-id", "bank-1", stdout=out)
    secret = out.getvalue().split("channel): ")[1].strip()
    assert PartnerKey.objects.get(key_id="bank-1").secret == secret and len(secret) == 64


@pytest.mark.django_db
def test_lookup_counts_are_written_after_the_response(monkeypatch):
    monkeypatch.setattr(services.LOOKUPS, "flush_every", 1)
    response = api_check(Client(), {"value": "+852 6999 0000"})
    assert response.status_code == 200
    # No explicit flush: the request_finished hook wrote it once the response was done.
    assert LookupCounter.objects.get(normalized="+85269990000").count == 1
