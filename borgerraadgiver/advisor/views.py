"""The advisor's pages. Each view validates a form and makes one call into the domain."""

import datetime
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import is_administrator, is_manager
from borgerraadgiver.advisor.case_file_forms import DocumentForm, FollowUpForm, NoteForm
from borgerraadgiver.advisor.forms import (
    ActionForm,
    CloseForm,
    ContactForm,
    InquiryEditForm,
)
from borgerraadgiver.advisor.forwarding_forms import ConsentForm, RefusalForm, WithdrawConsentForm
from borgerraadgiver.advisor.selectors import action_needed
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.core.once import form_submit_once
from borgerraadgiver.forwarding.selectors import inquiry_forwardings
from borgerraadgiver.forwarding.timeline import inquiry_timeline
from borgerraadgiver.inquiries import selectors
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services import counted_actions, editing, registration
from borgerraadgiver.letters.selectors import inquiry_letters_panel
from borgerraadgiver.privacy.role_grants import role_grants_awaiting_count


def _require_advisor(request: AuthedRequest) -> None:
    if not can_handle_inquiries(request.user):
        raise PermissionDenied


# The inquiry page's panels read by other modules; most inquiries have none of these, and the
# inquiry's own query says so (`core.prefetch.may_have`), saving a query each.
PAGE_PANELS = ("consents", "consent_refusals", "forwardings", "letters", "submissions")


def _get_inquiry(request: AuthedRequest, pk: int, *, also_ask: Sequence[str] = ()) -> Inquiry:
    """The inquiry, or 404; `also_ask` for the views that may show its page (`PAGE_PANELS`)."""
    try:
        return selectors.inquiry_get(user=request.user, pk=pk, also_ask=also_ask)
    except Inquiry.DoesNotExist:
        raise Http404 from None


def home(request: AuthedRequest) -> HttpResponse:
    """Where each role starts: the advisor at the inquiries, the administrator in the admin."""
    if can_handle_inquiries(request.user):
        needed = action_needed(user=request.user, today=timezone.localdate())
        if shown := needed.inquiries_shown():
            access_log_write_many(
                user=request.user,
                event=AccessEvent.INQUIRY_LIST_VIEWED,
                now=timezone.now(),
                inquiries=shown,
                detail="front page",
            )
        return render(
            request,
            "advisor/home.html",
            {
                "needed": needed,
                "today": timezone.localdate(),
                "role_grants_awaiting": role_grants_awaiting_count(user=request.user),
            },
        )
    if is_manager(request.user):
        return redirect("portal:forwarding_list")
    if request.user.is_report_reader:
        # Aggregates only: the statistics, never a page that shows a person.
        return redirect("reports:statistics")
    if is_administrator(request.user):
        return redirect("admin:index")
    return render(request, "advisor/no_role.html", status=403)


def inquiry_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry(request, pk, also_ask=PAGE_PANELS)
    if not can_handle_inquiries(request.user):
        raise Http404
    return render_inquiry_detail(request, inquiry)


