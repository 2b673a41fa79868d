"""The production settings pass Django's deployment checks; security headers on every response."""

import os
import secrets
import subprocess

import pytest
from django.urls import reverse

from tests.factories import InquiryFactory
from tests.helpers import REPO, project_python


def run_deploy_check(
    tmp_path, *, proxy_headers: bool = True, **extra: str
) -> subprocess.CompletedProcess:
    """`check --deploy` with the production settings; behind nginx's X-Real-IP by default."""
    headers = {
        "LOGIN_CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP",
        "INTAKE_CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP",
    }
    env = {
        # Not the browser tests' DJANGO_ALLOW_ASYNC_UNSAFE, which the check rightly refuses.
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "borgerraadgiver.config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "borgerraadgiver.example.dk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'check.db'}",
        "LOG_LEVEL": "WARNING",
        **(headers if proxy_headers else {}),
        **extra,
    }
    return project_python(["-m", "django", "check", "--deploy", "--fail-level", "WARNING"], env=env)


def test_check_deploy_passes_with_the_production_settings(tmp_path):
    result = run_deploy_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_deploy_fails_when_https_is_turned_off(tmp_path):
    result = run_deploy_check(tmp_path, SESSION_COOKIE_SECURE="false", SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W012" in result.stderr + result.stdout


def test_production_refuses_to_start_without_allowed_hosts(tmp_path):
    result = run_deploy_check(tmp_path, DJANGO_ALLOWED_HOSTS="")
    assert result.returncode != 0


def shipped_environment() -> dict[str, str]:
    """deploy/env.example's settings, as systemd's EnvironmentFile reads them."""
    pairs = (
        line.split("=", 1)
        for line in (REPO / "deploy" / "env.example").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    )
    return {key.strip(): value.strip() for key, value in pairs}


def test_the_shipped_environment_passes_the_deployment_check(tmp_path):
    env = shipped_environment()
    # Only what each installation must change: the secret, and a database that exists here.
    env.pop("DJANGO_SECRET_KEY")
    env.pop("DATABASE_URL")
    result = run_deploy_check(tmp_path, proxy_headers=False, **env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_setting_in_the_shipped_environment_is_read_by_the_app():
    sources = "\n".join(
        path.read_text()
        for folder in ("borgerraadgiver/config", "borgerraadgiver/operations")
        for path in (REPO / folder).rglob("*.py")
    )
    unread = [name for name in shipped_environment() if f'"{name}"' not in sources]
    assert unread == []


@pytest.mark.parametrize("setting", ["LOGIN_CLIENT_ADDRESS_HEADER", "INTAKE_CLIENT_ADDRESS_HEADER"])
def test_behind_a_proxy_the_client_address_header_must_be_set(tmp_path, setting):
    result = run_deploy_check(tmp_path, **{setting: "REMOTE_ADDR"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "borgerraadgiver.E001" in output
    assert setting in output


def test_without_a_proxy_the_connections_address_is_the_clients(tmp_path):
    result = run_deploy_check(
        tmp_path,
        DJANGO_BEHIND_PROXY="false",
        LOGIN_CLIENT_ADDRESS_HEADER="REMOTE_ADDR",
        INTAKE_CLIENT_ADDRESS_HEADER="REMOTE_ADDR",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_retired_proxy_count_setting_is_named_as_unread(tmp_path):
    result = run_deploy_check(tmp_path, AXES_IPWARE_PROXY_COUNT="1")
    assert result.returncode != 0
    assert "borgerraadgiver.W001" in result.stdout + result.stderr


def test_serve_refuses_to_start_behind_a_proxy_without_the_client_address_header(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "borgerraadgiver.config.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "borgerraadgiver.example.dk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
        "LOGIN_CLIENT_ADDRESS_HEADER": "REMOTE_ADDR",
        "INTAKE_CLIENT_ADDRESS_HEADER": "HTTP_X_REAL_IP",
    }
    result = project_python(
        ["-m", "django", "serve", "--bind", "127.0.0.1:0"], env=env, timeout=120
    )
    assert result.returncode != 0
    assert "LOGIN_CLIENT_ADDRESS_HEADER" in result.stderr


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy_and_the_other_headers(client):
    response = client.get(reverse("accounts:login"))
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


# Standalone documents, not pages: turned into PDF by WeasyPrint or downloaded as one
# self-contained HTML file, where the site's CSP header does not reach. One shown inline in the
# browser needs `<style nonce="{{ request.csp_nonce }}">` and csp_update on its view.
DOCUMENTS = {"reports/document.html", "privacy/person_export.html", "letters/letter.html"}


def test_no_template_has_an_inline_script_or_style():
    """The CSP allows no inline code: scripts and styles live in static files."""
    import re

    offending = []
    pattern = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|\son[a-z]+=|\sstyle=|<style", re.I)
    for template in (REPO / "borgerraadgiver").rglob("templates/**/*.html"):
        if template.relative_to(template.parents[1]).as_posix() in DOCUMENTS:
            continue
        for number, line in enumerate(template.read_text().splitlines(), 1):
            if pattern.search(line):
                offending.append(f"{template.relative_to(REPO)}:{number}: {line.strip()[:80]}")
    assert not offending, "inline script or style:\n" + "\n".join(offending)


def test_upload_limits_are_set():
    from django.conf import settings

    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 5 * 1024 * 1024
    assert settings.ATTACHMENT_MAX_BYTES <= 20 * 1024 * 1024


@pytest.mark.django_db
def test_pages_and_downloads_with_personal_data_are_never_cached(advisor_client):
    inquiry = InquiryFactory()
    for url in (
        reverse("advisor:inquiry_detail", args=[inquiry.pk]),
        reverse("advisor:inquiry_list"),
        reverse("advisor:inquiry_export", args=["csv"]),
        reverse("privacy:person_export_json", args=[inquiry.person_id]),
    ):
        response = advisor_client.get(url)
        assert response.status_code == 200, url
        assert "no-store" in response["Cache-Control"], url
