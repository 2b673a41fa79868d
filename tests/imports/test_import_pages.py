"""The administrator's import page: check first, then confirm; nobody else gets in.

The check and the import run as tasks; the test settings' immediate backend runs them inside the
request, so the job's page shows the result at once (tests/jobs/ runs them on the database
backend with a worker)."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.imports.models import ImportBatch
from borgerraadgiver.imports.tasks import FILE_GONE
from borgerraadgiver.inquiries.models import Inquiry
from tests.imports.conftest import csv_file, row

START = reverse("imports:import_start")
CONFIRM = reverse("imports:import_confirm")


def upload(client, rows, *, kind="inquiries", name="historik.csv"):
    """Upload and follow to the check's page."""
    data = csv_file(rows).getvalue()
    return client.post(
        START,
        {"kind": kind, "file": SimpleUploadedFile(name, data, content_type="text/csv")},
        follow=True,
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
    token = response.context["confirm"].initial["job"]

    response = administrator_client.post(CONFIRM, {"job": token}, follow=True)
    assert response.templates[0].name == "imports/import_done.html"
    assert (response.context["result"].rows, response.context["result"].imported) == (2, True)
    assert Inquiry.objects.count() == 2
    assert ImportBatch.objects.get().imported_by == administrator
    assert AccessLogEntry.objects.filter(user=administrator, action="create").exists()

    # The check is used up: confirming again shows the same import and imports nothing more.
    again = administrator_client.post(CONFIRM, {"job": token})
    assert again.status_code == 302
    assert again.url == response.redirect_chain[-1][0]
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
    token = response.context["confirm"].initial["job"]
    administrator_client.post(CONFIRM, {"job": token, "cancel": "1"})
    assert Inquiry.objects.count() == 0
    response = administrator_client.post(CONFIRM, {"job": token}, follow=True)
    assert response.redirect_chain == [(START, 302)]
    *_cancelled, message = response.context["messages"]
    assert message.level_tag == "error"
    with translation.override(response.context["LANGUAGE_CODE"]):
        assert message.message == str(FILE_GONE)
    assert Inquiry.objects.count() == 0


def test_another_user_s_token_imports_nothing(administrator_client, org, django_user_model):
    from tests.conftest import _client_for
    from tests.factories import AdministratorFactory

    response = upload(administrator_client, [row()])
    token = response.context["confirm"].initial["job"]
    other = _client_for(AdministratorFactory())
    assert other.post(CONFIRM, {"job": token}).status_code == 404
    assert other.get(reverse("imports:job", args=[token])).status_code == 404
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
    assert client.post(CONFIRM, {"job": str(uuid.uuid4())}).status_code == 403
    assert Inquiry.objects.count() == 0


def test_anonymous_is_sent_to_log_in(client):
    assert client.get(START).status_code == 302
