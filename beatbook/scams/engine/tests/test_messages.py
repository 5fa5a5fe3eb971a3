"""Message analyser: extraction from mixed texts, red flags with spans, advice, lookup hook."""

from __future__ import annotations

import pytest

from beatbook.scams.engine.messages import (
    SCAM_TYPES,
    advice_for,
    analyze_message,
    extract_indicators,
    find_red_flags,
)


def _by_type(text: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for ind in extract_indicators(text):
        out.setdefault(ind["type"], []).append(ind["normalized"])
    return out


def _spans_match_raw(text: str) -> None:
    for ind in extract_indicators(text):
        for start, end in ind["spans"]:
            assert 0 <= start < end <= len(text)
        first = ind["spans"][0]
        assert text[first[0] : first[1]] == ind["raw"]


def test_traditional_cantonese_with_full_width_digits() -> None:
    text = "媽，我換咗新號碼。WhatsApp: ９１２３ ４５６７ 急需借$8000，轉數快 FPS ID: 1234567 或者入 012-345-67890-1"
    found = _by_type(text)
    assert found["platform_account"] == ["whatsapp:+85291234567"]
    assert found["fps_id"] == ["1234567"]
    assert found["bank_account"] == ["012-345678901"]
    assert "phone" not in found  # $8000 is money, and the WhatsApp number is reported once
    _spans_match_raw(text)


def test_simplified_mainland_text() -> None:
    text = "这里是上海市公安局，你涉嫌洗钱，请转到安全账户 004-123-456789-001，联系 13812345678 或 +86 138-1234-5678，加微信 police_sh01"
    found = _by_type(text)
    assert found["phone"] == ["+8613812345678"]  # two spellings, one value
    assert found["bank_account"] == ["004-123456789001"]
    assert found["platform_account"] == ["wechat:police_sh01"]
    phone = next(i for i in extract_indicators(text) if i["type"] == "phone")
    assert len(phone["spans"]) == 2
    _spans_match_raw(text)


def test_english_with_defanged_links_and_wallets() -> None:
    text = (
        "URGENT: verify at hxxps://hsbc-verify[.]com/login or www.b0chk.com/claim, mail claims[at]prize-hk(.)top, "
        "pay 0x52908400098527886E0F7030069857D2E4169EE7, TG @luckydraw_hk, t.me/lucky_hk01, wa.me/85291234567"
    )
    found = _by_type(text)
    assert set(found["url"]) == {"https://hsbc-verify.com/login", "http://www.b0chk.com/claim"}
    assert found["email"] == ["claims@prize-hk.top"]
    assert found["crypto_wallet"] == ["0x52908400098527886e0f7030069857d2e4169ee7"]
    assert set(found["platform_account"]) == {
        "telegram:luckydraw_hk",
        "telegram:lucky_hk01",
        "whatsapp:+85291234567",
    }
    _spans_match_raw(text)


def test_mixed_text_phones_and_money() -> None:
    text = "聽日三點喺旺角等，有事打 00852 9123 4567 或 2527-7177，HK$12345678 同 45000000元唔係電話"
    found = _by_type(text)
    assert found["phone"] == ["+85291234567", "+85225277177"]
    _spans_match_raw(text)


def test_ordinary_words_are_not_handles() -> None:
    assert _by_type("Please hold the line, I will signal you later. Telegram group tonight?") == {}


def test_red_flags_with_spans_both_scripts() -> None:
    hant = "你好，我係警務處探員，你涉嫌洗黑錢，請立即將資金轉到安全帳戶，唔好同人講，並提供一次性密碼。"
    hans = "你好，这里是公安局，你涉嫌洗黑钱，请立即将资金转到安全账户，并提供验证码。"
    for text in (hant, hans):
        flags = find_red_flags(text)
        codes = {f["code"] for f in flags}
        assert {"official_impersonation", "urgency", "safe_account", "otp_password"} <= codes
        for f in flags:
            assert text[f["start"] : f["end"]] == f["text"] and f["zh"] and f["en"]
    assert "secrecy" in {f["code"] for f in find_red_flags(hant)}


def test_english_red_flags() -> None:
    flags = find_red_flags(
        "Guess who I am? This is my new number. Do not tell anyone, send the OTP urgently."
    )
    codes = {f["code"] for f in flags}
    assert {"guess_who", "secrecy", "otp_password", "urgency"} <= codes


def test_analyze_message_scam() -> None:
    text = "【滙豐】您的帳戶出現異常登入，請立即點擊 hxxps://hsbc-verify[.]com/login 驗證身份，否則24小時內凍結。"
    result = analyze_message(text)
    assert result["suspicious"] is True
    assert result["level"] == "suspected"  # strong look-alike of hsbc.com.hk
    assert result["indicators"][0]["verdict"]["reasons"][0]["code"] == "lookalike_brand_keyword"
    assert result["scam_type"]["code"] in ("customer_service", "phishing_otp")
    assert [a["step"] for a in result["advice"]] == ["spot", "calm", "assess", "confirm"]
    assert result["classifier"] is None


def test_analyze_message_ham_and_official_numbers() -> None:
    result = analyze_message("如有懷疑，請致電防騙易熱線 18222 或瀏覽 https://www.police.gov.hk/")
    assert result["suspicious"] is False and result["scam_type"] is None
    assert {i["verdict"]["reasons"][0]["code"] for i in result["indicators"]} == {"allowlisted"}
    assert result["advice"][0]["title_zh"] == "識破可疑"


def test_lookup_callable_is_used() -> None:
    calls: list[tuple[str, str]] = []

    def lookup(kind: str, value: str) -> dict:
        calls.append((kind, value))
        return {
            "type": kind,
            "normalized": value,
            "level": "high_risk",
            "label_zh": "高危有伏",
            "label_en": "High risk",
            "reasons": [],
        }

    result = analyze_message("call 5123 4567 now", lookup=lookup)
    assert calls == [("phone", "+85251234567")]
    assert result["level"] == "high_risk" and result["suspicious"] is True


@pytest.mark.parametrize("scam_type", SCAM_TYPES)
def test_advice_for_every_type_in_both_languages(scam_type: str) -> None:
    steps = advice_for(scam_type)
    assert len(steps) == 4
    assert all(s["zh"] and s["en"] and s["title_zh"] and s["title_en"] for s in steps)
    assert advice_for(scam_type) != advice_for(None) or scam_type == "other"


def test_bad_input() -> None:
    with pytest.raises(TypeError):
        analyze_message(None)  # type: ignore[arg-type]
    assert analyze_message("")["indicators"] == []
    long = "9123 4567 " * 5000
    assert len(extract_indicators(long)) == 1  # long input is cut, not a crash
