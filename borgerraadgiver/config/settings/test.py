"""The test suite: fast hashing, in-memory mail, the same database choice as elsewhere."""

import os
import secrets

from .base import *  # noqa: F403
from .base import DATABASES, env

SECRET_KEY = "test-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test client logs in without a request, which axes refuses; the lock-out tests turn
# axes on (tests/accounts/test_lockout.py) and log in through the login page.
AXES_ENABLED = False
HEALTH_CACHE_SECONDS = 0  # every test's /health/ asks the database (tests/operations sets it)
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Tasks run inside the request that enqueues them; a test of the worker itself switches to
# the database backend (tests/jobs/).
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": env("TEST_SQLITE_NAME", default=None)}
else:
    # A test database of each run's own, so that two runs on one server never meet: Django drops
    # a test database it finds under its name. xdist's workers share the run's random id
    # (pytest-django appends _gw0, _gw1); scripts/test-all sets TEST_DATABASE_SUFFIX so that it
    # can drop what a killed run leaves behind.
    _run = (
        env("TEST_DATABASE_SUFFIX", default="")
        or os.environ.get("PYTEST_XDIST_TESTRUNUID", "")[:8]
        or secrets.token_hex(4)
    )
    DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{_run}"}
# Serve static files from the apps' folders, as in development: the tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

# Uploaded and generated files of this process (the run, or one of its xdist workers), removed
# when it ends: about 5 MB a process, which a machine that runs the suite every day would keep.
# A process forked from it (gunicorn's workers) ends without taking the folder of its parent.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="borgerraadgiver-test-media-"))
_MEDIA_OWNER = os.getpid()


def _media_remove() -> None:
    if os.getpid() == _MEDIA_OWNER:
        shutil.rmtree(MEDIA_ROOT, ignore_errors=True)


atexit.register(_media_remove)
