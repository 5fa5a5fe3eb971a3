"""Verdicts, bulk checks, reports and review, imports and alerts: the app's logic over the pure engine.

``check(value, type=None)`` returns exactly the engine's verdict dict
``{"type", "normalized", "level", "label_zh", "label_en", "reasons"}``. Evidence comes from one indexed
query on ``Indicator(type, normalized)`` for every lookup key of the value (a URL is also checked as its
host and registered domain, a WhatsApp account as its phone ...), plus the engine's look-alike check and
close-name matches against reported account names. RESTRICTED indicators never feed a verdict: the
public checker must reveal nothing restricted.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import hashlib
import hmac
import json
import re
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.signals import request_finished
from django.db import connection, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from beatbook.core import context
from beatbook.core.models import HandlingCode

from .engine import names as engine_names
from .engine.lookalike import check_lookalike
from .engine.messages import analyze_message
from .engine.normalize import (
    BANK_ACCOUNT,
    INDICATOR_TYPES,
    PLATFORM_ACCOUNT,
    Normalized,
    lookup_keys,
    normalize,
)
from .engine.verdict import (
    LEVEL_LABELS,
    Evidence,
    Grading,
    Level,
    NameMatch,
    RecordEvidence,
    RecordStatus,
    decide,
    level_rank,
)
from .models import (
    Alert,
    AlertDelivery,
    AlertSubscription,
    Indicator,
    LookupCounter,
    PartnerKey,
    Report,
    Sighting,
    fraud_objective,
)

MAX_VALUE_LENGTH = 2048
MAX_BULK = 10_000
MAX_TEXT = 20_000
_EVIDENCE_FIELDS = (
    "id",
    "type",
    "normalized",
    "status",
    "partner_count",
    "grading",
    "source_name",
    "expires_at",
    "first_seen",
    "last_seen",
    "confirmed_by_name",
)


class CheckError(ValueError):
    """A value that cannot be checked; ``errors`` are bilingual ``{"code", "zh", "en"}`` dicts."""

    def __init__(self, errors: list[dict[str, str]]):
        self.errors = errors
        super().__init__("; ".join(e["en"] for e in errors))


def _error(code: str, zh: str, en: str) -> dict[str, str]:
    return {"code": code, "zh": zh, "en": en}


# --------------------------------------------------------------------------------------------------
# Evidence from the database
# --------------------------------------------------------------------------------------------------


def _as_datetime(value: Any) -> dt.datetime | None:
    """Raw-cursor datetimes: SQLite returns UTC text, PostgreSQL aware datetimes."""
    if value is None or isinstance(value, dt.datetime) and value.tzinfo is not None:
        return value
    if isinstance(value, str):
        from django.utils.dateparse import parse_datetime

        value = parse_datetime(value)
        if value is None:
            return None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


# Only placeholders are interpolated (their count), never values.
_EVIDENCE_SQL = (
    "SELECT " + ", ".join(_EVIDENCE_FIELDS) + " FROM scams_indicator WHERE handling_code <> %s "  # noqa: S608
    "AND normalized IN ({values}) AND type IN ({types})"
)


def _rows_for_keys(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], list[dict]]:
    """Indicator rows (as dicts) for ``(type, normalized)`` keys, RESTRICTED rows left out.

    One indexed query per 900 distinct values, written in SQL because the ORM's query building cost
    more than the lookup itself on the public checker's hot path.
    """
    keys = set(keys)
    found: dict[tuple[str, str], list[dict]] = defaultdict(list)
    if not keys:
        return found
    values = sorted({v for _t, v in keys})
    types = sorted({t for t, _v in keys})
    with connection.cursor() as cursor:
        # Chunks keep the number of SQL parameters well under every backend's limit.
        for start in range(0, len(values), 900):
            chunk = values[start : start + 900]
            sql = _EVIDENCE_SQL.format(
                values=", ".join(["%s"] * len(chunk)), types=", ".join(["%s"] * len(types))
            )
            cursor.execute(sql, [HandlingCode.RESTRICTED.value, *chunk, *types])
            for raw in cursor.fetchall():
                row = dict(zip(_EVIDENCE_FIELDS, raw, strict=True))
                key = (row["type"], row["normalized"])
                if key in keys:
                    for name in ("expires_at", "first_seen", "last_seen"):
                        row[name] = _as_datetime(row[name])
                    found[key].append(row)
    return found


def evidence_from_row(row: dict) -> list[RecordEvidence]:
    """Engine evidence for one Indicator row: confirmation, independent reporters, graded source."""
    common = {"first_seen": row["first_seen"], "last_seen": row["last_seen"], "expires_at": row["expires_at"]}
    out = []
    if row["status"] == Indicator.Status.CONFIRMED:
        out.append(
            RecordEvidence(
                RecordStatus.CONFIRMED, confirmed_by=row["confirmed_by_name"] or "officer", **common
            )
        )
    if row["partner_count"]:
        out.append(RecordEvidence(RecordStatus.REPORTED, partner_count=row["partner_count"], **common))
    grading = row["grading"]
    if grading and len(grading) == 2:
        out.append(
            RecordEvidence(
                RecordStatus.EXTERNAL_LIST,
                grading=Grading(grading[0], int(grading[1])),
                source=row["source_name"],
                **common,
            )
        )
    return out


# --------------------------------------------------------------------------------------------------
# Close names: reported account holder names and platform handles
# --------------------------------------------------------------------------------------------------


class _NameIndex:
    """In-memory blocking index of reported names, refreshed at most every ``ttl`` seconds.

    Scoring every reported name on every check would not scale, so each name is filed under its tokens
    (Latin names) or characters (Chinese names) and only names sharing at least half of the query's
    tokens are scored with rapidfuzz. Handles are filed per platform under their character trigrams.
    """

    ttl = 60.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.loaded_at = 0.0
        # Plain lists of str and dicts of int lists: the garbage collector does not track str, so a large
        # index adds no GC pauses to the checker's tail latency.
        self.names: list[str] = []  # original names
        self.name_postings: dict[str, list[int]] = defaultdict(list)
        self.handles: dict[str, list[str]] = defaultdict(list)  # platform -> handles
        self.handle_postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))

    def invalidate(self) -> None:
        self.loaded_at = 0.0

    @staticmethod
    def _name_grams(norm: str) -> set[str]:
        if engine_names._has_cjk(norm):
            return set(norm)
        return set(norm.split())

    @staticmethod
    def _handle_grams(handle: str) -> set[str]:
        text = f"^{handle}$"
        return {text[i : i + 3] for i in range(len(text) - 2)}

    def _load(self) -> None:
        names: list[str] = []
        name_postings: dict[str, list[int]] = defaultdict(list)
        handles: dict[str, list[str]] = defaultdict(list)
        handle_postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        rows = (
            Indicator.objects.filter(type__in=[BANK_ACCOUNT, PLATFORM_ACCOUNT])
            .exclude(handling_code=HandlingCode.RESTRICTED)
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
            .values_list("type", "normalized", "account_name")
        )
        seen: set[str] = set()
        for type_, normalized, account_name in rows.iterator(chunk_size=5000):
            if account_name and account_name not in seen:
                seen.add(account_name)
                norm = engine_names.normalize_name(account_name)
                if len(norm) >= 2:
                    idx = len(names)
                    names.append(account_name)
                    for gram in self._name_grams(norm):
                        name_postings[gram].append(idx)
            if type_ == PLATFORM_ACCOUNT and ":" in normalized:
                platform, handle = normalized.split(":", 1)
                if handle.startswith("+"):
                    continue  # phone-based accounts are matched exactly as phones
                idx = len(handles[platform])
                handles[platform].append(handle)
                for gram in self._handle_grams(handle):
                    handle_postings[platform][gram].append(idx)
        self.names, self.name_postings = names, name_postings
        self.handles, self.handle_postings = handles, handle_postings
        self.loaded_at = time.monotonic()

    def ensure(self) -> None:
        if time.monotonic() - self.loaded_at > self.ttl:
            with self.lock:
                if time.monotonic() - self.loaded_at > self.ttl:
                    self._load()

    @staticmethod
    def _candidates(grams: set[str], postings: dict[str, list[int]], limit: int = 2000) -> list[int]:
        # Grams shared by very many entries ("hk_", a common surname) say little and cost much: skip them.
        lists = [ids for gram in grams if (ids := postings.get(gram)) and len(ids) <= limit]
        if not lists:
            return []
        need = max(1, (len(lists) + 1) // 2)
        hits: Counter[int] = Counter()
        for ids in lists:
            hits.update(ids)
        return [i for i, n in hits.items() if n >= need]

    def match_name(self, name: str, threshold: float = engine_names.DEFAULT_THRESHOLD) -> list[NameMatch]:
        self.ensure()
        norm = engine_names.normalize_name(name)
        if len(norm) < 2:
            return []
        ids = self._candidates(self._name_grams(norm), self.name_postings)
        return engine_names.match_account_names(name, [self.names[i] for i in ids], threshold=threshold)

    def match_handle(self, platform: str, handle: str, threshold: float = 88.0) -> list[NameMatch]:
        from rapidfuzz import fuzz, process

        self.ensure()
        pool = self.handles.get(platform)
        if not pool or len(handle) < 4:
            return []
        ids = self._candidates(self._handle_grams(handle), self.handle_postings[platform])
        choices = [pool[i] for i in ids if pool[i] != handle]
        found = process.extract(handle, choices, scorer=fuzz.ratio, score_cutoff=threshold, limit=3)
        return [
            NameMatch(checked_name=f"{platform}:{handle}", reported_name=f"{platform}:{c}", score=float(s))
            for c, s, _i in found
        ]


NAME_INDEX = _NameIndex()


# --------------------------------------------------------------------------------------------------
# Lookup counting without identity
# --------------------------------------------------------------------------------------------------


class _LookupBuffer:
    """Counts lookups in memory and writes them in one short transaction every few seconds.

    Only ``(type, normalized, day)`` and a number are kept: no user, address, session or time of day.
    Buffering keeps the write off the hot path of the public checker (300 requests/second).
    """

    # Few, larger writes keep write contention between server processes low (SQLite has one writer at
    # a time). Counts appear within 10 seconds.
    flush_every = 1024
    flush_seconds = 10.0
    # Optionally write from a short-lived background thread so no request waits for the upsert. Off by
    # default: on SQLite a second writer in the same process can make another request's read-then-write
    # transaction (e.g. the audit chain) fail with "database is locked".
    background = False

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.pending: Counter[tuple[str, str, dt.date, bool]] = Counter()
        self.last_flush = time.monotonic()
        self.writer: threading.Thread | None = None

    def add(self, type_: str, normalized: str, bulk: bool = False) -> None:
        self.add_many([(type_, normalized)], bulk=bulk)

    def add_many(self, keys: Iterable[tuple[str, str]], bulk: bool = False) -> None:
        day = timezone.localdate()
        with self.lock:
            for type_, normalized in keys:
                self.pending[(type_, normalized[:1000], day, bulk)] += 1
            due = (
                len(self.pending) >= self.flush_every
                or time.monotonic() - self.last_flush > self.flush_seconds
            )
        # In a request the write waits until the response has been sent (request_finished below), so
        # neither a public check nor a bank's bulk check waits for it.
        if due and context.current().source != "web":
            self.flush_soon()

    def due(self) -> bool:
        with self.lock:
            return bool(self.pending) and (
                len(self.pending) >= self.flush_every
                or time.monotonic() - self.last_flush > self.flush_seconds
            )

    def flush_soon(self) -> None:
        """Flush now (tests) or on a background thread (one at a time; the next due flush catches up)."""
        if not self.background:
            self.flush()
            return
        with self.lock:
            if self.writer is not None and self.writer.is_alive():
                return
            self.last_flush = time.monotonic()

            def run() -> None:
                try:
                    self.flush()
                finally:
                    connection.close()

            self.writer = threading.Thread(target=run, name="scams-lookup-counter", daemon=True)
            self.writer.start()

    _UPSERT = (
        "INSERT INTO scams_lookupcounter (type, normalized, day, count, bulk_count, is_synthetic, indicator_id) "
        "VALUES (%s, %s, %s, %s, %s, %s, (SELECT id FROM scams_indicator WHERE type = %s AND normalized = %s)) "
        "ON CONFLICT (type, normalized, day) DO UPDATE SET count = scams_lookupcounter.count + excluded.count, "
        "bulk_count = scams_lookupcounter.bulk_count + excluded.bulk_count"
    )

    def flush(self) -> int:
        """Write pending counts with one upsert statement (SQLite >= 3.24 and PostgreSQL)."""
        with self.lock:
            pending, self.pending = self.pending, Counter()
            self.last_flush = time.monotonic()
        if not pending:
            return 0
        merged: dict[tuple[str, str, dt.date], list[int]] = defaultdict(lambda: [0, 0])
        for (type_, normalized, day, bulk), n in pending.items():
            merged[(type_, normalized, day)][1 if bulk else 0] += n
        rows = [(t, v, d, single, bulk, False, t, v) for (t, v, d), (single, bulk) in merged.items()]
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.executemany(self._UPSERT, rows)
        except Exception:  # noqa: BLE001 - counting must never break a check; these counts are lost
            return 0
        return len(rows)


LOOKUPS = _LookupBuffer()


def _flush_after_response(sender, **kwargs) -> None:
    if LOOKUPS.due():
        LOOKUPS.flush_soon()


request_finished.connect(_flush_after_response, dispatch_uid="scams_flush_lookup_counts")


@atexit.register
def _flush_at_exit() -> None:  # pragma: no cover - process shutdown
    with contextlib.suppress(Exception):  # the database may already be gone
        LOOKUPS.flush()


# --------------------------------------------------------------------------------------------------
# Single and bulk checks
# --------------------------------------------------------------------------------------------------


@lru_cache(maxsize=100_000)
def normalize_cached(value: str, type_: str | None = None) -> Normalized:
    """``engine.normalize`` memoised: results are immutable, and banks check the same payees every day."""
    return normalize(value, type_)


def normalize_input(value: Any, type_: str | None = None) -> Normalized:
    """Validate and normalise untrusted input; raise :class:`CheckError` with bilingual messages."""
    if not isinstance(value, str):
        raise CheckError([_error("not_text", "請輸入文字。", "The value must be a string.")])
    if len(value) > MAX_VALUE_LENGTH:
        raise CheckError(
            [_error("too_long", "輸入內容過長。", f"The value is longer than {MAX_VALUE_LENGTH} characters.")]
        )
    if type_ is not None and type_ not in INDICATOR_TYPES:
        raise CheckError(
            [
                _error(
                    "type_unknown", "不明的類型。", f"Unknown type; use one of {', '.join(INDICATOR_TYPES)}."
                )
            ]
        )
    item = normalize_cached(value, type_ or None)
    if not item.ok:
        raise CheckError([e.as_dict() for e in item.errors])
    return item


def _decide(
    item: Normalized,
    rows: dict[tuple[str, str], list[dict]],
    name: str | None = None,
    now: dt.datetime | None = None,
    fuzzy: bool = True,
    keys: list[tuple[str, str]] | None = None,
) -> dict:
    records: list[RecordEvidence] = []
    for key in keys if keys is not None else lookup_keys(item):
        for row in rows.get(key, ()):
            records.extend(evidence_from_row(row))
    name_matches: list[NameMatch] = []
    if fuzzy:
        if name and item.type in (BANK_ACCOUNT, PLATFORM_ACCOUNT, "fps_id"):
            name_matches.extend(NAME_INDEX.match_name(name))
        if item.type == PLATFORM_ACCOUNT and not records and not item.details.get("phone"):
            name_matches.extend(
                NAME_INDEX.match_handle(
                    str(item.details.get("platform", "")), str(item.details.get("handle", ""))
                )
            )
    return decide(
        item,
        Evidence(records=records, lookalikes=check_lookalike(item), name_matches=name_matches),
        now=now or timezone.now(),
    )


def check(value: Any, type: str | None = None, *, name: str | None = None, count: bool = True) -> dict:  # noqa: A002
    """Verdict for one value: ``{"type", "normalized", "level", "label_zh", "label_en", "reasons"}``.

    Raises :class:`CheckError` for input that cannot be understood. Counts the lookup (without identity)
    unless ``count`` is False.
    """
    item = normalize_input(value, type)
    verdict = _decide(item, _rows_for_keys(lookup_keys(item)), name=name)
    if count:
        LOOKUPS.add(item.type, item.normalized)
    return verdict


def verdict_for_normalized(type_: str, normalized: str) -> dict:
    """Verdict for an already normalised value (used by the message analyser's lookup callback)."""
    item = normalize(normalized, type_)
    if not item.ok:
        zh, en = LEVEL_LABELS[Level.NO_RECORD]
        return {
            "type": type_,
            "normalized": normalized,
            "level": "no_record",
            "label_zh": zh,
            "label_en": en,
            "reasons": [e.as_dict() for e in item.errors],
        }
    return _decide(item, _rows_for_keys(lookup_keys(item)))


def check_many(
    values: Sequence[Any],
    type: str | None = None,
    *,
    names: Sequence[str | None] | None = None,  # noqa: A002
    count: bool = True,
) -> list[dict]:
    """Verdicts for up to :data:`MAX_BULK` values in one pass: one query per 900 distinct values.

    Each result is the verdict dict, or ``{"value", "error": [...]}`` for a value that cannot be checked.
    """
    if len(values) > MAX_BULK:
        raise CheckError(
            [_error("too_many", "一次最多查核 10,000 項。", f"At most {MAX_BULK} values per request.")]
        )
    items: list[Normalized | dict] = []
    item_keys: list[list[tuple[str, str]]] = []
    keys: set[tuple[str, str]] = set()
    for value in values:
        try:
            item = normalize_input(value, type)
        except CheckError as exc:
            items.append({"value": value if isinstance(value, str) else None, "error": exc.errors})
            item_keys.append([])
            continue
        items.append(item)
        item_keys.append(lookup_keys(item))
        keys.update(item_keys[-1])
    rows = _rows_for_keys(keys)
    now = timezone.now()
    out = []
    for i, item in enumerate(items):
        if isinstance(item, dict):
            out.append(item)
            continue
        name = names[i] if names and i < len(names) else None
        # Bulk: exact records, look-alikes and (when a payee name is given) close names; the handle
        # similarity search is left to single checks to keep 10,000 values under a second.
        out.append(_decide(item, rows, name=name, now=now, fuzzy=bool(name), keys=item_keys[i]))
    if count:
        LOOKUPS.add_many(((i.type, i.normalized) for i in items if not isinstance(i, dict)), bulk=True)
    return out


# --------------------------------------------------------------------------------------------------
# Digest bulk checks (banks): HMAC-SHA256(key, normalized value) hex digests
# --------------------------------------------------------------------------------------------------


def digest(key_hex: str, normalized: str) -> str:
    """The digest a bank sends: ``HMAC-SHA256(bytes.fromhex(key), normalized.encode("utf-8")).hexdigest()``."""
    return hmac.new(bytes.fromhex(key_hex), normalized.encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass
class _DigestIndex:
    secret: str
    # digest -> "type\x00normalized" (several joined by "\x01"): strings keep the garbage collector out.
    by_digest: dict[str, str] = field(default_factory=dict)
    max_id: int = 0
    refreshed: float = 0.0


class _DigestIndexes:
    """Per-key map digest -> (type, normalized), built once and extended with new indicators.

    The map only translates digests; verdicts are then computed from the current rows, so a status
    change needs no rebuild. Refreshed (new rows only) at most every ``ttl`` seconds.
    """

    ttl = 10.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.indexes: dict[str, _DigestIndex] = {}

    def clear(self) -> None:
        with self.lock:
            self.indexes.clear()

    def get(self, key: PartnerKey) -> _DigestIndex:
        with self.lock:
            idx = self.indexes.get(key.key_id)
            if idx is None or idx.secret != key.secret:
                idx = self.indexes[key.key_id] = _DigestIndex(secret=key.secret)
            if time.monotonic() - idx.refreshed > self.ttl:
                secret = bytes.fromhex(key.secret)
                rows = (
                    Indicator.objects.filter(pk__gt=idx.max_id)
                    .exclude(handling_code=HandlingCode.RESTRICTED)
                    .order_by("pk")
                    .values_list("pk", "type", "normalized")
                )
                new = hmac.new
                sha = hashlib.sha256
                for pk, type_, normalized in rows.iterator(chunk_size=10000):
                    d = new(secret, normalized.encode("utf-8"), sha).hexdigest()
                    entry = f"{type_}\x00{normalized}"
                    old = idx.by_digest.get(d)
                    idx.by_digest[d] = entry if old is None else f"{old}\x01{entry}"
                    idx.max_id = pk
                idx.refreshed = time.monotonic()
            return idx


DIGESTS = _DigestIndexes()
_HEX64 = re.compile(r"^[0-9a-f]{64}$")


def check_digests(key: PartnerKey, digests: Sequence[Any], count: bool = True) -> list[dict]:
    """Verdicts for HMAC digests: ``{"digest", "level", "label_zh", "label_en", "reasons"}`` each.

    A digest that matches no indicator is ``no_record`` (look-alike and close-name checks need the clear
    value, so they do not apply). The normalised value is never echoed back.
    """
    if len(digests) > MAX_BULK:
        raise CheckError(
            [_error("too_many", "一次最多查核 10,000 項。", f"At most {MAX_BULK} values per request.")]
        )
    idx = DIGESTS.get(key)
    wanted: set[tuple[str, str]] = set()
    matched: list[list[tuple[str, str]] | None] = []
    for d in digests:
        if not isinstance(d, str) or not _HEX64.match(d.lower()):
            matched.append(None)
            continue
        entry = idx.by_digest.get(d.lower())
        pairs = [tuple(e.split("\x00", 1)) for e in entry.split("\x01")] if entry else []
        matched.append(pairs)
        wanted.update(pairs)
    rows = _rows_for_keys(wanted)
    now = timezone.now()
    zh, en = LEVEL_LABELS[Level.NO_RECORD]
    from .engine.verdict import NO_RECORD_NOT_SAFE

    out = []
    for d, pairs in zip(digests, matched, strict=True):
        if pairs is None:
            out.append(
                {
                    "digest": d if isinstance(d, str) else None,
                    "error": [
                        _error("bad_digest", "摘要格式錯誤。", "A digest is 64 hexadecimal characters.")
                    ],
                }
            )
            continue
        best = None
        for type_, normalized in pairs:
            item = normalize_cached(normalized, type_)
            if not item.ok:
                continue
            verdict = _decide(item, rows, now=now, fuzzy=False)
            if count:
                LOOKUPS.add(item.type, item.normalized, bulk=True)
            if best is None or level_rank(verdict["level"]) > level_rank(best["level"]):
                best = verdict
        if best is None:
            out.append(
                {
                    "digest": d,
                    "level": "no_record",
                    "label_zh": zh,
                    "label_en": en,
                    "reasons": [NO_RECORD_NOT_SAFE.as_dict()],
                }
            )
        else:
            out.append({"digest": d, **{k: best[k] for k in ("level", "label_zh", "label_en", "reasons")}})
    return out


# --------------------------------------------------------------------------------------------------
# Message analyser and classifier
# --------------------------------------------------------------------------------------------------

_CLASSIFIER = None
_CLASSIFIER_LOCK = threading.Lock()


def classifier_path() -> Path:
    return Path(settings.DATA_DIR) / "scams" / "classifier.joblib"


def get_classifier(train_if_missing: bool = True):
    """The saved classifier (trained from the shipped corpora on first use when none is saved)."""
    global _CLASSIFIER
    if _CLASSIFIER is not None:
        return _CLASSIFIER
    with _CLASSIFIER_LOCK:
        if _CLASSIFIER is None:
            from .engine.classifier import ScamClassifier, train_default

            path = classifier_path()
            if path.exists():
                try:
                    _CLASSIFIER = ScamClassifier.load(path)
                    _CLASSIFIER.predict(["smoke test"])  # a model saved by an older version may load but fail
                except Exception:  # noqa: BLE001 - a stale or foreign file: retrain below and overwrite it
                    _CLASSIFIER = None
            if _CLASSIFIER is None:
                if not train_if_missing:
                    return None
                _CLASSIFIER = train_default()
                path.parent.mkdir(parents=True, exist_ok=True)
                _CLASSIFIER.save(path)
    return _CLASSIFIER


def train_classifier() -> tuple[Any, int, Path]:
    """Retrain from the shipped corpora plus confirmed reports; save under DATA_DIR. Returns (model, extra, path)."""
    global _CLASSIFIER
    from .engine.classifier import train_default

    extra = [
        (r.message_text, True, r.scam_type or None)
        for r in Report.objects.filter(status=Report.Status.CONFIRMED).exclude(message_text="")
    ]
    model = train_default(extra)
    path = classifier_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    model.save(path)
    _CLASSIFIER = model
    return model, len(extra), path


def analyze(text: Any, use_classifier: bool = True) -> dict:
    """The message analyser with database verdicts for every extracted value."""
    if not isinstance(text, str):
        raise CheckError([_error("not_text", "請輸入文字。", "The text must be a string.")])
    if not text.strip():
        raise CheckError([_error("empty", "未有輸入任何內容。", "The text is empty.")])
    if len(text) > MAX_TEXT:
        raise CheckError(
            [_error("too_long", "輸入內容過長。", f"The text is longer than {MAX_TEXT} characters.")]
        )
    clf = None
    if use_classifier:
        try:
            clf = get_classifier()
        except Exception:  # noqa: BLE001 - the analyser still works on rules alone
            clf = None
    try:
        return analyze_message(text, lookup=verdict_for_normalized, classifier=clf)
    except Exception:  # noqa: BLE001 - a broken model must not break the analyser: rules alone
        if clf is None:
            raise
        return analyze_message(text, lookup=verdict_for_normalized, classifier=None)


# --------------------------------------------------------------------------------------------------
# Reports, triage, review, sightings
# --------------------------------------------------------------------------------------------------


def refresh_counts(indicator: Indicator) -> Indicator:
    """Recount reports and independent reporters of ``indicator`` (rejected reports do not count)."""
    reports = indicator.reports.exclude(status=Report.Status.REJECTED)
    orgs = set(reports.exclude(reporter_org=None).values_list("reporter_org_id", flat=True))
    orgs |= set(
        indicator.sightings.filter(kind__in=[Sighting.Kind.SEEN, Sighting.Kind.CONFIRMED]).values_list(
            "organisation_id", flat=True
        )
    )
    public = reports.filter(reporter_org=None).count()
    indicator.report_count = reports.count()
    indicator.public_report_count = public
    # Members of the public together count as one independent reporter: a flood of public reports
    # must not look like many partners.
    indicator.partner_count = len(orgs) + (1 if public else 0)
    indicator.save(update_fields=["report_count", "public_report_count", "partner_count", "updated_at"])
    NAME_INDEX.invalidate()
    return indicator


def _upsert_indicator(item: Normalized, account_name: str = "", scam_type: str = "") -> Indicator:
    now = timezone.now()
    indicator, created = Indicator.objects.get_or_create(
        type=item.type,
        normalized=item.normalized,
        defaults={
            "display": item.display[:1000],
            "status": Indicator.Status.REPORTED,
            "first_seen": now,
            "last_seen": now,
            "account_name": account_name[:200],
            "scam_type": scam_type,
            "objective": fraud_objective(),
        },
    )
    if not created:
        indicator.last_seen = now
        changed = ["last_seen", "updated_at"]
        if account_name and not indicator.account_name:
            indicator.account_name = account_name[:200]
            changed.append("account_name")
        if indicator.is_expired and indicator.status != Indicator.Status.CONFIRMED:
            indicator.expires_at = None  # reported again: back in play
            changed.append("expires_at")
        indicator.save(update_fields=changed)
    return indicator


def triage(
    value_item: Normalized | None, text: str, channel: str, indicator: Indicator | None
) -> tuple[float, list, str]:
    """Score 0-100 for the triage queue, with bilingual reasons, and a scam type guess."""
    score = {"partner": 30.0, "officer": 40.0}.get(channel, 10.0)
    reasons = [
        {
            "code": f"channel_{channel}",
            "points": score,
            "en": f"Reported by {'a partner' if channel == 'partner' else 'an officer' if channel == 'officer' else 'the public'}",
            "zh": {"partner": "由夥伴機構舉報", "officer": "由警務人員提交"}.get(channel, "由市民舉報"),
        }
    ]
    scam_type = ""

    def add(code: str, points: float, en: str, zh: str) -> None:
        nonlocal score
        score += points
        reasons.append({"code": code, "points": round(points, 1), "en": en, "zh": zh})

    if value_item is not None:
        verdict = _decide(value_item, _rows_for_keys(lookup_keys(value_item)))
        points = {"high_risk": 30, "suspected": 20, "possible": 10}.get(verdict["level"], 0)
        if points:
            add(
                "verdict",
                points,
                f"Current verdict: {verdict['label_en']}",
                f"現時結果：{verdict['label_zh']}",
            )
        if indicator is not None and indicator.partner_count:
            add(
                "reporters",
                min(20, 5 * indicator.partner_count),
                f"{indicator.partner_count} independent reporters",
                f"{indicator.partner_count} 個獨立舉報來源",
            )
        lookups = (
            LookupCounter.objects.filter(
                type=value_item.type, normalized=value_item.normalized, day=timezone.localdate()
            )
            .values_list("count", flat=True)
            .first()
            or 0
        )
        if lookups >= 5:
            add("lookups", min(10, lookups / 5), f"Checked {lookups} times today", f"今日被查詢 {lookups} 次")
    if text.strip():
        result = analyze_message(text)
        flags = {f["code"] for f in result["red_flags"]}
        if flags:
            add(
                "red_flags",
                min(20, 5 * len(flags)),
                f"{len(flags)} kinds of red flag in the message",
                f"訊息有 {len(flags)} 類可疑字眼",
            )
        flagged = [i for i in result["indicators"] if i["verdict"]["level"] != "no_record"]
        if flagged:
            add(
                "flagged_values",
                10,
                "The message contains values with a risk verdict",
                "訊息內含有風險紀錄的資料",
            )
        if result["scam_type"]:
            scam_type = result["scam_type"]["code"]
    return round(min(score, 100.0), 1), reasons, scam_type


def create_report(
    *,
    value: str = "",
    text: str = "",
    value_type: str | None = None,
    account_name: str = "",
    description: str = "",
    channel: str = Report.Channel.PUBLIC,
    organisation=None,
    user=None,
) -> Report:
    """Record a report, link (or create) its indicator as "reported", and score it for triage."""
    value, text = (value or "").strip(), (text or "").strip()
    if not value and not text:
        raise ValidationError(gettext("Give the suspicious value, the message text, or both."))
    if len(text) > MAX_TEXT:
        raise ValidationError({"message_text": gettext("The message is too long.")})
    item = None
    if value:
        try:
            item = normalize_input(value, value_type or None)
        except CheckError as exc:
            raise ValidationError({"value": [e["en"] for e in exc.errors]})
    with transaction.atomic():
        indicator = _upsert_indicator(item, account_name) if item is not None else None
        report = Report(
            channel=channel,
            value=value,
            value_type=item.type if item else (value_type or ""),
            message_text=text,
            account_name=account_name[:200],
            description=description[:4000],
            indicator=indicator,
            reporter_org=organisation,
            reporter_user=user if getattr(user, "is_authenticated", False) else None,
            objective=fraud_objective("PG-ZYH-2") if organisation else fraud_objective(),
        )
        report.full_clean(exclude=["indicator", "reporter_org", "reporter_user", "objective"])
        report.save()
        if indicator is not None:
            refresh_counts(indicator)
        report.triage_score, report.triage_reasons, report.scam_type = triage(item, text, channel, indicator)
        report.save(update_fields=["triage_score", "triage_reasons", "scam_type", "updated_at"])
    return report


def confirm_report(report: Report, officer, note: str = "") -> Report:
    """Officer confirms: the report and its indicator(s) become high risk and an alert goes out."""
    now = timezone.now()
    with transaction.atomic():
        report.status = Report.Status.CONFIRMED
        report.reviewed_by, report.reviewed_at, report.review_note = officer, now, note
        report.save()
        indicators = [report.indicator] if report.indicator_id else []
        if not indicators and report.message_text:
            for found in analyze_message(report.message_text)["indicators"]:
                item = normalize(found["normalized"], found["type"])
                if item.ok:
                    indicators.append(_upsert_indicator(item, scam_type=report.scam_type))
        for indicator in indicators:
            was_confirmed = indicator.status == Indicator.Status.CONFIRMED
            indicator.status = Indicator.Status.CONFIRMED
            indicator.confirmed_by = officer
            indicator.confirmed_by_name = (officer.get_full_name() or officer.get_username())[:150]
            indicator.confirmed_at = now
            indicator.expires_at = now + dt.timedelta(days=365)
            indicator.scam_type = indicator.scam_type or report.scam_type
            indicator.save()
            refresh_counts(indicator)
            if not was_confirmed:
                publish_alert(indicator)
    return report


def reject_report(report: Report, officer, note: str = "") -> Report:
    """Officer rejects: the report stops counting; an indicator left with no evidence expires now."""
    now = timezone.now()
    with transaction.atomic():
        report.status = Report.Status.REJECTED
        report.reviewed_by, report.reviewed_at, report.review_note = officer, now, note
        report.save()
        indicator = report.indicator
        if indicator is not None:
            refresh_counts(indicator)
            if (
                indicator.status == Indicator.Status.REPORTED
                and not indicator.partner_count
                and not indicator.grading
            ):
                indicator.expires_at = now
                indicator.save(update_fields=["expires_at", "updated_at"])
    return report


def add_sighting(indicator: Indicator, organisation, kind: str, note: str = "", user=None) -> Sighting:
    """A partner's sighting; seen/confirmed sightings count the partner as an independent reporter."""
    if kind not in Sighting.Kind.values:
        raise ValidationError({"kind": gettext("Unknown sighting kind.")})
    with transaction.atomic():
        sighting = Sighting.objects.create(
            indicator=indicator, organisation=organisation, kind=kind, note=note[:2000], created_by=user
        )
        Indicator.objects.filter(pk=indicator.pk).update(last_seen=timezone.now())
        refresh_counts(indicator)
    return sighting


# --------------------------------------------------------------------------------------------------
# Alerts: created on confirmation; e-mail and signed webhooks delivered by huey after commit
# --------------------------------------------------------------------------------------------------

AUDIENCE_BY_TYPE = {"bank_account": ["bank"], "fps_id": ["bank"], "crypto_wallet": ["bank"]}


def publish_alert(indicator: Indicator) -> Alert:
    """Create the alert for a newly confirmed indicator and queue its deliveries (after commit)."""
    from .engine.messages import scam_type_label

    type_label = {"zh": "", "en": ""}
    if indicator.scam_type:
        with contextlib.suppress(KeyError):
            type_label = scam_type_label(indicator.scam_type)
    alert = Alert.objects.create(
        indicator=indicator,
        indicator_type=indicator.type,
        level=Level.HIGH_RISK.value,
        title_zh=f"高危有伏：{indicator.display or indicator.normalized}",
        title_en=f"High risk: {indicator.display or indicator.normalized}",
        body_zh=f"警方已核實此{indicator.get_type_display()}與詐騙有關。{type_label['zh']}",
        body_en=f"The police confirmed this value is linked to a scam. {type_label['en']}".strip(),
        audiences=AUDIENCE_BY_TYPE.get(indicator.type, []),
        is_synthetic=indicator.is_synthetic,
        handling_code=indicator.handling_code,
    )
    if alert.handling_code == HandlingCode.RESTRICTED:
        return alert  # restricted alerts are not sent outside
    queue_deliveries(alert)
    return alert


def queue_deliveries(alert: Alert) -> list[AlertDelivery]:
    """One delivery per matching subscription channel; each is sent by a huey task after commit."""
    from .tasks import deliver_alert

    created = []
    for sub in AlertSubscription.objects.filter(active=True).select_related("organisation"):
        if not sub.wants(alert):
            continue
        for channel, wanted in (("email", sub.email), ("webhook", sub.webhook_url)):
            if not wanted:
                continue
            delivery, made = AlertDelivery.objects.get_or_create(
                alert=alert, subscription=sub, channel=channel
            )
            if made:
                created.append(delivery)
                transaction.on_commit(lambda pk=delivery.pk: _dispatch(deliver_alert, pk))
    return created


# Tests set this to deliver in the calling thread so they can assert on the result.
INLINE_DELIVERY = False


def _dispatch(task, delivery_id: int) -> None:
    """Queue the delivery task. With Redis it goes to the workers; in the embedded default huey runs
    tasks in-process, so the task is started on a background thread: a slow webhook never blocks the
    officer's request."""
    from huey.contrib.djhuey import HUEY

    if INLINE_DELIVERY or not HUEY.immediate:
        task(delivery_id)
        return

    def run() -> None:
        from django.db import connection as thread_connection

        try:
            task(delivery_id)
        finally:
            thread_connection.close()

    threading.Thread(target=run, name=f"scams-alert-{delivery_id}", daemon=True).start()


def alert_payload(alert: Alert) -> dict:
    return {
        "id": alert.pk,
        "level": alert.level,
        "type": alert.indicator_type,
        "value": alert.indicator.normalized if alert.indicator_id else None,
        "title_zh": alert.title_zh,
        "title_en": alert.title_en,
        "text_zh": alert.body_zh,
        "text_en": alert.body_en,
        "audiences": alert.audiences,
        "published_at": alert.published_at.isoformat(),
        "synthetic": alert.is_synthetic,
    }


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """``X-Beatbook-Signature`` value: ``sha256=`` + HMAC-SHA256(secret, timestamp + "." + body) hex."""
    mac = hmac.new(secret.encode("utf-8"), timestamp.encode("ascii") + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


class DeliveryFailed(RuntimeError):
    """Raised so the task queue retries the delivery."""


def deliver(delivery_id: int) -> str:
    """Send one delivery (idempotent: a sent delivery is not sent again). Raises DeliveryFailed to retry."""
    import urllib.error
    import urllib.request

    from django.core.mail import send_mail

    delivery = (
        AlertDelivery.objects.select_related("alert__indicator", "subscription")
        .filter(pk=delivery_id)
        .first()
    )
    if delivery is None or delivery.status == AlertDelivery.Status.SENT:
        return "skipped"
    alert, sub = delivery.alert, delivery.subscription
    AlertDelivery.objects.filter(pk=delivery.pk).update(attempts=F("attempts") + 1)
    try:
        if delivery.channel == "email":
            send_mail(
                f"[Beatbook] {alert.title_zh} / {alert.title_en}",
                f"{alert.body_zh}\n\n{alert.body_en}\n",
                None,
                [sub.email],
            )
            status_code = None
        else:
            body = json.dumps(
                {"event": "alert", "alert": alert_payload(alert)},
                ensure_ascii=False,
                sort_keys=True,
                separators=(",", ":"),
            ).encode("utf-8")
            timestamp = str(int(time.time()))
            if not sub.webhook_url.startswith(("https://", "http://")):
                raise ValueError("webhooks must be http(s) URLs")
            request = urllib.request.Request(  # noqa: S310 - scheme checked just above
                sub.webhook_url,
                data=body,
                method="POST",
                headers={
                    "Content-Type": "application/json",
                    "User-Agent": "Beatbook-Alerts/1",
                    "X-Beatbook-Event": "alert",
                    "X-Beatbook-Delivery": str(delivery.pk),
                    "X-Beatbook-Timestamp": timestamp,
                    "X-Beatbook-Signature": sign(sub.secret, timestamp, body),
                },
            )
            with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - https enforced in clean()
                status_code = response.status
    except Exception as exc:  # noqa: BLE001 - any failure is recorded and retried
        AlertDelivery.objects.filter(pk=delivery.pk).update(
            status=AlertDelivery.Status.FAILED, last_error=str(exc)[:500]
        )
        raise DeliveryFailed(str(exc)) from exc
    AlertDelivery.objects.filter(pk=delivery.pk).update(
        status=AlertDelivery.Status.SENT,
        last_error="",
        response_status=status_code,
        delivered_at=timezone.now(),
    )
    return "sent"
