"""One demo user per role. Users with clearance get a TOTP device whose code `beatbook totp` prints."""

from django.contrib.auth.models import Group
from django_otp.plugins.otp_totp.models import TOTPDevice

from beatbook.org.models import Unit

from .models import User
from .roles import sync_roles

ORDER = 30
DEMO_PASSWORD = "beatbook-demo-2024"
USERS = [
    # role, username, clearance, unit scope
    ("commander", "commander", True, None),
    ("analyst", "analyst", True, None),
    ("officer", "officer", False, None),
    ("liaison", "liaison", False, None),
    ("partner", "partner", False, None),
    ("auditor", "auditor", True, None),
    ("admin", "admin", True, None),
]


def load(ctx) -> None:
    sync_roles()
    for role, username, clearance, scope in USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=DEMO_PASSWORD, email=f"{username}@example.org"
            )
        user.first_name = f"Demo {role}"
        user.has_clearance = clearance
        user.is_staff = role == "admin"
        user.is_superuser = role == "admin"
        user.save()
        user.groups.set([Group.objects.get(name=role)])
        if scope:
            user.units.set(Unit.objects.filter(code__in=scope))
        if clearance and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        ctx.logins.append((role, username, DEMO_PASSWORD))
    ctx.notes.append(
        "Users with restricted clearance (commander, analyst, auditor, admin) need a TOTP code after the password:\n"
        "  .venv/bin/beatbook totp commander   (prints the current code of the demo authenticator)"
    )
