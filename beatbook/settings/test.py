"""Test settings: fast hashing, in-process tasks, no 2FA unless a test turns it on."""

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # speed only; never in production
HUEY = {**HUEY, "immediate": True, "huey_class": "huey.MemoryHuey", "connection": {}}  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
BEATBOOK_REQUIRE_2FA = False
AXES_ENABLED = True
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
