"""An inquiry's timeline ("Forløb"): its contacts, counted actions and internal notes together
with what happened to its forwardings, in date order.

Built from what the inquiry's page has already loaded (the inquiry's prefetched contacts and
actions, `inquiry_forwardings` with its extensions and follow-up questions): no query of its own.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import IntEnum
from typing import Any

from django.utils import timezone

from borgerraadgiver.forwarding.selectors import InquiryForwardings
from borgerraadgiver.inquiries.models import Inquiry


class Event(IntEnum):
    """What an entry records; on one day, the entries follow in this order."""

    CONTACT = 0
    CONSENT_GIVEN = 1
    CONSENT_DECLINED = 2
    CONSENT_WITHDRAWN = 3
    ACTION = 4
    NOTE = 5
    FORWARDING_SENT = 6
    LATER_DATE = 7
    ANSWER_RECEIVED = 8
    ANSWER_READ = 9
    FOLLOW_UP = 10
    FORWARDING_CLOSED = 11
    LETTER = 12  # a letter to the citizen (entries made by the `letters` app)

    @property
    def key(self) -> str:
        """The entry's name in the template: 'forwarding_sent'."""
        return self.name.lower()


@dataclass(frozen=True)
class TimelineEntry:
    day: datetime.date
    event: Event
    subject: Any  # the contact, action, consent, refusal, forwarding, extension or question
    at: datetime.datetime | None = None  # when it is known to the minute
    first: bool = False  # the inquiry's first contact

    @property
    def kind(self) -> str:
        return self.event.key


def _day(moment: datetime.datetime) -> datetime.date:
    return timezone.localdate(moment)


def _forwarding_entries(forwardings: InquiryForwardings) -> list[TimelineEntry]:
    entries = []
    for forwarding in forwardings.forwardings:
        if forwarding.sent_date is None:
            continue  # a draft, or one stopped before it was sent
        entries.append(
            TimelineEntry(
                forwarding.sent_date, Event.FORWARDING_SENT, forwarding, forwarding.sent_at
            )
        )
        for extension in forwarding.extensions.all():
            entries.append(
                TimelineEntry(
                    _day(extension.requested_at),
                    Event.LATER_DATE,
                    extension,
                    extension.requested_at,
                )
            )
        for question in forwarding.follow_up_questions.all():
            entries.append(
                TimelineEntry(question.asked_date, Event.FOLLOW_UP, question, question.asked_at)
            )
        if forwarding.answered_date is not None:
            entries.append(
                TimelineEntry(
                    forwarding.answered_date,
                    Event.ANSWER_RECEIVED,
                    forwarding,
                    forwarding.answered_at,
                )
            )
        if forwarding.answer_read_at is not None:
            entries.append(
                TimelineEntry(
                    _day(forwarding.answer_read_at),
                    Event.ANSWER_READ,
                    forwarding,
                    forwarding.answer_read_at,
                )
            )
        if forwarding.closed_date is not None:
            entries.append(
                TimelineEntry(forwarding.closed_date, Event.FORWARDING_CLOSED, forwarding)
            )
    return entries


def _consent_entries(forwardings: InquiryForwardings) -> list[TimelineEntry]:
    entries = []
    for consent in forwardings.consents:
        entries.append(TimelineEntry(consent.given_date, Event.CONSENT_GIVEN, consent))
        if consent.withdrawn_date is not None:
            entries.append(TimelineEntry(consent.withdrawn_date, Event.CONSENT_WITHDRAWN, consent))
    for refusal in forwardings.refusals:
        entries.append(TimelineEntry(refusal.refused_date, Event.CONSENT_DECLINED, refusal))
    return entries


def inquiry_timeline(
    *,
    inquiry: Inquiry,
    forwardings: InquiryForwardings,
    more: Sequence[TimelineEntry] = (),
) -> list[TimelineEntry]:
    """The inquiry's contacts, counted actions, the citizen's consent (given, withdrawn or
    declined) and its forwardings' events, oldest first, with `more`: the entries of the apps
    above this one (the letters to the citizen).

    On one day the entries follow the order of `Event`, and two of one kind their time where it
    is known. A counted action that is a follow-up question asked on a forwarding is shown once,
    as the question.
    """
    questions = {
        question.counted_as_id
        for forwarding in forwardings.forwardings
        for question in forwarding.follow_up_questions.all()
    }
    entries = _case_entries(inquiry, leave_out_actions=questions)
    entries += _consent_entries(forwardings) + _forwarding_entries(forwardings) + list(more)
    return _in_order(entries)


def case_timeline(inquiry: Inquiry) -> list[TimelineEntry]:
    """Only the advisor's own entries, contacts, counted actions and internal notes, in the same
    order: the print view's timeline, which shows the forwardings on their own."""
    return _in_order(_case_entries(inquiry, leave_out_actions=set()))


def _case_entries(inquiry: Inquiry, *, leave_out_actions: set[int | None]) -> list[TimelineEntry]:
    entries = [TimelineEntry(c.contact_date, Event.CONTACT, c) for c in inquiry.contacts.all()]
    entries += [
        TimelineEntry(a.action_date, Event.ACTION, a)
        for a in inquiry.actions.all()
        if a.pk not in leave_out_actions
    ]
    entries += [
        TimelineEntry(_day(n.written_at), Event.NOTE, n, n.written_at) for n in inquiry.notes.all()
    ]
    return entries


def _in_order(entries: list[TimelineEntry]) -> list[TimelineEntry]:
    earliest = datetime.datetime.min.replace(tzinfo=datetime.UTC)
    entries.sort(key=lambda entry: (entry.day, entry.event, entry.at or earliest))
    first = next((i for i, entry in enumerate(entries) if entry.event == Event.CONTACT), None)
    if first is not None:
        entries[first] = replace(entries[first], first=True)
    return entries
