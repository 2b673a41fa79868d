"""The department manager's pages: only the forwardings sent to their own departments."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import is_manager
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core import attachments
from borgerraadgiver.core.forms import form_submit
from borgerraadgiver.forwarding import answers
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.forwarding.permissions import (
    ANSWER_WITHDRAWAL_WINDOW,
    can_answer,
    can_withdraw_answer,
    manages,
)
from borgerraadgiver.forwarding.selectors import (
    forwarding_get,
    portal_awaiting,
    portal_forwardings,
)
from borgerraadgiver.portal.forms import (
    AnswerForm,
    ExtensionForm,
    PortalFilterForm,
    WithdrawAnswerForm,
)


def _forwarding(request: AuthedRequest, pk: int) -> Forwarding:
    """The forwarding if it was sent to one of the user's departments; 404 for anything else."""
    try:
        forwarding = forwarding_get(user=request.user, pk=pk)
    except Forwarding.DoesNotExist:
        raise Http404 from None
    if not manages(request.user, forwarding):
        raise Http404
    return forwarding


def attachment_download(request: AuthedRequest, pk: int, attachment_pk: int) -> FileResponse:
    """A file attached to an answer, for the department's managers (the advisor has their own)."""
    forwarding = _forwarding(request, pk)
    return attachments.attachment_download(
        lambda: answers.answer_attachment_open(
            user=request.user, forwarding=forwarding, pk=attachment_pk, now=timezone.now()
        )
    )


def forwarding_list(request: AuthedRequest) -> HttpResponse:
    """The cases sent to the manager's departments, awaiting an answer first, a page at a time."""
    if not is_manager(request.user):
        raise Http404
    form = PortalFilterForm(request.GET or None)
    status = form.cleaned_data["status"] if form.is_valid() else ""
    today = timezone.localdate()
    page = Paginator(
        portal_forwardings(user=request.user, status=status), settings.PORTAL_LIST_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "portal/forwarding_list.html",
        {
            "form": form,
            "status": status,
            "page": page,
            "query": urlencode({"status": status}) if status else "",
            "awaiting": portal_awaiting(user=request.user, today=today),
            "today": today,
        },
    )


def _render_detail(
    request: AuthedRequest,
    forwarding: Forwarding,
    *,
    answer_form: AnswerForm | None = None,
    extension_form: ExtensionForm | None = None,
    withdraw_form: WithdrawAnswerForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    # The manager reads the text the advisor chose to send; that is personal data too. Where
    # the advisor shared who the citizen is, the row names the person and says so.
    shared = forwarding.identity_shared
    access_log_write(
        user=request.user,
        event=AccessEvent.FORWARDING_IDENTITY_VIEWED if shared else AccessEvent.FORWARDING_VIEWED,
        now=now,
        inquiry_id=forwarding.inquiry_id,
        person_id=forwarding.inquiry.person_id if shared else None,
        detail=str(forwarding.pk),
    )
    return render(
        request,
        "portal/forwarding_detail.html",
        {
            "forwarding": forwarding,
            "can_answer": can_answer(request.user, forwarding),
            "answer_form": answer_form or AnswerForm(),
            "extension_form": extension_form or ExtensionForm(),
            "can_withdraw": can_withdraw_answer(request.user, forwarding, now=now),
            "withdraw_until": forwarding.answered_at + ANSWER_WITHDRAWAL_WINDOW
            if forwarding.answered_at
            else None,
            "withdraw_form": withdraw_form or WithdrawAnswerForm(),
            "today": timezone.localdate(now),
        },
        status=status,
    )


def forwarding_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _forwarding(request, pk))


@require_http_methods(["POST"])
def forwarding_answer(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    form = AnswerForm(request.POST, request.FILES)
    if form_submit(
        form,
        lambda: answers.forwarding_answer(
            forwarding=forwarding,
            answered_by=request.user,
            now=timezone.now(),
            answer_text=form.cleaned_data["answer_text"],
            attachments=form.cleaned_data["attachments"],
        ),
    ):
        messages.success(request, _("The answer is sent to the citizens' advisor."))
        return redirect("portal:forwarding_detail", pk=forwarding.pk)
    return _render_detail(request, forwarding, answer_form=form, status=400)


@require_http_methods(["POST"])
def forwarding_answer_withdraw(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    form = WithdrawAnswerForm(request.POST)
    if form_submit(
        form,
        lambda: answers.forwarding_answer_withdraw(
            forwarding=forwarding,
            withdrawn_by=request.user,
            now=timezone.now(),
            reason=form.cleaned_data["reason"],
        ),
    ):
        messages.success(
            request,
            _("The answer is withdrawn; the citizens' advisor is told. Send the new answer below."),
        )
        return redirect("portal:forwarding_detail", pk=forwarding.pk)
    return _render_detail(request, forwarding, withdraw_form=form, status=400)


@require_http_methods(["POST"])
def forwarding_extend(request: AuthedRequest, pk: int) -> HttpResponse:
    forwarding = _forwarding(request, pk)
    form = ExtensionForm(request.POST)
    if form_submit(
        form,
        lambda: answers.forwarding_extend(
            forwarding=forwarding,
            requested_by=request.user,
            now=timezone.now(),
            new_deadline_date=form.cleaned_data["new_deadline_date"],
            reason=form.cleaned_data["reason"],
            citizen_informed=form.cleaned_data["citizen_informed"],
        ),
    ):
        messages.success(request, _("The new date is recorded. The citizens' advisor can see it."))
        return redirect("portal:forwarding_detail", pk=forwarding.pk)
    return _render_detail(request, forwarding, extension_form=form, status=400)
