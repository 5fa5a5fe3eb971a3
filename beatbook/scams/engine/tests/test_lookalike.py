"""Look-alike detection against protected brands."""

from __future__ import annotations

import pytest

from beatbook.scams.engine.lookalike import (
    check_handle,
    check_host,
    check_lookalike,
    protected_brands,
    skeleton,
)
from beatbook.scams.engine.normalize import normalize, to_ascii_host


@pytest.mark.parametrize(
    ("host", "brand", "kind"),
    [
        ("b0chk.com", "bochk", "homoglyph"),
        ("www.b0chk.top", "bochk", "homoglyph"),
        ("bochk.com.hk.secure-login.top", "bochk", "brand_in_subdomain"),
        ("hsbc.com.hk.login.example", "hsbc", "brand_in_subdomain"),
        ("hsbc-verify.com", "hsbc", "brand_keyword"),
        ("bochksecure.top", "bochk", "brand_keyword"),
        ("verifyhsbc.xyz", "hsbc", "brand_keyword"),
        ("gov-hk.top", "govhk", "brand_keyword"),
        ("sf-express-redelivery.top", "sfexpress", "brand_keyword"),
        ("hangsseng.com", "hangseng", "typo"),
        ("hsbc.co", "hsbc", "brand_other_domain"),
    ],
)
def test_strong_lookalikes(host: str, brand: str, kind: str) -> None:
    hits = check_host(host)
    assert hits, host
    assert (hits[0].brand_id, hits[0].kind, hits[0].strong) == (brand, kind, True)
    reason = hits[0].reason()
    assert reason.code == f"lookalike_{kind}" and reason.zh and reason.en


def test_cyrillic_homoglyphs() -> None:
    host = to_ascii_host("һѕbс.com")  # Cyrillic shha, dze, es
    assert host is not None and host.startswith("xn--")
    hits = check_host(host)
    assert hits and hits[0].brand_id == "hsbc" and hits[0].kind == "homoglyph" and hits[0].strong


@pytest.mark.parametrize(
    "host",
    [
        "bochk.com",
        "www.bochk.com",
        "www.hsbc.com.hk",
        "payme.hsbc.com.hk",
        "www.police.gov.hk",
        "cyberdefender.hk",
        "hangseng.com",
        "sf-express.com",
        "google.com",
        "example.com",
        "mongkok-noodles.com",
    ],
)
def test_not_flagged(host: str) -> None:
    assert check_host(host) == []


def test_short_brand_names_are_weak() -> None:
    hits = check_host("boc.top")
    assert hits and not hits[0].strong


def test_skeleton() -> None:
    assert skeleton("b0chk") == skeleton("bochk")
    assert skeleton("rnox") == skeleton("mox")
    assert skeleton("һѕbс") == skeleton("hsbc")


def test_check_lookalike_by_type() -> None:
    assert check_lookalike(normalize("https://hsbc-verify.com/login"))[0].brand_id == "hsbc"
    assert check_lookalike(normalize("alert@hsbc-verify.com"))[0].brand_id == "hsbc"
    assert check_lookalike(normalize("91234567")) == []  # phones have no look-alikes
    assert check_lookalike(normalize("http://8.8.8.8/")) == []
    assert check_lookalike(normalize("not a value")) == []
    handle = check_lookalike(normalize("telegram:@hsbc_hk_support"))
    assert handle and handle[0].kind == "brand_in_handle" and not handle[0].strong
    assert check_handle("mongkok_foodie") == []


def test_brand_data_is_complete() -> None:
    brands = {b.id: b for b in protected_brands()}
    for required in ("bochk", "hsbc", "hangseng", "scb", "citibank", "dbs", "bea", "govhk", "hkpolice"):
        assert required in brands
    assert "cyberdefender.hk" in brands["cyberdefender"].domains
    assert "payme.hsbc.com.hk" in brands["payme"].domains
    assert all(b.name_zh and b.name_en and b.domains and b.labels for b in brands.values())
