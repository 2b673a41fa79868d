"""Registering a submission goes through the registration page and its rules, and links them."""

import datetime

from django.utils import timezone

from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.inquiries.models import Channel, Inquiry
from borgerraadgiver.intake.models import Submission
from tests.factories import HandlingTypeFactory, InquiryFactory, PersonFactory, ReasonFactory
from tests.intake.conftest import pdf

REGISTER = "/inquiries/new/"


def _registration(submission, **overrides) -> dict[str, object]:
    """What the prefilled page posts back once the advisor has added reason and handling."""
    data = {
        "submission": submission.pk,
        "complainant_kind": submission.complainant_kind,
        "person_name": submission.name,
        "person_phone": submission.phone,
        "person_email": submission.email,
        "person_address": submission.address,
        "received_date": timezone.localdate(submission.submitted_at).isoformat(),
        "channel": Channel.WEB_FORM,
        "department": f"d{submission.department_id}",
        "reasons": [ReasonFactory(name="Manglende svar").pk],
        "handling_type": HandlingTypeFactory().pk,
        "summary": "Fra webformularen",
        "matches_shown": "True",
    }
    data.update(overrides)
    return data


def test_the_registration_page_is_prefilled_from_the_submission(
    advisor_client, advisor, make_submission, places
):
    submission = make_submission(address="Vejen 1, 8722 Hedensted")
    response = advisor_client.get(f"{REGISTER}?submission={submission.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="Karen Prøvesen"' in html
    assert 'value="12 34 56 78"' in html
    assert 'value="karen@example.com"' in html
    assert 'value="Vejen 1, 8722 Hedensted"' in html
    assert f'value="{submission.submitted_at.date().isoformat()}"' in html
    assert 'value="web_form" selected' in html
    assert f'value="d{places.family.pk}" selected' in html
    assert submission.reference in html and "ventet fire måneder" in html
    assert f'name="submission" value="{submission.pk}"' in html
    assert AccessLogEntry.objects.filter(
        user=advisor, detail__contains=submission.reference
    ).exists()


def test_registering_creates_the_inquiry_by_the_rules_and_links_it(
    advisor_client, advisor, make_submission
):
    submission = make_submission()
    response = advisor_client.post(REGISTER, _registration(submission))
    assert response.status_code == 302, response.content.decode()[:3000]
    inquiry = Inquiry.objects.get()
    assert response["Location"] == f"/inquiries/{inquiry.pk}/"
    assert inquiry.channel == Channel.WEB_FORM
    assert inquiry.received_date == datetime.date(2024, 6, 14)
    assert inquiry.person.name == "Karen Prøvesen"
    assert inquiry.person.email == "karen@example.com"
    submission.refresh_from_db()
    assert submission.status == Submission.Status.REGISTERED
    assert submission.handled_by == advisor
    assert list(submission.inquiries.all()) == [inquiry]
    # The citizen said yes in the form: the consent is on the inquiry, given in the web form.
    consent = inquiry.consents.get()
    assert consent.method == "web_form"
    assert submission.reference in consent.note


def test_no_consent_is_recorded_when_the_citizen_said_no(advisor_client, make_submission):
    submission = make_submission(consents_to_contact=False)
    advisor_client.post(REGISTER, _registration(submission))
    assert not Inquiry.objects.get().consents.exists()


def test_several_departments_give_linked_inquiries_all_linked_to_the_submission(
    advisor_client, make_submission, places
):
    submission = make_submission()
    data = _registration(submission, other_departments=[f"d{places.jobcentre.pk}"])
    assert advisor_client.post(REGISTER, data).status_code == 302
    assert Inquiry.objects.count() == 2
    assert Submission.objects.get().inquiries.count() == 2


def test_the_rules_apply_a_missing_reason_is_refused_and_nothing_is_linked(
    advisor_client, make_submission
):
    submission = make_submission()
    response = advisor_client.post(REGISTER, _registration(submission, reasons=[]))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="id_reasons-error"' in html
    assert f'name="submission" value="{submission.pk}"' in html  # still carried
    assert not Inquiry.objects.exists()
    assert Submission.objects.get().status == Submission.Status.NEW


def test_a_repeat_contact_goes_on_the_existing_inquiry(advisor_client, make_submission, places):
    """Rule 2: the same person about the same subject is a contact, not a new inquiry."""
    person = PersonFactory(name="Karen Prøvesen", email="karen@example.com")
    existing = InquiryFactory(
        person=person, department=places.family, received_date=datetime.date(2024, 5, 1)
    )
    submission = make_submission()
    data = _registration(submission, registration=f"inquiry-{existing.pk}")
    assert advisor_client.post(REGISTER, data).status_code == 302
    assert Inquiry.objects.count() == 1
    assert existing.contacts.filter(kind=Channel.WEB_FORM).exists()
    assert list(Submission.objects.get().inquiries.all()) == [existing]


def test_a_submission_is_registered_only_once(advisor_client, make_submission):
    submission = make_submission()
    advisor_client.post(REGISTER, _registration(submission))
    # Sent twice (a double click, the back button): back to the submission, nothing new.
    response = advisor_client.post(REGISTER, _registration(submission))
    assert response.status_code == 302
    assert response["Location"] == f"/inbox/{submission.pk}/"
    assert Inquiry.objects.count() == 1
    # Opening the page again for it leads back to the submission too.
    response = advisor_client.get(f"{REGISTER}?submission={submission.pk}")
    assert response.status_code == 302
    assert response["Location"] == f"/inbox/{submission.pk}/"


def test_an_anonymous_submission_registers_as_an_anonymous_inquiry(advisor_client, make_submission):
    submission = make_submission(complainant_kind="anonymous", name="", phone="", email="")
    assert advisor_client.post(REGISTER, _registration(submission)).status_code == 302
    inquiry = Inquiry.objects.get()
    assert inquiry.person is None
    assert inquiry.complainant_kind == "anonymous"


def test_only_the_advisor_registers_a_submission(plain_client, make_submission):
    submission = make_submission()
    assert plain_client.get(f"{REGISTER}?submission={submission.pk}").status_code == 403
    assert not Inquiry.objects.exists()


def test_a_registered_submission_shows_its_inquiries(advisor_client, make_submission):
    submission = make_submission()
    advisor_client.post(REGISTER, _registration(submission))
    inquiry = Inquiry.objects.get()
    html = advisor_client.get(f"/inbox/{submission.pk}/").content.decode()
    assert f'href="/inquiries/{inquiry.pk}/"' in html
    assert inquiry.case_number in html


def test_the_inquiry_page_links_the_submission_and_its_attachments(
    advisor_client, advisor, make_submission
):
    submission = make_submission(attachments=[pdf("klage.pdf")])
    advisor_client.post(REGISTER, _registration(submission))
    inquiry = Inquiry.objects.get()
    attachment = submission.attachments.get()
    html = advisor_client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert f'href="/inbox/{submission.pk}/"' in html
    url = f"/inbox/{submission.pk}/attachments/{attachment.pk}/"
    assert f'href="{url}"' in html
    response = advisor_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    # The download is logged against the inquiry it now belongs to.
    assert AccessLogEntry.objects.filter(
        user=advisor,
        inquiry_id=inquiry.pk,
        event=AccessEvent.SUBMISSION_ATTACHMENT_DOWNLOADED,
        detail__endswith=f", {attachment.pk}",
    ).exists()


def test_an_inquiry_not_from_the_web_form_shows_no_web_form_section(advisor_client, places):
    inquiry = InquiryFactory(department=places.family)
    html = advisor_client.get(f"/inquiries/{inquiry.pk}/").content.decode()
    assert "web-form-origin" not in html
