# ruff: noqa: E501 (the matrix is a table: one row per page reads best on one line)
"""Who reaches which forwarding page or action: every page × every role, with the answer.

Roles: the advisor, the manager of the department the case was sent to, the manager of another
department, an administrator (not an advisor) and an anonymous visitor. A page someone may not
see answers 404 (its existence is not revealed); an anonymous visitor is sent to log in (302).
"""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from borgerraadgiver.forwarding.services import forwarding_answer
from tests.factories import AdministratorFactory, AdvisorFactory
from tests.helpers import at

pytestmark = pytest.mark.django_db

ROLES = ("advisor", "manager", "other_manager", "administrator", "anonymous")
ADVISOR_ONLY = {"advisor": 200, "manager": 404, "other_manager": 404, "administrator": 404}
ADVISOR_ACTS = {"advisor": 302, "manager": 404, "other_manager": 404, "administrator": 404}
MANAGER_ONLY = {"advisor": 404, "manager": 200, "other_manager": 404, "administrator": 404}
MANAGER_ACTS = {"advisor": 404, "manager": 302, "other_manager": 404, "administrator": 404}

# page name: (method, url builder, data, expected answer per role but anonymous)
MATRIX = {
    "inquiry page": ("get", lambda w: reverse("advisor:inquiry_detail", args=[w["sent"].inquiry_id]), {}, ADVISOR_ONLY),
    "record consent": ("post", lambda w: reverse("advisor:consent_add", args=[w["sent"].inquiry_id]), {"consent-given_by": "Borgeren", "consent-given_date": "2024-03-06", "consent-method": "phone"}, ADVISOR_ACTS),
    "withdraw consent": ("post", lambda w: reverse("advisor:consent_withdraw", args=[w["sent"].inquiry_id, w["sent"].inquiry.consents.get().pk]), {"withdraw-withdrawn_date": "2024-03-07"}, ADVISOR_ACTS),
    "new forwarding": ("get", lambda w: reverse("advisor:forwarding_new", args=[w["sent"].inquiry_id]), {}, ADVISOR_ONLY),
    "forwarding page": ("get", lambda w: reverse("advisor:forwarding_detail", args=[w["sent"].pk]), {}, ADVISOR_ONLY),
    "send forwarding": ("post", lambda w: reverse("advisor:forwarding_send", args=[w["sent"].pk]), {}, ADVISOR_ACTS),
    "follow-up question": ("post", lambda w: reverse("advisor:forwarding_follow_up", args=[w["answered"].pk]), {"follow_up-text": "Hvorfor?"}, ADVISOR_ACTS),
    "close forwarding": ("post", lambda w: reverse("advisor:forwarding_close", args=[w["answered"].pk]), {"close-outcome": "apology"}, ADVISOR_ACTS),
    "advisor's attachment": ("get", lambda w: reverse("advisor:attachment_download", args=[w["answered"].pk, w["attachment"].pk]), {}, ADVISOR_ONLY),
    "portal list": ("get", lambda w: reverse("portal:forwarding_list"), {}, {"advisor": 404, "manager": 200, "other_manager": 200, "administrator": 404}),
    "portal page": ("get", lambda w: reverse("portal:forwarding_detail", args=[w["sent"].pk]), {}, MANAGER_ONLY),
    "portal answer": ("post", lambda w: reverse("portal:forwarding_answer", args=[w["sent"].pk]), {"answer_text": "Svar"}, MANAGER_ACTS),
    "portal later date": ("post", lambda w: reverse("portal:forwarding_extend", args=[w["sent"].pk]), {"extension-new_deadline_date": "2024-04-10", "extension-reason": "Afventer", "extension-citizen_informed": "on"}, MANAGER_ACTS),
    "portal attachment": ("get", lambda w: reverse("portal:attachment_download", args=[w["answered"].pk, w["attachment"].pk]), {}, MANAGER_ONLY),
}  # fmt: skip


@pytest.fixture
def world(make_sent):
    sent = make_sent(datetime.date(2024, 3, 6))
    manager = sent.department.managers.get()
    answered = make_sent(datetime.date(2024, 3, 6), department=sent.department)
    forwarding_answer(
        forwarding=answered,
        answered_by=manager,
        now=at(datetime.date(2024, 3, 20)),
        answer_text="Svar",
        attachments=[SimpleUploadedFile("svar.pdf", b"%PDF-1.4")],
    )
    other = make_sent(datetime.date(2024, 3, 6))
    return {
        "sent": sent,
        "answered": answered,
        "attachment": answered.attachments.get(),
        "users": {
            "advisor": AdvisorFactory(),
            "manager": manager,
            "other_manager": other.department.managers.get(),
            "administrator": AdministratorFactory(),
        },
    }


def test_every_url_is_in_the_matrix():
    """A new forwarding or portal URL fails here until its row is added above."""
    from borgerraadgiver.advisor.urls import urlpatterns as advisor_urls
    from borgerraadgiver.portal.urls import urlpatterns as portal_urls

    names = {p.name for p in portal_urls} | {
        p.name
        for p in advisor_urls
        if p.name and ("forwarding" in p.name or "consent" in p.name or "attachment" in p.name)
    }
    covered = {
        "forwarding_list", "forwarding_detail", "forwarding_answer", "forwarding_extend",
        "attachment_download", "consent_add", "consent_withdraw", "forwarding_new",
        "forwarding_send", "forwarding_follow_up", "forwarding_close",
    }  # fmt: skip
    assert names == covered


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(MATRIX))
def test_access_matrix(world, page, role):
    method, url, data, expected = MATRIX[page]
    client = Client()
    if role != "anonymous":
        client.force_login(world["users"][role])
    response = getattr(client, method)(url(world), data)
    wanted = 302 if role == "anonymous" else expected[role]
    assert response.status_code == wanted, f"{page} as {role}"
    if role == "anonymous":
        assert response["Location"].startswith(reverse("accounts:login"))
