"""Reads of letters and templates. Every letter is reached through the inquiries the user may
see (`Inquiry.objects.visible_to`); the PDF is loaded only where it is sent or downloaded."""

import datetime
from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.core.prefetch import may_have
from borgerraadgiver.forwarding.models import Extension, Forwarding
from borgerraadgiver.forwarding.selectors import InquiryForwardings
from borgerraadgiver.forwarding.timeline import Event, TimelineEntry
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.letters.fields import LetterContext, fields_fill
from borgerraadgiver.letters.models import Letter, LetterKind, LetterTemplate
from borgerraadgiver.letters.proposals import Proposal, letter_proposals
from borgerraadgiver.organisation.models import Office


def inquiry_letters(*, user: User, inquiry: Inquiry) -> list[Letter]:
    """The inquiry's letters, oldest first, without their PDFs: one query, none when the
    inquiry was read knowing it has no letters (`core.prefetch.may_have`)."""
    if not may_have(inquiry, "letters"):
        return []
    return list(
        Letter.objects.filter(inquiry__in=Inquiry.objects.visible_to(user), inquiry=inquiry)
        .select_related("created_by")
        .defer("pdf")
        .order_by("created_at", "pk")
    )


def letter_get(*, user: User, pk: int, with_pdf: bool = False) -> Letter:
    """One letter the user may see; Letter.DoesNotExist otherwise."""
    letters = Letter.objects.filter(inquiry__in=Inquiry.objects.visible_to(user)).select_related(
        "inquiry", "inquiry__person"
    )
    return (letters if with_pdf else letters.defer("pdf")).get(pk=pk)


def failed_letters(*, user: User) -> list[Letter]:
    """Letters whose sending failed, for the advisor's front page: oldest first."""
    return list(
        Letter.objects.filter(inquiry__in=Inquiry.objects.visible_to(user))
        .failed()
        .select_related("inquiry")
        .defer("pdf")
        .order_by("last_attempt_at", "pk")[:50]
    )


def letter_counts(
    *,
    start: datetime.date,
    end: datetime.date,
    area_id: int | None = None,
    department_id: int | None = None,
) -> dict[str, int]:
    """Letters sent from `start` to `end` per kind, every kind present (0 where none), on the
    inquiries of one area or department if given: one query. Aggregates only, for the report."""
    counts = dict.fromkeys(LetterKind.values, 0)
    letters = Letter.objects.sent_between(start, end)
    if department_id is not None:
        letters = letters.filter(inquiry__department_id=department_id)
    elif area_id is not None:
        letters = letters.filter(inquiry__area_id=area_id)
    rows = letters.values("kind").annotate(n=Count("pk")).order_by()
    for row in rows:
        counts[row["kind"]] = row["n"]
    return counts


def templates_of_kind(kind: str) -> list[LetterTemplate]:
    return list(LetterTemplate.objects.filter(kind=kind, is_active=True).order_by("name", "pk"))


@dataclass(frozen=True)
class LetterDraft:
    """A proposed letter, its fields filled in, for the advisor to edit before it goes."""

    kind: str
    template: LetterTemplate | None
    subject: str
    body: str
    forwarding: Forwarding | None
    extension: Extension | None


def letter_subject_of(
    *, user: User, inquiry: Inquiry, kind: str, forwarding_id: int | None, extension_id: int | None
) -> tuple[Forwarding | None, Extension | None]:
    """The forwarding and later date a letter is about, if they belong to this inquiry; a
    later date always with its forwarding."""
    forwarding = (
        Forwarding.objects.visible_to(user).filter(inquiry=inquiry, pk=forwarding_id).first()
        if forwarding_id and kind in (LetterKind.FORWARDING_NOTICE, LetterKind.LATER_DEADLINE)
        else None
    )
    extension = (
        Extension.objects.filter(forwarding=forwarding, pk=extension_id).first()
        if forwarding is not None and extension_id and kind == LetterKind.LATER_DEADLINE
        else None
    )
    return forwarding, extension


def letter_draft(
    *,
    inquiry: Inquiry,
    kind: str,
    template: LetterTemplate | None,
    forwarding: Forwarding | None,
    extension: Extension | None,
    advisor_name: str,
    today: datetime.date,
) -> LetterDraft:
    """The template's subject and text with the inquiry's fields filled in."""
    context = LetterContext(
        inquiry=inquiry,
        office=Office.load(),
        today=today,
        advisor_name=advisor_name,
        forwarding=forwarding,
        extension=extension,
    )
    return LetterDraft(
        kind=kind,
        template=template,
        subject=fields_fill(template.subject, context) if template else "",
        body=fields_fill(template.body, context) if template else "",
        forwarding=forwarding,
        extension=extension,
    )


@dataclass(frozen=True)
class InquiryLetters:
    """The letters part of an inquiry's page: its letters, the letters proposed now, and the
    letters as timeline entries."""

    letters: list[Letter]
    proposals: list[Proposal]

    @property
    def timeline(self) -> list[TimelineEntry]:
        return [
            TimelineEntry(
                timezone.localdate(letter.created_at), Event.LETTER, letter, letter.created_at
            )
            for letter in self.letters
        ]


def inquiry_letters_panel(
    *, user: User, inquiry: Inquiry, forwardings: InquiryForwardings
) -> InquiryLetters:
    """The inquiry's letters and proposals from the forwardings the page has loaded: one query."""
    letters = inquiry_letters(user=user, inquiry=inquiry)
    proposals = letter_proposals(
        inquiry=inquiry, forwardings=forwardings.forwardings, letters=letters
    )
    return InquiryLetters(letters=letters, proposals=proposals)
