"""Traditional Chinese by default, English by choice; Accept-Language does not override the default."""

import pytest
from django.test import Client

from beatbook.testing import factories as f


@pytest.mark.django_db
def test_default_is_traditional_chinese_even_for_english_browsers():
    response = Client().get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert 'lang="zh-Hant-HK"' in body
    assert "登入" in body


@pytest.mark.django_db
def test_switching_to_english_sticks():
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    assert response.status_code == 302
    body = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in body and "Sign in" in body


@pytest.mark.django_db
def test_plan_content_follows_the_language():
    from beatbook.plan.loader import load_plan

    load_plan()
    client = Client()
    client.force_login(f.make_user("commander"))
    zh = client.get("/plan/objectives/AP-FRAUD-1/").content.decode()
    assert "詐騙" in zh
    client.cookies["django_language"] = "en"
    en = client.get("/plan/objectives/AP-FRAUD-1/").content.decode()
    assert "fraud" in en.lower()


@pytest.mark.django_db
def test_times_are_hong_kong_time():
    from django.conf import settings

    assert settings.TIME_ZONE == "Asia/Hong_Kong" and settings.USE_TZ


def test_every_catalogue_is_fully_translated():
    """Each app's zh_Hant catalogue translates every message (run makemessages, then translate)."""
    from pathlib import Path

    import polib

    root = Path(__file__).resolve().parents[2]
    catalogues = sorted(root.rglob("locale/zh_Hant/LC_MESSAGES/django.po"))
    assert len(catalogues) >= 5
    problems = []
    for path in catalogues:
        po = polib.pofile(str(path))
        problems += [f"{path.relative_to(root)}: {e.msgid[:60]!r}" for e in po.untranslated_entries()]
        problems += [f"{path.relative_to(root)}: fuzzy {e.msgid[:60]!r}" for e in po.fuzzy_entries()]
    assert not problems, "\n".join(problems[:30])
