"""Sign-in throttling, two-factor for cleared roles, API tokens, Argon2."""

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.accounts.models import ApiToken
from beatbook.audit.models import AuditEntry
from beatbook.testing import factories as f


def test_argon2_is_the_password_hasher_in_production_settings():
    from beatbook.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


@pytest.mark.django_db
def test_repeated_failed_logins_lock_the_account():
    user = f.make_user("officer")
    client = Client()
    url = reverse("accounts:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": user.username, "password": "wrong-password"})
    locked = client.post(url, {"username": user.username, "password": "pw-test-123456"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login_failed").count() >= settings.AXES_FAILURE_LIMIT


@pytest.mark.django_db
def test_good_login_works_and_is_audited():
    user = f.make_user("officer")
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "pw-test-123456"}
    )
    assert response.status_code == 302
    assert AuditEntry.objects.filter(action="login", username=user.username).exists()


@pytest.mark.django_db
def test_proxy_count_decides_which_address_is_throttled():
    """Behind N proxies the N-th address from the right of X-Forwarded-For is the client."""
    from axes.helpers import get_client_ip_address
    from django.test import RequestFactory

    # The client forged "6.6.6.6"; our one proxy appended the real address 8.8.4.4.
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 8.8.4.4", REMOTE_ADDR="10.0.0.1")
    with override_settings(BEATBOOK_PROXY_COUNT=0):
        assert get_client_ip_address(request) == "10.0.0.1"  # no proxy: the header is ignored
    with override_settings(BEATBOOK_PROXY_COUNT=1):
        assert get_client_ip_address(request) == "8.8.4.4"
    with override_settings(BEATBOOK_PROXY_COUNT=2):
        assert get_client_ip_address(request) == "6.6.6.6"


@pytest.mark.django_db
@override_settings(BEATBOOK_REQUIRE_2FA=True)
def test_cleared_user_must_complete_totp_before_seeing_anything():
    user = f.make_user("commander", clearance=True)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.username, "password": "pw-test-123456"})
    response = client.get("/plan/")
    assert response.status_code == 302 and "/accounts/two-factor/verify/" in response["Location"]
    bad = client.post(reverse("accounts:otp_verify"), {"token": "000000"})
    assert bad.status_code == 200 and bad.context["form"].errors["token"]
    # django-otp throttles guesses after a failure; a real user waits, the test resets the throttle.
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    device.throttle_reset()
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    ok = client.post(reverse("accounts:otp_verify") + "?next=/plan/", {"token": f"{code:06d}"})
    assert ok.status_code == 302 and ok["Location"] == "/plan/"
    assert client.get("/plan/").status_code == 200


@pytest.mark.django_db
@override_settings(BEATBOOK_REQUIRE_2FA=True)
def test_unverified_session_gets_no_restricted_data_from_the_api():
    user = f.make_user("commander", clearance=True)
    secret = f.make_activity(handling_code="restricted")
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.username, "password": "pw-test-123456"})
    ids = [r["id"] for r in client.get("/api/v1/plan/activities/").json()["results"]]
    assert secret.pk not in ids


@pytest.mark.django_db
@override_settings(BEATBOOK_REQUIRE_2FA=True)
def test_user_without_clearance_needs_no_totp():
    user = f.make_user("officer")
    client = Client()
    client.post(reverse("accounts:login"), {"username": user.username, "password": "pw-test-123456"})
    assert client.get("/plan/").status_code == 200


@pytest.mark.django_db
def test_token_create_use_and_revoke(capsys):
    user = f.make_user("analyst")
    call_command("token", "create", user.username)
    key = capsys.readouterr().out.strip()
    assert key.startswith("bb_")
    stored = ApiToken.objects.get(user=user)
    assert stored.key_hash != key and key not in stored.key_hash  # only a hash is stored
    client = Client()
    assert client.get("/api/v1/plan/activities/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 200
    assert client.get("/api/v1/plan/activities/", HTTP_AUTHORIZATION="Bearer bb_wrong").status_code == 401
    call_command("token", "revoke", stored.prefix)
    assert client.get("/api/v1/plan/activities/", HTTP_AUTHORIZATION=f"Bearer {key}").status_code == 401


@pytest.mark.django_db
def test_token_for_unknown_user_is_refused():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No user"):
        call_command("token", "create", "nobody-here")


@pytest.mark.django_db
def test_roles_exist_with_expected_permissions():
    from django.contrib.auth.models import Group

    from beatbook.accounts.roles import ROLES, sync_roles

    sync_roles()
    assert set(ROLES) <= set(Group.objects.values_list("name", flat=True))
    officer = f.make_user("officer")
    assert officer.has_perm("plan.add_activity") and not officer.has_perm("plan.delete_activity")
    auditor = f.make_user("auditor")
    assert auditor.has_perm("audit.export_auditentry") and not auditor.has_perm("plan.add_activity")
    partner = f.make_user("partner")
    assert not partner.has_perm("plan.view_objective")
