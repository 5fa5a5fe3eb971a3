"""Beatbook settings, read from the environment (see the README's configuration table).

The embedded default needs nothing: SQLite under ``BEATBOOK_DATA_DIR`` and an in-process task queue.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent


def env_bool(name: str, default: bool = False) -> bool:
    """Read a boolean environment variable ("1", "true", "yes", "on" are true)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("BEATBOOK_DATA_DIR", REPO_DIR / "data"))
DATA_DIR.mkdir(parents=True, exist_ok=True)
SHARED_DATA_DIR = Path(os.environ.get("BEATBOOK_SHARED_DATA", REPO_DIR.parent / "shared" / "data"))

# The embedded default is a development server on one laptop; production.py refuses this key.
SECRET_KEY = os.environ.get("SECRET_KEY", "insecure-embedded-default-key-change-me-0123456789abcdef")
DEBUG = env_bool("DEBUG", True)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "django_filters",
    "django_tables2",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "huey.contrib.djhuey",
    # Beatbook apps: core first (base models, templates), then one app per domain.
    "beatbook.core",
    "beatbook.audit",
    "beatbook.accounts",
    "beatbook.org",
    "beatbook.plan",
    "beatbook.partners",
]
# Domain apps present in this checkout (each is optional so the foundation stands alone; a deployment
# may leave some out with BEATBOOK_DISABLED_APPS=roads,events).
_DISABLED = set(env_list("BEATBOOK_DISABLED_APPS"))
for _app in (
    "incidents",
    "hotspots",
    "scams",
    "community",
    "bulletins",
    "cctv",
    "roads",
    "events",
    "readiness",
    "operations",
    "people",
    "projects",
):
    if (PACKAGE_DIR / _app / "apps.py").exists() and _app not in _DISABLED:
        INSTALLED_APPS.append(f"beatbook.{_app}")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "beatbook.core.middleware.RequestIdMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "beatbook.core.middleware.DefaultLanguageLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "beatbook.core.middleware.AuditContextMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "beatbook.accounts.middleware.RequireTwoFactorMiddleware",
    # Axes last, as its documentation requires.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "beatbook.urls"
WSGI_APPLICATION = "beatbook.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "beatbook.core.context_processors.beatbook",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'beatbook.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while a worker or import writes.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            # Claim the write lock when a transaction starts, so concurrent writers wait instead of failing.
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock a username+IP pair after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/lockout.html"
# BEATBOOK_PROXY_COUNT = how many reverse proxies stand in front of Beatbook (0 = none). With none, only
# REMOTE_ADDR is trusted, so a client cannot dodge the lock by forging X-Forwarded-For. With N proxies,
# the client is the N-th address from the right of X-Forwarded-For (the part our proxies appended);
# Axes and DRF throttling both use beatbook.core.clientip (DRF's NUM_PROXIES rule).
BEATBOOK_PROXY_COUNT = int(os.environ.get("BEATBOOK_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "beatbook.core.clientip.client_ip"

# Roles that can see restricted data must use TOTP (see accounts.middleware).
BEATBOOK_REQUIRE_2FA = env_bool("BEATBOOK_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "Beatbook"

LANGUAGE_CODE = "zh-hant"
LANGUAGES = [("zh-hant", "繁體中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Hong_Kong")
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "beatbook"}}

# Background tasks: Huey. With REDIS_URL (deployment) tasks go to Redis and run in `beatbook run_huey`
# workers; in the embedded default they run in-process right after the transaction commits.
HUEY = {
    "name": "beatbook",
    "immediate": not REDIS_URL or env_bool("BEATBOOK_TASKS_IMMEDIATE", False),
    "connection": {"url": REDIS_URL} if REDIS_URL else {},
    "huey_class": "huey.RedisHuey" if REDIS_URL else "huey.MemoryHuey",
    "consumer": {"workers": int(os.environ.get("BEATBOOK_WORKER_THREADS", "2")), "worker_type": "thread"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "beatbook.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["beatbook.core.api.permissions.ModelPermissions"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "beatbook.core.api.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {
        "public_check": os.environ.get("BEATBOOK_PUBLIC_CHECK_RATE", "60/min"),
        "anon": "120/min",
    },
    "NUM_PROXIES": BEATBOOK_PROXY_COUNT,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Beatbook API",
    "DESCRIPTION": "District action plan, hotspot policing, anti-fraud, community and public safety.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI served from the installed sidecar package: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {"PartnerKindEnum": "beatbook.partners.models.Organisation.Kind"},
}
DJANGO_TABLES2_TEMPLATE = "core/table.html"

BEATBOOK_TILE_URL = os.environ.get("BEATBOOK_TILE_URL", "")
BEATBOOK_TILE_ATTRIBUTION = os.environ.get("BEATBOOK_TILE_ATTRIBUTION", "")
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "beatbook@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# drf-spectacular's W001 only concerns the *names* it gives to enum components that several serializers
# share (the schema is correct either way); it runs its schema check under production settings only.
SILENCED_SYSTEM_CHECKS = ["drf_spectacular.W001"]
