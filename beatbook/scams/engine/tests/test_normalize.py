"""Normalisation: phone traps, Safe Browsing URL vectors, offline PSL, refanging, accounts, wallets."""

from __future__ import annotations

import socket

import pytest

from beatbook.scams.engine import normalize as n
from beatbook.scams.engine.normalize import (
    canonicalize_url,
    detect_type,
    lookup_keys,
    normalize,
    normalize_bank_account,
    normalize_crypto_wallet,
    normalize_domain,
    normalize_email,
    normalize_fps_id,
    normalize_ip,
    normalize_phone,
    normalize_platform_account,
    normalize_url,
    refang,
)

# ---------------------------------------------------------------------------------------------- phones


@pytest.mark.parametrize(
    ("raw", "e164", "region"),
    [
        ("00852 9123 4567", "+85291234567", "HK"),  # 00 is an international prefix, not IDD 008 + 52
        ("0085291234567", "+85291234567", "HK"),
        ("13812345678", "+8613812345678", "CN"),  # bare 11 digits starting with 1: mainland mobile
        ("138-1234-5678", "+8613812345678", "CN"),
        ("91234567", "+85291234567", "HK"),  # bare 8 digits: Hong Kong
        ("9123 4567", "+85291234567", "HK"),
        ("(852) 9123-4567", "+85291234567", "HK"),
        ("+86 138 1234 5678", "+8613812345678", "CN"),
        ("+44 20 7946 0958", "+442079460958", "GB"),
        ("９１２３４５６７", "+85291234567", "HK"),  # full-width digits
        ("tel:+85225277177", "+85225277177", "HK"),
    ],
)
def test_phone_traps(raw: str, e164: str, region: str) -> None:
    result = normalize_phone(raw)
    assert result.ok, result.errors
    assert result.normalized == e164
    assert result.details["region"] == region


@pytest.mark.parametrize("code", ["999", "18222", "1823", "112"])
def test_short_codes_kept_as_typed(code: str) -> None:
    result = normalize_phone(code)
    assert (result.type, result.normalized, result.details["short_code"]) == ("phone", code, True)


@pytest.mark.parametrize("raw", ["", "   ", "call me maybe", "12", "+1 2", "9123456789012345678"])
def test_bad_phones_have_bilingual_errors(raw: str) -> None:
    result = normalize_phone(raw)
    assert not result.ok
    assert result.normalized == ""
    assert all(e.zh and e.en and e.code for e in result.errors)


# ------------------------------------------------------------------------------- Safe Browsing vectors

