"""The registration page: one contact, registered by the registration rules.

Typed by the advisor, or prefilled from a web-form submission. Before anything is saved, a known
person's open inquiries are shown (`person_look_up`), so that the advisor chooses between a
contact on one of them and a new inquiry; `registration_submit` then applies the rules.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.models import User
from borgerraadgiver.advisor.registration_forms import RegistrationForm
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.core.once import (
    ONCE_FIELD,
    AlreadySubmitted,
    already_submitted,
    submit_once,
)
from borgerraadgiver.inquiries.look_up import PersonLookUp, PersonMatches, person_look_up
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services.inputs import RegistrationInput
from borgerraadgiver.inquiries.services.registration import Registration, registration_submit
from borgerraadgiver.intake import selectors as intake_selectors
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.registration import submission_register

TEMPLATE = "advisor/inquiry_register.html"


@require_http_methods(["GET", "POST"])
def inquiry_register(request: AuthedRequest) -> HttpResponse:
    if not can_handle_inquiries(request.user):
        raise PermissionDenied
    now = timezone.now()
    today = timezone.localdate(now)
    submission = _submission_to_register(request)
    if submission is not None and submission.status != Submission.Status.NEW:
        messages.info(request, _("This web-form submission has already been handled."))
        return redirect("intake:submission_detail", pk=submission.pk)
    if request.method != "POST":
        return _empty_page(request, submission, now=now)
    look_up = person_look_up(
        user=request.user,
        now=now,
        name=request.POST.get("person_name", ""),
        phone=request.POST.get("person_phone", ""),
        email=request.POST.get("person_email", ""),
        asked="find_person" in request.POST,
        seen=bool(request.POST.get("matches_shown")),
    )
    if look_up.shown:
        return _matches_page(request, look_up, today=today)
    form = RegistrationForm(request.POST, today=today, matches=look_up.matches)
    if not form.is_valid():
        return _render(request, form, look_up.matches)
    registered: list[Registration] = []

    def create() -> str:
        registered.append(
            _submit(form.registration_input(), submission=submission, user=request.user, now=now)
        )
        return reverse("advisor:inquiry_detail", args=[registered[0].inquiries[0].pk])

    try:
        url = submit_once(
            token=form.cleaned_data[ONCE_FIELD], user=request.user, now=now, create=create
        )
    except ValidationError as error:
        form_apply_errors(form, error)
        return _render(request, form, look_up.matches)
    except AlreadySubmitted as sent:
        return already_submitted(request, sent, fallback="advisor:inquiry_list")
    messages.success(request, _registered(registered[0]))
    return redirect(url)


def _submission_to_register(request: AuthedRequest) -> Submission | None:
    """The web-form submission named by the page's `submission` parameter, if any."""
    value = request.POST.get("submission") or request.GET.get("submission")
    if not value:
        return None
    try:
        return intake_selectors.submission_get(user=request.user, pk=int(value))
    except (ValueError, Submission.DoesNotExist):
        raise Http404 from None


def _empty_page(
    request: AuthedRequest, submission: Submission | None, *, now: datetime.datetime
) -> HttpResponse:
    prefill = None
    if submission is not None:
        # Prefilled from what the citizen sent: showing it is a read of personal data.
        prefill = intake_selectors.submission_registration_initial(submission)
        access_log_write(
            user=request.user,
            event=AccessEvent.REGISTRATION_PREFILLED,
            now=now,
            detail=submission.reference,
        )
    form = RegistrationForm(initial=prefill, today=timezone.localdate(now))
    return render(request, TEMPLATE, {"form": form})


def _matches_page(
    request: AuthedRequest, look_up: PersonLookUp, *, today: datetime.date
) -> HttpResponse:
    """The person's open inquiries, before anything is saved (rules 2 to 4), with the form as
    typed and not yet checked."""
    form = RegistrationForm(
        initial=RegistrationForm.typed_initial(request.POST), today=today, matches=look_up.matches
    )
    if "find_person" not in request.POST and look_up.matches.any_open:
        messages.info(
            request,
            _(
                "This person may already have an open inquiry. Choose below how to "
                "register the contact."
            ),
        )
    return render(
        request, TEMPLATE, {"form": form, "show_matches": True, "matches": look_up.matches}
    )


def _render(request: AuthedRequest, form: RegistrationForm, matches: PersonMatches) -> HttpResponse:
    return render(
        request, TEMPLATE, {"form": form, "show_matches": bool(matches.people), "matches": matches}
    )


def _submit(
    data: RegistrationInput, *, submission: Submission | None, user: User, now: datetime.datetime
) -> Registration:
    """From the web form: the same rules, and the submission is linked to what it became."""
    if submission is None:
        return registration_submit(data=data, registered_by=user, now=now)
    return submission_register(submission=submission, data=data, registered_by=user, now=now)


def _registered(registration: Registration) -> str:
    inquiries = registration.inquiries
    if registration.repeat_contact:
        return _(
            "The contact is added to inquiry %(case)s. It is the same subject, so it is "
            "not counted as a new inquiry."
        ) % {"case": inquiries[0].case_number}
    if len(inquiries) == 1:
        return _("Inquiry %(case)s is registered.") % {"case": inquiries[0].case_number}
    return _("%(count)d linked inquiries are registered, one per department: %(cases)s.") % {
        "count": len(inquiries),
        "cases": ", ".join(i.case_number for i in inquiries),
    }
