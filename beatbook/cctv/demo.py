"""Demo: registered camera sites along Mong Kok's streets, footage requests (most answered in time, a
few still open near their overwrite date), and building security surveys. Everything synthetic."""

from __future__ import annotations

import datetime as dt
import random

from django.utils import timezone

from beatbook.audit import recorder
from beatbook.audit.models import AuditAction
from beatbook.partners.models import Organisation
from beatbook.plan.models import Objective

from .models import SURVEY_ITEMS, BuildingSurvey, CameraSite, FootageRequest, SharingTier

ORDER = 80

STREETS = [
    "彌敦道 Nathan Road",
    "亞皆老街 Argyle Street",
    "西洋菜南街 Sai Yeung Choi St South",
    "通菜街 Tung Choi Street",
    "花園街 Fa Yuen Street",
    "山東街 Shantung Street",
    "奶路臣街 Nelson Street",
    "砵蘭街 Portland Street",
    "上海街 Shanghai Street",
    "彌敦道 Nathan Road (north)",
]
BUILDING = ["大廈", "商業中心", "樓", "中心", "閣"]


def load(ctx) -> None:
    if CameraSite.objects.filter(is_synthetic=True).exists():
        return
    # Own seeded generator: the figures do not depend on which other apps' demos ran first.
    rng = random.Random(f"{ctx.seed}-cctv")
    objective = Objective.objects.filter(code="MP-COMMUNITY-3").first()
    managers = list(
        Organisation.objects.filter(kind__in=["building_management", "owners_corporation", "mall", "hotel"])
    )
    sites = []
    for n in range(110):
        org = managers[n] if n < len(managers) and n % 2 == 0 else None
        lat = org.latitude if org and org.latitude else round(rng.uniform(22.3125, 22.3255), 6)
        lon = org.longitude if org and org.longitude else round(rng.uniform(114.1655, 114.1735), 6)
        street = rng.choice(STREETS)
        sites.append(
            CameraSite(
                building=f"{street.split()[0]}{n + 1}號{rng.choice(BUILDING)}（合成）",
                address=f"{rng.randint(1, 700)} {street}",
                organisation=org,
                contact_name=f"管理處主任{n}（合成）",
                contact_phone=f"2{rng.randrange(10**7):07d}",
                latitude=lat,
                longitude=lon,
                field_of_view=f"{street}，行人路及入口 pavement and entrance",
                bearing=rng.randrange(360),
                cameras=rng.choice([1, 2, 2, 3, 4, 4, 6, 8]),
                retention_days=rng.choice([7, 14, 14, 30, 31]),
                sharing_tier=rng.choices(
                    [SharingTier.REGISTERED, SharingTier.ON_REQUEST, SharingTier.LIVE], weights=[20, 70, 10]
                )[0],
                consent_date=dt.date(2021, 6, 1) + dt.timedelta(days=rng.randrange(1200)),
                objective=objective,
                notes="示範資料（合成） synthetic",
                is_synthetic=True,
            )
        )
    CameraSite.objects.bulk_create(sites)
    all_sites = len(sites)
    sites = [
        s for s in CameraSite.objects.filter(is_synthetic=True) if s.sharing_tier != SharingTier.REGISTERED
    ]
    now = timezone.now()
    start = timezone.make_aware(dt.datetime(2024, 1, 3, 21, 0))
    span = (now - start).total_seconds()
    requests = []
    for n in range(160):
        site = rng.choice(sites)
        incident = start + dt.timedelta(seconds=rng.uniform(0, span))
        if n >= 152:  # a few recent ones, still open: some within two days of being overwritten
            incident = now - dt.timedelta(days=site.retention_days - rng.uniform(0.5, 5))
        requested = incident + dt.timedelta(hours=rng.uniform(2, 48))
        if requested > now:
            requested = now - dt.timedelta(hours=1)
        overwrite = incident + dt.timedelta(days=site.retention_days)
        status, ack, answered, reason = "requested", None, None, ""
        if n < 152:
            ack = requested + dt.timedelta(hours=rng.uniform(1, 24))
            late = rng.random() < 0.12
            answered = (
                overwrite + dt.timedelta(days=rng.uniform(0.5, 3))
                if late
                else ack
                + dt.timedelta(hours=rng.uniform(2, max(3.0, (overwrite - ack).total_seconds() / 3600 - 1)))
            )
            status = "refused" if rng.random() < 0.1 else "received"
            reason = "錄影已被覆蓋 Recording already overwritten" if status == "refused" else ""
            if answered > now:
                status, answered = "acknowledged", None
        requests.append(
            FootageRequest(
                site=site,
                incident_reference=f"MK RN {24 + (incident.year - 2024):02d}{n + 1:06d}",
                incident_time=incident,
                requested_at=requested,
                status=status,
                acknowledged_at=ack,
                answered_at=answered,
                refusal_reason=reason,
                notes="示範資料（合成） synthetic",
                is_synthetic=True,
            )
        )
    FootageRequest.objects.bulk_create(requests)
    surveys = []
    for _n, org in enumerate(
        Organisation.objects.filter(kind__in=["building_management", "owners_corporation"])[:30]
    ):
        checklist = {key: rng.choices(["yes", "no", "na"], weights=[65, 30, 5])[0] for key in SURVEY_ITEMS}
        surveys.append(
            BuildingSurvey(
                building=org.name_zh.replace("管理處", "").replace("業主立案法團", "大廈"),
                address=org.address,
                organisation=org,
                surveyed_on=dt.date(2024, 1, 15) + dt.timedelta(days=rng.randrange(600)),
                checklist=checklist,
                objective=objective,
                recommendations="建議加裝後樓梯閉路電視 Add a camera covering the rear staircase."
                if checklist["cctv_lobby"] == "no"
                else "維持現有措施 Keep current measures.",
                is_synthetic=True,
            )
        )
    BuildingSurvey.objects.bulk_create(surveys)
    counts = {"sites": all_sites, "footage_requests": len(requests), "surveys": len(surveys)}
    recorder.record(
        AuditAction.IMPORT, model="cctv.camerasite", object_repr="demo: synthetic CCTV registry", after=counts
    )
    ctx.say(f"  cctv: {counts}")