# The published test vectors of the Safe Browsing URL canonicalisation spec
# (https://developers.google.com/safe-browsing/v4/urls-hashing#canonicalization).
SAFE_BROWSING_VECTORS = [
    ("http://host/%25%32%35", "http://host/%25"),
    ("http://host/%25%32%35%25%32%35", "http://host/%25%25"),
    ("http://host/%2525252525252525", "http://host/%25"),
    ("http://host/asdf%25%32%35asd", "http://host/asdf%25asd"),
    ("http://host/%%%25%32%35asd%%", "http://host/%25%25%25asd%25%25"),
    ("http://www.google.com/", "http://www.google.com/"),
    (
        "http://%31%36%38%2e%31%38%38%2e%39%39%2e%32%36/%2E%73%65%63%75%72%65/%77%77%77%2E%65%62%61%79%2E%63%6F%6D/",
        "http://168.188.99.26/.secure/www.ebay.com/",
    ),
    (
        "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
        "http://195.127.0.11/uploads/%20%20%20%20/.verify/.eBaysecure=updateuserdataxplimnbqmn-xplmvalidateinfoswqpcmlx=hgplmcx/",
    ),
    (
        "http://host%23.com/%257Ea%2521b%2540c%2523d%2524e%25f%255E00%252611%252A22%252833%252944_55%252B",
        "http://host%23.com/~a!b@c%23d$e%25f^00&11*22(33)44_55+",
    ),
    ("http://3279880203/blah", "http://195.127.0.11/blah"),
    ("http://www.google.com/blah/..", "http://www.google.com/"),
    ("www.google.com/", "http://www.google.com/"),
    ("www.google.com", "http://www.google.com/"),
    ("http://www.evil.com/blah#frag", "http://www.evil.com/blah"),
    ("http://www.GOOgle.com/", "http://www.google.com/"),
    ("http://www.google.com.../", "http://www.google.com/"),
    ("http://www.google.com/foo\tbar\rbaz\n2", "http://www.google.com/foobarbaz2"),
    ("http://www.google.com/q?", "http://www.google.com/q?"),
    ("http://www.google.com/q?r?", "http://www.google.com/q?r?"),
    ("http://www.google.com/q?r?s", "http://www.google.com/q?r?s"),
    ("http://evil.com/foo#bar#baz", "http://evil.com/foo"),
    ("http://evil.com/foo;", "http://evil.com/foo;"),
    ("http://evil.com/foo?bar;", "http://evil.com/foo?bar;"),
    (b"http://\x01\x80.com/", "http://%01%80.com/"),  # the spec's vector is defined on bytes
    ("http://notrailingslash.com", "http://notrailingslash.com/"),
    ("http://www.gotaport.com:1234/", "http://www.gotaport.com/"),
    ("  http://www.google.com/  ", "http://www.google.com/"),
    ("http:// leadingspace.com/", "http://%20leadingspace.com/"),
    ("http://%20leadingspace.com/", "http://%20leadingspace.com/"),
    ("%20leadingspace.com/", "http://%20leadingspace.com/"),
    ("https://www.securesite.com/", "https://www.securesite.com/"),
    ("http://host.com/ab%23cd", "http://host.com/ab%23cd"),
    ("http://host.com//twoslashes?more//slashes", "http://host.com/twoslashes?more//slashes"),
]


@pytest.mark.parametrize(("raw", "expected"), SAFE_BROWSING_VECTORS)
def test_safe_browsing_vectors(raw: str | bytes, expected: str) -> None:
    assert canonicalize_url(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("http://0x7f.1/", "http://127.0.0.1/"),  # hex + short form
        ("http://0177.0.0.1/", "http://127.0.0.1/"),  # octal
        ("http://a/b/./c/../d", "http://a/b/d"),
        ("http://www.bochk.com@evil.top/login", "http://evil.top/login"),  # userinfo trick
        ("HTTPS://Example.COM", "https://example.com/"),
    ],
)
def test_canonicalisation_extras(raw: str, expected: str) -> None:
    assert canonicalize_url(raw) == expected


def test_nested_escapes_are_bounded() -> None:
    hostile = "http://host/" + "%25" * 2000 + "32%35"
    assert canonicalize_url(hostile).startswith("http://host/%25")


def test_url_normalisation_and_refusals() -> None:
    ok = normalize_url("hxxps://www[.]bochk[.]com[.]hk[.]secure-login[.]top/login?x=1#frag")
    assert ok.normalized == "https://www.bochk.com.hk.secure-login.top/login?x=1"
    assert ok.details["registered_domain"] == "secure-login.top"
    assert ok.details["host"] == "www.bochk.com.hk.secure-login.top"
    bad_scheme = normalize_url("javascript:alert(1)//x.com")
    assert not bad_scheme.ok and bad_scheme.errors[0].code == "url_scheme"
    no_suffix = normalize_url("http://intranet-server/")
    assert not no_suffix.ok and no_suffix.errors[0].code in ("domain_invalid", "domain_suffix")


# ---------------------------------------------------------------------------------- PSL and IDN


def test_public_suffix_list_never_touches_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    n._tld_extractor.cache_clear()
    n.split_domain.cache_clear()
    try:
        assert n.registered_domain("www.bochk.com.hk.secure-login.top") == "secure-login.top"
        assert n.registered_domain("a.b.payme.hsbc.com.hk") == "hsbc.com.hk"
        assert n.registered_domain("www.police.gov.hk") == "police.gov.hk"
        assert n.registered_domain("evil.github.io") == "evil.github.io"  # private suffixes count
        assert n.registered_domain("localhost") == ""
    finally:
        n._tld_extractor.cache_clear()
        n.split_domain.cache_clear()


