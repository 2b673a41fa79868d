"""One inquiry, or one person, as plain data: for the archive delivery and the data-subject export.

Plain dicts of str, int, bool, None, lists and dicts, with dates as ISO strings, so that the
JSON renderer, the PDF template and the archive only format them. `cpr` says how the CPR number
appears: in full for the archive (it must receive the data as held), masked in a data-subject
export that leaves the office (the citizen knows their own number).
"""

import datetime
from collections.abc import Iterable
from typing import Any, Literal

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.cpr import cpr_format, cpr_mask
from borgerraadgiver.inquiries.models import (
    Contact,
    Inquiry,
    InquiryAction,
    InquiryDocument,
    InquiryNote,
    Person,
)
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.letters.models import Letter

CprStyle = Literal["full", "masked"]
FORMAT_VERSION = 1


def _iso(value: datetime.date | datetime.datetime | None) -> str | None:
    """ISO 8601; a moment in the office's time zone, with its offset."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat()
    return value.isoformat() if value is not None else None


def _user(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def inquiries_for_records(ids: Iterable[int]) -> QuerySet[Inquiry]:
    """The inquiries with everything `inquiry_record` reads, in a fixed number of queries."""
    return (
        Inquiry.objects.filter(pk__in=list(ids))
        .select_related("area", "department", "handling_type", "referral_body", "person", "advisor")
        .prefetch_related(
            "reasons",
            Prefetch("contacts", queryset=Contact.objects.select_related("created_by")),
            Prefetch("actions", queryset=InquiryAction.objects.select_related("action")),
            "changes",
            Prefetch("notes", queryset=InquiryNote.objects.select_related("written_by")),
            Prefetch(
                "documents",
                queryset=InquiryDocument.objects.select_related("added_by").prefetch_related(
                    "files"
                ),
            ),
            "consents",
            "consent_refusals",
            Prefetch(
                "letters",
                queryset=Letter.objects.select_related("created_by")
                .defer("pdf")
                .order_by("created_at", "pk"),
            ),
            Prefetch(
                "submissions",
                queryset=Submission.objects.prefetch_related("attachments").order_by("pk"),
            ),
            Prefetch(
                "forwardings",
                queryset=Forwarding.objects.select_related("department").prefetch_related(
                    "extensions", "follow_up_questions", "attachments", "withdrawn_answers"
                ),
            ),
        )
        .order_by("received_date", "pk")
    )


def person_record(person: Person, *, cpr: CprStyle) -> dict[str, Any]:
    return {
        "id": person.pk,
        "name": person.name,
        "phone": person.phone,
        "email": person.email,
        "address": person.address,
        "cpr": cpr_format(person.cpr) if cpr == "full" else cpr_mask(person.cpr),
        "registered_at": _iso(person.created_at),
    }


def inquiry_record(inquiry: Inquiry, *, cpr: CprStyle) -> dict[str, Any]:
    """Everything held on one inquiry. Attachments are listed by id, name, type and size."""
    return {
        "id": inquiry.pk,
        "case_number": inquiry.case_number,
        "received_date": _iso(inquiry.received_date),
        "channel": inquiry.get_channel_display(),
        "complainant_kind": inquiry.get_complainant_kind_display(),
        "person": person_record(inquiry.person, cpr=cpr) if inquiry.person else None,
        "area": inquiry.area.name,
        "department": inquiry.department.name if inquiry.department else None,
        "reasons": sorted(reason.name for reason in inquiry.reasons.all()),
        "handling": inquiry.handling_type.name,
        "referred_to": inquiry.referral_body.name if inquiry.referral_body else None,
        "summary": inquiry.summary,
        "status": inquiry.get_status_display(),
        "closed_date": _iso(inquiry.closed_date),
        "advisor": _user(inquiry.advisor),
        "follow_up_date": _iso(inquiry.follow_up_date),
        **_timeline_records(inquiry),
        **_case_file_records(inquiry),
        **_citizen_choice_records(inquiry),
        "forwardings": [_forwarding_record(forwarding) for forwarding in inquiry.forwardings.all()],
        "letters": [_letter_record(letter) for letter in inquiry.letters.all()],
        "web_form_submissions": [
            _submission_record(submission) for submission in inquiry.submissions.all()
        ],
    }


def _timeline_records(inquiry: Inquiry) -> dict[str, list[dict[str, Any]]]:
    """The contacts, counted actions and change record of an inquiry."""
    return {
        "contacts": [
            {
                "date": _iso(contact.contact_date),
                "kind": contact.get_kind_display(),
                "note": contact.note,
                "registered_by": _user(contact.created_by),
            }
            for contact in inquiry.contacts.all()
        ],
        "counted_actions": [
            {"date": _iso(action.action_date), "action": action.action.name, "note": action.note}
            for action in inquiry.actions.all()
        ],
        "changes": [
            {
                "at": _iso(change.changed_at),
                "field": change.field,
                "before": change.old_value,
                "after": change.new_value,
            }
            for change in inquiry.changes.all()
        ],
    }


def _case_file_records(inquiry: Inquiry) -> dict[str, list[dict[str, Any]]]:
    """The advisor's internal notes and documents (the files by id, name, type and size)."""
    return {
        "notes": [
            {"written_at": _iso(note.written_at), "by": _user(note.written_by), "text": note.text}
            for note in inquiry.notes.all()
        ],
        "documents": [
            {
                "id": document.pk,
                "title": document.title,
                "description": document.description,
                "added_at": _iso(document.added_at),
                "added_by": _user(document.added_by),
                "files": [
                    {
                        "id": file.pk,
                        "name": file.name,
                        "content_type": file.content_type,
                        "size": file.size,
                    }
                    for file in document.files.all()
                ],
            }
            for document in inquiry.documents.all()
        ],
    }


