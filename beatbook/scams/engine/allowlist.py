"""Official domains and hotlines that must never get a risk verdict, and the channels to publicise.

Sources: ``data/allowlist.yaml`` plus every official domain in ``data/protected_brands.yaml``. A domain
entry covers its sub-domains (``gov.hk`` covers ``www.police.gov.hk``) but never look-alikes
(``fake-gov.hk``, ``gov.hk.evil.top``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

import yaml

from .lookalike import protected_brands
from .normalize import (
    DATA_DIR,
    DOMAIN,
    EMAIL,
    PHONE,
    PLATFORM_ACCOUNT,
    URL,
    Normalized,
    normalize_phone,
)
from .reasons import Reason

ALLOWLISTED = Reason(
    "allowlisted",
    "此為官方名單上的渠道（例如政府、銀行的官方網域或熱線）。",
    "This is on the official allowlist (an official government or bank domain or hotline).",
)


@dataclass(frozen=True, slots=True)
class OfficialChannel:
    """An official channel the public page lists ("fake checker apps exist: use these")."""

    code: str
    en: str
    zh: str
    url: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class _Allowlist:
    domains: Mapping[str, tuple[str, str]]  # ascii domain -> (zh, en)
    phones: Mapping[str, tuple[str, str]]  # normalised phone -> (zh, en)
    channels: tuple[OfficialChannel, ...]


@cache
def _load() -> _Allowlist:
    with (DATA_DIR / "allowlist.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    domains: dict[str, tuple[str, str]] = {}
    for brand in protected_brands():
        for d in brand.domains:
            domains[d] = (brand.name_zh, brand.name_en)
    for entry in data.get("domains", []):
        domains[entry["domain"].lower()] = (entry["zh"], entry["en"])
    phones: dict[str, tuple[str, str]] = {}
    for entry in data.get("phones", []):
        norm = normalize_phone(str(entry["number"]))
        if not norm.ok:  # a typo in the shipped data must fail loudly, not silently allow nothing
            raise ValueError(f"allowlist.yaml: invalid phone {entry['number']!r}")
        phones[norm.normalized] = (entry["zh"], entry["en"])
    channels = tuple(
        OfficialChannel(
            code=c["code"], en=c["en"], zh=c["zh"], url=c.get("url", ""), phone=str(c.get("phone", ""))
        )
        for c in data.get("official_channels", [])
    )
    return _Allowlist(domains=domains, phones=phones, channels=channels)


def _domain_allowlisted(host: str) -> bool:
    parts = host.lower().rstrip(".").split(".")
    domains = _load().domains
    return any(".".join(parts[i:]) in domains for i in range(len(parts)))


def is_allowlisted(item: Normalized) -> bool:
    """True when a normalised value is an official channel (domain or sub-domain, hotline ...)."""
    if not item.ok:
        return False
    d = item.details
    if item.type == PHONE:
        return item.normalized in _load().phones
    if item.type == DOMAIN:
        return _domain_allowlisted(item.normalized)
    if item.type == URL:
        return not d.get("host_is_ip") and _domain_allowlisted(str(d["host"]))
    if item.type == EMAIL:
        return _domain_allowlisted(str(d["domain"]))
    if item.type == PLATFORM_ACCOUNT and d.get("phone"):
        # An official hotline number on WhatsApp is still the official number.
        return str(d["phone"]) in _load().phones
    return False


def allowlisted_domains() -> tuple[str, ...]:
    """All allowlisted domains (each also covers its sub-domains)."""
    return tuple(sorted(_load().domains))


def allowlisted_phones() -> Mapping[str, tuple[str, str]]:
    """Normalised hotline numbers -> (zh, en) description."""
    return dict(_load().phones)


def official_channels() -> tuple[OfficialChannel, ...]:
    """The channels to show on the public page (Scameter on cyberdefender.hk, 18222, police.gov.hk ...)."""
    return _load().channels
