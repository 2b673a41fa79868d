"""Asking the citizen for their verdict, storing it apart from them, and the wish to be
contacted again. Each service is one transaction and checks its rule; see `docs/feedback.md`."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.feedback.models import ContactRequest, SurveyAnswer, SurveyInvitation
from borgerraadgiver.feedback.permissions import can_ask_for_feedback
from borgerraadgiver.feedback.tokens import token_hash, token_looks_valid, token_new
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Office

NOT_CLOSED = gettext_lazy("Only a closed inquiry can be followed by the survey.")
NO_ADDRESS = gettext_lazy(
    "The citizen left neither an e-mail address nor a postal address: there is nowhere to send "
    "the survey link (an anonymous inquiry is never asked)."
)
NO_EMAIL = gettext_lazy(
    "The citizen left no e-mail address: show the link instead and put it in a letter."
)
ALREADY_ANSWERED = gettext_lazy("The citizen has already answered the survey for this inquiry.")
LINK_NOT_VALID = gettext_lazy(
    "This link cannot be used: it has been used already, has expired, or is not written "
    "correctly. Each link can be used once."
)


class LinkNotValid(Exception):
    """The survey link is unknown, used or expired: the page says so without saying which."""


@dataclass(frozen=True)
class SurveyInput:
    felt_heard: str
    understood_answer: str
    contact_helped: str
    comment: str
    contact_again: bool


def survey_url(token: str) -> str:
    """The full address of the survey page for a token, as the citizen receives it."""
    return settings.SITE_URL + reverse("feedback:survey", args=[token])


def invite(inquiry: Inquiry, *, by: User, now: datetime.datetime, email: bool = False) -> str:
    """Make a one-time survey link for a closed inquiry and return it; with `email`, also
    e-mail it to the citizen once the transaction commits.

    Refused for an open inquiry, for one without a person or anywhere to send the link (an
    anonymous inquiry), by e-mail when there is no e-mail address, and once the citizen has
    answered. A new link replaces the inquiry's earlier unused ones. Writes the access-log row
    `FEEDBACK_INVITED`. A closing letter calls this to put the link in the letter.
    """
    if not can_ask_for_feedback(by):
        raise PermissionDenied
    person = inquiry.person
    if inquiry.status != Inquiry.Status.CLOSED:
        raise ValidationError(NOT_CLOSED)
    if person is None or not (person.email or person.address):
        raise ValidationError(NO_ADDRESS)
    if email and not person.email:
        raise ValidationError(NO_EMAIL)
    token = token_new()
    with transaction.atomic():
        earlier = SurveyInvitation.objects.select_for_update().filter(inquiry=inquiry)
        if any(invitation.used for invitation in earlier):
            raise ValidationError(ALREADY_ANSWERED)
        earlier.delete()
        SurveyInvitation.objects.create(
            inquiry=inquiry,
            token_hash=token_hash(token),
            created_at=now,
            expires_at=now + datetime.timedelta(days=settings.FEEDBACK_LINK_DAYS),
            created_by=by,
            emailed=email,
        )
        access_log_write(
            user=by,
            event=AccessEvent.FEEDBACK_INVITED,
            now=now,
            inquiry_id=inquiry.pk,
            person_id=person.pk,
            detail="email" if email else "link",
        )
        url = survey_url(token)
        if email:
            address = person.email
            transaction.on_commit(lambda: _invitation_send(address=address, url=url))
    return url


def _invitation_send(*, address: str, url: str) -> None:
    office = Office.load()
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("How did it go? A question from %(office)s") % {"office": office.name}
        body = render_to_string(
            "feedback/invitation_email.txt",
            {"office": office, "url": url, "days": settings.FEEDBACK_LINK_DAYS},
        )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])


def _invitation_claim(token: str, *, now: datetime.datetime) -> SurveyInvitation:
    """The invitation behind a token, locked; LinkNotValid when unknown, used or expired."""
    if not token_looks_valid(token):
        raise LinkNotValid
    invitation = (
        SurveyInvitation.objects.select_for_update()
        .select_related("inquiry__handling_type")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None or invitation.used or invitation.expires_at <= now:
        raise LinkNotValid
    return invitation


def survey_link_check(token: str, *, now: datetime.datetime) -> None:
    """Raises LinkNotValid unless the survey may be answered with this token."""
    with transaction.atomic():
        _invitation_claim(token, now=now)


def survey_answer(token: str, *, data: SurveyInput, now: datetime.datetime) -> None:
    """Store a citizen's answers, once per link.

    The answer keeps only the inquiry's handling kind, area and month received; the invitation
    is marked used (not when). A citizen who asks to be contacted again puts the inquiry on the
    advisor's front page (`ContactRequest`). A second answer with the same link, or an answer
    after the link expired, raises LinkNotValid and stores nothing.
    """
    with transaction.atomic():
        invitation = _invitation_claim(token, now=now)
        inquiry = invitation.inquiry
        SurveyAnswer.objects.create(
            handling_kind=inquiry.handling_type.kind,
            area_id=inquiry.area_id,
            received_month=inquiry.received_date.replace(day=1),
            felt_heard=data.felt_heard,
            understood_answer=data.understood_answer,
            contact_helped=data.contact_helped,
            comment=data.comment.strip(),
        )
        invitation.used = True
        invitation.save(update_fields=["used"])
        if data.contact_again:
            ContactRequest.objects.create(inquiry=inquiry, requested_date=timezone.localdate(now))


def contact_request_done(*, request: ContactRequest, by: User, now: datetime.datetime) -> None:
    """The advisor has contacted the citizen again: the request leaves the front page.
    Writes the access-log row `CONTACT_REQUEST_DONE`."""
    if not can_ask_for_feedback(by):
        raise PermissionDenied
    with transaction.atomic():
        updated = ContactRequest.objects.filter(pk=request.pk, done_at__isnull=True).update(
            done_at=now, done_by=by
        )
        if updated:
            access_log_write(
                user=by,
                event=AccessEvent.CONTACT_REQUEST_DONE,
                now=now,
                inquiry_id=request.inquiry_id,
                person_id=request.inquiry.person_id,
            )
