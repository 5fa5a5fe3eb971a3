"""Pure verdict logic with Scameter's four levels and wording.

Rules (each contributing fact becomes a bilingual reason):

* allowlisted values are always ``no_record`` with the reason "on the official allowlist";
* expired evidence is ignored;
* ``high_risk`` ONLY for a value an officer confirmed (a confirmed record must name the officer);
* ``suspected`` for reports from >= 2 independent partners, a well-graded external list (source
  reliability A-B and information credibility 1-2 on the admiralty scale) or a strong look-alike of a
  protected brand;
* ``possible`` for a single unconfirmed report, a fairly graded external list (up to C3), a weak
  similarity, or an account name close to a reported one;
* otherwise ``no_record``, which never means safe (the reason says so in both languages).

The output is exactly ``{"type", "normalized", "level", "label_zh", "label_en", "reasons"}``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

from .allowlist import ALLOWLISTED, is_allowlisted
from .lookalike import LookalikeHit, check_lookalike
from .normalize import Normalized, normalize
from .reasons import Reason


class Level(StrEnum):
    """Scameter's risk levels, most severe first."""

    HIGH_RISK = "high_risk"
    SUSPECTED = "suspected"
    POSSIBLE = "possible"
    NO_RECORD = "no_record"


LEVEL_LABELS: dict[Level, tuple[str, str]] = {
    Level.HIGH_RISK: ("高危有伏", "High risk"),
    Level.SUSPECTED: ("疑似有伏", "Suspected"),
    Level.POSSIBLE: ("提防中伏", "Possible"),
    Level.NO_RECORD: ("未有紀錄", "No record"),
}
_RANK = {Level.NO_RECORD: 0, Level.POSSIBLE: 1, Level.SUSPECTED: 2, Level.HIGH_RISK: 3}

NO_RECORD_NOT_SAFE = Reason(
    "no_record_not_safe",
    "資料庫未有紀錄，並不代表安全。騙徒經常轉換電話、網址和戶口；如有懷疑，請先停一停，致電防騙易熱線 18222 查詢。",
    "No record does NOT mean it is safe. Scammers change numbers, links and accounts all the time; if in "
    "doubt, stop and call the Anti-Scam Helpline 18222.",
)


def level_rank(level: str) -> int:
    """0 (no_record) .. 3 (high_risk), for sorting and taking the worst of several verdicts."""
    return _RANK[Level(level)]


class RecordStatus(StrEnum):
    """How an exact-match record got into the database."""

    CONFIRMED = "confirmed"  # checked and confirmed by a police officer
    REPORTED = "reported"  # reported by partners / the public, not yet confirmed
    EXTERNAL_LIST = "external_list"  # imported from an external list with a source grading


_RELIABILITY = "ABCDEF"


@dataclass(frozen=True, slots=True)
class Grading:
    """Admiralty (NATO) grading: source reliability A-F and information credibility 1-6."""

    reliability: str
    credibility: int

    def __post_init__(self) -> None:
        if not (
            isinstance(self.reliability, str)
            and len(self.reliability) == 1
            and self.reliability in _RELIABILITY
        ):
            raise ValueError(f"reliability must be one of A-F, got {self.reliability!r}")
        if not isinstance(self.credibility, int) or not 1 <= self.credibility <= 6:
            raise ValueError(f"credibility must be 1-6, got {self.credibility!r}")

    @property
    def code(self) -> str:
        """E.g. ``"B2"``."""
        return f"{self.reliability}{self.credibility}"

    @property
    def well_graded(self) -> bool:
        """A-B reliability and 1-2 credibility: enough for "suspected" on its own."""
        return self.reliability in "AB" and self.credibility <= 2

    @property
    def fair(self) -> bool:
        """Up to C3: worth a "possible"; anything worse (D-F, 4-6) is not counted."""
        return self.reliability in "ABC" and self.credibility <= 3


def _aware(value: datetime | None, name: str) -> None:
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(f"{name} must be timezone-aware")


@dataclass(frozen=True, slots=True)
class RecordEvidence:
    """An exact-match record for the checked value (the app aggregates one per status/source).

    ``partner_count`` is the number of *independent* partners that reported it; ``confirmed_by`` the
    officer who confirmed it (required for ``confirmed``); ``grading`` the source grading (required for
    ``external_list``).
    """

    status: RecordStatus
    partner_count: int = 1
    grading: Grading | None = None
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    expires_at: datetime | None = None
    confirmed_by: str = ""
    source: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", RecordStatus(self.status))
        if not isinstance(self.partner_count, int) or self.partner_count < 0:
            raise ValueError("partner_count must be a non-negative integer")
        if self.status is RecordStatus.CONFIRMED and not self.confirmed_by.strip():
            raise ValueError("a confirmed record must name the officer who confirmed it (confirmed_by)")
        if self.status is RecordStatus.EXTERNAL_LIST and self.grading is None:
            raise ValueError("an external_list record needs a source grading")
        for name in ("first_seen", "last_seen", "expires_at"):
            _aware(getattr(self, name), name)

    def expired(self, now: datetime) -> bool:
        """True when the record's expiry is at or before ``now``."""
        return self.expires_at is not None and self.expires_at <= now


