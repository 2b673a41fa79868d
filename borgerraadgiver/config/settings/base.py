"""Settings shared by every environment. Everything that differs comes from the environment."""

import datetime
import importlib.util
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

from borgerraadgiver.config.settings import api as api_settings
from borgerraadgiver.config.settings import log_config, templates_config

PACKAGE_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = PACKAGE_DIR.parent


def _package_dir(name: str) -> Path:
    """Where an installed package lives, found without importing it."""
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.origin is not None, name
    return Path(spec.origin).parent


env = environ.Env()
env_file = PROJECT_DIR / ".env"
if env_file.exists():
    environ.Env.read_env(str(env_file))

DATA_DIR = Path(env("BORGERRAADGIVER_DATA_DIR", default=str(PROJECT_DIR / "data")))

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # DRF is used as a library, not as an app: the API answers JSON only, so DRF's templates
    # (its browsable pages) and template tags are not needed, and leaving the app out keeps
    # every `check` from importing them (a sixth of its time). Its translations are in
    # LOCALE_PATHS below.
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "borgerraadgiver.core",
    "borgerraadgiver.accounts",
    "borgerraadgiver.organisation",
    "borgerraadgiver.inquiries",
    "borgerraadgiver.audit",
    "borgerraadgiver.jobs",
    "borgerraadgiver.forwarding",
    "borgerraadgiver.advisor",
    "borgerraadgiver.portal",
    "borgerraadgiver.activities",
    "borgerraadgiver.recommendations",
    "borgerraadgiver.reports",
    "borgerraadgiver.report_content",
    "borgerraadgiver.intake",
    "borgerraadgiver.letters",
    "borgerraadgiver.feedback",
    "borgerraadgiver.imports",
    "borgerraadgiver.api",
    "borgerraadgiver.administration",
    "borgerraadgiver.privacy",
    "borgerraadgiver.operations",
    "borgerraadgiver.demo",
]

MIDDLEWARE = [
    # First: one JSON log line per request, with its id and duration (docs/deployment.md).
    "borgerraadgiver.operations.logs.RequestLogMiddleware",
    # Second: /health/ is answered here, before sessions, CSRF, login and the rest, which it
    # does not need (a load balancer asks it many times a second).
    "borgerraadgiver.operations.health_middleware.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The organisation's lists' token read at most once a request (organisation/kept.py).
    "borgerraadgiver.organisation.kept.KeptListsMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Everything after the static files: Cache-Control: no-store (pages hold personal data).
    "borgerraadgiver.operations.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # django-otp's, with the user's device kept per process (accounts/kept.py).
    "borgerraadgiver.accounts.middleware.KeptDeviceOTPMiddleware",
    "borgerraadgiver.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "borgerraadgiver.accounts.middleware.SecondFactorRequiredMiddleware",
    "borgerraadgiver.accounts.middleware.SessionActivityMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A database that cannot write gives a 503 page saying nothing saved is lost.
    "borgerraadgiver.operations.middleware.DatabaseUnavailableMiddleware",
    # Last: turns a locked-out login attempt into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "borgerraadgiver.config.urls"
WSGI_APPLICATION = "borgerraadgiver.config.wsgi.application"

TEMPLATES = templates_config.templates(PACKAGE_DIR)
SILENCED_SYSTEM_CHECKS = templates_config.SILENCED_SYSTEM_CHECKS
FORM_RENDERER = templates_config.FORM_RENDERER

# sqlite:////absolute/path.db or postgres://user:pass@host:5432/name
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'borgerraadgiver.db'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a registration is written; the timeout waits out short locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's cost of reading a page out of order, for the solid-state disks servers have:
    # at PostgreSQL's default (4, for spinning disks) a search that finds a few thousand of
    # 100,000 inquiries reads them all in order rather than by index, twice as slow.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "options", f"-c random_page_cost={env.float('PG_RANDOM_PAGE_COST', default=1.1)}"
    )
    # Each query's values go apart from its text (server-side binding) and a kept connection
    # prepares a query it has run five times, so that PostgreSQL parses and plans it once:
    # 7-18 % more pages a second, 5-13 % more registrations (bench/README.md, eleventh and
    # twelfth passes). An `__in` list is one array value (core/db.py, ArrayIn), so that a
    # delete or look-up of many rows stays within PostgreSQL's 65,535 values a statement, which
    # Django's own IN does not. PG_PREPARED_STATEMENTS=false binds the values into the text
    # instead, as Django does by default: behind a connection pooler in transaction mode that
    # does not keep prepared statements.
    if env.bool("PG_PREPARED_STATEMENTS", default=True):
        DATABASES["default"]["OPTIONS"].update(server_side_binding=True, prepare_threshold=5)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Keep a connection open between requests for this many seconds (0: one per request), checked
# before reuse so that a restarted database server costs no failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "advisor:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login: Argon2 (older hashes are upgraded at the next login), axes before the model backend.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend, with a logged-in request's user kept per process (accounts/kept.py).
    "borgerraadgiver.accounts.kept.KeptUserBackend",
]

