"""The inquiry page's documents, internal notes and follow-up date, and the case's print view.

Each view validates a form and makes one call into `inquiries.services.case_file`; a refusal
shows the inquiry's page again with the form as typed and the error next to its field.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.advisor.case_file_forms import DocumentForm, FollowUpForm, NoteForm

# The inquiry page's shared steps: find the inquiry, post one form on it, show it again.
from borgerraadgiver.advisor.views import _get_inquiry, inquiry_form_post
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core import attachments
from borgerraadgiver.forwarding.selectors import inquiry_forwardings_in_full
from borgerraadgiver.forwarding.timeline import case_timeline
from borgerraadgiver.inquiries.models import InquiryDocument
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services import case_file
from borgerraadgiver.letters.selectors import inquiry_letters


@require_http_methods(["POST"])
def document_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=DocumentForm,
        form_key="document_form",
        call=lambda inquiry, data: case_file.inquiry_document_add(
            inquiry=inquiry, added_by=request.user, now=timezone.now(), **data
        ),
        success=_("The document is added."),
    )


@require_http_methods(["POST"])
def document_remove(request: AuthedRequest, pk: int, document_pk: int) -> HttpResponse:
    inquiry = _get_inquiry(request, pk)
    if not can_handle_inquiries(request.user):
        raise Http404
    try:
        case_file.inquiry_document_remove(
            inquiry=inquiry, removed_by=request.user, now=timezone.now(), pk=document_pk
        )
    except InquiryDocument.DoesNotExist:
        raise Http404 from None
    messages.success(request, _("The document is removed."))
    return redirect("advisor:inquiry_detail", pk=inquiry.pk)


def document_download(request: AuthedRequest, pk: int, file_pk: int) -> FileResponse:
    inquiry = _get_inquiry(request, pk)
    return attachments.attachment_download(
        lambda: case_file.inquiry_document_file_open(
            user=request.user, inquiry=inquiry, pk=file_pk, now=timezone.now()
        )
    )


@require_http_methods(["POST"])
def note_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=NoteForm,
        form_key="note_form",
        call=lambda inquiry, data: case_file.inquiry_note_add(
            inquiry=inquiry, written_by=request.user, now=timezone.now(), **data
        ),
        success=_("The note is added."),
    )


@require_http_methods(["POST"])
def follow_up_set(request: AuthedRequest, pk: int) -> HttpResponse:
    """Set the follow-up date, or clear it when the date is left empty."""
    return inquiry_form_post(
        request,
        pk,
        form_class=FollowUpForm,
        form_key="follow_up_form",
        call=lambda inquiry, data: case_file.inquiry_follow_up_set(
            inquiry=inquiry, changed_by=request.user, now=timezone.now(), **data
        ),
        success=_("The follow-up date is saved."),
    )


def inquiry_print(request: AuthedRequest, pk: int) -> HttpResponse:
    """The whole case on A4: facts, person, timeline, forwardings with the department's answers,
    letters to the citizen, documents and notes. Opening it is logged as a print, apart from
    opening the page."""
    inquiry = _get_inquiry(request, pk)
    if not can_handle_inquiries(request.user):
        raise Http404
    now = timezone.now()
    access_log_write(
        user=request.user,
        event=AccessEvent.INQUIRY_PRINTED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return render(
        request,
        "advisor/inquiry_print.html",
        {
            "inquiry": inquiry,
            "timeline": case_timeline(inquiry),
            "forwardings": inquiry_forwardings_in_full(user=request.user, inquiry=inquiry),
            "letters": inquiry_letters(user=request.user, inquiry=inquiry),
            "printed_at": now,
        },
    )
