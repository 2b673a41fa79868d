"""The citizen's say over forwarding: consent given, withdrawn, or declined.

Nothing is forwarded without the citizen's recorded consent. A consent given for one contact
covers every inquiry registered from that contact, one per department (registration rule 1). A
citizen may decline to have the case taken to the department; that choice is recorded like a
consent (who, when, how) and counted in the report.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.models import Consent, ConsentRefusal, Forwarding
from borgerraadgiver.forwarding.permissions import can_forward
from borgerraadgiver.inquiries.models import Inquiry


def _log(user: User, inquiry: Inquiry, now: datetime.datetime, event: AccessEvent) -> None:
    access_log_write(
        user=user, event=event, now=now, inquiry_id=inquiry.pk, person_id=inquiry.person_id
    )


def consents_covering(
    inquiry: Inquiry, *, among: QuerySet[Consent] | None = None
) -> QuerySet[Consent]:
    """The consents that apply to the inquiry: its own, and those of the inquiries registered
    together with it from the same contact (rule 1), newest first."""
    consents = Consent.objects.all() if among is None else among
    if inquiry.registration_group is None:
        consents = consents.filter(inquiry=inquiry)
    else:
        consents = consents.filter(inquiry__registration_group=inquiry.registration_group)
    return consents.order_by("-given_date", "-id")


def consent_in_force(inquiry: Inquiry) -> Consent | None:
    return consents_covering(inquiry).filter(withdrawn_date__isnull=True).first()


def _check_date(inquiry: Inquiry, day: datetime.date, now: datetime.datetime, field: str) -> None:
    if day < inquiry.received_date:
        raise ValidationError({field: _("The date is before the inquiry was received.")})
    if day > timezone.localdate(now):
        raise ValidationError({field: _("The date is in the future.")})


@transaction.atomic
def consent_record(
    *,
    inquiry: Inquiry,
    recorded_by: User,
    now: datetime.datetime,
    given_by: str,
    given_date: datetime.date,
    method: str,
    note: str = "",
) -> Consent:
    """Record that the citizen consented to the advisor contacting the department.

    Dated no earlier than the inquiry was received and not in the future. It covers the
    inquiries registered together with this one as well.
    """
    if not can_forward(recorded_by, inquiry):
        raise PermissionDenied
    if given_date < inquiry.received_date:
        raise ValidationError(
            {"given_date": _("The consent is dated before the inquiry was received.")}
        )
    if given_date > timezone.localdate(now):
        raise ValidationError({"given_date": _("The date is in the future.")})
    consent = Consent(
        inquiry=inquiry,
        given_by=given_by.strip(),
        given_date=given_date,
        method=method,
        note=note,
        recorded_by=recorded_by,
        recorded_at=now,
    )
    consent.full_clean()
    consent.save()
    _log(recorded_by, inquiry, now, AccessEvent.CONSENT_RECORDED)
    return consent


@transaction.atomic
def consent_withdraw(
    *,
    consent: Consent,
    withdrawn_by: User,
    now: datetime.datetime,
    withdrawn_date: datetime.date,
    note: str = "",
) -> list[Forwarding]:
    """Withdraw a consent. Forwardings not yet sent are stopped; sent ones are not recalled.

    The forwardings stopped are those of every inquiry the consent covered that has no other
    consent in force. Returns them.
    """
    inquiry = consent.inquiry
    if not can_forward(withdrawn_by, inquiry):
        raise PermissionDenied
    if consent.withdrawn_date is not None:
        raise ValidationError(_("The consent is already withdrawn."))
    if withdrawn_date < consent.given_date or withdrawn_date > timezone.localdate(now):
        raise ValidationError(
            {"withdrawn_date": _("The date must be between the consent and today.")}
        )
    consent.withdrawn_date = withdrawn_date
    consent.withdrawn_note = note
    consent.save(update_fields=["withdrawn_date", "withdrawn_note"])
    stopped: list[Forwarding] = []
    if consent_in_force(inquiry) is None:
        covered = consents_covering(inquiry).values("inquiry_id")
        stopped = list(
            Forwarding.objects.filter(inquiry_id__in=covered, status=Forwarding.Status.DRAFT)
        )
        for forwarding in stopped:
            forwarding.status = Forwarding.Status.CANCELLED
            forwarding.stopped_reason = _("The citizen withdrew the consent.")
            forwarding.save(update_fields=["status", "stopped_reason", "updated_at"])
    _log(withdrawn_by, inquiry, now, AccessEvent.CONSENT_WITHDRAWN)
    return stopped


@transaction.atomic
def consent_refusal_record(
    *,
    inquiry: Inquiry,
    recorded_by: User,
    now: datetime.datetime,
    given_by: str,
    refused_date: datetime.date,
    method: str,
    note: str = "",
) -> ConsentRefusal:
    """Record that the citizen does not want the case taken to the department.

    The advisor respects it: drafts not yet sent are stopped, and the report counts the choice.
    A consent given later (the citizen changed their mind) is recorded as usual.
    """
    if not can_forward(recorded_by, inquiry):
        raise PermissionDenied
    if not given_by.strip():
        raise ValidationError({"given_by": _("Say who said it: the citizen, or on whose behalf.")})
    _check_date(inquiry, refused_date, now, "refused_date")
    refusal = ConsentRefusal(
        inquiry=inquiry,
        given_by=given_by.strip(),
        refused_date=refused_date,
        method=method,
        note=note,
        recorded_by=recorded_by,
        recorded_at=now,
    )
    refusal.full_clean()
    refusal.save()
    for forwarding in inquiry.forwardings.filter(status=Forwarding.Status.DRAFT):
        forwarding.status = Forwarding.Status.CANCELLED
        forwarding.stopped_reason = _("The citizen does not want the case forwarded.")
        forwarding.save(update_fields=["status", "stopped_reason", "updated_at"])
    _log(recorded_by, inquiry, now, AccessEvent.CONSENT_REFUSED)
    return refusal