def _citizen_choice_records(inquiry: Inquiry) -> dict[str, list[dict[str, Any]]]:
    """The citizen's consents to forwarding and the times they declined it."""
    return {
        "consents": [
            {
                "given_by": consent.given_by,
                "given_date": _iso(consent.given_date),
                "method": consent.get_method_display(),
                "note": consent.note,
                "withdrawn_date": _iso(consent.withdrawn_date),
                "withdrawn_note": consent.withdrawn_note,
            }
            for consent in inquiry.consents.all()
        ],
        "declined_forwarding": [
            {
                "said_by": refusal.given_by,
                "date": _iso(refusal.refused_date),
                "method": refusal.get_method_display(),
                "note": refusal.note,
            }
            for refusal in inquiry.consent_refusals.all()
        ],
    }


def _letter_record(letter: Letter) -> dict[str, Any]:
    """A letter to the citizen: what it said, how, to whom, by whom, when, and how it went."""
    return {
        "id": letter.pk,
        "kind": letter.get_kind_display(),
        "subject": letter.subject,
        "text": letter.body,
        "channel": letter.get_channel_display(),
        "to": letter.recipient_name,
        "address": letter.recipient_address,
        "made_at": _iso(letter.created_at),
        "made_by": _user(letter.created_by),
        "status": letter.get_status_display(),
        "sent_at": _iso(letter.sent_at),
    }


def _submission_record(submission: Submission) -> dict[str, Any]:
    """What the citizen sent through the web form, as they sent it."""
    return {
        "reference": submission.reference,
        "submitted_at": _iso(submission.submitted_at),
        "name": submission.name,
        "phone": submission.phone,
        "email": submission.email,
        "address": submission.address,
        "what_happened": submission.what_happened,
        "what_they_want": submission.what_they_want,
        "consents_to_contact": submission.consents_to_contact,
        "attachments": [
            {
                "id": attachment.pk,
                "name": attachment.name,
                "content_type": attachment.content_type,
                "size": attachment.size,
            }
            for attachment in submission.attachments.all()
        ],
    }


def _forwarding_record(forwarding: Forwarding) -> dict[str, Any]:
    return {
        "id": forwarding.pk,
        "kind": forwarding.get_kind_display(),
        "department": forwarding.recipient.name,
        "status": forwarding.get_status_display(),
        "text": forwarding.text,
        "shared_name": forwarding.shared_name,
        "shared_cpr": forwarding.shared_cpr_masked,
        "sent_date": _iso(forwarding.sent_date),
        "deadline_date": _iso(forwarding.deadline_date),
        "answered_date": _iso(forwarding.answered_date),
        "answer_text": forwarding.answer_text,
        "closed_date": _iso(forwarding.closed_date),
        "outcome": forwarding.get_outcome_display() if forwarding.outcome else "",
        "stopped_reason": forwarding.stopped_reason,
        "extensions": [
            {
                "previous_deadline_date": _iso(extension.previous_deadline_date),
                "new_deadline_date": _iso(extension.new_deadline_date),
                "reason": extension.reason,
                "citizen_informed": extension.citizen_informed,
            }
            for extension in forwarding.extensions.all()
        ],
        "follow_up_questions": [
            {
                "asked_date": _iso(question.asked_date),
                "text": question.text,
                "deadline_date": _iso(question.deadline_date),
                "answered_date": _iso(question.answered_date),
                "answer_text": question.answer_text,
            }
            for question in forwarding.follow_up_questions.all()
        ],
        "withdrawn_answers": [
            {
                "answered_date": _iso(withdrawn.answered_date),
                "answer_text": withdrawn.answer_text,
                "withdrawn_at": _iso(withdrawn.withdrawn_at),
                "reason": withdrawn.reason,
            }
            for withdrawn in forwarding.withdrawn_answers.all()
        ],
        "attachments": [
            {
                "id": attachment.pk,
                "name": attachment.name,
                "content_type": attachment.content_type,
                "size": attachment.size,
                "uploaded_at": _iso(attachment.uploaded_at),
            }
            for attachment in forwarding.attachments.all()
        ],
    }