# Five failed attempts for one user name from one address lock that pair for the cool-off period;
# each attempt while locked starts the period again. A successful login resets the count.
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=60))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "borgerraadgiver.accounts.views.locked_out"
# Administrators see and lift lock-outs in the admin (accounts/admin.py), not in axes' own.
AXES_ENABLE_ADMIN = False
# The address a lock-out counts: the connection's, or behind a reverse proxy the request header
# the proxy sets (e.g. HTTP_X_REAL_IP with nginx's `proxy_set_header X-Real-IP $remote_addr`).
LOGIN_CLIENT_ADDRESS_HEADER = env("LOGIN_CLIENT_ADDRESS_HEADER", default="REMOTE_ADDR")
AXES_CLIENT_IP_CALLABLE = "borgerraadgiver.accounts.views.client_address"

# Two-factor login (TOTP): required for advisors and administrators, optional for others. Off
# only for a machine that nobody else can reach.
TWO_FACTOR_REQUIRED = env.bool("TWO_FACTOR_REQUIRED", default=True)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="Borgerrådgiver")
# An API token ends after this many days (and at once on a new password or a reset app).
API_TOKEN_DAYS = env.int("API_TOKEN_DAYS", default=90)

# Single sign-on through the municipality's identity provider (OpenID Connect), off by default.
OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("borgerraadgiver.accounts.oidc.RoleMappingOIDCBackend")
    OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
    OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
    OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
    OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
    OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
    OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default=None)
    LOGIN_REDIRECT_URL_FAILURE = "/accounts/login/"
# Which of the identity provider's groups give which role (docs/security.md).
# Users are found by the ID token's issuer and subject (`iss`, `sub`), never by a name. The issuer
# is the `iss` claim; this setting is used when the provider's tokens lack it and, when set,
# tokens naming another issuer are refused.
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER", default="")
# The user name a new user gets (never used to find an existing one).
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="preferred_username")
OIDC_GROUPS_CLAIM = env("OIDC_GROUPS_CLAIM", default="groups")
OIDC_ADVISOR_GROUPS = env.list("OIDC_ADVISOR_GROUPS", default=[])
OIDC_ADMINISTRATOR_GROUPS = env.list("OIDC_ADMINISTRATOR_GROUPS", default=[])
OIDC_REPORT_READER_GROUPS = env.list("OIDC_REPORT_READER_GROUPS", default=[])
# Superuser (every permission in the admin) only through these groups; empty: nobody.
OIDC_SUPERUSER_GROUPS = env.list("OIDC_SUPERUSER_GROUPS", default=[])
# group=department name pairs, separated by commas: "grp-jobcenter=Jobcenter,grp-skole=Skole".
OIDC_DEPARTMENT_GROUPS = env.dict("OIDC_DEPARTMENT_GROUPS", default={})
# The same for the management of an area without departments: "grp-direktion=Direktionen".
OIDC_AREA_GROUPS = env.dict("OIDC_AREA_GROUPS", default={})
# "amr" values in the ID token that show the identity provider checked a second factor.
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa", "otp", "hwk", "swk"])

# A session ends after this many seconds without a request, and when the browser closes.
SESSION_ENGINE = "borgerraadgiver.accounts.sessions"  # Django's db store, one plain read
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# accounts.middleware.SessionActivityMiddleware moves the expiry forward (at most once a minute).
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = False

# Content Security Policy in every environment (the tests run under it): no inline script or
# style anywhere; images may be data: URIs (the two-factor QR code).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
    },
}
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

LANGUAGE_CODE = env("LANGUAGE_CODE", default="da")
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale", _package_dir("rest_framework") / "locale"]
TIME_ZONE = env("TIME_ZONE", default="Europe/Copenhagen")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(PROJECT_DIR / "staticfiles")))
# Det Fælles Designsystem, installed from npm by `make assets`.
DKFDS_DIST = PROJECT_DIR / "node_modules" / "dkfds" / "dist"
STATICFILES_DIRS = [PACKAGE_DIR / "static", ("dkfds", DKFDS_DIST)]

