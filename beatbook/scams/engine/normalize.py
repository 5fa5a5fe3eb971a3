"""Canonical forms for the indicators people report and check (phones, links, accounts, wallets ...).

One public function per indicator type plus :func:`normalize` (dispatcher) and :func:`detect_type`.
Everything here is pure, offline and cheap enough for a 10,000-value bank bulk check: the only
per-call costs are ``phonenumbers`` parsing and a ``tldextract`` lookup in the bundled public suffix
list snapshot (never fetched: ``suffix_list_urls=()``).

The canonical string (``Normalized.normalized``) is what the app stores and looks up; ``display`` is
for people (Unicode host names, grouped digits).
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from types import MappingProxyType
from urllib.parse import unquote_to_bytes

import base58
import idna
import phonenumbers
import tldextract
import yaml
from bitcoinutils import bech32
from Crypto.Hash import keccak

from .reasons import Reason

DATA_DIR = Path(__file__).resolve().parent / "data"

PHONE = "phone"
URL = "url"
DOMAIN = "domain"
EMAIL = "email"
IP = "ip"
BANK_ACCOUNT = "bank_account"
FPS_ID = "fps_id"
PLATFORM_ACCOUNT = "platform_account"
CRYPTO_WALLET = "crypto_wallet"

INDICATOR_TYPES: tuple[str, ...] = (
    PHONE,
    URL,
    DOMAIN,
    EMAIL,
    IP,
    BANK_ACCOUNT,
    FPS_ID,
    PLATFORM_ACCOUNT,
    CRYPTO_WALLET,
)

_EMPTY: Mapping[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Normalized:
    """Result of normalising one value.

    ``normalized`` is the canonical lookup key ("" when ``errors`` is non-empty); ``display`` is the
    human form; ``details`` carries type-specific extras (registered domain, bank name, platform ...).
    """

    type: str
    normalized: str
    display: str
    errors: tuple[Reason, ...] = ()
    details: Mapping[str, object] = field(default_factory=lambda: _EMPTY)

    @property
    def ok(self) -> bool:
        """True when the value was understood (no errors)."""
        return not self.errors


def _err(code: str, zh: str, en: str) -> Reason:
    return Reason(code, zh, en)


def _invalid(type_: str, raw: str, *errors: Reason) -> Normalized:
    return Normalized(type=type_, normalized="", display=raw.strip(), errors=tuple(errors))


ERR_EMPTY = _err("empty", "未有輸入任何內容。", "The value is empty.")
ERR_TOO_LONG = _err("too_long", "輸入內容過長。", "The value is too long.")


# --------------------------------------------------------------------------------------------------
# Refanging: analysts and victims paste "defanged" indicators (hxxp, [.]) and full-width characters.
# --------------------------------------------------------------------------------------------------

_REFANG_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bh(?:xx|\*\*|XX)p(s?)(?=[:\[(]|://)", re.IGNORECASE), r"http\1"),
    (re.compile(r"\bfxp(?=[:\[(])", re.IGNORECASE), "ftp"),
    (re.compile(r"\s*[\[({]\s*(?:\.|dot)\s*[\])}]\s*", re.IGNORECASE), "."),
    (re.compile(r"\s*[\[({]\s*(?:@|at)\s*[\])}]\s*", re.IGNORECASE), "@"),
    (re.compile(r"\[\s*:\s*\]|\(\s*:\s*\)"), ":"),
    (re.compile(r"\[\s*(:?//?)\s*\]"), r"\1"),
)
# Ideographic / half-width full stops that NFKC leaves alone but browsers treat as dots in host names.
_DOT_LIKE = str.maketrans({"\u3002": ".", "\uff61": ".", "\uff0e": "."})
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_STRAY_SPACE = re.compile(r"\s*([.@:/])\s*")
_WS = re.compile(r"\s+")


def refang(value: str) -> str:
    """Undo common defanging and width tricks in a *single* indicator value.

    ``hxxp://evil[.]top`` -> ``http://evil.top``; ``name[at]mail(.)com`` -> ``name@mail.com``;
    full-width ``ｈｓｂｃ．ｃｏｍ`` -> ``hsbc.com``; spaces around dots, ``@``, ``:`` and ``/`` removed.
    """
    text = unicodedata.normalize("NFKC", value).translate(_DOT_LIKE).translate(_ZERO_WIDTH)
    for pattern, repl in _REFANG_RULES:
        text = pattern.sub(repl, text)
    text = _STRAY_SPACE.sub(r"\1", text.strip())
    return text


# --------------------------------------------------------------------------------------------------
# Phones
# --------------------------------------------------------------------------------------------------

_PHONE_CHARS = re.compile(r"^\+?[\d\s\-().]+$")
_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")


@cache
def _hk_short_codes() -> frozenset[str]:
    # Hotlines that are dialled as short codes in Hong Kong and must be kept as typed.
    data = _load_yaml("allowlist.yaml")
    return frozenset(str(p["number"]) for p in data.get("phones", []) if len(str(p["number"])) <= 6)


def normalize_phone(value: str) -> Normalized:
    """Normalise a phone number to E.164 with Hong Kong defaults.

    Traps handled: ``00852 9123 4567`` is Hong Kong (``00`` is an international prefix, which
    ``phonenumbers`` would otherwise read as IDD ``008``); a bare 11-digit number starting with 1 is a
    mainland China mobile (+86); a bare 8-digit number is Hong Kong; short codes and hotlines (999,
    18222 ...) stay as typed.
    """
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(PHONE, value, ERR_EMPTY)
    if len(raw) > 40:
        return _invalid(PHONE, value, ERR_TOO_LONG)
    raw = re.sub(r"^(?:tel|phone|callto|sms):", "", raw, flags=re.IGNORECASE)
    if not _PHONE_CHARS.match(raw):
        return _invalid(
            PHONE,
            value,
            _err(
                "phone_chars",
                "電話號碼只可包含數字、+、空格或連字號。",
                "A phone number may only contain digits, +, spaces or dashes.",
            ),
        )
    digits = re.sub(r"\D", "", raw)
    plus = raw.startswith("+")
    if not plus and digits.startswith("00"):
        digits, plus = digits[2:], True  # 00 = international prefix ("00852 ..." is Hong Kong)
    if (
        not plus
        and 3 <= len(digits) <= 6
        and (
            digits in _hk_short_codes()
            or phonenumbers.is_valid_short_number(phonenumbers.parse(digits, "HK"))
        )
    ):
        return Normalized(PHONE, digits, digits, details={"short_code": True, "region": "HK"})
    if plus:
        text, region = "+" + digits, None
    elif _CN_MOBILE.match(digits):
        text, region = "+86" + digits, None  # mainland mobile written without country code
    else:
        text, region = digits, "HK"
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return _invalid(
            PHONE,
            value,
            _err("phone_parse", "無法辨認此電話號碼。", "This phone number could not be understood."),
        )
    if not phonenumbers.is_possible_number(number):
        return _invalid(
            PHONE,
            value,
            _err(
                "phone_length", "電話號碼的位數不正確。", "The phone number has the wrong number of digits."
            ),
        )
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    display = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    return Normalized(
        PHONE,
        e164,
        display,
        details={
            "region": phonenumbers.region_code_for_number(number),
            # Possible-but-unlisted numbers are kept: numbering plans change faster than metadata.
            "valid": phonenumbers.is_valid_number(number),
            "short_code": False,
        },
    )


# --------------------------------------------------------------------------------------------------
# Domains (public suffix list bundled offline) and IDN
# --------------------------------------------------------------------------------------------------


@cache
def _tld_extractor() -> tldextract.TLDExtract:
    # suffix_list_urls=() + cache_dir=None: use the snapshot shipped in the wheel, never the network.
    # Private suffixes (github.io, blogspot.com ...) count, so "evil.github.io" is its own registrant.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


@lru_cache(maxsize=65536)
def split_domain(host: str) -> tuple[str, str, str]:
    """Return ``(subdomain, registrable_label, public_suffix)`` for an ASCII host name."""
    r = _tld_extractor().extract_str(host)
    return r.subdomain, r.domain, r.suffix


def registered_domain(host: str) -> str:
    """The registrable domain (eTLD+1) of an ASCII host, or "" when it has no known public suffix."""
    sub, label, suffix = split_domain(host)
    return f"{label}.{suffix}" if label and suffix else ""


_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def to_ascii_host(host: str) -> str | None:
    """IDNA-encode a host name (UTS #46), or None when it cannot be a DNS name."""
    host = host.strip().rstrip(".").lower()
    if not host:
        return None
    if host.isascii():
        return host
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError):
        return None


