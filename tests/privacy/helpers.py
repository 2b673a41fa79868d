"""An inquiry with every kind of personal data filled in, written straight to the database."""

import datetime

from django.core.files.base import ContentFile

from borgerraadgiver.forwarding.models import (
    AnswerAttachment,
    Consent,
    Extension,
    FollowUpQuestion,
    Forwarding,
)
from borgerraadgiver.inquiries.models import (
    Contact,
    Inquiry,
    InquiryAction,
    InquiryChange,
    InquiryDocument,
    InquiryDocumentFile,
    InquiryNote,
)
from borgerraadgiver.intake.models import Submission, SubmissionAttachment
from tests.factories import ActionFactory, InquiryFactory, PersonFactory
from tests.helpers import at

SECRET = "Hemmelig"  # every personal text below contains it


def full_inquiry(
    *,
    closed: datetime.date | None = datetime.date(2018, 3, 1),
    received: datetime.date = datetime.date(2018, 1, 10),
    person=None,
    **kwargs,
) -> Inquiry:
    person = person or PersonFactory(
        name=f"{SECRET} Hansen", address=f"{SECRET}vej 1", cpr="0101901234"
    )
    inquiry = InquiryFactory(
        person=person,
        received_date=received,
        status="closed" if closed else "open",
        closed_date=closed,
        summary=f"{SECRET} sag om barnet",
        **kwargs,
    )
    Contact.objects.create(
        inquiry=inquiry, contact_date=received, kind="phone", note=f"{SECRET} ringede"
    )
    InquiryAction.objects.create(
        inquiry=inquiry, action=ActionFactory(), action_date=received, note=f"{SECRET} møde"
    )
    InquiryChange.objects.create(
        inquiry=inquiry,
        changed_at=at(received),
        field="summary",
        old_value=f"{SECRET} før",
        new_value=f"{SECRET} efter",
    )
    InquiryChange.objects.create(
        inquiry=inquiry,
        changed_at=at(received),
        field="channel",
        old_value="Telefon",
        new_value="E-mail",
    )
    Consent.objects.create(
        inquiry=inquiry,
        given_by=f"{SECRET} mor",
        given_date=received,
        method="phone",
        note=f"{SECRET} samtykke",
        recorded_at=at(received),
        withdrawn_date=received,
        withdrawn_note=f"{SECRET} trak tilbage",
    )
    _answered_forwarding(inquiry, received=received)
    _registered_submission(inquiry, received=received)
    _case_file(inquiry, received=received)
    return inquiry


def _case_file(inquiry: Inquiry, *, received: datetime.date) -> InquiryDocument:
    """An internal note, a document with a file, and a removed document's change record."""
    InquiryNote.objects.create(inquiry=inquiry, text=f"{SECRET} notat", written_at=at(received))
    document = InquiryDocument.objects.create(
        inquiry=inquiry,
        title=f"{SECRET} afgørelse",
        description=f"{SECRET} fra Jobcentret",
        added_at=at(received),
    )
    file = InquiryDocumentFile(
        document=document,
        name=f"{SECRET}-brev.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=at(received),
    )
    file.file.save("z", ContentFile(b"%PDF-1.4\n"), save=False)
    file.save()
    InquiryChange.objects.create(
        inquiry=inquiry,
        changed_at=at(received),
        field="documents",
        old_value=f"{SECRET} gammelt brev",
    )
    return document


def _answered_forwarding(inquiry: Inquiry, *, received: datetime.date) -> Forwarding:
    """A forwarding with an extension, a follow-up question and an answer with a file."""
    forwarding = Forwarding.objects.create(
        inquiry=inquiry,
        area=inquiry.area,
        department=inquiry.department,
        kind=Forwarding.Kind.FORWARDED,
        text=f"{SECRET} tekst til afdelingen",
        status=Forwarding.Status.ANSWERED,
        sent_date=received,
        deadline_date=received + datetime.timedelta(days=21),
        original_deadline_date=received + datetime.timedelta(days=14),
        answered_date=received + datetime.timedelta(days=20),
        answer_text=f"{SECRET} svar",
        stopped_reason=f"{SECRET} stoppet",
    )
    Extension.objects.create(
        forwarding=forwarding,
        previous_deadline_date=received + datetime.timedelta(days=14),
        new_deadline_date=received + datetime.timedelta(days=21),
        reason=f"{SECRET} ferie",
        citizen_informed=True,
        requested_at=at(received),
    )
    FollowUpQuestion.objects.create(
        forwarding=forwarding,
        text=f"{SECRET} spørgsmål",
        asked_date=received,
        asked_at=at(received),
        deadline_date=received + datetime.timedelta(days=21),
        answer_text=f"{SECRET} uddybning",
    )
    attachment = AnswerAttachment(
        forwarding=forwarding,
        name=f"{SECRET}-afgørelse.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=at(received),
    )
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return forwarding


def _registered_submission(inquiry: Inquiry, *, received: datetime.date) -> Submission:
    """The web-form message the inquiry was registered from, with a file."""
    submission = Submission.objects.create(
        reference=f"W-{inquiry.pk:06d}",
        submitted_at=at(received),
        complainant_kind="citizen",
        name=f"{SECRET} Hansen",
        email="hemmelig@example.com",
        what_happened=f"{SECRET} skete",
        what_they_want=f"{SECRET} ønske",
        consents_to_contact=True,
        status=Submission.Status.REGISTERED,
    )
    submission.inquiries.add(inquiry)
    sent = SubmissionAttachment(
        submission=submission,
        name=f"{SECRET}-brev.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_at=submission.submitted_at,
    )
    sent.file.save("y", ContentFile(b"%PDF-1.4\n"), save=False)
    sent.save()
    return submission
