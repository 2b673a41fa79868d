"""The administrator's import page: check first, then confirm; nobody else gets in."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.imports.models import ImportBatch
from borgerraadgiver.inquiries.models import Inquiry
from tests.imports.conftest import csv_file, row

START = reverse("imports:import_start")
CONFIRM = reverse("imports:import_confirm")


def upload(client, rows, *, kind="inquiries", name="historik.csv"):
    data = csv_file(rows).getvalue()
    return client.post(
        START, {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def test_the_page_shows_the_form(administrator_client):
    response = administrator_client.get(START)
    assert response.status_code == 200
    assert "multipart/form-data" in response.content.decode()


def test_a_checked_file_is_imported_only_when_confirmed(administrator_client, administrator, org):
    response = upload(administrator_client, [row(), row(received_date="2024-03-02")])
    assert response.status_code == 200
    result = response.context["result"]
    assert (result.errors, result.rows) == ([], 2)
    assert Inquiry.objects.count() == 0
    token = response.context["confirm"].initial["token"]

    response = administrator_client.post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert Inquiry.objects.count() == 2
    assert ImportBatch.objects.get().imported_by == administrator
    assert AccessLogEntry.objects.filter(user=administrator, action="create").exists()

    # The token is used up: confirming again imports nothing more.
    response = administrator_client.post(CONFIRM, {"token": token})
    assert response.status_code == 302
    assert Inquiry.objects.count() == 2


def test_errors_are_listed_with_row_and_column_and_nothing_can_be_confirmed(
    administrator_client, org
):
    response = upload(administrator_client, [row(), row(department="Skolen")])
    content = response.content.decode()
    assert response.context["confirm"] is None
    assert [(e.row, e.column) for e in response.context["errors"]] == [(3, "department")]
    assert "Skolen" in content
    assert Inquiry.objects.count() == 0


def test_cancelling_imports_nothing(administrator_client, org):
    response = upload(administrator_client, [row()])
    token = response.context["confirm"].initial["token"]
    administrator_client.post(CONFIRM, {"token": token, "cancel": "1"})
    assert Inquiry.objects.count() == 0
    administrator_client.post(CONFIRM, {"token": token})
    assert Inquiry.objects.count() == 0


def test_another_user_s_token_imports_nothing(administrator_client, org, django_user_model):
    from tests.conftest import _client_for
    from tests.factories import AdministratorFactory

    response = upload(administrator_client, [row()])
    token = response.context["confirm"].initial["token"]
    other = _client_for(AdministratorFactory())
    other.post(CONFIRM, {"token": token})
    assert Inquiry.objects.count() == 0


def test_a_file_of_another_type_is_refused_next_to_the_field(administrator_client):
    response = administrator_client.post(
        START, {"kind": "reasons", "file": SimpleUploadedFile("liste.pdf", b"%PDF-1.4")}
    )
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


@pytest.mark.parametrize("client_name", ["advisor_client", "plain_client"])
def test_others_are_refused(request, client_name, org):
    client = request.getfixturevalue(client_name)
    assert client.get(START).status_code == 403
    assert upload(client, [row()]).status_code == 403
    assert client.post(CONFIRM, {"token": "0" * 32}).status_code == 403
    assert Inquiry.objects.count() == 0


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(START).status_code == 302
