"""The registration page: one contact, registered by the registration rules.

Typed by the advisor, or prefilled from a web-form submission. Before anything is saved, a known
person's open inquiries are shown, so that the advisor chooses between a contact on one of them
and a new inquiry; `registration_submit` then applies the rules.
"""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.models import User
from borgerraadgiver.advisor.registration_forms import RegistrationForm
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.core.forms import form_apply_errors
from borgerraadgiver.inquiries import selectors
from borgerraadgiver.inquiries.permissions import can_handle_inquiries
from borgerraadgiver.inquiries.services.inputs import RegistrationInput
from borgerraadgiver.inquiries.services.registration import Registration, registration_submit
from borgerraadgiver.intake import selectors as intake_selectors
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.registration import submission_register


def _require_advisor(request: AuthedRequest) -> None:
    if not can_handle_inquiries(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def inquiry_register(request: AuthedRequest) -> HttpResponse:
    _require_advisor(request)
    user = request.user
    now = timezone.now()
    today = timezone.localdate(now)
    submission = _submission_to_register(request)
    if submission is not None and submission.status != Submission.Status.NEW:
        messages.info(request, _("This web-form submission has already been handled."))
        return redirect("intake:submission_detail", pk=submission.pk)
    if request.method != "POST":
        prefill = None
        if submission is not None:
            # Prefilled from what the citizen sent: showing it is a read of personal data.
            prefill = intake_selectors.submission_registration_initial(submission)
            access_log_write(
                user=user,
                event=AccessEvent.REGISTRATION_PREFILLED,
                now=now,
                detail=submission.reference,
            )
        return render(
            request,
            "advisor/inquiry_register.html",
            {"form": RegistrationForm(initial=prefill, today=today)},
        )

    matches = selectors.person_open_inquiries(
        user=user,
        name=request.POST.get("person_name", ""),
        phone=request.POST.get("person_phone", ""),
        email=request.POST.get("person_email", ""),
    )
    form = RegistrationForm(request.POST, today=today, matches=matches)
    finding = "find_person" in request.POST
    if finding or (matches.people and not request.POST.get("matches_shown")):
        # Rules 2 to 4 need the advisor's judgement: show the person's open inquiries first.
        # Unbound, with what was typed as initial values: nothing is lost and nothing is
        # marked as an error before the advisor has tried to register.
        initial: dict[str, object] = {
            name: request.POST.getlist(name)
            if name in ("reasons", "other_departments", "actions")
            else request.POST.get(name)
            for name in request.POST
            if name not in ("csrfmiddlewaretoken", "find_person")
        }
        initial["matches_shown"] = True
        form = RegistrationForm(initial=initial, today=today, matches=matches)
        access_log_write_many(
            user=user,
            event=AccessEvent.PERSONS_LOOKED_UP,
            now=now,
            inquiries=[
                (inquiry.pk, person.pk) for person, found in matches.people for inquiry in found
            ]
            or [(None, person.pk) for person, _found in matches.people]
            or [(None, None)],
            detail=" ".join(
                request.POST.get(name, "")
                for name in ("person_name", "person_phone", "person_email")
            ).strip(),
        )
        if not finding and matches.any_open:
            messages.info(
                request,
                _(
                    "This person may already have an open inquiry. Choose below how to "
                    "register the contact."
                ),
            )
        return render(
            request,
            "advisor/inquiry_register.html",
            {"form": form, "show_matches": True, "matches": matches},
        )

    if not form.is_valid():
        return _render_registration(request, form, matches)
    try:
        registration = _submit(form.registration_input(), submission=submission, user=user, now=now)
    except ValidationError as error:
        form_apply_errors(form, error)
        return _render_registration(request, form, matches)
    inquiries = registration.inquiries
    if registration.repeat_contact:
        messages.success(
            request,
            _(
                "The contact is added to inquiry %(case)s. It is the same subject, so it is "
                "not counted as a new inquiry."
            )
            % {"case": inquiries[0].case_number},
        )
    elif len(inquiries) == 1:
        messages.success(
            request, _("Inquiry %(case)s is registered.") % {"case": inquiries[0].case_number}
        )
    else:
        messages.success(
            request,
            _("%(count)d linked inquiries are registered, one per department: %(cases)s.")
            % {"count": len(inquiries), "cases": ", ".join(i.case_number for i in inquiries)},
        )
    return redirect("advisor:inquiry_detail", pk=inquiries[0].pk)


def _submission_to_register(request: AuthedRequest) -> Submission | None:
    """The web-form submission named by the page's `submission` parameter, if any."""
    value = request.POST.get("submission") or request.GET.get("submission")
    if not value:
        return None
    try:
        return intake_selectors.submission_get(user=request.user, pk=int(value))
    except (ValueError, Submission.DoesNotExist):
        raise Http404 from None


def _render_registration(
    request: AuthedRequest, form: RegistrationForm, matches: selectors.PersonMatches
) -> HttpResponse:
    return render(
        request,
        "advisor/inquiry_register.html",
        {"form": form, "show_matches": bool(matches.people), "matches": matches},
    )


def _submit(
    data: RegistrationInput, *, submission: Submission | None, user: User, now: datetime.datetime
) -> Registration:
    """From the web form: the same rules, and the submission is linked to what it became."""
    if submission is None:
        return registration_submit(data=data, registered_by=user, now=now)
    return submission_register(submission=submission, data=data, registered_by=user, now=now)