def to_unicode_host(host: str) -> str:
    """Punycode -> Unicode for display; returns the input when it is not valid IDNA."""
    if "xn--" not in host:
        return host
    try:
        return idna.decode(host)
    except (idna.IDNAError, UnicodeError):
        return host


_ERR_DOMAIN = _err("domain_invalid", "這不是有效的網域名稱。", "This is not a valid domain name.")
_ERR_SUFFIX = _err(
    "domain_suffix",
    "網域的頂級域名不在公共後綴列表內。",
    "The domain does not end in a known public suffix (top-level domain).",
)


def _check_domain(ascii_host: str) -> Reason | None:
    if len(ascii_host) > 253 or ".." in ascii_host:
        return _ERR_DOMAIN
    labels = ascii_host.split(".")
    if len(labels) < 2 or not all(_LABEL.match(lbl) for lbl in labels):
        return _ERR_DOMAIN
    if not registered_domain(ascii_host):
        return _ERR_SUFFIX
    return None


def normalize_domain(value: str) -> Normalized:
    """Normalise a host name: lower-case ASCII (punycode), no trailing dot, with its registered domain.

    A URL or e-mail address is accepted and reduced to its host.
    """
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(DOMAIN, value, ERR_EMPTY)
    if "@" in raw and "/" not in raw:
        raw = raw.rsplit("@", 1)[1]
    if "/" in raw or "://" in raw:
        parts = _split_url(raw.encode("utf-8"))
        raw = parts[1].decode("utf-8", "replace") if parts else raw
    host = re.sub(r"\.{2,}", ".", raw.strip(".").lower())
    host = re.sub(r":\d+$", "", host)
    ascii_host = to_ascii_host(host)
    if ascii_host is None:
        return _invalid(DOMAIN, value, _ERR_DOMAIN)
    problem = _check_domain(ascii_host)
    if problem:
        return _invalid(DOMAIN, value, problem)
    return Normalized(
        DOMAIN,
        ascii_host,
        to_unicode_host(ascii_host),
        details={
            "registered_domain": registered_domain(ascii_host),
            "idn": ascii_host != host or "xn--" in ascii_host,
        },
    )


