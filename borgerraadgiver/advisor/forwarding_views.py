"""The advisor's pages for consent and forwarding. One call into the domain per view."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.advisor.forwarding_forms import (
    CloseForwardingForm,
    ConsentForm,
    FollowUpForm,
    ForwardingForm,
    KindForm,
    RefusalForm,
    SendForm,
    WithdrawConsentForm,
)
from borgerraadgiver.advisor.views import inquiry_form_post
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core import attachments
from borgerraadgiver.core.forms import form_apply_errors, form_submit
from borgerraadgiver.forwarding import answers, consents, services
from borgerraadgiver.forwarding import selectors as forwarding_selectors
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.permissions import can_forward
from borgerraadgiver.inquiries import selectors
from borgerraadgiver.inquiries.models import Inquiry


def _inquiry(request: AuthedRequest, pk: int) -> Inquiry:
    try:
        inquiry = selectors.inquiry_get(user=request.user, pk=pk)
    except Inquiry.DoesNotExist:
        raise Http404 from None
    if not can_forward(request.user, inquiry):
        raise Http404
    return inquiry


def _forwarding(request: AuthedRequest, pk: int) -> Forwarding:
    try:
        forwarding = forwarding_selectors.forwarding_get(user=request.user, pk=pk)
    except Forwarding.DoesNotExist:
        raise Http404 from None
    if not can_forward(request.user, forwarding.inquiry):
        raise Http404
    return forwarding


def _sent_message(forwarding: Forwarding) -> str:
    return _(
        "Sent to the management of %(department)s. Answer by %(date)s. The inquiry's handling "
        "is now: %(handling)s."
    ) % {
        "department": forwarding.recipient,
        "date": formats.date_format(forwarding.deadline_date or "", "DATE_FORMAT"),
        "handling": forwarding.inquiry.handling_type,
    }


@require_http_methods(["POST"])
def consent_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=ConsentForm,
        form_key="consent_form",
        call=lambda inquiry, data: consents.consent_record(
            inquiry=inquiry, recorded_by=request.user, now=timezone.now(), **data
        ),
        success=_("The consent is recorded."),
    )


@require_http_methods(["POST"])
def consent_withdraw(request: AuthedRequest, pk: int, consent_pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    # A consent given on a linked inquiry covers this one too, and is withdrawn from either.
    consent = (
        consents.consents_covering(inquiry).filter(pk=consent_pk).select_related("inquiry").first()
    )
    if consent is None:
        raise Http404
    form = WithdrawConsentForm(request.POST)
    if form.is_valid():
        try:
            stopped = consents.consent_withdraw(
                consent=consent,
                withdrawn_by=request.user,
                now=timezone.now(),
                withdrawn_date=form.cleaned_data["withdrawn_date"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The consent is withdrawn. Forwardings not yet sent that are stopped: %(count)d.")
                % {"count": len(stopped)},
            )
    else:
        messages.error(request, _("Give the date the consent was withdrawn."))
    return redirect("advisor:inquiry_detail", pk=inquiry.pk)


@require_http_methods(["POST"])
def consent_refusal_add(request: AuthedRequest, pk: int) -> HttpResponse:
    return inquiry_form_post(
        request,
        pk,
        form_class=RefusalForm,
        form_key="refusal_form",
        call=lambda inquiry, data: consents.consent_refusal_record(
            inquiry=inquiry, recorded_by=request.user, now=timezone.now(), **data
        ),
        success=_(
            "It is recorded that the citizen does not want the case taken to the "
            "department. It is counted in the annual report."
        ),
    )


@require_http_methods(["GET", "POST"])
def forwarding_new(request: AuthedRequest, pk: int) -> HttpResponse:
    inquiry = _inquiry(request, pk)
    if request.method != "POST":
        form = ForwardingForm(
            inquiry=inquiry,
            initial={
                "department": inquiry.department_id or f"area-{inquiry.area_id}",
                "kind": inquiry.handling_type.kind
                if inquiry.handling_type.kind in Forwarding.Kind.values
                else None,
                "text": inquiry.summary,
            },
        )
        return _render_forwarding_new(request, form, inquiry)
    form = ForwardingForm(request.POST, inquiry=inquiry)
    if form.is_valid():
        now = timezone.now()
        share_identity = form.cleaned_data.pop("share_identity", False)
        try:
            forwarding = services.forwarding_draft(
                inquiry=inquiry, created_by=request.user, now=now, **form.cleaned_data
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            if "send" not in request.POST:
                messages.success(request, _("The forwarding is saved as a draft."))
                return redirect("advisor:forwarding_detail", pk=forwarding.pk)
            try:
                services.forwarding_send(
                    forwarding=forwarding,
                    sent_by=request.user,
                    now=now,
                    share_identity=share_identity,
                )
            except ValidationError as error:
                messages.error(
                    request,
                    _("Saved as a draft, not sent: %(reason)s")
                    % {"reason": " ".join(error.messages)},
                )
            else:
                messages.success(request, _sent_message(forwarding))
            return redirect("advisor:forwarding_detail", pk=forwarding.pk)
    return _render_forwarding_new(request, form, inquiry, status=400)


def _render_forwarding_new(
    request: AuthedRequest, form: ForwardingForm, inquiry: Inquiry, *, status: int = 200
) -> HttpResponse:
    """The page shows the whole summary: each showing, also after a form error, is logged."""
    access_log_write(
        user=request.user,
        event=AccessEvent.FORWARDING_FORM_VIEWED,
        now=timezone.now(),
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )
    return render(
        request,
        "advisor/forwarding_new.html",
        {"form": form, "inquiry": inquiry},
        status=status,
    )


def _render_forwarding(
    request: AuthedRequest,
    forwarding: Forwarding,
    *,
    follow_up_form: FollowUpForm | None = None,
    close_form: CloseForwardingForm | None = None,
    kind_form: KindForm | None = None,
    status: int = 200,
) -> HttpResponse:
    access_log_write(
        user=request.user,
        event=AccessEvent.FORWARDING_VIEWED,
        now=timezone.now(),
        inquiry_id=forwarding.inquiry_id,
        person_id=forwarding.inquiry.person_id,
        detail=str(forwarding.pk),
    )
    return render(
        request,
        "advisor/forwarding_detail.html",
        {
            "forwarding": forwarding,
            "consent": consents.consent_in_force(forwarding.inquiry),
            "follow_up_form": follow_up_form or FollowUpForm(),
            "close_form": close_form or CloseForwardingForm(),
            "kind_form": kind_form or KindForm(initial={"kind": forwarding.kind}),
            "send_form": SendForm(),
            "today": timezone.localdate(),
        },
        status=status,
    )


def attachment_download(request: AuthedRequest, pk: int, attachment_pk: int) -> FileResponse:
    forwarding = _forwarding(request, pk)
    return attachments.attachment_download(
        lambda: answers.answer_attachment_open(
            user=request.user, forwarding=forwarding, pk=attachment_pk, now=timezone.now()
        )
    )


def forwarding_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    # Showing the answer to the advisor is reading it: it leaves the front page's unread list.
    services.forwarding_mark_read(forwarding=forwarding, read_by=request.user, now=timezone.now())
    return _render_forwarding(request, forwarding)


@require_http_methods(["POST"])
def forwarding_send(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    form = SendForm(request.POST)
    form.is_valid()  # a checkbox: always valid, unticked when absent
    try:
        services.forwarding_send(
            forwarding=forwarding,
            sent_by=request.user,
            now=timezone.now(),
            share_identity=form.cleaned_data["share_identity"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _sent_message(forwarding))
    return redirect("advisor:forwarding_detail", pk=forwarding.pk)


@require_http_methods(["POST"])
def forwarding_follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    form = FollowUpForm(request.POST)
    if form_submit(
        form,
        lambda: services.forwarding_follow_up(
            forwarding=forwarding,
            asked_by=request.user,
            now=timezone.now(),
            **form.cleaned_data,
        ),
    ):
        messages.success(request, _("The follow-up question is sent to the department."))
        return redirect("advisor:forwarding_detail", pk=forwarding.pk)
    return _render_forwarding(request, forwarding, follow_up_form=form, status=400)


@require_http_methods(["POST"])
def forwarding_close(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    form = CloseForwardingForm(request.POST)
    if form_submit(
        form,
        lambda: services.forwarding_close(
            forwarding=forwarding,
            closed_by=request.user,
            now=timezone.now(),
            outcome=form.cleaned_data["outcome"],
        ),
    ):
        messages.success(request, _("The forwarding is closed."))
        return redirect("advisor:forwarding_detail", pk=forwarding.pk)
    return _render_forwarding(request, forwarding, close_form=form, status=400)


@require_http_methods(["POST"])
def forwarding_kind(request: AuthedRequest, pk: int) -> HttpResponse:
    """Correct the kind of a forwarding; the inquiry's handling follows (one fact)."""
    forwarding = _forwarding(request, pk)
    form = KindForm(request.POST)
    if form_submit(
        form,
        lambda: services.forwarding_kind_change(
            forwarding=forwarding,
            changed_by=request.user,
            now=timezone.now(),
            kind=form.cleaned_data["kind"],
        ),
    ):
        forwarding.inquiry.refresh_from_db()
        messages.success(
            request,
            _("The kind is now: %(kind)s. The inquiry's handling is: %(handling)s.")
            % {
                "kind": forwarding.get_kind_display().lower(),
                "handling": forwarding.inquiry.handling_type,
            },
        )
        return redirect("advisor:forwarding_detail", pk=forwarding.pk)
    return _render_forwarding(request, forwarding, kind_form=form, status=400)
