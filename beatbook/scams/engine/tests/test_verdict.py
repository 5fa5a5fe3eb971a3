"""Verdict rules, the allowlist and account-name matching."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from beatbook.scams.engine.allowlist import allowlisted_phones, is_allowlisted, official_channels
from beatbook.scams.engine.lookalike import check_lookalike
from beatbook.scams.engine.names import match_account_names, normalize_name
from beatbook.scams.engine.normalize import normalize
from beatbook.scams.engine.verdict import (
    Evidence,
    Grading,
    InvalidIndicator,
    NameMatch,
    RecordEvidence,
    RecordStatus,
    assess,
    decide,
    level_rank,
)

NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
PHONE = normalize("5123 4567")  # an ordinary HK mobile number, on no list
CONFIRMED = RecordEvidence(RecordStatus.CONFIRMED, confirmed_by="PC 12345")
KEYS = {"type", "normalized", "level", "label_zh", "label_en", "reasons"}


def _codes(verdict: dict) -> list[str]:
    return [r["code"] for r in verdict["reasons"]]


def test_output_shape_exactly() -> None:
    v = decide(PHONE, Evidence(records=[CONFIRMED]), now=NOW)
    assert set(v) == KEYS
    assert v["type"] == "phone" and v["normalized"] == "+85251234567"
    assert all(set(r) == {"code", "zh", "en"} for r in v["reasons"])


def test_high_risk_only_when_confirmed_by_an_officer() -> None:
    v = decide(PHONE, Evidence(records=[CONFIRMED]), now=NOW)
    assert (v["level"], v["label_zh"], v["label_en"]) == ("high_risk", "高危有伏", "High risk")
    assert _codes(v)[0] == "confirmed_by_police"
    # However many partners report it and however good the lists, without an officer it is not high risk.
    many = Evidence(
        records=[
            RecordEvidence(RecordStatus.REPORTED, partner_count=50),
            RecordEvidence(RecordStatus.EXTERNAL_LIST, grading=Grading("A", 1), source="bank list"),
        ],
        lookalikes=check_lookalike(normalize("hsbc-verify.com")),
    )
    assert decide(PHONE, many, now=NOW)["level"] == "suspected"


def test_confirmed_record_must_name_the_officer() -> None:
    with pytest.raises(ValueError, match="officer"):
        RecordEvidence(RecordStatus.CONFIRMED)
    with pytest.raises(ValueError, match="officer"):
        RecordEvidence("confirmed", confirmed_by="   ")


@pytest.mark.parametrize(
    ("records", "level", "code"),
    [
        ([RecordEvidence(RecordStatus.REPORTED, partner_count=2)], "suspected", "reported_by_partners"),
        ([RecordEvidence(RecordStatus.REPORTED, partner_count=1)], "possible", "reported_once"),
        ([RecordEvidence(RecordStatus.EXTERNAL_LIST, grading=Grading("B", 2))], "suspected", "external_list"),
        (
            [RecordEvidence(RecordStatus.EXTERNAL_LIST, grading=Grading("C", 3))],
            "possible",
            "external_list_fair",
        ),
        (
            [RecordEvidence(RecordStatus.EXTERNAL_LIST, grading=Grading("E", 5))],
            "no_record",
            "no_record_not_safe",
        ),
        ([RecordEvidence(RecordStatus.REPORTED, partner_count=0)], "no_record", "no_record_not_safe"),
        ([], "no_record", "no_record_not_safe"),
    ],
)
def test_record_rules(records: list[RecordEvidence], level: str, code: str) -> None:
    v = decide(PHONE, Evidence(records=records), now=NOW)
    assert v["level"] == level
    assert _codes(v)[0] == code


def test_strong_and_weak_lookalikes() -> None:
    strong = normalize("hsbc-verify.com")
    assert decide(strong, Evidence(lookalikes=check_lookalike(strong)), now=NOW)["level"] == "suspected"
    weak = normalize("boc.top")
    assert decide(weak, Evidence(lookalikes=check_lookalike(weak)), now=NOW)["level"] == "possible"


def test_account_name_close_to_a_reported_one_is_possible() -> None:
    account = normalize("012-345-67890-1")
    matches = match_account_names("CHAN Tai-man", ["TAI MAN CHAN", "WONG Siu Ming"])
    assert [m.reported_name for m in matches] == ["TAI MAN CHAN"]
    v = decide(account, Evidence(name_matches=matches), now=NOW)
    assert v["level"] == "possible" and _codes(v) == ["account_name_similar"]


def test_expired_evidence_is_ignored() -> None:
    past, future = NOW - timedelta(days=1), NOW + timedelta(days=1)
    expired = RecordEvidence(RecordStatus.CONFIRMED, confirmed_by="PC 1", expires_at=past)
    live = RecordEvidence(RecordStatus.REPORTED, partner_count=1, expires_at=future)
    assert decide(PHONE, Evidence(records=[expired]), now=NOW)["level"] == "no_record"
    assert decide(PHONE, Evidence(records=[expired, live]), now=NOW)["level"] == "possible"
    old_name = NameMatch("A", "B", 95.0, expires_at=past)
    assert decide(PHONE, Evidence(name_matches=[old_name]), now=NOW)["level"] == "no_record"


def test_no_record_never_means_safe_in_both_languages() -> None:
    v = decide(PHONE, Evidence(), now=NOW)
    assert (v["level"], v["label_zh"], v["label_en"]) == ("no_record", "未有紀錄", "No record")
    reason = v["reasons"][0]
    assert "不代表安全" in reason["zh"] and "does NOT mean it is safe" in reason["en"]


@pytest.mark.parametrize(
    "value",
    [
        "999",
        "18222",
        "2527 7177",
        "https://www.police.gov.hk/ppp_en/",
        "cyberdefender.hk",
        "www.hsbc.com.hk",
        "payme.hsbc.com.hk",
        "https://www.bochk.com/en/home.html",
        "enquiry@info.gov.hk",
        "www.gov.hk",
    ],
)
def test_allowlisted_values_are_never_flagged(value: str) -> None:
    item = normalize(value)
    assert is_allowlisted(item)
    worst = Evidence(
        records=[CONFIRMED, RecordEvidence(RecordStatus.REPORTED, partner_count=9)],
        lookalikes=check_lookalike(normalize("hsbc-verify.com")),
    )
    v = decide(item, worst, now=NOW)
    assert v["level"] == "no_record"
    assert _codes(v) == ["allowlisted"]
    assert "official allowlist" in v["reasons"][0]["en"]


@pytest.mark.parametrize(
    "value", ["gov.hk.evil.top", "fake-gov.hk", "hsbc.com.hk.secure.top", "bochk.com.evil.top", "5123 4567"]
)
def test_lookalikes_of_allowlisted_are_not_allowlisted(value: str) -> None:
    assert not is_allowlisted(normalize(value))


def test_official_channels_for_the_public_page() -> None:
    channels = {c.code: c for c in official_channels()}
    assert channels["scameter"].url.startswith("https://cyberdefender.hk")
    assert channels["anti_scam_helpline"].phone == "18222"
    assert "police.gov.hk" in channels["police"].url
    assert all(c.zh and c.en for c in channels.values())
    assert "18222" in allowlisted_phones() and "+85225277177" in allowlisted_phones()


def test_refusals() -> None:
    with pytest.raises(InvalidIndicator) as err:
        decide(normalize("not a thing"), Evidence(), now=NOW)
    assert err.value.errors and err.value.errors[0].zh
    with pytest.raises(ValueError, match="timezone"):
        decide(PHONE, Evidence(), now=datetime(2024, 1, 1))  # noqa: DTZ001 - naive on purpose
    with pytest.raises(ValueError, match="timezone"):
        RecordEvidence(RecordStatus.REPORTED, expires_at=datetime(2024, 1, 1))  # noqa: DTZ001
    with pytest.raises(ValueError, match="grading"):
        RecordEvidence(RecordStatus.EXTERNAL_LIST)
    with pytest.raises(ValueError):
        Grading("G", 1)
    with pytest.raises(ValueError):
        Grading("A", 7)
    with pytest.raises(ValueError):
        RecordEvidence("rumour")
    with pytest.raises(ValueError):
        RecordEvidence(RecordStatus.REPORTED, partner_count=-1)
    with pytest.raises(ValueError):
        NameMatch("a", "b", 101)


def test_assess_runs_the_whole_chain() -> None:
    v = assess("hxxps://b0chk[.]com/login", now=NOW)
    assert v["type"] == "url" and v["level"] == "suspected"
    assert _codes(v) == ["lookalike_homoglyph"]
    assert assess("18222", now=NOW)["reasons"][0]["code"] == "allowlisted"
    with pytest.raises(InvalidIndicator):
        assess("???")


def test_reasons_are_ordered_by_severity_and_deduplicated() -> None:
    records = [
        RecordEvidence(RecordStatus.REPORTED, partner_count=1),
        RecordEvidence(RecordStatus.REPORTED, partner_count=1),
        CONFIRMED,
    ]
    v = decide(PHONE, Evidence(records=records), now=NOW)
    assert _codes(v) == ["confirmed_by_police", "reported_once"]
    assert (
        level_rank("high_risk") > level_rank("suspected") > level_rank("possible") > level_rank("no_record")
    )


def test_name_normalisation_and_refusals() -> None:
    assert normalize_name("陈大文先生") == normalize_name("陳大文")
    assert normalize_name("Mr. CHAN, Tai-man") == "chan tai man"
    assert match_account_names("陈大文", ["陳大文", "李小明"])[0].reported_name == "陳大文"
    assert match_account_names("X", ["X"]) == []  # too short to match anything
    with pytest.raises(ValueError):
        match_account_names("a b", ["a b"], threshold=0)
