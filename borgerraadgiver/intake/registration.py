"""The advisor registers a web-form submission, by the same registration rules as the page."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.consents import consent_record
from borgerraadgiver.forwarding.models import ConsentMethod
from borgerraadgiver.inquiries.services.inputs import RegistrationInput
from borgerraadgiver.inquiries.services.registration import Registration, registration_submit
from borgerraadgiver.intake.models import Submission
from borgerraadgiver.intake.permissions import can_handle_submissions
from borgerraadgiver.organisation.kept import INBOX_TOKEN, lists_lock


@transaction.atomic
def submission_register(
    *,
    submission: Submission,
    data: RegistrationInput,
    registered_by: User,
    now: datetime.datetime,
) -> Registration:
    """Register a submission by the registration rules, and link it to what it became.

    `registration_submit` decides, from `data`, between new inquiries (one per department) and a
    contact on an existing one. The submission is then marked registered and linked to the
    inquiries; the citizen's consent given in the form is recorded on each of them (method: the
    web form), so the advisor may contact the department. A submission already registered or
    rejected is refused, so it never counts twice.
    """
    if not can_handle_submissions(registered_by):
        raise PermissionDenied
    lists_lock(group=INBOX_TOKEN)  # the inbox's token before the submission's row, as its trigger
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    if locked.status != Submission.Status.NEW:
        raise ValidationError(
            _("Web-form submission %(reference)s has already been handled.")
            % {"reference": locked.reference}
        )
    result = registration_submit(data=data, registered_by=registered_by, now=now)
    given_date = timezone.localdate(locked.submitted_at)
    if locked.consents_to_contact:
        for inquiry in result.inquiries:
            if inquiry.consents.filter(withdrawn_date__isnull=True).exists():
                continue
            consent_record(
                inquiry=inquiry,
                recorded_by=registered_by,
                now=now,
                given_by=locked.name or _("Anonymous"),
                given_date=max(given_date, inquiry.received_date),
                method=ConsentMethod.WEB_FORM,
                note=_("Given in web-form submission %(reference)s")
                % {"reference": locked.reference},
            )
    locked.inquiries.add(*result.inquiries)
    locked.status = Submission.Status.REGISTERED
    locked.handled_at = now
    locked.handled_by = registered_by
    locked.save(update_fields=["status", "handled_at", "handled_by", "updated_at"])
    for inquiry in result.inquiries:
        access_log_write(
            user=registered_by,
            event=AccessEvent.SUBMISSION_REGISTERED,
            now=now,
            inquiry_id=inquiry.pk,
            person_id=inquiry.person_id,
            detail=locked.reference,
        )
    return result