# Uploaded files (attachments to web-form messages and answers): personal data, served only
# through views that check who may see them, never by the web server directly.
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(DATA_DIR / "media")))
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)
# Files at a time: in one web-form message, one answer from a department. The web form's older
# name for it, INTAKE_MAX_ATTACHMENTS, is still read. Types are judged by content
# (core/attachments.py).
ATTACHMENT_MAX_COUNT = env.int(
    "ATTACHMENT_MAX_COUNT", default=env.int("INTAKE_MAX_ATTACHMENTS", default=5)
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# The citizens' web form (/contact/): its data-protection notice and its limits against misuse.
# Empty: the form names the municipality's data protection officer in general words.
DPO_CONTACT = env("DPO_CONTACT", default="")
# The accessibility statement (/accessibility/, linked from every page's footer): where to write
# or call about an inaccessible page, and when the statement was last reviewed (ISO date).
ACCESSIBILITY_CONTACT_EMAIL = env("ACCESSIBILITY_CONTACT_EMAIL", default="")
ACCESSIBILITY_CONTACT_PHONE = env("ACCESSIBILITY_CONTACT_PHONE", default="")
ACCESSIBILITY_REVIEWED = datetime.date.fromisoformat(
    env("ACCESSIBILITY_REVIEWED", default="2026-12-04")
)
INTAKE_RATE_LIMIT = env.int("INTAKE_RATE_LIMIT", default=5)  # submissions per client address …
INTAKE_RATE_WINDOW_MINUTES = env.int("INTAKE_RATE_WINDOW_MINUTES", default=10)  # … per window
INTAKE_TEXT_MAX_CHARS = env.int("INTAKE_TEXT_MAX_CHARS", default=5000)
# All files sent with the web form on one day together, in MB; past it messages come without.
INTAKE_DAILY_ATTACHMENT_MB = env.int("INTAKE_DAILY_ATTACHMENT_MB", default=200)
# Behind a reverse proxy, the request header holding the client's address, e.g. HTTP_X_REAL_IP
# (set by the proxy, never taken from the client); otherwise the connection's REMOTE_ADDR.
INTAKE_CLIENT_ADDRESS_HEADER = env("INTAKE_CLIENT_ADDRESS_HEADER", default="REMOTE_ADDR")
# Uploads larger than this go to a temporary file instead of memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="borgerraadgiver@localhost")
# The municipality's mail server, for EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend.
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# Letters to the citizen (docs/letters.md): the adapter of each channel, behind `send_letter`.
LETTER_ADAPTERS = {
    "email": env("LETTER_EMAIL_ADAPTER", default="borgerraadgiver.letters.channels.EmailAdapter"),
    "print": env("LETTER_PRINT_ADAPTER", default="borgerraadgiver.letters.channels.PrintAdapter"),
    "digital_post": env(
        "LETTER_DIGITAL_POST_ADAPTER", default="borgerraadgiver.letters.sf1601.SF1601Adapter"
    ),
}
# A refused letter is tried this many times, the n-th retry after n × LETTER_RETRY_SECONDS.
LETTER_SEND_ATTEMPTS = env.int("LETTER_SEND_ATTEMPTS", default=5)
LETTER_RETRY_SECONDS = env.int("LETTER_RETRY_SECONDS", default=300)
# Digital Post through SF1601: the municipality's OCES3 certificate (one PEM file holding the
# key and the certificate) and CVR number; SF1601_TEST=true uses KOMBIT's test environment.
SF1601_CERTIFICATE = env("SF1601_CERTIFICATE", default="")
SF1601_CVR = env("SF1601_CVR", default="")
SF1601_TEST = env.bool("SF1601_TEST", default=False)

# The address users reach the app at, for links in e-mails.
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# The task queue (django-tasks): long work (a web import, a report document, a letter) is kept
# in the database and run by `borgerraadgiver db_worker` (docs/deployment.md), one worker on
# SQLite, several on PostgreSQL. TASKS_BACKEND=django_tasks.backends.immediate.ImmediateBackend
# runs each task inside the request instead, with no worker.
TASKS = {
    "default": {
        "BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# Days a survey link sent to a citizen after a closed inquiry can be used (docs/feedback.md).
FEEDBACK_LINK_DAYS = env.int("FEEDBACK_LINK_DAYS", default=30)
# A job's page says the work seems to have stopped when it has run this long without progress
# (a worker killed under it); /health/ and `check --deploy` say so when a task has waited this
# long for a worker. Finished jobs, their files and the queue's finished tasks are deleted
# after JOBS_KEEP_HOURS by the scheduler.
JOBS_STALLED_MINUTES = env.int("JOBS_STALLED_MINUTES", default=15)
JOBS_KEEP_HOURS = env.int("JOBS_KEEP_HOURS", default=24)

# A good /health/ answer is given again for this many seconds by the same process without asking
# the database (0: ask every time). A failed check is never reused.
HEALTH_CACHE_SECONDS = env.float("HEALTH_CACHE_SECONDS", default=1.0)

# Rows a page: the inquiry list, the forwarding overview and the API's lists of inquiries; a
# department manager's list of cases in the portal.
INQUIRY_LIST_PAGE_SIZE = env.int("INQUIRY_LIST_PAGE_SIZE", default=50)
PORTAL_LIST_PAGE_SIZE = env.int("PORTAL_LIST_PAGE_SIZE", default=50)

# The REST API (/api/): settings/api.py.
REST_FRAMEWORK = api_settings.REST_FRAMEWORK
SPECTACULAR_SETTINGS = api_settings.SPECTACULAR_SETTINGS

# One JSON object a line on stderr (journald keeps it); LOG_FORMAT=text for plain lines.
LOGGING = log_config.logging_config(
    log_format=env("LOG_FORMAT", default="json"), level=env("LOG_LEVEL", default="INFO")
)