@dataclass(frozen=True, slots=True)
class NameMatch:
    """A checked account holder name that is close to a name in a report (score 0-100)."""

    checked_name: str
    reported_name: str
    score: float
    expires_at: datetime | None = None

    def __post_init__(self) -> None:
        if not 0 <= self.score <= 100:
            raise ValueError("score must be between 0 and 100")
        _aware(self.expires_at, "expires_at")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Everything known about one normalised value."""

    records: Sequence[RecordEvidence] = ()
    lookalikes: Sequence[LookalikeHit] = ()
    name_matches: Sequence[NameMatch] = field(default_factory=tuple)


class InvalidIndicator(ValueError):
    """Raised when a verdict is asked for a value that could not be normalised."""

    def __init__(self, item: Normalized) -> None:
        self.item = item
        self.errors = item.errors
        super().__init__("; ".join(e.en for e in item.errors) or "invalid value")


def _record_reason(rec: RecordEvidence) -> tuple[Level, Reason] | None:
    if rec.status is RecordStatus.CONFIRMED:
        return Level.HIGH_RISK, Reason(
            "confirmed_by_police",
            "經警務人員核實與詐騙有關。",
            "Confirmed by a police officer as linked to a scam.",
        )
    if rec.status is RecordStatus.REPORTED:
        if rec.partner_count >= 2:
            return Level.SUSPECTED, Reason(
                "reported_by_partners",
                f"曾被 {rec.partner_count} 個獨立夥伴機構舉報（未經警方核實）。",
                f"Reported by {rec.partner_count} independent partners (not yet confirmed by the police).",
            )
        if rec.partner_count == 1:
            return Level.POSSIBLE, Reason(
                "reported_once",
                "曾有一宗未經核實的舉報。",
                "There is one unconfirmed report.",
            )
        return None
    grading = rec.grading
    assert grading is not None  # enforced in RecordEvidence.__post_init__
    source = f" ({rec.source})" if rec.source else ""
    if grading.well_graded:
        return Level.SUSPECTED, Reason(
            "external_list",
            f"列於評級良好（{grading.code}）的外部詐騙名單{source}。",
            f"Listed by a well-graded external source ({grading.code}){source}.",
        )
    if grading.fair:
        return Level.POSSIBLE, Reason(
            "external_list_fair",
            f"列於評級一般（{grading.code}）的外部名單{source}，未經核實。",
            f"Listed by an external source of fair grading ({grading.code}){source}, not verified.",
        )
    return None  # D-F or 4-6: too weak to show anyone


def decide(item: Normalized, evidence: Evidence | None = None, *, now: datetime | None = None) -> dict:
    """Verdict for one normalised value: ``{"type", "normalized", "level", "label_zh", "label_en", "reasons"}``.

    ``reasons`` are ``{"code", "zh", "en"}`` dicts, most severe first. Raises :class:`InvalidIndicator`
    when ``item`` has errors (there is nothing to decide on).
    """
    if not item.ok:
        raise InvalidIndicator(item)
    evidence = evidence or Evidence()
    now = now or datetime.now(UTC)
    _aware(now, "now")
    if is_allowlisted(item):
        return _verdict(item, Level.NO_RECORD, [ALLOWLISTED])
    found: list[tuple[Level, Reason]] = []
    for rec in evidence.records:
        if rec.expired(now):
            continue
        got = _record_reason(rec)
        if got:
            found.append(got)
    for hit in evidence.lookalikes:
        found.append((Level.SUSPECTED if hit.strong else Level.POSSIBLE, hit.reason()))
    for match in evidence.name_matches:
        if match.expires_at is not None and match.expires_at <= now:
            continue
        found.append(
            (
                Level.POSSIBLE,
                Reason(
                    "account_name_similar",
                    f"戶口名稱「{match.checked_name}」與已舉報的「{match.reported_name}」相似（{match.score:.0f}%）。",
                    f"The account name '{match.checked_name}' is close to the reported name "
                    f"'{match.reported_name}' ({match.score:.0f}%).",
                ),
            )
        )
    if not found:
        return _verdict(item, Level.NO_RECORD, [NO_RECORD_NOT_SAFE])
    found.sort(key=lambda lr: -_RANK[lr[0]])
    seen: set[tuple[str, str]] = set()
    reasons = []
    for _, reason in found:
        if (reason.code, reason.en) not in seen:  # identical facts from duplicate records shown once
            seen.add((reason.code, reason.en))
            reasons.append(reason)
    return _verdict(item, found[0][0], reasons)


def _verdict(item: Normalized, level: Level, reasons: Sequence[Reason]) -> dict:
    zh, en = LEVEL_LABELS[level]
    return {
        "type": item.type,
        "normalized": item.normalized,
        "level": level.value,
        "label_zh": zh,
        "label_en": en,
        "reasons": [r.as_dict() for r in reasons],
    }


def assess(
    value: str,
    type: str | None = None,  # noqa: A002 - mirrors normalize()
    *,
    records: Sequence[RecordEvidence] = (),
    name_matches: Sequence[NameMatch] = (),
    now: datetime | None = None,
) -> dict:
    """Normalise ``value``, run the look-alike check and decide, in one call.

    ``records``/``name_matches`` are what the app found for :func:`normalize.lookup_keys` of the value.
    Raises :class:`InvalidIndicator` for values that cannot be normalised.
    """
    item = normalize(value, type)
    if not item.ok:
        raise InvalidIndicator(item)
    return decide(
        item, Evidence(records=records, lookalikes=check_lookalike(item), name_matches=name_matches), now=now
    )