# --------------------------------------------------------------------------------------------------
# URLs: Google Safe Browsing canonicalisation
# https://developers.google.com/safe-browsing/v4/urls-hashing#canonicalization
# --------------------------------------------------------------------------------------------------

_ESCAPE_TABLE = tuple(
    chr(c) if 0x20 < c < 0x7F and c not in (0x23, 0x25) else f"%{c:02X}" for c in range(256)
)
_SCHEME = re.compile(rb"^([a-zA-Z][a-zA-Z0-9+.\-]*)://")
_MAX_UNESCAPE_ROUNDS = 64  # "%25" nesting deeper than this is an attack, not a URL


def _escape(data: bytes) -> str:
    return "".join(_ESCAPE_TABLE[c] for c in data)


def _unescape_fully(data: bytes) -> bytes:
    for _ in range(_MAX_UNESCAPE_ROUNDS):
        if b"%" not in data:
            break
        new = unquote_to_bytes(data)
        if new == data:
            break
        data = new
    return data


def parse_ipv4_lenient(host: str) -> str | None:
    """Parse any legal inet_aton IPv4 spelling (decimal, octal, hex, 1-4 parts) to a dotted quad."""
    parts = host.split(".")
    if not 1 <= len(parts) <= 4:
        return None
    nums: list[int] = []
    for part in parts:
        if not part:
            return None
        if part[:2].lower() == "0x":
            base, digits = 16, part[2:] or "0"
        elif len(part) > 1 and part[0] == "0":
            base, digits = 8, part[1:]
        else:
            base, digits = 10, part
        if not digits.isascii() or not digits.isalnum():
            return None
        try:
            nums.append(int(digits, base))
        except ValueError:
            return None
    *head, last = nums
    if any(n > 255 for n in head) or last >= 256 ** (4 - len(head)):
        return None
    value = 0
    for n in head:
        value = value * 256 + n
    value = (value << (8 * (4 - len(head)))) | last
    return str(ipaddress.IPv4Address(value))


def _split_url(data: bytes) -> tuple[bytes, bytes, bytes, bytes | None] | None:
    """Split an unescaped URL into (scheme, host, path, query-or-None); userinfo and port dropped."""
    m = _SCHEME.match(data)
    if m:
        scheme, rest = m.group(1).lower(), data[m.end() :]
    else:
        scheme, rest = b"http", data
    # The authority ends at the first "/" or "?"; "@" inside it separates userinfo (a phishing trick:
    # http://www.bochk.com@evil.top/ goes to evil.top).
    cut = len(rest)
    for sep in (b"/", b"?"):
        i = rest.find(sep)
        if i != -1:
            cut = min(cut, i)
    authority, tail = rest[:cut], rest[cut:]
    if b"@" in authority:
        authority = authority.rsplit(b"@", 1)[1]
    if authority.startswith(b"["):  # IPv6 literal
        end = authority.find(b"]")
        host = authority[: end + 1] if end != -1 else authority
    else:
        host = re.sub(rb":\d*$", b"", authority)
    if b"?" in tail:
        path, query = tail.split(b"?", 1)
    else:
        path, query = tail, None
    return scheme, host, path, query


def _canonical_host(host: bytes) -> tuple[str, bytes]:
    """Return (kind, host) where kind is "ip", "ipv6" or "name"; host is ASCII bytes or raw bytes."""
    if host.startswith(b"[") and host.endswith(b"]"):
        try:
            return "ipv6", f"[{ipaddress.IPv6Address(host[1:-1].decode('ascii'))}]".encode()
        except (ValueError, UnicodeDecodeError):
            return "name", host
    host = re.sub(rb"\.{2,}", b".", host.strip(b".")).lower()
    try:
        text = host.decode("utf-8")
    except UnicodeDecodeError:
        return "name", host
    ip = parse_ipv4_lenient(text) if text and text.isascii() else None
    if ip:
        return "ip", ip.encode()
    if not text.isascii():
        ascii_host = to_ascii_host(text)
        if ascii_host is not None:
            return "name", ascii_host.encode()
    return "name", host


def _canonical_path(path: bytes) -> bytes:
    if not path:
        return b"/"
    segments = path.split(b"/")
    out: list[bytes] = []
    for seg in segments[1:] if path.startswith(b"/") else segments:
        if seg in (b"", b"."):
            continue
        if seg == b"..":
            if out:
                out.pop()
            continue
        out.append(seg)
    trailing = path.endswith((b"/", b"/.", b"/..")) or path in (b".", b"..")
    result = b"/" + b"/".join(out)
    if trailing and out:
        result += b"/"
    return result


def canonicalize_url(url: str | bytes) -> str:
    """Canonicalise a URL exactly as the Google Safe Browsing spec describes.

    Removes tab/CR/LF and the fragment, percent-unescapes repeatedly, lower-cases the host, strips and
    collapses dots, normalises IPv4 spellings (decimal/octal/hex/short forms), resolves ``/./`` and
    ``/../``, collapses ``//`` in the path, drops the port and userinfo, defaults the scheme to
    ``http://`` and the path to ``/``, then re-escapes bytes <= 0x20, >= 0x7f, ``#`` and ``%``.
    ``bytes`` input is taken as-is (the spec is defined on bytes); ``str`` is encoded as UTF-8.
    Non-ASCII host names are IDNA-encoded (browsers resolve them that way).
    """
    data = url if isinstance(url, bytes) else url.encode("utf-8")
    data = data.replace(b"\t", b"").replace(b"\r", b"").replace(b"\n", b"").strip(b" \x0b\x0c")
    data = data.split(b"#", 1)[0]
    data = _unescape_fully(data)
    parts = _split_url(data)
    assert parts is not None  # _split_url always returns parts for bytes input
    scheme, host, path, query = parts
    _, host = _canonical_host(host)
    out = f"{scheme.decode('ascii')}://{_escape(host)}{_escape(_canonical_path(path))}"
    if query is not None:
        out += "?" + _escape(query)
    return out


