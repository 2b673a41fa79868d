"""The API's views are named by path and loaded at first use (issue 18: a `check` that does
not import DRF), and `check --deploy` still finds a view that cannot be loaded."""

import subprocess
import sys

import pytest
from django.test import RequestFactory

from borgerraadgiver.core import lazy_views
from borgerraadgiver.core.lazy_views import LazyView, lazy_views_import


def test_a_lazy_view_is_the_view_it_names():
    view = LazyView("borgerraadgiver.api.views.NotFoundView")
    response = view(RequestFactory().get("/api/nowhere/"))
    assert response.status_code == 401  # DRF's answer to a caller without a token
    # what the middleware asks of a DRF view before calling it
    assert view.csrf_exempt is True and view.login_required is False
    assert view.cls.__name__ == "NotFoundView"


def test_an_attribute_set_on_the_lazy_view_wins_over_the_views_own():
    view = LazyView("drf_spectacular.views.SpectacularSwaggerSplitView", url_name="api:schema")
    view.login_required = True
    assert view.login_required is True and view.view.login_required is False


def test_check_deploy_names_a_view_that_cannot_be_loaded(monkeypatch):
    monkeypatch.setattr(lazy_views, "_ALL", [])
    LazyView("borgerraadgiver.api.views.NoSuchView")
    [error] = lazy_views_import()
    assert error.id == "borgerraadgiver.E010"
    assert "borgerraadgiver.api.views.NoSuchView" in error.msg


def test_every_view_of_the_url_conf_loads():
    assert lazy_views_import() == []
    assert lazy_views._ALL, "the API's URL conf names its views lazily"


@pytest.mark.parametrize("command", [["check"], ["--help"]])
def test_a_command_does_not_import_drf_or_the_heavy_libraries(command, tmp_path):
    code = (
        "import sys; from borgerraadgiver.manage import main; "
        f"sys.argv = ['borgerraadgiver', *{command!r}]\n"
        "try: main()\nexcept SystemExit: pass\n"
        "loaded = [m for m in ('rest_framework.serializers', 'drf_spectacular.openapi', "
        "'matplotlib', 'weasyprint', 'openpyxl', 'qrcode') if m in sys.modules]; "
        "print('LOADED', loaded)"
    )
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(  # noqa: S603 - this Python on the test's own code
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert "LOADED []" in result.stdout, result.stdout + result.stderr
