"""Message analyser: indicators, red flags with character spans, scam type and the four-step advice.

Works on SMS / WhatsApp / e-mail text in Traditional or Simplified Chinese, English or a mix, with
full-width digits, spaces or dashes inside numbers and defanged links. Spans (``start``, ``end``) are
offsets into the *original* text, so the page can highlight them as typed.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import yaml
from opencc import OpenCC

from .lookalike import check_lookalike
from .normalize import (
    DATA_DIR,
    Normalized,
    hk_bank_codes,
    normalize_bank_account,
    normalize_crypto_wallet,
    normalize_email,
    normalize_fps_id,
    normalize_phone,
    normalize_platform_account,
    normalize_url,
)
from .verdict import LEVEL_LABELS, Evidence, Level, decide, level_rank

if TYPE_CHECKING:
    from .classifier import ScamClassifier

Lookup = Callable[[str, str], dict]
MAX_TEXT = 20_000  # longer input is cut: nobody pastes more, and regex time must stay bounded


# --------------------------------------------------------------------------------------------------
# Text preparation with an offset map back to the original
# --------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Text:
    text: str
    starts: list[int]  # original start offset of each character
    ends: list[int]  # original end offset of each character

    def span(self, s: int, e: int) -> tuple[int, int]:
        return self.starts[s], self.ends[e - 1]


_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


def _prepare(original: str) -> _Text:
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(original):
        if ch in _ZERO_WIDTH:
            continue
        out = ch if ch.isascii() else unicodedata.normalize("NFKC", ch)  # full-width digits -> ASCII
        for c in out:
            chars.append(c)
            starts.append(i)
            ends.append(i + 1)
    t = _Text("".join(chars), starts, ends)
    for pattern, repl in _REFANG:
        t = _rewrite(t, pattern, repl)
    return t


def _rewrite(t: _Text, pattern: re.Pattern[str], repl: str) -> _Text:
    if not pattern.search(t.text):
        return t
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in pattern.finditer(t.text):
        s, e = m.span()
        chars.append(t.text[pos:s])
        starts.extend(t.starts[pos:s])
        ends.extend(t.ends[pos:s])
        new = m.expand(repl)
        chars.append(new)
        starts.extend([t.starts[s]] * len(new))
        ends.extend([t.ends[e - 1]] * len(new))
        pos = e
    chars.append(t.text[pos:])
    starts.extend(t.starts[pos:])
    ends.extend(t.ends[pos:])
    return _Text("".join(chars), starts, ends)


_REFANG: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bh(?:xx|XX|\*\*)p(s?)(?=://|\[:)", re.IGNORECASE), r"http\1"),
    (re.compile(r"\[:\]"), ":"),
    (re.compile(r"\s?[\[({](?:\.|dot)[\])}]\s?", re.IGNORECASE), "."),
    (re.compile(r"\s?[\[({](?:@|at)[\])}]\s?", re.IGNORECASE), "@"),
)

# --------------------------------------------------------------------------------------------------
# Indicator extraction
# --------------------------------------------------------------------------------------------------

_TLDS = (
    "com|net|org|hk|cn|mo|tw|sg|top|xyz|vip|cc|shop|info|io|me|co|app|link|site|online|club|icu|buzz|"
    "asia|tk|ml|ga|cf|gq|work|live|life|store|win|bid|loan|pro|biz|uk|us|ru|cyou|sbs|bond|cfd|help|"
    "support|click|fun|tech|website|space|today|services|finance|cash|money|page|dev|ly|gl|to|in|jp|"
    "kr|my|ph|th|vn|id|au|ca|de|fr|ai|gov|edu|mobi|ink|lol|rest|homes|autos|quest|beauty|hair|skin|"
    "makeup|boats|yachts|motorcycles|mom|pw|ws|su|la|so|tv|one|world|group|center|global|email"
)
_URL_END = re.compile(r"[.,;:!?)\]}'\"]+$")
_EMAIL_RE = re.compile(
    r"(?<![\w.+\-])[a-z0-9][a-z0-9._%+\-]*@(?:[a-z0-9\-]+\.)+[a-z]{2,}(?![a-z0-9\-])", re.I
)
_URL_RE = re.compile(
    r"(?:(?:https?)://[\x21-\x7e]+)"
    r"|(?<![\w@.\-/])(?:www\.)?(?:[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?\.)+(?:" + _TLDS + r")(?![a-z0-9\-])"
    r"(?::\d{2,5})?(?:[/?#][\x21-\x7e]*)?",
    re.I,
)
_B58 = "1-9A-HJ-NP-Za-km-z"
_WALLET_RE = re.compile(
    rf"(?<![\w])(?:0x[0-9a-fA-F]{{40}}|T[{_B58}]{{33}}|bc1[02-9ac-hj-np-z]{{8,87}}|[13][{_B58}]{{25,34}})(?![\w])"
)
_AMBIGUOUS_PLATFORMS = r"line|signal|wa|ws|wx|vx|tg|ig|fb|qq|飛機|飞机"
_CLEAR_PLATFORMS = (
    r"whatsapp|whats app|wechat|weixin|telegram|instagram|facebook|微信號|微信号|微信|電報|电报|紙飛機|纸飞机"
)
_PLATFORM_RE = re.compile(
    r"(?<![A-Za-z])(?:(?P<c>" + _CLEAR_PLATFORMS + r")|(?P<a>" + _AMBIGUOUS_PLATFORMS + r"))(?![A-Za-z])"
    r"(?P<id>\s*(?:id|號|号|帳號|账号|號碼|号码))?(?P<sep>\s*[:：=]\s*|\s*(?=@)|\s+|(?=[\d@]))"
    r"(?P<h>@?[A-Za-z][A-Za-z0-9_.\-]{2,31}|\+?\d[\d\s\-]{5,16}\d)",
    re.I,
)
_FPS_RE = re.compile(
    r"(?:FPS|轉數快|转数快)\s*(?:ID|識別碼|识别码|號碼|号码|帳號|账号)?\s*[:：]?\s*(?P<n>\+?\d[\d\s\-]{5,14}\d)",
    re.I,
)
_BANK_RE = re.compile(
    r"(?<![\d+])(?P<code>\d{3})[\s\-](?P<rest>\d{3}[\s\-]?\d{3,9}(?:[\s\-]\d{1,4})?)(?![\d])"
)
_BANK_KEYWORD_RE = re.compile(
    r"(?:戶口|户口|帳戶|账户|賬戶|帳號|账号|賬號|a/c|acct|account(?:\s*(?:no\.?|number))?)\s*(?:號碼|号码)?\s*[:：]?\s*"
    r"(?P<n>\d[\d\s\-]{7,20}\d)",
    re.I,
)
_PHONE_RE = re.compile(
    r"(?<![\w+$¥￥])(?:"
    r"\+\s?\d{1,3}(?:[\s\-]?\(?\d{1,4}\)?){2,5}"
    r"|00\s?\d{2,3}[\s\-]?\d{3,4}[\s\-]?\d{4}"
    r"|\(?852\)?[\s\-]?[2-9]\d{3}[\s\-]?\d{4}"
    r"|1[3-9]\d[\s\-]?\d{4}[\s\-]?\d{4}"
    r"|[2-9]\d{3}[\s\-]?\d{4}"
    r"|999|18222|1823"
    r")(?![\d])"
)
_MONEY_BEFORE = re.compile(r"(?:hk\$|\$|rmb|¥|￥|港幣|港元|人民幣|人民币)\s*$", re.I)
_MONEY_AFTER = re.compile(r"^\s*(?:元|蚊|萬|万|港元|港幣|円|%|個|个|人|次|日|號|号)")


@dataclass(slots=True)
class _Found:
    item: Normalized
    raw: str
    span: tuple[int, int]


def _mask(work: list[str], s: int, e: int) -> None:
    for i in range(s, e):
        work[i] = "\x00"


def _extract(t: _Text, original: str) -> list[_Found]:
    text = t.text
    work = list(text)
    found: list[_Found] = []

    def scan(
        pattern: re.Pattern[str], handle: Callable[[re.Match[str]], tuple[Normalized | None, int, int]]
    ) -> None:
        current = "".join(work)
        for m in pattern.finditer(current):
            item, s, e = handle(m)
            if item is not None and item.ok:
                found.append(_Found(item, original[t.starts[s] : t.ends[e - 1]], t.span(s, e)))
                _mask(work, s, e)

    def on_email(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        return normalize_email(m.group(0)), m.start(), m.end()

    def on_url(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        s, e = m.span()
        raw = _URL_END.sub("", m.group(0))
        e = s + len(raw)
        if "." not in raw:
            return None, s, e
        platform = normalize_platform_account(raw)
        if platform.ok:
            return platform, s, e
        return normalize_url(raw), s, e

    def on_wallet(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        return normalize_crypto_wallet(m.group(0)), m.start(), m.end()

    def on_platform(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        handle = m.group("h")
        explicit = bool(m.group("id")) or bool(m.group("sep").strip()) or handle.startswith("@")
        if m.group("a") and not explicit:
            return None, 0, 0  # "line", "signal", "ig" ... as ordinary words
        if not explicit and not re.search(r"[\d_]", handle):
            return None, 0, 0  # "Telegram group", "WhatsApp message"
        name = m.group("c") or m.group("a")
        return normalize_platform_account(f"{name}:{handle}"), m.start(), m.end()

    def on_fps(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        number = m.group("n")
        digits = re.sub(r"\D", "", number)
        s, e = m.span("n")
        if len(digits) in (7, 9) and not number.startswith("+"):
            return normalize_fps_id(digits), s, e
        return normalize_phone(number), s, e  # FPS proxies can be phone numbers

    def on_bank(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        if m.group("code") not in hk_bank_codes():
            return None, 0, 0
        return normalize_bank_account(m.group(0)), m.start(), m.end()

    def on_bank_keyword(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        s, e = m.span("n")
        return normalize_bank_account(m.group("n")), s, e

    def on_phone(m: re.Match[str]) -> tuple[Normalized | None, int, int]:
        s, e = m.span()
        if _MONEY_BEFORE.search(text[max(0, s - 6) : s]) or _MONEY_AFTER.match(text[e : e + 3]):
            return None, 0, 0
        return normalize_phone(m.group(0)), s, e

    scan(_EMAIL_RE, on_email)
    scan(_URL_RE, on_url)
    scan(_WALLET_RE, on_wallet)
    scan(_PLATFORM_RE, on_platform)
    scan(_FPS_RE, on_fps)
    scan(_BANK_KEYWORD_RE, on_bank_keyword)
    scan(_BANK_RE, on_bank)
    scan(_PHONE_RE, on_phone)
    found.sort(key=lambda f: f.span)
    return found


def extract_indicators(text: str) -> list[dict[str, Any]]:
    """Every phone, URL, e-mail, bank account, FPS ID, platform handle and wallet in ``text``.

    Returns one entry per distinct value: ``{"type", "normalized", "display", "raw", "spans"}`` with
    ``spans`` a list of ``[start, end]`` offsets into ``text``.
    """
    text = text[:MAX_TEXT]
    prepared = _prepare(text)
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for f in _extract(prepared, text):
        key = (f.item.type, f.item.normalized)
        if key not in merged:
            merged[key] = {
                "type": f.item.type,
                "normalized": f.item.normalized,
                "display": f.item.display,
                "raw": f.raw,
                "spans": [],
                "_item": f.item,
            }
        merged[key]["spans"].append(list(f.span))
    return list(merged.values())


# --------------------------------------------------------------------------------------------------
# Red flags
# --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Flag:
    code: str
    zh: str
    en: str
    types: tuple[str, ...]
    pattern: re.Pattern[str]


@cache
def _flags() -> tuple[_Flag, ...]:
    with (DATA_DIR / "red_flags.yaml").open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    t2s, s2t = OpenCC("t2s"), OpenCC("s2t")
    flags = []
    for code, spec in data.items():
        zh: set[str] = set()
        for phrase in spec.get("zh_phrases", []):
            zh.update({phrase, t2s.convert(phrase)})  # both scripts from one list
        for phrase in spec.get("zh_extra", []):
            zh.update({phrase, s2t.convert(phrase), t2s.convert(phrase)})
        parts = [re.escape(p) for p in sorted(zh, key=len, reverse=True)]
        parts += [rf"(?<![A-Za-z]){p}(?![A-Za-z])" for p in spec.get("en", [])]
        flags.append(
            _Flag(
                code, spec["zh"], spec["en"], tuple(spec.get("types", [])), re.compile("|".join(parts), re.I)
            )
        )
    return tuple(flags)


def red_flag_patterns() -> tuple[re.Pattern[str], ...]:
    """One compiled pattern per red-flag category, in ``red_flags.yaml`` order (classifier features)."""
    return tuple(f.pattern for f in _flags())


def find_red_flags(text: str) -> list[dict[str, Any]]:
    """Red-flag phrases with spans: ``{"code", "zh", "en", "start", "end", "text"}``, in text order."""
    text = text[:MAX_TEXT]
    t = _prepare(text)
    out = []
    for flag in _flags():
        for m in flag.pattern.finditer(t.text):
            if m.end() == m.start():
                continue
            s, e = t.span(m.start(), m.end())
            out.append(
                {"code": flag.code, "zh": flag.zh, "en": flag.en, "start": s, "end": e, "text": text[s:e]}
            )
    out.sort(key=lambda f: (f["start"], f["end"]))
    return out


# --------------------------------------------------------------------------------------------------
# Scam type and advice
# --------------------------------------------------------------------------------------------------


@cache
def _advice_data() -> dict:
    with (DATA_DIR / "advice.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


SCAM_TYPES: tuple[str, ...] = (
    "official_impersonation",
    "customer_service",
    "acquaintance_impersonation",
    "investment",
    "job_click_farming",
    "online_shopping",
    "romance",
    "loan",
    "prize",
    "phishing_otp",
    "ransom_kidnap",
    "other",
)


def scam_type_label(scam_type: str) -> dict[str, str]:
    """``{"code", "zh", "en"}`` display names of a scam type."""
    names = _advice_data()["scam_types"][scam_type]
    return {"code": scam_type, "zh": names["zh"], "en": names["en"]}


def advice_for(scam_type: str | None) -> list[dict[str, str]]:
    """The four steps (識破可疑、冷靜處理、評估可靠性、確認真相) tailored to ``scam_type``."""
    data = _advice_data()
    tips = data["advice"].get(scam_type or "default", data["advice"]["default"])
    return [
        {
            "step": s["code"],
            "title_zh": s["zh"],
            "title_en": s["en"],
            "zh": tips[s["code"]]["zh"],
            "en": tips[s["code"]]["en"],
        }
        for s in data["steps"]
    ]


def _rule_type(flags: Sequence[dict[str, Any]]) -> str | None:
    by_code = {f.code: f for f in _flags()}
    counts: dict[str, int] = {}
    for f in flags:
        counts[f["code"]] = counts.get(f["code"], 0) + 1
    scores: dict[str, float] = {}
    for code, n in counts.items():
        weight = min(n, 2)  # repeated phrases count, but one noisy category cannot dominate
        for rank, scam_type in enumerate(by_code[code].types):
            scores[scam_type] = scores.get(scam_type, 0.0) + weight * (1.0 if rank == 0 else 0.5)
    if not scores:
        return None
    return max(scores, key=lambda k: (scores[k], -SCAM_TYPES.index(k)))


def analyze_message(
    text: str, lookup: Lookup | None = None, classifier: ScamClassifier | None = None
) -> dict[str, Any]:
    """Analyse one message.

    ``lookup(type, normalized) -> verdict dict`` is supplied by the Django app (database evidence);
    without it each indicator gets the engine-only verdict (allowlist + look-alike). ``classifier`` is an
    optional fitted :class:`~beatbook.scams.engine.classifier.ScamClassifier`.

    Returns ``{"indicators", "red_flags", "level", "label_zh", "label_en", "suspicious",
    "scam_type", "advice", "classifier"}``; ``level`` is the worst indicator verdict.
    """
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    text = text[:MAX_TEXT]
    indicators = extract_indicators(text)
    worst: dict | None = None
    for ind in indicators:
        item: Normalized = ind.pop("_item")
        if lookup is not None:
            verdict = lookup(item.type, item.normalized)
        else:
            verdict = decide(item, Evidence(lookalikes=check_lookalike(item)))
        ind["verdict"] = verdict
        if worst is None or level_rank(verdict["level"]) > level_rank(worst["level"]):
            worst = verdict
    flags = find_red_flags(text)
    prediction = classifier.predict([text])[0] if classifier is not None else None
    categories = {f["code"] for f in flags} - {"urgency", "unusual_payment"}
    suspicious = (prediction.is_scam if prediction is not None else len(categories) >= 2) or (
        worst is not None and worst["level"] != "no_record"
    )
    scam_type = None
    if prediction is not None and prediction.is_scam:
        scam_type = prediction.scam_type
    elif suspicious:
        scam_type = _rule_type(flags) or "other"
    level = worst["level"] if worst else "no_record"
    zh, en = LEVEL_LABELS[Level(level)]
    return {
        "indicators": indicators,
        "red_flags": flags,
        "level": level,
        "label_zh": zh,
        "label_en": en,
        "suspicious": suspicious,
        "scam_type": scam_type_label(scam_type) if scam_type else None,
        "advice": advice_for(scam_type),
        "classifier": (
            {
                "probability": prediction.probability,
                "is_scam": prediction.is_scam,
                "scam_type": prediction.scam_type,
            }
            if prediction is not None
            else None
        ),
    }