def test_idn_round_trip() -> None:
    uni = normalize_domain("例子.香港")
    assert uni.normalized == "xn--fsqu00a.xn--j6w193g"
    assert uni.display == "例子.香港"
    puny = normalize_domain("xn--fsqu00a.xn--j6w193g")
    assert puny.normalized == uni.normalized and puny.display == "例子.香港"
    assert canonicalize_url("http://例子.香港/路徑") == "http://xn--fsqu00a.xn--j6w193g/%E8%B7%AF%E5%BE%91"


@pytest.mark.parametrize("raw", ["not a domain", "foo..", "-bad-.com", "a" * 64 + ".com", "x.invalidtld"])
def test_bad_domains(raw: str) -> None:
    assert not normalize_domain(raw).ok


# ------------------------------------------------------------------------------------------- refang


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("hxxp://evil[.]top/a", "http://evil.top/a"),
        ("hXXps://evil(.)top", "https://evil.top"),
        ("evil{.}top", "evil.top"),
        ("evil[dot]top", "evil.top"),
        ("name[@]mail.com", "name@mail.com"),
        ("name[at]mail(.)com", "name@mail.com"),
        ("ｈｓｂｃ．ｃｏｍ．ｈｋ", "hsbc.com.hk"),  # full-width (NFKC)
        ("example。com", "example.com"),  # ideographic full stop
        ("  evil .top / login ", "evil.top/login"),  # stray spaces
        ("ev\u200bil.top", "evil.top"),  # zero-width space
    ],
)
def test_refang(raw: str, expected: str) -> None:
    assert refang(raw) == expected


# ------------------------------------------------------------------------------ accounts and others


def test_bank_accounts() -> None:
    a = normalize_bank_account("012-345-67890-1")
    b = normalize_bank_account("012 34567890")
    assert a.normalized == "012-345678901" and a.details["bank_code"] == "012"
    assert a.details["bank_name_en"] == "Bank of China (Hong Kong)" and a.details["bank_name_zh"]
    assert b.normalized == "012-34567890"
    unknown = normalize_bank_account("999-123-456789")
    assert unknown.ok and unknown.details["bank_known"] is False
    for bad in ("012-34", "012-ABC-123456", "0" * 20):
        assert not normalize_bank_account(bad).ok


def test_bank_code_table_is_well_formed() -> None:
    codes = n.hk_bank_codes()
    assert {"003", "004", "012", "024", "015", "016", "387"} <= set(codes)
    assert all(len(c) == 3 and c.isdigit() and v["en"] and v["zh"] for c, v in codes.items())


def test_fps_ids() -> None:
    assert normalize_fps_id("FPS ID: 1234567").normalized == "1234567"
    assert normalize_fps_id("轉數快識別碼 123456789").normalized == "123456789"
    assert not normalize_fps_id("123456").ok
    assert not normalize_fps_id("1234567890").ok


@pytest.mark.parametrize(
    ("raw", "expected", "phone"),
    [
        ("telegram:@abc12", "telegram:abc12", ""),
        ("t.me/abc12", "telegram:abc12", ""),
        ("https://t.me/Abc_12?start=1", "telegram:abc_12", ""),
        ("wa.me/85291234567", "whatsapp:+85291234567", "+85291234567"),
        ("https://api.whatsapp.com/send?phone=85291234567", "whatsapp:+85291234567", "+85291234567"),
        ("WhatsApp: 9123 4567", "whatsapp:+85291234567", "+85291234567"),
        ("微信: abc_123x", "wechat:abc_123x", ""),
        ("ig: john.doe", "instagram:john.doe", ""),
        ("instagram.com/john.doe/", "instagram:john.doe", ""),
        ("facebook.com/profile.php?id=1000123456", "facebook:1000123456", ""),
        ("carousell.com.hk/u/good_seller", "carousell:good_seller", ""),
        ("line.me/ti/p/~linefriend", "line:linefriend", ""),
    ],
)
def test_platform_accounts(raw: str, expected: str, phone: str) -> None:
    result = normalize_platform_account(raw)
    assert result.ok, result.errors
    assert result.normalized == expected
    assert result.details["phone"] == phone


