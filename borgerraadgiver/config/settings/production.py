"""Production: everything from the environment; refuses to start without a secret key or hosts.

`DJANGO_SETTINGS_MODULE=borgerraadgiver.config.settings.production borgerraadgiver check --deploy
--fail-level WARNING` passes with DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS set (tested in
tests/test_security_settings.py). The checklist is in docs/security.md.
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
# Cookies only over HTTPS; the session cookie never readable by scripts (base settings).
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
# Off only when the reverse proxy in front already redirects http:// to https://.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
# Monitoring on the server itself asks http://127.0.0.1:8000/health/ without TLS.
SECURE_REDIRECT_EXEMPT = [r"^health/$"]
# Browsers use HTTPS only for a year; start with a small SECURE_HSTS_SECONDS on a new host name.
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
# Behind a reverse proxy that terminates TLS and sets X-Forwarded-Proto (and strips the client's
# own). Set DJANGO_BEHIND_PROXY=false when gunicorn faces the network itself.
if env.bool("DJANGO_BEHIND_PROXY", default=True):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
