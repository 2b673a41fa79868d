"""How a letter reaches the citizen: one interface, `send_letter`, and one adapter per channel.

The settings choose the adapter of each channel (`LETTER_ADAPTERS`: e-mail through Django's
mail settings, printed for post, Digital Post through SF1601). An adapter says whether it can
reach a given recipient (`unavailable_reason`: a sentence for the page, or None) and sends a
letter's PDF (`send`), raising `LetterNotSent` with the reason when it could not; the task
that calls it retries (`services.letter_deliver`).
"""

import datetime
from dataclasses import dataclass
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from borgerraadgiver.inquiries.models import ComplainantKind, Inquiry
from borgerraadgiver.letters.models import Letter, LetterChannel
from borgerraadgiver.organisation.models import Office


class LetterNotSent(Exception):
    """The channel did not take the letter; the message says why (kept on the letter)."""


@dataclass(frozen=True)
class Delivery:
    """What the channel answered: its reference for the letter (may be empty)."""

    reference: str = ""


class LetterAdapter(Protocol):
    def unavailable_reason(self, inquiry: Inquiry) -> str | None: ...

    def send(self, letter: Letter, *, office: Office, now: datetime.datetime) -> Delivery: ...


def is_anonymous(inquiry: Inquiry) -> bool:
    return inquiry.person is None or inquiry.complainant_kind == ComplainantKind.ANONYMOUS


class EmailAdapter:
    """The letter as a PDF attached to an e-mail, only to a person who gave an e-mail address
    and agreed to letters by e-mail."""

    def unavailable_reason(self, inquiry: Inquiry) -> str | None:
        person = inquiry.person
        if person is None or is_anonymous(inquiry):
            return _("The inquiry is anonymous: there is no e-mail address to write to.")
        if not person.email:
            return _("No e-mail address is recorded for %(name)s.") % {"name": person.name}
        if not person.letters_by_email:
            return _(
                "%(name)s has not agreed to letters by e-mail (record it on the person's page)."
            ) % {"name": person.name}
        return None

    def send(self, letter: Letter, *, office: Office, now: datetime.datetime) -> Delivery:
        person = letter.inquiry.person
        if person is None or not person.email or not person.letters_by_email:
            raise LetterNotSent(_("The citizen's e-mail address or consent is no longer held."))
        message = EmailMessage(
            subject=f"{letter.subject} ({letter.inquiry.case_number})",
            body=_(
                "Dear %(name)s,\n\nThe attached letter is from %(office)s about your case "
                "%(case)s.\n\nKind regards\n%(office)s"
            )
            % {"name": person.name, "office": office.name, "case": letter.inquiry.case_number},
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[person.email],
        )
        message.attach(letter.file_name, bytes(letter.pdf), "application/pdf")
        try:
            message.send()
        except OSError as error:  # smtplib's errors are OSErrors
            raise LetterNotSent(
                _("The mail server refused the letter: %(error)s") % {"error": error}
            ) from error
        return Delivery(reference=person.email)


class PrintAdapter:
    """Printed and posted by the office: the PDF waits on the inquiry to be printed."""

    def unavailable_reason(self, inquiry: Inquiry) -> str | None:
        if inquiry.person is None or is_anonymous(inquiry):
            return _("The inquiry is anonymous: there is no one to post a letter to.")
        if not inquiry.person.address:
            return _("No postal address is recorded for %(name)s.") % {"name": inquiry.person.name}
        return None

    def send(self, letter: Letter, *, office: Office, now: datetime.datetime) -> Delivery:
        return Delivery()


def adapter_for(channel: str) -> LetterAdapter:
    """The adapter the settings choose for `channel`."""
    adapter: LetterAdapter = import_string(settings.LETTER_ADAPTERS[channel])()
    return adapter


@dataclass(frozen=True)
class ChannelOption:
    channel: str
    label: str
    unavailable_reason: str | None

    @property
    def available(self) -> bool:
        return self.unavailable_reason is None


def channel_options(inquiry: Inquiry) -> list[ChannelOption]:
    """Every channel with whether it can reach this inquiry's citizen, and if not, why."""
    return [
        ChannelOption(
            channel=channel.value,
            label=str(channel.label),
            unavailable_reason=adapter_for(channel.value).unavailable_reason(inquiry),
        )
        for channel in LetterChannel
    ]


def send_letter(letter: Letter, *, office: Office, now: datetime.datetime) -> Delivery:
    """Send one letter by its channel's adapter; raises `LetterNotSent` with the reason."""
    return adapter_for(letter.channel).send(letter, office=office, now=now)
