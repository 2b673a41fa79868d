"""A database that cannot write gives a clear 503 page, and nothing already saved is lost."""

import contextlib

import pytest
from django.db import connection
from django.urls import reverse

from borgerraadgiver.inquiries.models import Contact
from tests.factories import ContactFactory, InquiryFactory

# Committed data, as in production: a failed write must not take it along.
pytestmark = pytest.mark.django_db(transaction=True)


@contextlib.contextmanager
def read_only_database():
    """The database refuses every write, as a read-only file or a full disk would."""
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "sqlite":
        raw.execute("PRAGMA query_only = ON")
    else:
        raw.execute("SET default_transaction_read_only = on")
    try:
        yield
    finally:  # on the driver's connection: Django's may refuse queries after the error
        if connection.vendor == "sqlite":
            raw.execute("PRAGMA query_only = OFF")
        else:
            raw.rollback()
            raw.execute("SET default_transaction_read_only = off")


def test_a_failed_write_shows_the_database_page_and_keeps_what_was_saved(advisor_client):
    inquiry = InquiryFactory(summary="Gemt før fejlen")
    ContactFactory(inquiry=inquiry, note="Første kontakt")
    advisor_client.raise_request_exception = False
    advisor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    url = reverse("advisor:contact_add", args=[inquiry.pk])

    with read_only_database():
        response = advisor_client.post(
            url, {"contact_date": "2024-03-05", "kind": "meeting", "note": "Går tabt"}
        )
        saved = list(Contact.objects.filter(inquiry=inquiry).values_list("note", flat=True))

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    content = response.content.decode()
    assert "The database cannot save right now" in content
    assert "Nothing you had saved before is lost" in content
    assert "Traceback" not in content and "OperationalError" not in content
    assert saved == ["Første kontakt"]
    inquiry.refresh_from_db()
    assert inquiry.summary == "Gemt før fejlen"


def test_reading_a_page_while_the_database_cannot_write_gives_the_page_not_a_trace(
    advisor_client,
):
    inquiry = InquiryFactory()
    advisor_client.raise_request_exception = False
    advisor_client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with read_only_database():
        # The inquiry's page writes its access-log row: no read without its log line.
        response = advisor_client.get(reverse("advisor:inquiry_detail", args=[inquiry.pk]))
    assert response.status_code == 503
    assert "The database cannot be reached right now" in response.content.decode()


def test_a_bug_is_still_a_500_not_the_database_page(advisor_client, monkeypatch):
    from django.db import IntegrityError

    from borgerraadgiver.inquiries.services import registration

    def broken(**kwargs):
        raise IntegrityError("a bug")

    monkeypatch.setattr(registration, "contact_register", broken)
    advisor_client.raise_request_exception = False
    inquiry = InquiryFactory()
    response = advisor_client.post(
        reverse("advisor:contact_add", args=[inquiry.pk]),
        {"contact_date": "2024-03-05", "kind": "meeting", "note": ""},
    )
    assert response.status_code == 500
