"""``beatbook totp USERNAME``: print the current code of a demo user's authenticator (DEBUG only)."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Demo helper: print the current TOTP code of a user's confirmed device. Refused unless DEBUG."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Refused: this demo helper only works with DEBUG on.")
        device = TOTPDevice.objects.filter(user__username=options["username"], confirmed=True).first()
        if device is None:
            raise CommandError("That user has no confirmed authenticator.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift)
        self.stdout.write(
            f"{code:0{device.digits}d}  (valid about {device.step - int(time.time()) % device.step}s)"
        )