_ALLOWED_SCHEMES = frozenset({"http", "https"})
# "javascript:", "data:", "mailto:" ... but not "host:8080" (a port).
_ANY_SCHEME = re.compile(r"^([a-z][a-z0-9+\-]*):(?!\d)", re.IGNORECASE)
_LOOKS_LIKE_URL = re.compile(r"^(?:[a-z][a-z0-9+.\-]*://)?[^\s/?#@]+(?:[/?].*)?$", re.IGNORECASE)


def normalize_url(value: str) -> Normalized:
    """Normalise a link with :func:`canonicalize_url` after refanging; the host must be a real DNS name
    (with a public suffix) or an IP address. ``details`` holds ``host`` and ``registered_domain``.
    """
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(URL, value, ERR_EMPTY)
    if len(raw) > 4096:
        return _invalid(URL, value, ERR_TOO_LONG)
    raw = raw.replace("\\", "/")  # browsers treat "\" as "/" in http(s) URLs
    m = _ANY_SCHEME.match(raw)
    if m and m.group(1).lower() not in _ALLOWED_SCHEMES:
        return _invalid(
            URL,
            value,
            _err("url_scheme", "只支援 http 或 https 連結。", "Only http and https links are supported."),
        )
    canonical = canonicalize_url(raw)
    parts = _split_url(canonical.encode("ascii"))
    assert parts is not None
    host_bytes = unquote_to_bytes(parts[1])
    kind, host_bytes = _canonical_host(host_bytes)
    try:
        host = host_bytes.decode("ascii")
    except UnicodeDecodeError:
        return _invalid(URL, value, _ERR_DOMAIN)
    if kind == "name":
        problem = _check_domain(host)
        if problem:
            return _invalid(URL, value, problem)
    reg = registered_domain(host) if kind == "name" else ""
    display = canonical.replace(host, to_unicode_host(host), 1) if kind == "name" else canonical
    return Normalized(
        URL,
        canonical,
        display,
        details={"host": host, "registered_domain": reg, "host_is_ip": kind != "name"},
    )


# --------------------------------------------------------------------------------------------------
# E-mail, IP
# --------------------------------------------------------------------------------------------------

_EMAIL_LOCAL = re.compile(r"^[a-z0-9.!#$%&'*+/=?^_`{|}~\-]{1,64}$")


def normalize_email(value: str) -> Normalized:
    """Normalise an e-mail address: lower-case, IDNA domain, ``mailto:`` stripped."""
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(EMAIL, value, ERR_EMPTY)
    raw = re.sub(r"^mailto:", "", raw, flags=re.IGNORECASE).strip("<>").lower()
    if raw.count("@") != 1:
        return _invalid(
            EMAIL,
            value,
            _err("email_at", "電郵地址必須有一個「@」。", "An e-mail address needs exactly one '@'."),
        )
    local, host = raw.split("@")
    if not _EMAIL_LOCAL.match(local) or local.startswith(".") or local.endswith(".") or ".." in local:
        return _invalid(
            EMAIL,
            value,
            _err("email_local", "電郵地址「@」前的部分無效。", "The part before '@' is not valid."),
        )
    dom = normalize_domain(host)
    if not dom.ok:
        return _invalid(EMAIL, value, *dom.errors)
    return Normalized(
        EMAIL,
        f"{local}@{dom.normalized}",
        f"{local}@{dom.display}",
        details={"domain": dom.normalized, "registered_domain": dom.details["registered_domain"]},
    )


def normalize_ip(value: str) -> Normalized:
    """Normalise an IPv4/IPv6 address (strict dotted decimal; use a URL for exotic spellings)."""
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(IP, value, ERR_EMPTY)
    raw = raw.strip("[]")
    try:
        addr = ipaddress.ip_address(raw)
    except ValueError:
        return _invalid(
            IP, value, _err("ip_invalid", "這不是有效的 IP 地址。", "This is not a valid IP address.")
        )
    return Normalized(
        IP,
        str(addr),
        str(addr),
        details={"version": addr.version, "private": addr.is_private or addr.is_loopback},
    )


# --------------------------------------------------------------------------------------------------
# Bank accounts (Hong Kong) and FPS identifiers
# --------------------------------------------------------------------------------------------------


@cache
def _load_yaml(name: str) -> dict:
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        return yaml.safe_load(fh) or {}


def hk_bank_codes() -> Mapping[str, Mapping[str, str]]:
    """The shipped table of Hong Kong bank codes: ``{"012": {"en": ..., "zh": ...}}``."""
    return MappingProxyType({str(k).zfill(3): v for k, v in _load_yaml("hk_bank_codes.yaml").items()})


_BANK_CHARS = re.compile(r"^[\d\s\-.]+$")