@require_http_methods(["GET", "POST"])
def inquiry_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry(request, pk)
    if not can_handle_inquiries(request.user):
        raise Http404
    now = timezone.now()
    today = timezone.localdate(now)
    if request.method != "POST":
        access_log_write(
            user=request.user,
            event=AccessEvent.INQUIRY_EDIT_FORM_VIEWED,
            now=now,
            inquiry_id=inquiry.pk,
            person_id=inquiry.person_id,
        )
        form = InquiryEditForm(
            initial=InquiryEditForm.initial_for(inquiry), inquiry=inquiry, today=today
        )
        return render(request, "advisor/inquiry_edit.html", {"form": form, "inquiry": inquiry})
    form = InquiryEditForm(request.POST, inquiry=inquiry, today=today)
    if form.is_valid():
        data = form.cleaned_data
        try:
            changes = editing.inquiry_update(
                inquiry=inquiry,
                changed_by=request.user,
                now=now,
                received_date=data["received_date"],
                channel=data["channel"],
                complainant_kind=data["complainant_kind"],
                placement=data["department"],
                reasons=list(data["reasons"]),
                handling_type=data["handling_type"],
                summary=data["summary"],
                status=data["status"],
                closed_date=data["closed_date"],
                referral_body=data["referral_body"],
                referred_by=data["referred_by"],
                advisor=data["advisor"],
                expected_version=data["version"],
                person_cpr=data.get("person_cpr", ""),
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        except editing.StaleInquiry as stale:
            return _render_stale_edit(request, stale, today=today)
        else:
            if changes:
                messages.success(request, _("The changes are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("advisor:inquiry_detail", pk=inquiry.pk)
    return render(request, "advisor/inquiry_edit.html", {"form": form, "inquiry": inquiry})


def _render_stale_edit(
    request: AuthedRequest, stale: editing.StaleInquiry, *, today: datetime.date
) -> HttpResponse:
    """Someone saved the inquiry after this user opened the form: nothing of theirs is lost.

    The form comes back as the user typed it, now based on the saved version, with the other
    user's changes listed above it: saving again overwrites them knowingly.
    """
    access_log_write(
        user=request.user,
        event=AccessEvent.INQUIRY_EDIT_CONFLICT_SHOWN,
        now=timezone.now(),
        inquiry_id=stale.inquiry.pk,
        person_id=stale.inquiry.person_id,
    )
    data = request.POST.copy()
    data["version"] = str(stale.current_version)
    form = InquiryEditForm(data, inquiry=stale.inquiry, today=today)
    form.is_valid()
    return render(
        request,
        "advisor/inquiry_edit.html",
        {"form": form, "inquiry": stale.inquiry, "stale": stale},
        status=409,
    )


def inquiry_form_post(
    request: AuthedRequest,
    pk: int,
    *,
    form_class: type[forms.Form],
    form_key: str,
    call: Callable[[Inquiry, dict[str, Any]], object],
    success: str,
) -> HttpResponse:
    """A form on the inquiry's page: validate, one service call, back to the page.

    A refusal shows the page again with the form as typed and the error next to its field. A
    form that creates something (a contact, an action, a note, a document) carries a one-time
    token (`{% once_field %}`): sent twice, it acts once.
    """
    inquiry = _get_inquiry(request, pk, also_ask=PAGE_PANELS)  # shown again on an error
    if not can_handle_inquiries(request.user):
        raise Http404
    form = form_class(request.POST, request.FILES)
    page = reverse("advisor:inquiry_detail", args=[inquiry.pk])
    done = form_submit_once(
        request, form, lambda: call(inquiry, form.cleaned_data), result_url=page
    )
    if isinstance(done, HttpResponseBase):
        return done
    if done:
        messages.success(request, success)
        return redirect(page)
    return render_inquiry_detail(request, inquiry, bound={form_key: form}, status=400)


@require_http_methods(["POST"])
def contact_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=ContactForm,
        form_key="contact_form",
        call=lambda inquiry, data: registration.contact_register(
            inquiry=inquiry, registered_by=request.user, now=timezone.now(), **data
        ),
        success=_("The contact is added."),
    )


@require_http_methods(["POST"])
def action_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=ActionForm,
        form_key="action_form",
        call=lambda inquiry, data: counted_actions.inquiry_action_add(
            inquiry=inquiry, added_by=request.user, now=timezone.now(), **data
        ),
        success=_("The counted action is added."),
    )


@require_http_methods(["POST"])
def inquiry_close(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=CloseForm,
        form_key="close_form",
        call=lambda inquiry, data: editing.inquiry_close(
            inquiry=inquiry, closed_by=request.user, now=timezone.now(), **data
        ),
        success=_("The inquiry is closed."),
    )


@require_http_methods(["POST"])
def inquiry_reopen(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _get_inquiry(request, pk)
    if not can_handle_inquiries(request.user):
        raise Http404
    try:
        editing.inquiry_reopen(
            inquiry=inquiry,
            reopened_by=request.user,
            now=timezone.now(),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The inquiry is open again."))
    return redirect("advisor:inquiry_detail", pk=inquiry.pk)


def render_inquiry_detail(
    request: AuthedRequest,
    inquiry: Inquiry,
    *,
    bound: Mapping[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The inquiry's page; every showing of it is logged as a read."""
    forwarding = inquiry_forwardings(user=request.user, inquiry=inquiry)
    letters = inquiry_letters_panel(user=request.user, inquiry=inquiry, forwardings=forwarding)
    now = timezone.now()
    today = timezone.localdate(now)
    access_log_write(
        user=request.user,
        event=AccessEvent.INQUIRY_VIEWED,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return render(
        request,
        "advisor/inquiry_detail.html",
        {
            "inquiry": inquiry,
            "timeline": inquiry_timeline(
                inquiry=inquiry, forwardings=forwarding, more=letters.timeline
            ),
            "letters": letters,
            "linked": selectors.inquiry_linked(user=request.user, inquiry=inquiry),
            "contact_form": ContactForm(initial={"contact_date": today}),
            "action_form": ActionForm(initial={"action_date": today}),
            "close_form": CloseForm(initial={"closed_date": today}),
            "document_form": DocumentForm(),
            "note_form": NoteForm(),
            "follow_up_form": FollowUpForm(initial={"follow_up_date": inquiry.follow_up_date}),
            "consent_form": ConsentForm(
                initial={
                    "given_by": inquiry.person.name if inquiry.person else "",
                    "given_date": today,
                }
            ),
            "withdraw_form": WithdrawConsentForm(initial={"withdrawn_date": today}),
            "refusal_form": RefusalForm(
                initial={
                    "given_by": inquiry.person.name if inquiry.person else "",
                    "refused_date": today,
                }
            ),
            # A form sent back with an error replaces its empty twin, as the user typed it.
            **(bound or {}),
            "consents": forwarding.consents,
            "refusals": forwarding.refusals,
            "forwardings": forwarding.forwardings,
            "consent_in_force": forwarding.consent_in_force,
            "can_edit": can_handle_inquiries(request.user),
        },
        status=status,
    )
