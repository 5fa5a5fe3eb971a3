"""Hong Kong Observatory (HKO) warning summary ("warnsum") feed: parse it and work out what changed.

The feed is a JSON object keyed by warning type (``WRAIN``, ``WTCSGNL`` ...); each value holds ``code``
(``WRAINA``, ``TC8SE`` ...), ``actionCode`` (ISSUE, REISSUE, CANCEL, EXTEND, UPDATE), ``name``,
``issueTime``, optional ``expireTime``, ``updateTime`` and optional ``type`` (the signal's text). ``{}``
means no warning is in force. Only one code per type is in force at a time: a new tropical cyclone signal
replaces the previous one.

:func:`parse_warnsum` validates a payload strictly. A malformed entry fails the whole payload instead of
being skipped, because :func:`diff_state` reads a missing type as "cancelled": skipping a broken entry
would silently stand down a warning that is in force. Unknown warning types or codes are not errors (HKO
adds warnings from time to time): they are parsed with ``known=False`` and logged.

:func:`diff_state` compares the codes currently active in the app with a parsed snapshot and returns the
:class:`Change` list that the Django app turns into plan activations. It is idempotent: the same snapshot
against the state it produced yields no activation or deactivation.

The shipped ``data/hko_warning_codes.csv`` lists the HKO warning types and codes with English and Chinese
names (from the Observatory's published warning codes).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

CODES_FILE = Path(__file__).resolve().parent / "data" / "hko_warning_codes.csv"

ACTION_CODES = ("ISSUE", "REISSUE", "CANCEL", "EXTEND", "UPDATE")
#: The code HKO uses for "all tropical cyclone signals cancelled".
CANCEL_CODE = "CANCEL"

#: Largest payload accepted; a real warnsum with every warning in force is a few kilobytes.
MAX_PAYLOAD_BYTES = 64 * 1024
#: Most warning types accepted in one payload (HKO has about 15).
MAX_ENTRIES = 64
#: Longest text field accepted.
MAX_TEXT = 300

_IDENT_RE = re.compile(r"^[A-Z][A-Z0-9]{0,19}$")


class WarnsumError(ValueError):
    """The payload is not a well-formed warnsum object; the message names the entry and field."""


@dataclass(frozen=True)
class WarningCode:
    """One HKO warning code with its type and names."""

    warning_type: str
    code: str
    name_en: str
    name_zh: str


@dataclass(frozen=True)
class HKOWarning:
    """One entry of the warnsum feed (also importable as ``Warning``)."""

    warning_type: str  # feed key, e.g. "WTCSGNL"
    code: str  # e.g. "TC8SE"
    name: str  # the feed's name (for WTCSGNL the type's name, "Tropical Cyclone Warning Signal")
    action_code: str  # ISSUE, REISSUE, CANCEL, EXTEND or UPDATE
    issue_time: dt.datetime
    expire_time: dt.datetime | None
    update_time: dt.datetime | None
    subtype: str | None  # the feed's "type" text, e.g. "No. 8 Southeast Gale or Storm Signal"
    known: bool  # type and code are in the shipped code table
    name_en: str | None  # the code's English name from the table (None when unknown)
    name_zh: str | None  # the code's Chinese name from the table (None when unknown)

    @property
    def is_cancel(self) -> bool:
        """True when this entry stands the warning type down."""
        return self.action_code == "CANCEL" or self.code == CANCEL_CODE


#: The name the brief and callers use; ``HKOWarning`` avoids shadowing the built-in ``Warning`` here.
Warning = HKOWarning  # noqa: A001


@dataclass(frozen=True)
class Change:
    """One change to the set of active warnings.

    ``kind`` is ``"issue"`` (start an activation), ``"cancel"`` (end one), or ``"reissue"``, ``"extend"``,
    ``"update"`` (the active warning was re-issued/extended/updated: refresh, do not activate again).
    A replacement (TC3 -> TC8SE) is a ``cancel`` of the old code followed by an ``issue`` of the new one
    whose ``previous_code`` is the old code.
    """

    kind: str
    warning_type: str
    code: str
    previous_code: str | None
    warning: HKOWarning | None  # the feed entry behind the change; None when cancelled by absence
    reason: str

    @property
    def activates(self) -> bool:
        """True when the app should start a plan activation for ``(warning_type, code)``."""
        return self.kind == "issue"

    @property
    def deactivates(self) -> bool:
        """True when the app should end the activation for ``(warning_type, code)``."""
        return self.kind == "cancel"


# --- code table ---------------------------------------------------------------------------------------


def warning_codes() -> dict[str, WarningCode]:
    """Return ``{code: WarningCode}`` from the shipped table (codes are unique across types)."""
    return dict(_codes_cached())


@lru_cache(maxsize=1)
def _codes_cached() -> tuple[tuple[str, WarningCode], ...]:
    table: dict[str, WarningCode] = {}
    with CODES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            entry = WarningCode(
                warning_type=row["warning_type"].strip(),
                code=row["code"].strip(),
                name_en=row["name_en"].strip(),
                name_zh=row["name_zh"].strip(),
            )
            if entry.code in table:
                raise ValueError(f"{CODES_FILE}: code {entry.code} appears twice")
            table[entry.code] = entry
    return tuple(table.items())


# --- parsing ------------------------------------------------------------------------------------------


def parse_warnsum(
    data: Mapping[str, Any] | str | bytes, *, codes: Mapping[str, WarningCode] | None = None
) -> list[HKOWarning]:
    """Parse a warnsum payload (parsed JSON, or JSON text/bytes) into warnings sorted by type.

    Raises :class:`WarnsumError` for a payload over :data:`MAX_PAYLOAD_BYTES`, invalid or over-nested
    JSON, duplicate keys, a non-object, more than :data:`MAX_ENTRIES` entries, a missing or mistyped
    field, an unknown ``actionCode``, a time without a UTC offset, an expiry before the issue, or a known
    code filed under another type. ``{}`` returns ``[]`` (nothing in force).
    """
    table = warning_codes() if codes is None else dict(codes)
    payload = _load(data)
    if not isinstance(payload, Mapping):
        raise WarnsumError(f"warnsum must be a JSON object keyed by warning type, got {_kind(payload)}")
    if len(payload) > MAX_ENTRIES:
        raise WarnsumError(f"warnsum has {len(payload)} entries; the limit is {MAX_ENTRIES}")
    known_types = {c.warning_type for c in table.values()}
    warnings = [_entry(key, value, table, known_types) for key, value in payload.items()]
    return sorted(warnings, key=lambda w: w.warning_type)


def _load(data: Mapping[str, Any] | str | bytes) -> Any:
    if isinstance(data, Mapping):
        return data
    if isinstance(data, bytes | bytearray):
        if len(data) > MAX_PAYLOAD_BYTES:
            raise WarnsumError(f"warnsum is {len(data):,} bytes; the limit is {MAX_PAYLOAD_BYTES:,}")
        try:
            data = bytes(data).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise WarnsumError(f"warnsum is not UTF-8: {exc}") from None
    if not isinstance(data, str):
        raise WarnsumError(f"warnsum must be a dict, str or bytes, got {type(data).__name__}")
    if len(data.encode("utf-8")) > MAX_PAYLOAD_BYTES:
        raise WarnsumError(f"warnsum is larger than {MAX_PAYLOAD_BYTES:,} bytes")
    try:
        return json.loads(data, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except RecursionError:
        raise WarnsumError("warnsum JSON is nested too deeply") from None
    except (json.JSONDecodeError, ValueError) as exc:
        raise WarnsumError(f"warnsum is not valid JSON: {exc}") from None


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    # A repeated key is ambiguous (json keeps the last one silently), so refuse it.
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key[:30]!r}")
        result[key] = value
    return result


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed")


def _entry(key: Any, value: Any, table: Mapping[str, WarningCode], known_types: set[str]) -> HKOWarning:
    if not isinstance(key, str) or not _IDENT_RE.match(key):
        raise WarnsumError(f"warning type {str(key)[:30]!r} is not an HKO type code like 'WRAIN'")
    if not isinstance(value, Mapping):
        raise WarnsumError(f"{key}: expected an object, got {_kind(value)}")
    code = _text(value, "code", key, required=True)
    if not _IDENT_RE.match(code):
        raise WarnsumError(f"{key}.code: {code[:30]!r} is not an HKO warning code")
    action = _text(value, "actionCode", key, required=True)
    if action not in ACTION_CODES:
        raise WarnsumError(f"{key}.actionCode: {action[:30]!r} is not one of {', '.join(ACTION_CODES)}")
    issue_time = _time(value, "issueTime", key, required=True)
    expire_time = _time(value, "expireTime", key)
    update_time = _time(value, "updateTime", key)
    if issue_time is not None and expire_time is not None and expire_time < issue_time:
        raise WarnsumError(f"{key}.expireTime: {expire_time.isoformat()} is before issueTime")
    info = table.get(code)
    if info is not None and info.warning_type != key:
        raise WarnsumError(f"{key}.code: {code} is a {info.warning_type} code, not a {key} code")
    known = info is not None and key in known_types
    if not known:
        logger.warning(
            "HKO warnsum: unknown warning %s code %s (%s); passed on with known=False", key, code, action
        )
    name = _text(value, "name", key) or (info.name_en if info else code)
    assert issue_time is not None  # required=True guarantees it; narrows the type
    return HKOWarning(
        warning_type=key,
        code=code,
        name=name,
        action_code=action,
        issue_time=issue_time,
        expire_time=expire_time,
        update_time=update_time,
        subtype=_text(value, "type", key),
        known=known,
        name_en=info.name_en if info else None,
        name_zh=info.name_zh if info else None,
    )


def _text(entry: Mapping[str, Any], field: str, key: str, *, required: bool = False) -> str | None:
    value = entry.get(field)
    if value is None:
        if required:
            raise WarnsumError(f"{key}.{field}: missing")
        return None
    if not isinstance(value, str):
        raise WarnsumError(f"{key}.{field}: expected text, got {_kind(value)}")
    if len(value) > MAX_TEXT:
        raise WarnsumError(f"{key}.{field}: {len(value)} characters; the limit is {MAX_TEXT}")
    value = value.strip()
    if required and not value:
        raise WarnsumError(f"{key}.{field}: empty")
    return value or None


def _time(entry: Mapping[str, Any], field: str, key: str, *, required: bool = False) -> dt.datetime | None:
    text = _text(entry, field, key, required=required)
    if text is None:
        return None
    try:
        value = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise WarnsumError(f"{key}.{field}: {text[:40]!r} is not an ISO 8601 time") from None
    if value.tzinfo is None or value.utcoffset() is None:
        # HKO always sends +08:00; a time without an offset would be a guess.
        raise WarnsumError(f"{key}.{field}: {text[:40]!r} has no UTC offset")
    return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


# --- state diff ---------------------------------------------------------------------------------------


def diff_state(
    active: Mapping[str, str],
    warnings: Iterable[HKOWarning],
    *,
    full_snapshot: bool = True,
    last_update: Mapping[str, dt.datetime] | None = None,
) -> list[Change]:
    """Return what changed between ``active`` (``{warning_type: code}`` in force in the app) and ``warnings``.

    Per warning type, in type order:

    * ``CANCEL`` (or code ``CANCEL``) of an active type -> ``cancel``; of an inactive type -> nothing.
    * a code different from the active one (any non-cancel action) -> ``cancel`` old + ``issue`` new.
    * nothing active and ISSUE/REISSUE/EXTEND/UPDATE -> ``issue`` (a warning found already in force, e.g.
      after a restart, is activated too).
    * same code: ISSUE -> nothing (the feed repeats it every poll); REISSUE/EXTEND/UPDATE -> ``reissue``/
      ``extend``/``update`` (no new activation). With ``last_update`` (``{type: update_time already
      handled}``) these are only reported when the entry's ``updateTime`` is newer.
    * ``full_snapshot`` (the normal case: the feed lists everything in force): an active type missing from
      the snapshot -> ``cancel``. Pass False for a partial list of entries.

    Raises :class:`WarnsumError` if ``warnings`` names a type twice or ``active`` is not ``{str: str}``.
    """
    _check_active(active)
    by_type: dict[str, HKOWarning] = {}
    for warning in warnings:
        if not isinstance(warning, HKOWarning):
            raise WarnsumError(f"expected parsed warnings, got {type(warning).__name__}")
        if warning.warning_type in by_type:
            raise WarnsumError(f"{warning.warning_type} appears twice in one snapshot")
        by_type[warning.warning_type] = warning
    seen = last_update or {}

    changes: list[Change] = []
    for wtype in sorted(set(active) | set(by_type)):
        previous = active.get(wtype)
        warning = by_type.get(wtype)
        if warning is None:
            if full_snapshot and previous is not None:
                changes.append(Change("cancel", wtype, previous, None, None, "no longer in the HKO summary"))
            continue
        changes.extend(_diff_one(wtype, previous, warning, seen.get(wtype)))
    return changes


def _diff_one(
    wtype: str, previous: str | None, warning: HKOWarning, handled_update: dt.datetime | None
) -> list[Change]:
    action = warning.action_code
    if warning.is_cancel:
        if previous is None:
            return []
        return [Change("cancel", wtype, previous, None, warning, f"HKO {action} {warning.code}")]
    if previous is None:
        reason = "issued by HKO" if action == "ISSUE" else f"in force ({action}) but not active here"
        return [Change("issue", wtype, warning.code, None, warning, reason)]
    if previous != warning.code:
        return [
            Change("cancel", wtype, previous, None, warning, f"replaced by {warning.code}"),
            Change("issue", wtype, warning.code, previous, warning, f"replaces {previous} ({action})"),
        ]
    if action == "ISSUE":
        return []
    if (
        handled_update is not None
        and warning.update_time is not None
        and warning.update_time <= handled_update
    ):
        return []
    kind = {"REISSUE": "reissue", "EXTEND": "extend", "UPDATE": "update"}[action]
    return [Change(kind, wtype, warning.code, None, warning, f"HKO {action} of the active {warning.code}")]


def _check_active(active: Mapping[str, str]) -> None:
    if not isinstance(active, Mapping):
        raise WarnsumError(f"active must be a mapping of warning type to code, got {type(active).__name__}")
    for wtype, code in active.items():
        if not isinstance(wtype, str) or not isinstance(code, str):
            raise WarnsumError(f"active must map text to text, got {wtype!r}: {code!r}")


def apply_changes(active: Mapping[str, str], changes: Sequence[Change]) -> dict[str, str]:
    """Return the ``{warning_type: code}`` state after applying ``changes`` (as the app will)."""
    state = dict(active)
    for change in changes:
        if change.deactivates and state.get(change.warning_type) == change.code:
            del state[change.warning_type]
        elif change.activates:
            state[change.warning_type] = change.code
    return state