def normalize_bank_account(value: str) -> Normalized:
    """Normalise a Hong Kong bank account: 3-digit bank code + branch/account digits.

    ``012-345-67890-1`` and ``012 34567890`` are accepted; the canonical form is ``CODE-DIGITS``
    (``012-345678901``). Unknown bank codes are accepted (the shipped table is partial) and flagged in
    ``details["bank_known"]``.
    """
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(BANK_ACCOUNT, value, ERR_EMPTY)
    if not _BANK_CHARS.match(raw):
        return _invalid(
            BANK_ACCOUNT,
            value,
            _err(
                "bank_chars",
                "銀行戶口號碼只可包含數字、空格或連字號。",
                "A bank account number may only contain digits, spaces or dashes.",
            ),
        )
    digits = re.sub(r"\D", "", raw)
    if not 9 <= len(digits) <= 17:
        return _invalid(
            BANK_ACCOUNT,
            value,
            _err(
                "bank_length",
                "香港銀行戶口號碼應為 3 位銀行編號加 6 至 14 位數字。",
                "A Hong Kong bank account is a 3-digit bank code followed by 6 to 14 digits.",
            ),
        )
    code, rest = digits[:3], digits[3:]
    bank = hk_bank_codes().get(code)
    display = f"{code}-{rest[:3]}-{rest[3:]}"
    return Normalized(
        BANK_ACCOUNT,
        f"{code}-{rest}",
        display,
        details={
            "bank_code": code,
            "bank_known": bank is not None,
            "bank_name_en": bank["en"] if bank else "",
            "bank_name_zh": bank["zh"] if bank else "",
        },
    )


_FPS_PREFIX = re.compile(
    r"^(?:fps(?:\s*id)?|轉數快(?:\s*id|識別碼)?|转数快(?:\s*id|识别码)?)\s*[:#]?\s*", re.IGNORECASE
)


def normalize_fps_id(value: str) -> Normalized:
    """Normalise a Faster Payment System identifier (7 to 9 digits; "FPS ID:" prefixes removed)."""
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(FPS_ID, value, ERR_EMPTY)
    raw = _FPS_PREFIX.sub("", raw)
    digits = re.sub(r"[\s\-]", "", raw)
    if not digits.isdigit() or not 7 <= len(digits) <= 9:
        return _invalid(
            FPS_ID,
            value,
            _err("fps_invalid", "轉數快識別碼應為 7 至 9 位數字。", "An FPS identifier is 7 to 9 digits."),
        )
    return Normalized(FPS_ID, digits, digits)


# --------------------------------------------------------------------------------------------------
# Platform accounts
# --------------------------------------------------------------------------------------------------

PLATFORMS: Mapping[str, Mapping[str, object]] = MappingProxyType(
    {
        "whatsapp": {"en": "WhatsApp", "zh": "WhatsApp", "handle": None},  # phone numbers only
        "wechat": {"en": "WeChat", "zh": "微信", "handle": r"[a-z][a-z0-9_\-]{5,19}"},
        "telegram": {"en": "Telegram", "zh": "Telegram", "handle": r"[a-z][a-z0-9_]{4,31}"},
        "instagram": {"en": "Instagram", "zh": "Instagram", "handle": r"[a-z0-9._]{1,30}"},
        "facebook": {"en": "Facebook", "zh": "Facebook", "handle": r"[a-z0-9.]{1,50}"},
        "carousell": {"en": "Carousell", "zh": "Carousell 旋轉拍賣", "handle": r"[a-z0-9._\-]{2,30}"},
        "line": {"en": "LINE", "zh": "LINE", "handle": r"[a-z0-9._\-]{2,20}"},
        "signal": {"en": "Signal", "zh": "Signal", "handle": r"[a-z_][a-z0-9_]{2,31}\.\d{2,9}"},
        "qq": {"en": "QQ", "zh": "QQ", "handle": r"[1-9]\d{4,11}"},
        "tiktok": {"en": "TikTok", "zh": "TikTok", "handle": r"[a-z0-9._]{2,24}"},
        "x": {"en": "X (Twitter)", "zh": "X（Twitter）", "handle": r"[a-z0-9_]{1,15}"},
        "xiaohongshu": {"en": "Xiaohongshu (RedNote)", "zh": "小紅書", "handle": r"[a-z0-9._\-]{2,30}"},
    }
)
# Phone-based messengers: a number given for them is normalised as a phone.
_PHONE_PLATFORMS = frozenset({"whatsapp", "wechat", "telegram", "signal", "line"})

PLATFORM_ALIASES: Mapping[str, str] = MappingProxyType(
    {
        **dict.fromkeys(
            ["whatsapp", "whats app", "whatapp", "watsapp", "wa", "ws", "wts", "whatsapp id"], "whatsapp"
        ),
        **dict.fromkeys(
            ["wechat", "weixin", "wx", "vx", "微信", "微信號", "微信号", "v信", "威信"], "wechat"
        ),
        **dict.fromkeys(["telegram", "tg", "電報", "电报", "紙飛機", "纸飞机", "飛機", "飞机"], "telegram"),
        **dict.fromkeys(["instagram", "ig", "insta"], "instagram"),
        **dict.fromkeys(["facebook", "fb", "messenger", "臉書", "脸书", "面書", "面书"], "facebook"),
        **dict.fromkeys(["carousell", "旋轉拍賣", "旋转拍卖"], "carousell"),
        **dict.fromkeys(["line", "line id"], "line"),
        **dict.fromkeys(["signal"], "signal"),
        **dict.fromkeys(["qq", "qq號", "qq号"], "qq"),
        **dict.fromkeys(["tiktok", "tik tok"], "tiktok"),
        **dict.fromkeys(["x", "twitter"], "x"),
        **dict.fromkeys(["xiaohongshu", "rednote", "小紅書", "小红书", "xhs"], "xiaohongshu"),
    }
)

