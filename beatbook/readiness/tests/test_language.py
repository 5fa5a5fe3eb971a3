"""The road-safety, events and readiness pages speak Traditional Chinese by default and English on request."""

import pytest
from django.urls import reverse

from beatbook.testing import factories as f
from beatbook.testing import factories_events as fe
from beatbook.testing.generic import signed_in


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "zh", "en"),
    [
        ("readiness:dashboard", "生效中的計劃", "Plans in effect"),
        ("roads:summary", "道路安全摘要", "Road safety summary"),
        ("events:publicevent_list", "公眾活動", "Public events"),
    ],
)
def test_pages_in_both_languages(url, zh, en):
    user = f.make_user("commander")
    fe.make_event()
    client = signed_in(user)
    assert zh in client.get(reverse(url)).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert en in client.get(reverse(url)).content.decode()
