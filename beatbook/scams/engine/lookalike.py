"""Similarity of a checked domain (or account handle) to the brands scammers imitate.

Four signals, each with a bilingual reason:

* homoglyphs - Unicode confusables (``confusable_homoglyphs``) and a digit/letter skeleton
  (0->o, 1->l, rn->m ...): ``b0chk.com``, ``һѕbс.com``;
* brand buried in a sub-domain - ``bochk.com.hk.secure-login.top``;
* small edit distance (``rapidfuzz``) on the registrable label - ``hangsseng.com``;
* brand + keyword combos - ``hsbc-verify.com``, ``bochksecure.top``.

A hit is *strong* (enough for a "suspected" verdict) or weak ("possible"). Official domains of the
brands and their sub-domains never produce hits. Everything is precomputed at first use so one check
costs tens of microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

import yaml
from confusable_homoglyphs import confusables
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from .normalize import (
    DATA_DIR,
    DOMAIN,
    EMAIL,
    PLATFORM_ACCOUNT,
    URL,
    Normalized,
    split_domain,
    to_ascii_host,
    to_unicode_host,
)
from .reasons import Reason

STRONG_MIN_LEN = 4  # brand labels shorter than this give only weak hits (boc, dbs, bea ...)
TYPO_MIN_LEN = 5  # edit distance is only meaningful on longer names


@dataclass(frozen=True, slots=True)
class Brand:
    """A protected brand and its official domains."""

    id: str
    category: str
    name_en: str
    name_zh: str
    domains: tuple[str, ...]
    labels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LookalikeHit:
    """One reason a value resembles a protected brand."""

    brand_id: str
    brand_en: str
    brand_zh: str
    official_domain: str
    kind: str  # homoglyph | brand_other_domain | brand_in_subdomain | typo | brand_keyword | brand_embedded | brand_in_handle
    strong: bool
    detail: str

    def reason(self) -> Reason:
        """Bilingual explanation for the verdict."""
        zh, en = _KIND_TEXT[self.kind]
        return Reason(
            code=f"lookalike_{self.kind}",
            zh=zh.format(brand=self.brand_zh, official=self.official_domain, detail=self.detail),
            en=en.format(brand=self.brand_en, official=self.official_domain, detail=self.detail),
        )


_KIND_TEXT: dict[str, tuple[str, str]] = {
    "homoglyph": (
        "「{detail}」用了外形相似的字元冒充{brand}（官方網域：{official}）。",
        "'{detail}' uses look-alike characters to imitate {brand} (official domain: {official}).",
    ),
    "brand_other_domain": (
        "「{detail}」用了{brand}的名稱，但不是其官方網域 {official}。",
        "'{detail}' uses the name of {brand} but is not its official domain {official}.",
    ),
    "brand_in_subdomain": (
        "網址把{brand}的名稱藏在子網域「{detail}」，實際網站並非 {official}。",
        "The link hides the name of {brand} in the sub-domain '{detail}'; the real site is not {official}.",
    ),
    "typo": (
        "「{detail}」與{brand}的官方網域 {official} 只差一兩個字母。",
        "'{detail}' differs from {brand}'s official domain {official} by only one or two letters.",
    ),
    "brand_keyword": (
        "「{detail}」把{brand}的名稱與「驗證」「登入」等字眼組合，常見於釣魚網站（官方網域：{official}）。",
        "'{detail}' combines the name of {brand} with words like 'verify' or 'login', typical of phishing "
        "sites (official domain: {official}).",
    ),
    "brand_embedded": (
        "「{detail}」包含{brand}的名稱，但不是其官方網域 {official}。",
        "'{detail}' contains the name of {brand} but is not its official domain {official}.",
    ),
    "brand_in_handle": (
        "帳號「{detail}」使用了{brand}的名稱；請只透過官方網站 {official} 列出的渠道聯絡。",
        "The account '{detail}' uses the name of {brand}; contact it only through channels listed on {official}.",
    ),
}

# Digit/letter look-alikes applied after Unicode confusables; both sides are skeletonised.
_ASCII_SKELETON = str.maketrans(
    {"0": "o", "1": "l", "i": "l", "3": "e", "4": "a", "5": "s", "7": "t", "9": "g", "8": "b", "|": "l"}
)
_MULTI_SKELETON = (("rn", "m"), ("vv", "w"), ("cl", "d"))


@lru_cache(maxsize=4096)
def _ascii_for_char(ch: str) -> str:
    """Closest ASCII letter for one non-ASCII character ("" when none)."""
    if ch == "ı":
        return "i"
    stripped = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
    if stripped.isascii() and stripped:
        return stripped.lower()
    found = confusables.is_confusable(ch, greedy=True, preferred_aliases=["latin"])
    if found:
        for glyph in found[0]["homoglyphs"]:
            if glyph["c"].isascii() and glyph["c"].isalnum():
                return glyph["c"].lower()
    return ch


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Look-alike skeleton: confusables to ASCII, digits to letters, ``rn``->``m``, no hyphens."""
    text = text.lower()
    if not text.isascii():
        text = "".join(c if c.isascii() else _ascii_for_char(c) for c in text)
    text = text.replace("-", "").replace("_", "")
    for a, b in _MULTI_SKELETON:
        text = text.replace(a, b)
    return text.translate(_ASCII_SKELETON)