# Profile URL hosts -> platform, and the regex that pulls the handle from the path.
_PLATFORM_URLS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:https?://)?(?:www\.)?wa\.me/\+?(?P<h>\d{6,15})", re.I), "whatsapp"),
    (
        re.compile(
            r"^(?:https?://)?(?:api\.|web\.)?whatsapp\.com/send/?\?(?:.*&)?phone=\+?(?P<h>\d{6,15})", re.I
        ),
        "whatsapp",
    ),
    (
        re.compile(
            r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:joinchat/|\+)(?P<inv>[A-Za-z0-9_\-]{6,})", re.I
        ),
        "telegram",
    ),
    (
        re.compile(
            r"^(?:https?://)?(?:www\.)?(?:t|telegram)\.me/(?:s/)?@?(?P<h>[A-Za-z0-9_]{4,32})/?(?:[?#].*)?$",
            re.I,
        ),
        "telegram",
    ),
    (
        re.compile(r"^(?:https?://)?(?:www\.)?instagram\.com/(?P<h>[A-Za-z0-9._]{1,30})/?(?:[?#].*)?$", re.I),
        "instagram",
    ),
    (
        re.compile(r"^(?:https?://)?(?:www\.|m\.)?facebook\.com/profile\.php\?id=(?P<h>\d{5,20})", re.I),
        "facebook",
    ),
    (
        re.compile(
            r"^(?:https?://)?(?:www\.|m\.)?(?:facebook|fb)\.com/(?P<h>[A-Za-z0-9.]{1,50})/?(?:[?#].*)?$", re.I
        ),
        "facebook",
    ),
    (re.compile(r"^(?:https?://)?m\.me/(?P<h>[A-Za-z0-9.]{1,50})/?$", re.I), "facebook"),
    (
        re.compile(
            r"^(?:https?://)?(?:www\.)?carousell\.(?:com\.hk|com|sg|com\.tw)/u/(?P<h>[A-Za-z0-9._\-]{2,30})",
            re.I,
        ),
        "carousell",
    ),
    (re.compile(r"^(?:https?://)?line\.me/ti/p/~?(?P<h>[A-Za-z0-9._\-]{2,20})", re.I), "line"),
    (re.compile(r"^(?:https?://)?(?:www\.)?tiktok\.com/@(?P<h>[A-Za-z0-9._]{2,24})", re.I), "tiktok"),
    (re.compile(r"^(?:https?://)?(?:www\.)?(?:twitter|x)\.com/(?P<h>[A-Za-z0-9_]{1,15})/?$", re.I), "x"),
)
_PLATFORM_PREFIX = re.compile(
    r"^(?P<p>" + "|".join(sorted(map(re.escape, PLATFORM_ALIASES), key=len, reverse=True)) + r")"
    r"\s*(?:id|號|号|帳號|账号|帳戶|账户)?\s*[:=/]?\s*(?P<h>.+)$",
    re.IGNORECASE,
)

_ERR_PLATFORM = _err(
    "platform_unknown",
    "請以「平台:帳號」格式輸入，例如 telegram:@abc 或 t.me/abc。",
    "Give the platform and the handle, e.g. telegram:@abc or t.me/abc.",
)


def _platform_result(platform: str, handle: str, raw: str) -> Normalized:
    meta = PLATFORMS[platform]
    name_en, name_zh = str(meta["en"]), str(meta["zh"])
    compact = re.sub(r"[\s\-().]", "", handle)
    if platform in _PHONE_PLATFORMS and re.fullmatch(r"\+?\d{3,15}", compact):
        phone = normalize_phone(handle)
        if not phone.ok:
            return _invalid(PLATFORM_ACCOUNT, raw, *phone.errors)
        return Normalized(
            PLATFORM_ACCOUNT,
            f"{platform}:{phone.normalized}",
            f"{name_en} {phone.display}",
            details={"platform": platform, "handle": phone.normalized, "phone": phone.normalized},
        )
    pattern = meta["handle"]
    handle = handle.strip().lstrip("@~").lower()
    if pattern is None or not re.fullmatch(str(pattern), handle):
        return _invalid(
            PLATFORM_ACCOUNT,
            raw,
            _err(
                "platform_handle",
                f"{name_zh} 帳號格式不正確。",
                f"This is not a valid {name_en} handle{' (WhatsApp accounts are phone numbers)' if pattern is None else ''}.",
            ),
        )
    return Normalized(
        PLATFORM_ACCOUNT,
        f"{platform}:{handle}",
        f"{name_en} @{handle}",
        details={"platform": platform, "handle": handle, "phone": ""},
    )


