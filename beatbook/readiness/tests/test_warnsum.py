"""Tests for beatbook.readiness.warnsum: parsing, hostile payloads, and state diffs."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest

from beatbook.geo import shared_data_dir
from beatbook.readiness import warnsum
from beatbook.readiness.warnsum import (
    CODES_FILE,
    Change,
    HKOWarning,
    Warning,
    WarnsumError,
    apply_changes,
    diff_state,
    parse_warnsum,
    warning_codes,
)

HKT = dt.timezone(dt.timedelta(hours=8))


def entry(code: str, action: str = "ISSUE", **extra: str) -> dict[str, str]:
    return {
        "name": extra.pop("name", code),
        "code": code,
        "actionCode": action,
        "issueTime": extra.pop("issueTime", "2025-09-07T21:20:00+08:00"),
        "updateTime": extra.pop("updateTime", "2025-09-07T21:20:00+08:00"),
        **extra,
    }


def kinds(changes: list[Change]) -> list[tuple[str, str, str, str | None]]:
    return [(c.kind, c.warning_type, c.code, c.previous_code) for c in changes]


# --- code table ---------------------------------------------------------------------------------------


def test_warning_codes_are_the_shipped_copy_with_both_languages() -> None:
    assert CODES_FILE.read_bytes() == (shared_data_dir() / "hk" / "hko_warning_codes.csv").read_bytes()
    codes = warning_codes()
    assert len(codes) == 23
    assert codes["TC8SE"].warning_type == "WTCSGNL"
    assert codes["TC8SE"].name_zh == "八號東南烈風或暴風信號"
    assert codes["WRAINB"].name_en == "Black Rainstorm Warning Signal"
    assert codes["CANCEL"].warning_type == "WTCSGNL"
    assert all(c.name_en and c.name_zh for c in codes.values())


# --- parsing ------------------------------------------------------------------------------------------


def test_parse_the_shared_example() -> None:
    text = (shared_data_dir() / "hk" / "hko_warnsum_example.json").read_text(encoding="utf-8")
    warnings = parse_warnsum(text)
    assert [w.warning_type for w in warnings] == ["WTCSGNL", "WTS"]
    signal, thunder = warnings
    assert isinstance(signal, Warning) and Warning is HKOWarning
    assert (signal.code, signal.action_code, signal.known) == ("TC8SE", "ISSUE", True)
    assert signal.subtype == "No. 8 Southeast Gale or Storm Signal"
    assert signal.name == "Tropical Cyclone Warning Signal"
    assert signal.name_zh == "八號東南烈風或暴風信號"
    assert signal.issue_time == dt.datetime(2025, 9, 7, 21, 20, tzinfo=HKT)
    assert signal.expire_time is None
    assert thunder.action_code == "EXTEND"
    assert thunder.expire_time == dt.datetime(2025, 9, 8, 5, 0, tzinfo=HKT)
    assert thunder.update_time == dt.datetime(2025, 9, 7, 22, 30, tzinfo=HKT)
    assert parse_warnsum(text.encode("utf-8")) == warnings
    assert parse_warnsum(json.loads(text)) == warnings


@pytest.mark.parametrize("payload", [{}, "{}", b"{}", " {} \n"])
def test_empty_object_means_nothing_in_force(payload: object) -> None:
    assert parse_warnsum(payload) == []  # type: ignore[arg-type]


def test_unknown_codes_are_reported_not_fatal(caplog: pytest.LogCaptureFixture) -> None:
    payload = {"WXHEAT": entry("WXHEAT"), "WRAIN": entry("WRAINP")}
    with caplog.at_level(logging.WARNING, logger="beatbook.readiness.warnsum"):
        warnings = parse_warnsum(payload)
    assert [(w.warning_type, w.code, w.known, w.name_zh) for w in warnings] == [
        ("WRAIN", "WRAINP", False, None),
        ("WXHEAT", "WXHEAT", False, None),
    ]
    assert "WXHEAT" in caplog.text and "WRAINP" in caplog.text


def test_optional_fields_may_be_missing() -> None:
    (warning,) = parse_warnsum(
        {"WHOT": {"code": "WHOT", "actionCode": "ISSUE", "issueTime": "2025-07-01T06:45:00Z"}}
    )
    assert warning.name == "Hot Weather Warning"  # from the table when the feed omits it
    assert warning.update_time is None and warning.subtype is None
    assert warning.issue_time == dt.datetime(2025, 7, 1, 14, 45, tzinfo=HKT)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ("[]", "JSON object"),
        ("null", "JSON object"),
        ('"WRAIN"', "JSON object"),
        ("{", "not valid JSON"),
        ('{"WTS": NaN}', "not valid JSON"),
        ('{"WTS": {}, "WTS": {}}', "duplicate key"),
        ("[" * 20_000 + "]" * 20_000, "nested too deeply"),
        (b"\xff{}", "not UTF-8"),
        (42, "must be a dict, str or bytes"),
        ({"wrain": entry("WRAINA")}, "not an HKO type code"),
        ({"WRAIN": "WRAINA"}, "expected an object"),
        ({"WRAIN": [entry("WRAINA")]}, "expected an object"),
        ({"WRAIN": {**entry("WRAINA"), "code": None}}, "code: missing"),
        ({"WRAIN": {**entry("WRAINA"), "code": 7}}, "code: expected text"),
        ({"WRAIN": {**entry("WRAINA"), "code": "   "}}, "code: empty"),
        ({"WRAIN": {**entry("WRAINA"), "code": "<script>"}}, "not an HKO warning code"),
        ({"WRAIN": entry("WRAINA", action="ISSUED")}, "actionCode"),
        ({"WRAIN": {**entry("WRAINA"), "actionCode": None}}, "actionCode: missing"),
        ({"WRAIN": entry("WRAINA", issueTime="yesterday")}, "not an ISO 8601 time"),
        ({"WRAIN": entry("WRAINA", issueTime="2025-09-07T21:20:00")}, "no UTC offset"),
        ({"WRAIN": {**entry("WRAINA"), "issueTime": None}}, "issueTime: missing"),
        ({"WRAIN": entry("WRAINA", expireTime="2025-09-07T20:00:00+08:00")}, "before issueTime"),
        ({"WRAIN": entry("TC8SE")}, "is a WTCSGNL code, not a WRAIN code"),
        ({"WRAIN": entry("WRAINA", name="x" * 1000)}, "limit"),
    ],
)
def test_malformed_payloads_are_refused_clearly(payload: object, message: str) -> None:
    with pytest.raises(WarnsumError, match=message):
        parse_warnsum(payload)  # type: ignore[arg-type]


def test_size_and_entry_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    big = json.dumps({"WTS": entry("WTS", name="x" * 200)})
    monkeypatch.setattr(warnsum, "MAX_PAYLOAD_BYTES", 100)
    with pytest.raises(WarnsumError, match="limit|larger than"):
        parse_warnsum(big)
    with pytest.raises(WarnsumError, match="limit"):
        parse_warnsum(big.encode())
    monkeypatch.setattr(warnsum, "MAX_PAYLOAD_BYTES", 64 * 1024)
    monkeypatch.setattr(warnsum, "MAX_ENTRIES", 2)
    with pytest.raises(WarnsumError, match="3 entries"):
        parse_warnsum({"WTS": entry("WTS"), "WHOT": entry("WHOT"), "WL": entry("WL")})


# --- diff_state ---------------------------------------------------------------------------------------


def test_issue_from_nothing() -> None:
    changes = diff_state({}, parse_warnsum({"WRAIN": entry("WRAINA")}))
    assert kinds(changes) == [("issue", "WRAIN", "WRAINA", None)]
    assert changes[0].activates and not changes[0].deactivates
    assert changes[0].warning is not None and changes[0].warning.code == "WRAINA"


def test_same_snapshot_twice_changes_nothing() -> None:
    warnings = parse_warnsum({"WRAIN": entry("WRAINA"), "WTCSGNL": entry("TC3")})
    state = apply_changes({}, diff_state({}, warnings))
    assert state == {"WRAIN": "WRAINA", "WTCSGNL": "TC3"}
    assert diff_state(state, warnings) == []


def test_replacement_within_a_type_is_cancel_then_issue() -> None:
    warnings = parse_warnsum({"WTCSGNL": entry("TC8SE")})
    changes = diff_state({"WTCSGNL": "TC3"}, warnings)
    assert kinds(changes) == [("cancel", "WTCSGNL", "TC3", None), ("issue", "WTCSGNL", "TC8SE", "TC3")]
    assert [c.deactivates for c in changes] == [True, False]
    assert apply_changes({"WTCSGNL": "TC3"}, changes) == {"WTCSGNL": "TC8SE"}
    # Rain upgraded amber -> red by an UPDATE is a replacement too.
    rain = diff_state({"WRAIN": "WRAINA"}, parse_warnsum({"WRAIN": entry("WRAINR", action="UPDATE")}))
    assert kinds(rain) == [("cancel", "WRAIN", "WRAINA", None), ("issue", "WRAIN", "WRAINR", "WRAINA")]


def test_reissue_extend_update_of_the_active_code_do_not_activate_again() -> None:
    for action, kind in (("REISSUE", "reissue"), ("EXTEND", "extend"), ("UPDATE", "update")):
        (change,) = diff_state({"WTS": "WTS"}, parse_warnsum({"WTS": entry("WTS", action=action)}))
        assert (change.kind, change.activates, change.deactivates) == (kind, False, False)
        assert apply_changes({"WTS": "WTS"}, [change]) == {"WTS": "WTS"}


def test_last_update_suppresses_already_handled_refreshes() -> None:
    warnings = parse_warnsum({"WTS": entry("WTS", action="EXTEND", updateTime="2025-09-07T22:30:00+08:00")})
    handled = {"WTS": dt.datetime(2025, 9, 7, 22, 30, tzinfo=HKT)}
    assert diff_state({"WTS": "WTS"}, warnings, last_update=handled) == []
    earlier = {"WTS": dt.datetime(2025, 9, 7, 22, 0, tzinfo=HKT)}
    assert kinds(diff_state({"WTS": "WTS"}, warnings, last_update=earlier)) == [
        ("extend", "WTS", "WTS", None)
    ]


def test_warning_found_in_force_is_activated() -> None:
    """After a restart the feed may say EXTEND/REISSUE for a warning the app has not activated yet."""
    for action in ("REISSUE", "EXTEND", "UPDATE"):
        (change,) = diff_state({}, parse_warnsum({"WTS": entry("WTS", action=action)}))
        assert change.kind == "issue" and change.activates
        assert action in change.reason


def test_cancel() -> None:
    changes = diff_state({"WRAIN": "WRAINA"}, parse_warnsum({"WRAIN": entry("WRAINA", action="CANCEL")}))
    assert kinds(changes) == [("cancel", "WRAIN", "WRAINA", None)]
    assert apply_changes({"WRAIN": "WRAINA"}, changes) == {}
    # Cancelling something not active here is no change.
    assert diff_state({}, parse_warnsum({"WRAIN": entry("WRAINA", action="CANCEL")})) == []
    # HKO's "CANCEL" signal code stands down whichever tropical cyclone signal is active.
    all_signals = parse_warnsum({"WTCSGNL": entry("CANCEL", action="CANCEL")})
    assert kinds(diff_state({"WTCSGNL": "TC8NE"}, all_signals)) == [("cancel", "WTCSGNL", "TC8NE", None)]


def test_types_missing_from_a_full_snapshot_are_cancelled() -> None:
    active = {"WRAIN": "WRAINB", "WTCSGNL": "TC8SE", "WTS": "WTS"}
    changes = diff_state(active, parse_warnsum({"WTS": entry("WTS")}))
    assert kinds(changes) == [("cancel", "WRAIN", "WRAINB", None), ("cancel", "WTCSGNL", "TC8SE", None)]
    assert all(c.warning is None for c in changes)
    # {} = nothing in force: everything is stood down.
    assert apply_changes(active, diff_state(active, parse_warnsum({}))) == {}
    # A partial list (full_snapshot=False) cancels nothing by absence.
    assert diff_state(active, parse_warnsum({"WTS": entry("WTS")}), full_snapshot=False) == []


def test_diff_state_rejects_bad_input() -> None:
    (warning,) = parse_warnsum({"WTS": entry("WTS")})
    with pytest.raises(WarnsumError, match="twice"):
        diff_state({}, [warning, warning])
    with pytest.raises(WarnsumError, match="parsed warnings"):
        diff_state({}, [{"WTS": entry("WTS")}])  # type: ignore[list-item]
    with pytest.raises(WarnsumError, match="text to text"):
        diff_state({"WTS": None}, [])  # type: ignore[dict-item]
    with pytest.raises(WarnsumError, match="mapping"):
        diff_state(["WTS"], [])  # type: ignore[arg-type]


def test_a_storm_sequence() -> None:
    """Standby -> No. 3 with amber rain -> No. 8 SE with red rain -> all cancelled."""
    feeds = [
        {"WTCSGNL": entry("TC1")},
        {"WTCSGNL": entry("TC3"), "WRAIN": entry("WRAINA")},
        {"WTCSGNL": entry("TC8SE"), "WRAIN": entry("WRAINR", action="UPDATE")},
        {"WTCSGNL": entry("TC8SE", action="EXTEND"), "WRAIN": entry("WRAINR", action="EXTEND")},
        {"WTCSGNL": entry("CANCEL", action="CANCEL")},
        {},
    ]
    state: dict[str, str] = {}
    activated: list[str] = []
    for feed in feeds:
        changes = diff_state(state, parse_warnsum(feed))
        activated += [c.code for c in changes if c.activates]
        state = apply_changes(state, changes)
    # Within one snapshot, changes come in warning-type order (WRAIN before WTCSGNL).
    assert activated == ["TC1", "WRAINA", "TC3", "WRAINR", "TC8SE"]
    assert state == {}