@dataclass(frozen=True, slots=True)
class _Label:
    brand: Brand
    raw: str
    key: str


@dataclass(frozen=True, slots=True)
class _Index:
    brands: tuple[Brand, ...]
    official: frozenset[str]
    keywords: frozenset[str]
    keyword_keys: frozenset[str]
    labels: tuple[_Label, ...]
    by_raw: dict[str, _Label]
    by_key: dict[str, _Label]
    typo_keys: tuple[str, ...]
    typo_labels: tuple[_Label, ...]


@cache
def _index() -> _Index:
    with (DATA_DIR / "protected_brands.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    brands = tuple(
        Brand(
            id=b["id"],
            category=b["category"],
            name_en=b["name_en"],
            name_zh=b["name_zh"],
            domains=tuple(d.lower() for d in b["domains"]),
            labels=tuple(lbl.lower() for lbl in b["labels"]),
        )
        for b in data["brands"]
    )
    labels = tuple(_Label(b, lbl, skeleton(lbl)) for b in brands for lbl in b.labels)
    typo = tuple(lbl for lbl in labels if len(lbl.raw) >= TYPO_MIN_LEN)
    return _Index(
        brands=brands,
        official=frozenset(d for b in brands for d in b.domains),
        keywords=frozenset(k.lower() for k in data["keywords"]),
        keyword_keys=frozenset(skeleton(k.lower()) for k in data["keywords"]),
        labels=labels,
        by_raw={lbl.raw: lbl for lbl in labels},
        by_key={lbl.key: lbl for lbl in labels},
        typo_keys=tuple(lbl.key for lbl in typo),
        typo_labels=typo,
    )


def protected_brands() -> tuple[Brand, ...]:
    """The shipped protected brands (from ``data/protected_brands.yaml``)."""
    return _index().brands


def is_official_host(host: str) -> bool:
    """True when ``host`` is a brand's official domain or one of its sub-domains."""
    official = _index().official
    parts = host.lower().rstrip(".").split(".")
    return any(".".join(parts[i:]) in official for i in range(len(parts) - 1))


def _hit(label: _Label, kind: str, strong: bool, detail: str) -> LookalikeHit:
    b = label.brand
    return LookalikeHit(b.id, b.name_en, b.name_zh, b.domains[0], kind, strong, detail)


