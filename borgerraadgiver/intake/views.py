"""The public web form, its receipt, and the advisor's inbox. One domain call per view."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.core import attachments
from borgerraadgiver.core.forms import form_apply_errors, form_submit
from borgerraadgiver.intake import selectors, services
from borgerraadgiver.intake.forms import BulkRejectForm, ContactForm, InboxFilterForm, RejectForm
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.permissions import can_handle_submissions
from borgerraadgiver.intake.quota import daily_files
from borgerraadgiver.organisation.models import Office

RECEIPT_SALT = "intake.receipt"
RECEIPT_MAX_AGE = 7 * 24 * 60 * 60


def _client_address(request: HttpRequest) -> str:
    value = request.META.get(settings.INTAKE_CLIENT_ADDRESS_HEADER) or request.META.get(
        "REMOTE_ADDR", ""
    )
    return str(value).split(",")[0].strip()


def _render_form(request: HttpRequest, form: ContactForm, *, status: int = 200) -> HttpResponse:
    office = Office.shown()
    return render(
        request,
        "intake/contact.html",
        {
            "form": form,
            "office": office,
            "retention_years": office.retention_years,
            "dpo_contact": settings.DPO_CONTACT,
            # Browsers never send a file back: say so when the citizen had chosen some.
            "files_to_choose_again": bool(request.FILES) and form.is_bound and bool(form.errors),
        },
        status=status,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest) -> HttpResponse:
    groups = selectors.place_groups(today=timezone.localdate())
    if request.method != "POST":
        return _render_form(request, ContactForm(groups=groups))
    form = ContactForm(request.POST, request.FILES, groups=groups)
    if form.is_valid():
        try:
            submission = services.submission_create(
                data=form.submission_data(),
                uploads=form.cleaned_data["attachments"],
                client_address=_client_address(request),
                now=timezone.now(),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            token = signing.dumps(
                {"r": submission.reference, "e": bool(submission.email)}, salt=RECEIPT_SALT
            )
            return redirect("intake:receipt", token=token)
    return _render_form(request, form, status=400)


@login_not_required
def receipt(request: HttpRequest, token: str) -> HttpResponse:
    """The reference number and what happens next; never the content, whoever opens the URL."""
    try:
        data = signing.loads(token, salt=RECEIPT_SALT, max_age=RECEIPT_MAX_AGE)
    except signing.BadSignature:
        raise Http404 from None
    return render(
        request,
        "intake/receipt.html",
        {"reference": data["r"], "email_sent": data["e"]},
    )


@login_not_required
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    """The accessibility statement the law requires of a public body's website
    (webtilgængelighedsloven): how far the site complies, what is not yet accessible, and
    whom to tell."""
    return render(
        request,
        "intake/accessibility.html",
        {
            "office": Office.shown(),
            "contact_email": settings.ACCESSIBILITY_CONTACT_EMAIL,
            "contact_phone": settings.ACCESSIBILITY_CONTACT_PHONE,
            "reviewed": settings.ACCESSIBILITY_REVIEWED,
        },
    )


def _require_handler(request: AuthedRequest) -> None:
    if not can_handle_submissions(request.user):
        raise PermissionDenied


def inbox(request: AuthedRequest) -> HttpResponse:
    _require_handler(request)
    return _render_inbox(request, reject_form=None)


def _render_inbox(
    request: AuthedRequest, *, reject_form: BulkRejectForm | None, status_code: int = 200
) -> HttpResponse:
    form = InboxFilterForm(request.GET or None)
    status = Submission.Status.NEW.value
    if form.is_valid() and form.cleaned_data["status"]:
        status = form.cleaned_data["status"]
    page = services.submission_inbox_view(
        user=request.user,
        status="" if status == "all" else status,
        number=request.GET.get("page"),
        now=timezone.now(),
    )
    if reject_form is None:
        reject_form = BulkRejectForm(pks=[])
    return render(
        request,
        "intake/inbox.html",
        {
            "form": form,
            "page": page,
            "status": status,
            "query": f"status={status}",
            "reject_form": reject_form,
            "can_reject": status == Submission.Status.NEW,
            "daily_files": daily_files(day=timezone.localdate()),
        },
        status=status_code,
    )


@require_http_methods(["POST"])
def submissions_reject(request: AuthedRequest) -> HttpResponse:
    """The inbox's *Reject the ticked*: one reason for all of them, all or none."""
    _require_handler(request)
    pks = [int(pk) for pk in request.POST.getlist("submissions") if pk.isdigit()]
    form = BulkRejectForm(request.POST, pks=pks)
    if form_submit(
        form,
        lambda: services.submissions_reject(
            pks=form.cleaned_data["submissions"],
            rejected_by=request.user,
            now=timezone.now(),
            reason=form.cleaned_data["reason"],
            spam=form.cleaned_data["spam"],
        ),
    ):
        count = len(form.cleaned_data["submissions"])
        messages.success(
            request,
            ngettext(
                "%(count)d submission is rejected.", "%(count)d submissions are rejected.", count
            )
            % {"count": count},
        )
        return redirect("intake:inbox")
    return _render_inbox(request, reject_form=form, status_code=400)


def _render_detail(
    request: AuthedRequest, submission: Submission, *, reject_form: RejectForm, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "intake/submission_detail.html",
        {"submission": submission, "reject_form": reject_form},
        status=status,
    )


def _submission(request: AuthedRequest, pk: int) -> Submission:
    _require_handler(request)
    try:
        return services.submission_view(user=request.user, pk=pk, now=timezone.now())
    except Submission.DoesNotExist:
        raise Http404 from None


def submission_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _submission(request, pk), reject_form=RejectForm())


@require_http_methods(["POST"])
def submission_reject(request: AuthedRequest, pk: int) -> HttpResponse:
    submission = _submission(request, pk)
    form = RejectForm(request.POST)
    if form_submit(
        form,
        lambda: services.submission_reject(
            submission=submission,
            rejected_by=request.user,
            now=timezone.now(),
            reason=form.cleaned_data["reason"],
            spam=form.cleaned_data["spam"],
        ),
    ):
        messages.success(
            request,
            _("Submission %(reference)s is rejected. It stays in the inbox under “Rejected”.")
            % {"reference": submission.reference},
        )
        return redirect("intake:inbox")
    return _render_detail(request, submission, reject_form=form, status=400)


def attachment_download(request: AuthedRequest, pk: int, attachment_pk: int) -> FileResponse:
    _require_handler(request)
    return attachments.attachment_download(
        lambda: services.submission_attachment_open(
            user=request.user, submission_pk=pk, attachment_pk=attachment_pk, now=timezone.now()
        )
    )
