import time
from io import StringIO

import pytest

from beatbook.core.demo import DemoContext
from beatbook.testing import factories as f

from .. import demo, services
from ..models import Indicator, Report


@pytest.mark.django_db
def test_demo_is_fast_idempotent_and_synthetic():
    user = f.make_user("partner", username="partner")
    ctx = DemoContext(stdout=StringIO())
    started = time.perf_counter()
    demo.load(ctx)
    assert time.perf_counter() - started < 40
    count = Indicator.objects.count()
    assert count > 2000
    assert not Indicator.objects.filter(is_synthetic=False).exists()
    assert Report.objects.filter(status="new").exists() and Report.objects.filter(status="confirmed").exists()
    demo.load(DemoContext(stdout=StringIO()))
    assert Indicator.objects.count() == count
    user.refresh_from_db()
    assert user.partner.name_en == "Bank of China (Hong Kong) Limited" and not user.partner.is_synthetic
    confirmed = Indicator.objects.filter(status="confirmed").first()
    assert services.check(confirmed.normalized, confirmed.type, count=False)["level"] == "high_risk"


@pytest.mark.django_db
def test_plan_computations_count_visible_records():
    import datetime as dt

    from beatbook.plan.computations import REGISTRY
    from beatbook.testing import factories_scams as fs

    from ..models import LookupCounter

    today = dt.date.today()
    LookupCounter.objects.create(type="phone", normalized="+85291234567", day=today, count=7)
    org = fs.make_org(kind="hotel")
    report = services.create_report(value="+852 5111 2222", channel="partner", organisation=org)
    services.confirm_report(report, f.make_user("officer"))
    indicator = f.make_indicator(computation="scams.lookups")
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    assert REGISTRY["scams.lookups"].func(indicator, {}, start, end, None).value == 7
    assert REGISTRY["scams.partners_active"].func(indicator, {}, start, end, None).value == 1
    result = REGISTRY["scams.reports_confirmed"].func(indicator, {}, start, end, None)
    assert result.value == 1 and "status=confirmed" in result.records_url