def normalize_platform_account(value: str, platform: str | None = None) -> Normalized:
    """Normalise a messaging or social-media account to ``platform:handle``.

    Accepts ``telegram:@abc``, ``TG @abc``, ``t.me/abc``, ``instagram.com/abc``, ``微信: abc123``,
    ``wa.me/85291234567`` (-> ``whatsapp:+85291234567``, with ``details["phone"]``). Handles are
    lower-cased (these platforms treat them case-insensitively); numbers for phone-based messengers
    become E.164.
    """
    raw = refang(value) if value else ""
    if not raw:
        return _invalid(PLATFORM_ACCOUNT, value, ERR_EMPTY)
    if platform is not None:
        key = PLATFORM_ALIASES.get(platform.strip().lower())
        if key is None:
            return _invalid(PLATFORM_ACCOUNT, value, _ERR_PLATFORM)
        return _platform_result(key, raw, value)
    for pattern, name in _PLATFORM_URLS:
        m = pattern.match(raw)
        if m:
            if m.groupdict().get("inv"):
                invite = m.group("inv")  # invite hashes are case-sensitive
                return Normalized(
                    PLATFORM_ACCOUNT,
                    f"telegram:invite/{invite}",
                    f"Telegram invite {invite}",
                    details={"platform": "telegram", "handle": f"invite/{invite}", "phone": ""},
                )
            handle = m.group("h")
            if name == "whatsapp":
                handle = "+" + handle
            return _platform_result(name, handle, value)
    m = _PLATFORM_PREFIX.match(raw)
    if m and m.group("h").strip():
        return _platform_result(PLATFORM_ALIASES[m.group("p").lower()], m.group("h").strip(), value)
    return _invalid(PLATFORM_ACCOUNT, value, _ERR_PLATFORM)


# --------------------------------------------------------------------------------------------------
# Crypto wallets
# --------------------------------------------------------------------------------------------------

_B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_ETH = re.compile(r"^0x[0-9a-fA-F]{40}$")
_TRON = re.compile(rf"^T[{_B58}]{{33}}$")
_BTC_B58 = re.compile(rf"^[13][{_B58}]{{25,34}}$")
_BTC_BECH32 = re.compile(r"^(?:bc1[02-9ac-hj-np-z]{8,87}|BC1[02-9AC-HJ-NP-Z]{8,87})$")

_ERR_CHECKSUM = _err(
    "wallet_checksum",
    "錢包地址的校驗碼不正確，可能抄錯了。",
    "The wallet address checksum is wrong; it may have been mistyped.",
)


def eth_checksum_address(address: str) -> str:
    """EIP-55 mixed-case checksum form of a 0x-prefixed Ethereum address."""
    lower = address[2:].lower()
    digest = keccak.new(digest_bits=256, data=lower.encode("ascii")).hexdigest()
    return "0x" + "".join(
        c.upper() if int(d, 16) >= 8 else c for c, d in zip(lower, digest[:40], strict=True)
    )


def _b58check_version(address: str) -> int | None:
    try:
        payload = base58.b58decode_check(address)
    except ValueError:
        return None
    return payload[0] if len(payload) == 21 else None


def normalize_crypto_wallet(value: str) -> Normalized:
    """Validate and normalise a BTC (base58 or bech32/bech32m), ETH (EIP-55) or TRON address.

    ETH addresses are stored lower-case (displayed with the EIP-55 checksum); bech32 lower-case;
    base58 addresses are case-sensitive and kept as typed.
    """
    raw = refang(value).replace(" ", "") if value else ""
    if not raw:
        return _invalid(CRYPTO_WALLET, value, ERR_EMPTY)
    if _ETH.match(raw):
        body = raw[2:]
        if body != body.lower() and body != body.upper() and eth_checksum_address(raw) != raw:
            return _invalid(CRYPTO_WALLET, value, _ERR_CHECKSUM)
        norm = raw.lower()
        return Normalized(CRYPTO_WALLET, norm, eth_checksum_address(norm), details={"chain": "ETH"})
    if _TRON.match(raw):
        if _b58check_version(raw) != 0x41:
            return _invalid(CRYPTO_WALLET, value, _ERR_CHECKSUM)
        return Normalized(CRYPTO_WALLET, raw, raw, details={"chain": "TRON"})
    if _BTC_B58.match(raw):
        if _b58check_version(raw) not in (0x00, 0x05):
            return _invalid(CRYPTO_WALLET, value, _ERR_CHECKSUM)
        return Normalized(CRYPTO_WALLET, raw, raw, details={"chain": "BTC"})
    if _BTC_BECH32.match(raw):
        norm = raw.lower()
        witver, _prog = bech32.decode("bc", norm)
        if witver is None:
            return _invalid(CRYPTO_WALLET, value, _ERR_CHECKSUM)
        return Normalized(CRYPTO_WALLET, norm, norm, details={"chain": "BTC"})
    return _invalid(
        CRYPTO_WALLET,
        value,
        _err(
            "wallet_format",
            "無法辨認此加密貨幣錢包地址（支援 BTC、ETH、TRON）。",
            "Not a recognised crypto wallet address (BTC, ETH and TRON are supported).",
        ),
    )


# --------------------------------------------------------------------------------------------------
# Detection and dispatch
# --------------------------------------------------------------------------------------------------

_NORMALIZERS: Mapping[str, Callable[[str], Normalized]] = MappingProxyType(
    {
        PHONE: normalize_phone,
        URL: normalize_url,
        DOMAIN: normalize_domain,
        EMAIL: normalize_email,
        IP: normalize_ip,
        BANK_ACCOUNT: normalize_bank_account,
        FPS_ID: normalize_fps_id,
        PLATFORM_ACCOUNT: normalize_platform_account,
        CRYPTO_WALLET: normalize_crypto_wallet,
    }
)

