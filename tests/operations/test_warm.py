"""The web server's master warms what each worker would otherwise do on its first requests."""

import datetime
import gc
import sys

import pytest
from django.template.base import Parser
from django.urls import reverse
from django.utils import translation

from borgerraadgiver.operations import warm, wsgi_server


def _parse_refused(self, *args, **kwargs):
    raise AssertionError("a template was compiled while a page was drawn")


@pytest.mark.django_db
def test_after_the_warm_up_the_staff_pages_compile_no_template(
    make_sent, advisor_client, monkeypatch
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


def test_the_warm_up_reads_both_languages_and_the_holiday_calendar_but_no_database(monkeypatch):
    """Not marked for the database: pytest-django refuses any query, so the warm-up asks none
    (a connection opened in the master would be shared by every worker forked from it)."""
    monkeypatch.setattr(translation.trans_real, "_translations", {})
    warm.warm_up()
    assert set(translation.trans_real._translations) >= {"da", "en"}
    assert "holidays.countries" in sys.modules


@pytest.mark.django_db
def test_the_citizens_web_form_needs_no_compiling_either(client, monkeypatch):
    warm.warm_up()
    monkeypatch.setattr(Parser, "parse", _parse_refused)
    assert client.get(reverse("intake:contact")).status_code == 200


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
