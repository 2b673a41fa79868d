"""The health check and the structured logs: JSON lines, and no personal data in them."""

import json
import logging

import pytest
from django.db import connection
from django.urls import reverse

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.operations import health as health_module
from borgerraadgiver.operations.logs import JsonFormatter, job_log
from tests.factories import InquiryFactory, PersonFactory

pytestmark = pytest.mark.django_db


def test_health_answers_ok_without_logging_in(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"], body["migrations"]) == ("ok", "ok", "ok")
    assert response["Cache-Control"].startswith("max-age=0")
    assert not AccessLogEntry.objects.exists()


def test_once_every_migration_was_found_applied_health_asks_only_select_1(
    client, monkeypatch, django_assert_num_queries
):
    monkeypatch.setattr(health_module, "_migrated", [])
    with django_assert_num_queries(2):
        assert client.get("/health/").status_code == 200
    with django_assert_num_queries(1):
        assert client.get("/health/").json()["migrations"] == "ok"


def test_a_good_answer_is_reused_for_health_cache_seconds_and_a_failure_never(
    client, settings, monkeypatch, django_assert_num_queries
):
    settings.HEALTH_CACHE_SECONDS = 60
    monkeypatch.setattr(health_module, "_migrated", [True])
    monkeypatch.setattr(health_module, "_last_good", [])
    with django_assert_num_queries(1):
        first = client.get("/health/").json()
    with django_assert_num_queries(0):
        assert client.get("/health/").json() == first

    monkeypatch.setattr(health_module, "_last_good", [])
    monkeypatch.setattr(health_module, "_migrated", [])
    monkeypatch.setattr(health_module, "_expected_migrations", lambda: {("x", "9999_not_applied")})
    for _ in range(2):  # the failed answer is asked again each time, not kept
        with django_assert_num_queries(2):
            assert client.get("/health/").status_code == 503


def test_health_is_answered_before_the_session_login_and_csrf_middleware(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" not in response
    assert client.get("/health/?x=1").status_code == 200
    assert client.get("/health").status_code == 301  # CommonMiddleware still adds the slash


def test_health_reports_pending_migrations_with_503(client, monkeypatch):
    expected = health_module._expected_migrations() | {("inquiries", "9999_not_applied")}
    monkeypatch.setattr(health_module, "_expected_migrations", lambda: expected)
    monkeypatch.setattr(health_module, "_migrated", [])
    response = client.get(reverse("operations:health"))
    assert response.status_code == 503
    assert response.json() == {**response.json(), "status": "error", "migrations": "pending"}


def test_health_reports_an_unreachable_database_with_503(client, monkeypatch):
    from django.db import OperationalError

    def broken(*args, **kwargs):
        raise OperationalError("unable to open database file")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


def _lines(caplog) -> list[dict]:
    formatter = JsonFormatter()
    return [json.loads(formatter.format(record)) for record in caplog.records]


def test_one_json_line_per_request_without_the_search_or_a_name(advisor_client, advisor, caplog):
    person = PersonFactory(name="Gudrun Østergård Fiktivsen")
    InquiryFactory(person=person)
    caplog.set_level(logging.DEBUG)

    response = advisor_client.get(
        reverse("advisor:inquiry_list"), {"q": "Fiktivsen", "status": "open"}
    )

    assert response.status_code == 200
    lines = _lines(caplog)
    text = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines)
    text += "\n".join(record.getMessage() for record in caplog.records)
    assert "Fiktivsen" not in text and "Gudrun" not in text
    assert advisor.get_full_name() not in text
    [line] = [line for line in lines if line.get("event") == "request"]
    assert line["method"] == "GET"
    assert line["path"] == "/inquiries/"
    assert line["status"] == 200
    assert line["user_id"] == advisor.pk
    assert line["duration_ms"] >= 0
    assert line["request_id"] == response["X-Request-ID"]
    # The search itself is in the access log, where it belongs.
    assert AccessLogEntry.objects.filter(detail="Fiktivsen").exists()


def test_a_request_id_from_the_proxy_is_kept(client, caplog):
    caplog.set_level(logging.INFO)
    response = client.get("/accounts/login/", HTTP_X_REQUEST_ID="abcdef0123456789")
    assert response["X-Request-ID"] == "abcdef0123456789"
    [line] = [line for line in _lines(caplog) if line.get("event") == "request"]
    assert (line["request_id"], line["user_id"]) == ("abcdef0123456789", None)


def test_a_job_logs_its_counts_duration_and_outcome(caplog):
    caplog.set_level(logging.INFO)
    with job_log("reminders") as counts:
        counts["sent"] = 3
    with pytest.raises(RuntimeError), job_log("retention"):
        raise RuntimeError("disk")
    ok, failed = [line for line in _lines(caplog) if line.get("event") == "job"]
    assert (ok["job"], ok["outcome"], ok["sent"]) == ("reminders", "ok", 3)
    assert (failed["job"], failed["outcome"], failed["error"]) == (
        "retention",
        "failed",
        "RuntimeError",
    )
    assert ok["level"] == "INFO" and failed["level"] == "ERROR"