_EMAIL_SHAPE = re.compile(r"^(?:mailto:)?[^@\s/]+@[^@\s/]+\.[^@\s/]+$", re.IGNORECASE)
_DOMAIN_SHAPE = re.compile(r"^[^\s/@:]+\.[^\s/@:.\d][^\s/@:]*$")
_BANK_SHAPE = re.compile(r"^(\d{3})[\s\-.]+\d[\d\s\-.]{5,}$")
_IPV4_SHAPE = re.compile(r"^\d{1,3}(?:\.\d{1,3}){3}$")


def detect_type(value: str) -> str | None:
    """Guess the indicator type of a single value, or None when it is not recognisable.

    Ambiguous digit strings follow Hong Kong usage: 8 digits are a phone, 7 or 9 bare digits an FPS
    ID, ``CODE-...`` with a known 3-digit bank code a bank account.
    """
    raw = refang(value) if value else ""
    if not raw or len(raw) > 4096:
        return None
    compact = raw.replace(" ", "")
    if _ETH.match(compact) or _TRON.match(compact) or _BTC_BECH32.match(compact) or _BTC_B58.match(compact):
        return CRYPTO_WALLET
    if any(p.match(raw) for p, _ in _PLATFORM_URLS):
        return PLATFORM_ACCOUNT
    if _PLATFORM_PREFIX.match(raw) and not raw.lower().startswith(("http", "www.")):
        head = _PLATFORM_PREFIX.match(raw)
        assert head is not None
        # "x.com" or "line.me" are domains, not "platform x / handle .com".
        if not _DOMAIN_SHAPE.match(raw) or head.group(0)[len(head.group("p")) :][:1] in (":", " ", "@", "="):
            return PLATFORM_ACCOUNT
    if _FPS_PREFIX.match(raw) and _FPS_PREFIX.sub("", raw).replace(" ", "").isdigit():
        return FPS_ID
    if _EMAIL_SHAPE.match(raw):
        return EMAIL
    if _IPV4_SHAPE.match(raw) or (":" in raw and raw.count(":") >= 2 and _is_ipv6(raw)):
        return IP
    if _SCHEME.match(raw.encode("utf-8")) or (
        ("/" in raw or "?" in raw) and _DOMAIN_SHAPE.match(re.split(r"[/?]", raw, maxsplit=1)[0])
    ):
        return URL
    m = _BANK_SHAPE.match(raw)
    if m and m.group(1) in hk_bank_codes() and not raw.startswith("+"):
        return BANK_ACCOUNT
    digits = re.sub(r"[\s\-()]", "", raw)
    if re.fullmatch(r"\+?\d{3,15}", digits):
        if not digits.startswith(("+", "00")) and len(digits) in (7, 9):
            return FPS_ID
        return PHONE
    if _DOMAIN_SHAPE.match(raw):
        return DOMAIN
    return None


def _is_ipv6(raw: str) -> bool:
    try:
        ipaddress.IPv6Address(raw.strip("[]"))
    except ValueError:
        return False
    return True


_ERR_UNKNOWN_TYPE = _err(
    "type_unknown",
    "無法判斷這是電話、網址、電郵、戶口還是其他資料，請選擇類型。",
    "Could not tell what kind of value this is (phone, link, e-mail, account ...); please choose the type.",
)


def normalize(value: str, type: str | None = None) -> Normalized:  # noqa: A002 - the brief's API name
    """Normalise ``value`` as ``type`` (one of :data:`INDICATOR_TYPES`), detecting it when None."""
    if type is not None and type not in _NORMALIZERS:
        raise ValueError(f"unknown indicator type {type!r}; expected one of {', '.join(INDICATOR_TYPES)}")
    if value is None or not str(value).strip():
        return _invalid(type or "", "", ERR_EMPTY)
    kind = type or detect_type(value)
    if kind is None:
        return _invalid("", value, _ERR_UNKNOWN_TYPE)
    return _NORMALIZERS[kind](value)


def lookup_keys(item: Normalized) -> list[tuple[str, str]]:
    """Every ``(type, normalized)`` key under which evidence about ``item`` may be stored.

    A URL is also checked as its host and registered domain, an e-mail as its domain, a WhatsApp
    account as its phone, so a report of ``evil.top`` catches ``https://www.evil.top/login``.
    """
    if not item.ok:
        return []
    keys = [(item.type, item.normalized)]
    d = item.details
    if item.type == URL:
        if d.get("host_is_ip"):
            keys.append((IP, str(d["host"]).strip("[]")))
        else:
            keys.append((DOMAIN, str(d["host"])))
            if d.get("registered_domain") and d["registered_domain"] != d["host"]:
                keys.append((DOMAIN, str(d["registered_domain"])))
    elif item.type == DOMAIN and d.get("registered_domain") != item.normalized:
        keys.append((DOMAIN, str(d["registered_domain"])))
    elif item.type == EMAIL:
        keys.append((DOMAIN, str(d["domain"])))
        if d["registered_domain"] != d["domain"]:
            keys.append((DOMAIN, str(d["registered_domain"])))
    elif item.type == PLATFORM_ACCOUNT and d.get("phone"):
        keys.append((PHONE, str(d["phone"])))
    elif item.type == PHONE and not d.get("short_code"):
        keys.extend((PLATFORM_ACCOUNT, f"{p}:{item.normalized}") for p in sorted(_PHONE_PLATFORMS))
    return keys
