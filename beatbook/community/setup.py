"""Set up one ``Programme`` per plan area of kind "programme", from the plan file's facts.

Facts decide the settings: a ``referral_source`` fact turns on referrals from that source;
``training_kind`` / ``activity_kind`` facts list the session kinds; ``member_kind`` facts (regular,
auxiliary, civilian) make it a staff-ambassador programme. Existing settings are never overwritten,
so a programme's own rule (N sessions in M months) survives reloading the plan.
"""

from __future__ import annotations

from beatbook.plan.models import Area

from .models import Programme, SessionKind

# Default membership rules per programme (the district may change them on the programme page).
DEFAULT_RULES = {
    "PG-YOUTH": (3, 12),
    "PG-EMWOMEN": (2, 6),
    "PG-ZYH": (1, 12),
    "PG-AMBASSADOR": (2, 12),
}
DEFAULT_LANGUAGES = {
    "PG-YOUTH": "zh-hant, en",
    "PG-EMWOMEN": "en, ur, ne, hi, tl, zh-hant",
    "PG-ZYH": "zh-hant, zh-hans, en",
    "PG-AMBASSADOR": "zh-hant, en",
}
FACT_KIND = {
    "crime_prevention_talk": SessionKind.CRIME_PREVENTION_TALK,
    "homework_class": SessionKind.HOMEWORK_CLASS,
    "interest_group": SessionKind.INTEREST_GROUP,
    "community_activity": SessionKind.COMMUNITY_ACTIVITY,
    "physical_training": SessionKind.PHYSICAL_TRAINING,
    "interview_workshop": SessionKind.INTERVIEW_WORKSHOP,
    "mock_case_handling": SessionKind.MOCK_CASE,
}


def settings_from_facts(area: Area) -> dict:
    """Programme settings derived from the area's facts (see module docstring)."""
    facts = area.facts or []
    kinds = [
        FACT_KIND[f["value"]]
        for f in facts
        if f.get("key") in ("training_kind", "activity_kind") and f.get("value") in FACT_KIND
    ]
    sources = [str(f["value"]) for f in facts if f.get("key") == "referral_source"]
    staff = any(f.get("key") == "member_kind" for f in facts)
    if area.code == "PG-ZYH":
        kinds = kinds or [SessionKind.ANTI_FRAUD_TALK]
    if staff:
        kinds = kinds or [SessionKind.COMMUNITY_ACTIVITY]
    n, m = DEFAULT_RULES.get(area.code, (2, 6))
    return {
        "member_kind": Programme.MemberKind.STAFF if staff else Programme.MemberKind.PUBLIC,
        "active_min_sessions": n,
        "active_window_months": m,
        "accepts_applications": not staff,
        "accepts_referrals": bool(sources),
        "referral_sources": ", ".join(sources),
        "session_kinds": ", ".join(str(k) for k in kinds),
        "languages": DEFAULT_LANGUAGES.get(area.code, "zh-hant, en"),
    }


def ensure_programmes() -> list[tuple[Programme, bool]]:
    """Create missing programmes for the plan's programme areas; returns (programme, created)."""
    result = []
    for area in Area.objects.filter(kind=Area.Kind.PROGRAMME, retired=False).order_by("order"):
        programme = Programme.objects.filter(area=area).first()
        created = programme is None
        if created:
            programme = Programme.objects.create(area=area, code=area.code, **settings_from_facts(area))
        result.append((programme, created))
    return result
