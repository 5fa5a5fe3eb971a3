"""The demo of the four apps: idempotent, all synthetic, 800+ youth members of whom about 400 are active
by the rule, and fast."""

import datetime as dt
import io
import time

import pytest

from beatbook.core.demo import DemoContext


@pytest.mark.django_db
def test_demo_loads_once_fast_and_synthetic():
    from beatbook.accounts import demo as accounts_demo
    from beatbook.bulletins import demo as bulletins_demo
    from beatbook.bulletins.models import Bulletin
    from beatbook.cctv import demo as cctv_demo
    from beatbook.cctv.models import CameraSite, FootageRequest
    from beatbook.community import demo as community_demo
    from beatbook.community.models import Attendance, Member, Session
    from beatbook.partners import demo as partners_demo
    from beatbook.partners.models import Organisation
    from beatbook.plan.loader import load_plan

    load_plan()
    ctx = DemoContext(stdout=io.StringIO(), today=dt.date(2025, 3, 1))
    accounts_demo.load(ctx)
    started = time.perf_counter()
    for module in (partners_demo, community_demo, bulletins_demo, cctv_demo):
        module.load(ctx)
    elapsed = time.perf_counter() - started
    assert elapsed < 40
    counts = [
        m.objects.count()
        for m in (Organisation, Member, Session, Attendance, Bulletin, CameraSite, FootageRequest)
    ]
    for module in (partners_demo, community_demo, bulletins_demo, cctv_demo):
        module.load(ctx)
    assert [
        m.objects.count()
        for m in (Organisation, Member, Session, Attendance, Bulletin, CameraSite, FootageRequest)
    ] == counts
    for model in (Member, Session, Attendance, Bulletin, CameraSite, FootageRequest):
        assert not model.objects.filter(is_synthetic=False).exists(), model
    youth = Member.objects.filter(programme__code="PG-YOUTH")
    as_of = dt.date(2024, 12, 31)
    assert youth.enrolled(as_of).count() > 800
    assert 360 <= youth.active(as_of).count() <= 440