def check_host(host: str) -> list[LookalikeHit]:
    """Look-alike hits for one host name (ASCII/punycode or Unicode); [] for official domains."""
    ascii_host = to_ascii_host(host)
    if not ascii_host or is_official_host(ascii_host):
        return []
    idx = _index()
    sub, label, suffix = split_domain(ascii_host)
    if not label:
        return []
    ulabel = to_unicode_host(label)
    reg_display = to_unicode_host(f"{label}.{suffix}" if suffix else label)
    raw = ulabel.lower()
    key = skeleton(raw)
    tokens = [t for t in re.split(r"[-_]", raw) if t]
    hits: dict[tuple[str, str], LookalikeHit] = {}

    def add(hit: LookalikeHit) -> None:
        k = (hit.brand_id, hit.kind)
        if k not in hits or (hit.strong and not hits[k].strong):
            hits[k] = hit

    flat = raw.replace("-", "").replace("_", "")
    # 1. whole registrable label equals a brand name: exact (other TLD) or via look-alike characters.
    exact = idx.by_raw.get(flat)
    if exact is not None:
        add(_hit(exact, "brand_other_domain", len(exact.raw) >= STRONG_MIN_LEN, reg_display))
    else:
        same = idx.by_key.get(key)
        if same is not None:
            add(_hit(same, "homoglyph", len(same.raw) >= STRONG_MIN_LEN, reg_display))
    # 2. brand + keyword: tokens ("hsbc-verify") or glued ("bochksecure", "verifyhsbc").
    if len(tokens) > 1:
        for i, tok in enumerate(tokens):
            lbl = idx.by_raw.get(tok) or idx.by_key.get(skeleton(tok))
            if lbl is None:
                continue
            others = tokens[:i] + tokens[i + 1 :]
            keyword = any(o in idx.keywords for o in others)
            add(_hit(lbl, "brand_keyword", keyword, reg_display))
    for lbl in idx.labels:
        if len(lbl.key) < 3 or key in idx.by_key or lbl.key not in key:
            continue
        rest = key.replace(lbl.key, "", 1)
        if rest in idx.keyword_keys:
            add(_hit(lbl, "brand_keyword", True, reg_display))
        elif len(lbl.raw) >= TYPO_MIN_LEN and not any(h.brand_id == lbl.brand.id for h in hits.values()):
            add(_hit(lbl, "brand_embedded", False, reg_display))
    # 3. typo distance on the whole label and on each token.
    for candidate in {key, *(skeleton(t) for t in tokens if len(t) >= TYPO_MIN_LEN - 1)}:
        for _match, dist, pos in process.extract(
            candidate, idx.typo_keys, scorer=Levenshtein.distance, score_cutoff=2, limit=5
        ):
            lbl = idx.typo_labels[pos]
            if dist == 0 or (dist == 2 and len(lbl.key) < 8):
                continue
            if any(h.brand_id == lbl.brand.id for h in hits.values()):
                continue
            add(_hit(lbl, "typo", dist == 1, reg_display))
    # 4. brand (or a whole official domain) buried in the sub-domain.
    if sub:
        usub = to_unicode_host(sub).lower()
        sub_tokens = [t for t in re.split(r"[.\-_]", usub) if t]
        for tok in sub_tokens:
            lbl = idx.by_raw.get(tok) or idx.by_key.get(skeleton(tok))
            if lbl is None or len(lbl.raw) < 3:
                continue
            official_inside = any(f".{d}." in f".{usub}." for d in lbl.brand.domains)
            add(_hit(lbl, "brand_in_subdomain", official_inside or len(lbl.raw) >= STRONG_MIN_LEN, usub))
    # One hit per brand (the most telling), so a verdict lists each imitated brand once.
    best: dict[str, LookalikeHit] = {}
    for hit in hits.values():
        cur = best.get(hit.brand_id)
        if cur is None or (not hit.strong, _KIND_ORDER.index(hit.kind)) < (
            not cur.strong,
            _KIND_ORDER.index(cur.kind),
        ):
            best[hit.brand_id] = hit
    return sorted(best.values(), key=lambda h: (not h.strong, h.brand_id))


_KIND_ORDER = (
    "homoglyph",
    "brand_in_subdomain",
    "brand_keyword",
    "typo",
    "brand_other_domain",
    "brand_embedded",
    "brand_in_handle",
)


def check_handle(handle: str) -> list[LookalikeHit]:
    """Weak hits when a social-media handle carries a protected brand name (``hsbc_hk_support``)."""
    idx = _index()
    text = handle.lower().lstrip("@")
    tokens = [t for t in re.split(r"[._\-\s]", text) if t]
    key = skeleton(text)
    hits: dict[str, LookalikeHit] = {}
    for lbl in idx.labels:
        if len(lbl.raw) < 3:
            continue
        if any(t == lbl.raw or skeleton(t) == lbl.key for t in tokens) or (
            len(lbl.raw) >= TYPO_MIN_LEN and lbl.key in key
        ):
            hits.setdefault(lbl.brand.id, _hit(lbl, "brand_in_handle", False, handle))
    return list(hits.values())


def check_lookalike(item: Normalized | str) -> list[LookalikeHit]:
    """Look-alike hits for a normalised URL, domain, e-mail or platform account (or a bare host)."""
    if isinstance(item, str):
        return check_host(item)
    if not item.ok:
        return []
    if item.type == URL:
        if item.details.get("host_is_ip"):
            return []
        return check_host(str(item.details["host"]))
    if item.type == DOMAIN:
        return check_host(item.normalized)
    if item.type == EMAIL:
        return check_host(str(item.details["domain"]))
    if item.type == PLATFORM_ACCOUNT and not item.details.get("phone"):
        return check_handle(str(item.details["handle"]))
    return []


def strongest(hits: Iterable[LookalikeHit]) -> Sequence[LookalikeHit]:
    """Strong hits first, then weak; at most one per (brand, kind)."""
    return sorted(hits, key=lambda h: (not h.strong, h.brand_id, h.kind))
