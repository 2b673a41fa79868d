"""The web server's master warms what each worker would otherwise do on its first requests."""

import datetime
import gc
import logging
import os
import subprocess
import sys

import pytest
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.template.base import Parser
from django.urls import reverse
from django.utils import translation

from borgerraadgiver.operations import warm, wsgi_server


def _parse_refused(self, *args, **kwargs):
    raise AssertionError("a template was compiled while a page was drawn")


@pytest.fixture
def cold_templates():
    """No template compiled yet, as in a process that has just started: Django's cached loaders
    live as long as the process, and earlier tests have drawn these pages."""
    backends = [*engines.all(), get_default_renderer().engine]
    for backend in backends:
        for loader in backend.engine.template_loaders:
            if hasattr(loader, "reset"):
                loader.reset()


@pytest.mark.django_db
def test_after_the_warm_up_the_staff_pages_compile_no_template(
    cold_templates, make_sent, advisor_client, monkeypatch
):
    inquiry = make_sent(datetime.date(2024, 3, 6)).inquiry
    warm.warm_up()
    monkeypatch.setattr(Parser, "parse", _parse_refused)
    for language in ("da", "en"):
        advisor_client.cookies["django_language"] = language
        for url in [
            reverse("advisor:home"),
            reverse("advisor:inquiry_list"),
            reverse("advisor:inquiry_list") + "?q=borger",
            reverse("advisor:inquiry_detail", args=[inquiry.pk]),
            reverse("advisor:person_detail", args=[inquiry.person_id]),
            reverse("advisor:forwarding_overview"),
            reverse("advisor:inquiry_register"),
        ]:
            assert advisor_client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_citizens_web_form_needs_no_compiling_either(cold_templates, client, monkeypatch):
    warm.warm_up()
    monkeypatch.setattr(Parser, "parse", _parse_refused)
    assert client.get(reverse("intake:contact")).status_code == 200


def test_the_warm_up_reads_both_languages_and_the_holiday_calendar(monkeypatch):
    monkeypatch.setattr(translation.trans_real, "_translations", {})
    warm.warm_up()
    assert set(translation.trans_real._translations) >= {"da", "en"}
    assert "holidays.countries" in sys.modules


def test_a_template_that_fails_to_compile_is_logged_and_the_start_goes_on(monkeypatch, caplog):
    monkeypatch.setattr(warm, "_template_names", lambda *args, **kwargs: iter(["nowhere.html"]))
    with caplog.at_level(logging.ERROR, logger="borgerraadgiver.operations.warm"):
        warm.warm_up()
    assert "nowhere.html could not be compiled" in caplog.text


# In a process of its own, as gunicorn's master: the project's modules not yet imported, and a
# database that cannot be reached, whose first use would end the process.
NO_DATABASE_IN_THE_MASTER = """
import django
django.setup()
from django.db.backends.base.base import BaseDatabaseWrapper

def refused(self):
    raise SystemExit("the warm-up asked the database")

BaseDatabaseWrapper.ensure_connection = refused
from borgerraadgiver.operations import wsgi_server

wsgi_server._Application({"bind": "127.0.0.1:0"}).load()
print("warmed")
"""


def test_the_master_warms_without_opening_a_database_connection():
    """A connection opened in the master would be shared by every worker forked from it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "borgerraadgiver.config.settings.test",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/nothing",
    }
    done = subprocess.run(  # noqa: S603 - this interpreter and a constant
        [sys.executable, "-c", NO_DATABASE_IN_THE_MASTER],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split()[-1] == "warmed"


def test_serve_loads_the_app_warmed_and_frozen(monkeypatch):
    warmed = []
    monkeypatch.setattr(warm, "warm_up", lambda: warmed.append(True))
    try:
        application = wsgi_server._Application({"bind": "127.0.0.1:0"}).load()
        assert warmed == [True]
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    assert callable(application)