@pytest.mark.parametrize("raw", ["whatsapp:notaphone", "telegram:ab", "myspace:someone", "just text"])
def test_platform_refusals(raw: str) -> None:
    result = normalize_platform_account(raw)
    assert not result.ok and result.errors[0].zh and result.errors[0].en


@pytest.mark.parametrize(
    ("raw", "chain", "normalized"),
    [
        ("0x52908400098527886E0F7030069857D2E4169EE7", "ETH", "0x52908400098527886e0f7030069857d2e4169ee7"),
        ("0x52908400098527886e0f7030069857d2e4169ee7", "ETH", "0x52908400098527886e0f7030069857d2e4169ee7"),
        ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "BTC", "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2"),
        ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "BTC", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"),
        ("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "BTC", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"),
        (
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
            "BTC",
            "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297",
        ),
        ("TJRabPrwbZy45sbavfcjinPJC18kjpRTv8", "TRON", "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"),
    ],
)
def test_wallets(raw: str, chain: str, normalized: str) -> None:
    result = normalize_crypto_wallet(raw)
    assert result.ok, result.errors
    assert (result.details["chain"], result.normalized) == (chain, normalized)


@pytest.mark.parametrize(
    "raw",
    [
        "0x52908400098527886e0F7030069857D2E4169EE7",  # one case flipped: EIP-55 checksum fails
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",  # base58check fails
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # bech32 checksum fails
        "TJRabPrwbZy45sbavfcjinPJC18kjpRTv9",
        "not-a-wallet",
    ],
)
def test_wallet_refusals(raw: str) -> None:
    assert not normalize_crypto_wallet(raw).ok


def test_email_and_ip() -> None:
    e = normalize_email("Victim[at]Gmail(.)com")
    assert e.normalized == "victim@gmail.com" and e.details["registered_domain"] == "gmail.com"
    assert not normalize_email("two@@at.com").ok
    assert not normalize_email("user@nosuffix").ok
    assert normalize_ip("8.8.8.8").normalized == "8.8.8.8"
    assert normalize_ip("2001:DB8::1").normalized == "2001:db8::1"
    assert not normalize_ip("999.1.1.1").ok


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("00852 9123 4567", "phone"),
        ("13812345678", "phone"),
        ("91234567", "phone"),
        ("999", "phone"),
        ("1234567", "fps_id"),
        ("FPS 123456789", "fps_id"),
        ("012-345-67890-1", "bank_account"),
        ("012 34567890", "bank_account"),
        ("https://evil.top/x", "url"),
        ("evil.top/login", "url"),
        ("hsbc-verify.com", "domain"),
        ("x.com", "domain"),
        ("a@b.com", "email"),
        ("8.8.8.8", "ip"),
        ("telegram:@abc12", "platform_account"),
        ("wa.me/85291234567", "platform_account"),
        ("0x52908400098527886E0F7030069857D2E4169EE7", "crypto_wallet"),
        ("hello", None),
        ("", None),
    ],
)
def test_detect_type(raw: str, kind: str | None) -> None:
    assert detect_type(raw) == kind


def test_dispatcher() -> None:
    assert normalize("9123 4567").normalized == "+85291234567"
    assert normalize("9123 4567", "fps_id").normalized == "91234567"  # explicit type wins over detection
    assert normalize("123 456", "fps_id").errors
    unknown = normalize("hello there")
    assert not unknown.ok and unknown.errors[0].code == "type_unknown"
    assert normalize("").errors[0].code == "empty"
    with pytest.raises(ValueError, match="unknown indicator type"):
        normalize("x", "pager")


def test_lookup_keys() -> None:
    url = normalize("https://www.evil.top/login")
    assert lookup_keys(url) == [
        ("url", "https://www.evil.top/login"),
        ("domain", "www.evil.top"),
        ("domain", "evil.top"),
    ]
    wa = normalize("wa.me/85291234567")
    assert ("phone", "+85291234567") in lookup_keys(wa)
    phone = normalize("91234567")
    assert ("platform_account", "whatsapp:+85291234567") in lookup_keys(phone)
    assert lookup_keys(normalize("nonsense value")) == []
