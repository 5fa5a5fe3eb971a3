"""Demo: a synthetic year of public events in Mong Kok with risk assessments, posts and reviews."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from beatbook.org.models import Unit
from beatbook.plan.models import Objective, Plan

from .models import DeploymentPost, EventReview, PublicEvent

ORDER = 86

EVENTS = [
    # (kind, title, venue, lat, lon, month, day, hour, hours, attendance, density, history, weather, L, I, objective)
    (
        "festive",
        "除夕倒數 New Year countdown, Sai Yeung Choi Street South",
        "Sai Yeung Choi Street South",
        22.3185,
        114.1708,
        1,
        1,
        22,
        4,
        30000,
        5,
        True,
        False,
        4,
        4,
        "AP-SAFETY-EVENTS-3",
    ),
    (
        "festive",
        "農曆新年花市 Lunar New Year fair crowd management",
        "Mong Kok Road / Fa Yuen Street",
        22.3225,
        114.1717,
        2,
        9,
        18,
        8,
        20000,
        4,
        False,
        False,
        3,
        3,
        "AP-SAFETY-EVENTS-3",
    ),
    (
        "sports",
        "旺角大球場足球賽 Football match, Mong Kok Stadium",
        "Mong Kok Stadium",
        22.3216,
        114.1739,
        3,
        16,
        19,
        3,
        6000,
        3,
        True,
        False,
        3,
        3,
        "AP-SAFETY-EVENTS-3",
    ),
    (
        "public_meeting",
        "公眾集會 Public meeting, Mong Kok Road",
        "Mong Kok Road",
        22.3200,
        114.1700,
        4,
        20,
        14,
        3,
        800,
        2,
        False,
        False,
        2,
        3,
        "AP-SAFETY-ORDER-3",
    ),
    (
        "procession",
        "公眾遊行 Public procession to Yau Ma Tei",
        "Nathan Road",
        22.3160,
        114.1701,
        5,
        18,
        15,
        3,
        1500,
        3,
        True,
        True,
        4,
        3,
        "AP-SAFETY-ORDER-3",
    ),
    (
        "entertainment",
        "街頭音樂節 Street music festival",
        "Olympian City",
        22.3175,
        114.1605,
        7,
        13,
        17,
        6,
        5000,
        3,
        False,
        True,
        3,
        2,
        "AP-SAFETY-EVENTS-3",
    ),
    (
        "sports",
        "旺角大球場足球賽 Football match (return leg)",
        "Mong Kok Stadium",
        22.3216,
        114.1739,
        9,
        21,
        19,
        3,
        7000,
        3,
        True,
        False,
        3,
        3,
        "AP-SAFETY-EVENTS-3",
    ),
    (
        "festive",
        "中秋綵燈 Mid-Autumn lantern gathering",
        "Macpherson Playground",
        22.3176,
        114.1696,
        9,
        17,
        19,
        4,
        8000,
        4,
        False,
        False,
        3,
        3,
        "AP-SAFETY-EVENTS-3",
    ),
    (
        "festive",
        "除夕倒數 New Year countdown, Sai Yeung Choi Street South",
        "Sai Yeung Choi Street South",
        22.3185,
        114.1708,
        12,
        31,
        22,
        4,
        32000,
        5,
        True,
        False,
        4,
        4,
        "AP-SAFETY-EVENTS-3",
    ),
]
LESSONS = {
    "festive": "人流管制區應提早一小時設立；增設出口指示。 Set up crowd-control pens an hour earlier; add exit signage.",
    "sports": "散場時港鐵站入口擠塞，需與港鐵協調分流。 Coordinate with MTR to stagger dispersal at the station.",
    "public_meeting": "與組織者的聯絡人應全程在場。 Keep the organiser's liaison officer on site throughout.",
    "procession": "路線轉角位需增派人手。 Reinforce the route's corners.",
    "entertainment": "雨天時需預備替代疏散路線。 Prepare alternative dispersal routes for rain.",
}


def load(ctx) -> None:
    if PublicEvent.objects.filter(is_synthetic=True).exists():
        return
    objectives = {o.code: o for o in Objective.objects.filter(code__regex=r"^AP-SAFETY-(EVENTS|ORDER)")}
    units = list(Unit.objects.all()[:6])
    if not objectives or not units:
        ctx.say("  events: plan or units missing; skipping")
        return
    year = _plan_year(ctx)
    now = timezone.now()
    tz = timezone.get_current_timezone()
    events, posts, reviews = [], [], []
    for (
        kind,
        title,
        venue,
        lat,
        lon,
        month,
        day,
        hour,
        hours,
        attendance,
        density,
        history,
        weather,
        li,
        im,
        code,
    ) in EVENTS:
        starts = dt.datetime(year, month, day, hour, tzinfo=tz)
        event = PublicEvent(
            objective=objectives.get(code) or next(iter(objectives.values())),
            title=title,
            kind=kind,
            status="held" if starts + dt.timedelta(hours=hours) < now else "approved",
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            venue=venue,
            lat=lat,
            lon=lon,
            organiser="示範主辦機構 Demo organiser",
            organiser_contact="+852 0000 0000 (synthetic)",
            venue_liaison="場地經理 Venue manager (synthetic)",
            expected_attendance=attendance,
            crowd_density=density,
            history_of_disorder=history,
            adverse_weather=weather,
            likelihood=li,
            impact=im,
            commander="Superintendent (synthetic)",
            command_post=f"{venue} forward command post",
            media_liaison="PPRB liaison (synthetic)",
            media_arrangements="Designated media area beside the command post.",
            risk_notes="示範資料（合成） Synthetic demo record.",
            is_synthetic=True,
        )
        events.append(event)
    PublicEvent.objects.bulk_create(events)
    for i, event in enumerate(events):
        for j, post in enumerate(("Crowd control pen A", "Crowd control pen B", "MTR exit", "Reserve")):
            posts.append(
                DeploymentPost(
                    event=event,
                    unit=units[(i + j) % len(units)],
                    post=post,
                    officers=4 + 2 * j,
                    starts_at=event.starts_at - dt.timedelta(hours=1),
                    ends_at=event.ends_at + dt.timedelta(hours=1),
                    reports_to=event.commander,
                    is_synthetic=True,
                )
            )
        # Most held events are reviewed; one is left for the demo user to review.
        if event.status == "held" and i != 3:
            reviews.append(
                EventReview(
                    event=event,
                    date=(event.ends_at + dt.timedelta(days=3)).date(),
                    actual_attendance=int(event.expected_attendance * ctx.rng.uniform(0.7, 1.2)),
                    incidents=ctx.rng.randint(0, 4),
                    arrests=ctx.rng.randint(0, 2),
                    went_well="Liaison with the organiser worked well.",
                    lessons=LESSONS[event.kind],
                    is_synthetic=True,
                )
            )
    DeploymentPost.objects.bulk_create(posts)
    EventReview.objects.bulk_create(reviews)
    ctx.say(f"  events: {len(events)} synthetic public events, {len(posts)} posts, {len(reviews)} reviews")


def _plan_year(ctx) -> int:
    """The loaded plan's year (the demo fills that year), else this year."""
    plan = Plan.objects.order_by("-year").first()
    return plan.year if plan else ctx.today.year
