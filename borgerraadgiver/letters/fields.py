"""The named fields a letter template may use, and the one rule for them.

A template writes a field in braces, `{case_number}`; when a letter is made from it, each field
becomes its value for that inquiry. The list is fixed and documented (docs/letters.md): a name
that is not in it is refused when the template is saved, naming the field, so a letter never
goes out with a hole in it. Adding a field is one line in `FIELDS`: its name, what it is, and
how its value is read from a `LetterContext`.

>>> template_fields("Kære {citizen_name}, sagsnummer {case_number}.")
['citizen_name', 'case_number']
>>> unknown_fields("Dit sagsnr. er {sagsnummer} og {case_number}")
['sagsnummer']
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, override

if TYPE_CHECKING:
    from borgerraadgiver.forwarding.models import Extension, Forwarding
    from borgerraadgiver.inquiries.models import Inquiry
    from borgerraadgiver.organisation.models import Office

FIELD_PATTERN = re.compile(r"\{([^{}\n]*)\}")
UNKNOWN_FIELDS = _("Unknown field in the text: %(fields)s. The fields you can use: %(known)s.")


@dataclass(frozen=True)
class LetterContext:
    """What a letter's fields are read from: the inquiry, and the forwarding or later date the
    letter is about (a forwarding notice, a later deadline notice)."""

    inquiry: "Inquiry"
    office: "Office"
    today: datetime.date
    advisor_name: str
    forwarding: "Forwarding | None" = None
    extension: "Extension | None" = None


def date_in_letters(value: datetime.date | None) -> str:
    """A date as a Danish letter writes it: 5. december 2026."""
    if value is None:
        return ""
    with override("da"):
        return str(formats.date_format(value, "j. F Y"))


def _department(context: LetterContext) -> str:
    if context.forwarding is not None:
        return context.forwarding.recipient.name
    inquiry = context.inquiry
    return inquiry.department.name if inquiry.department else inquiry.area.name


def _deadline(context: LetterContext) -> datetime.date | None:
    if context.extension is not None:
        return context.extension.new_deadline_date
    return context.forwarding.deadline_date if context.forwarding else None


def _referral(context: LetterContext) -> str:
    body = context.inquiry.referral_body
    return body.name_in_letters if body else ""


@dataclass(frozen=True)
class LetterField:
    name: str
    label: Promise
    value: Callable[[LetterContext], str]


FIELDS: tuple[LetterField, ...] = (
    LetterField(
        "citizen_name",
        _("the citizen's or company's name"),
        lambda c: c.inquiry.person.name if c.inquiry.person else "",
    ),
    LetterField("case_number", _("the inquiry's case number"), lambda c: c.inquiry.case_number),
    LetterField(
        "received_date",
        _("the date the inquiry was received"),
        lambda c: date_in_letters(c.inquiry.received_date),
    ),
    LetterField("letter_date", _("the letter's date"), lambda c: date_in_letters(c.today)),
    LetterField(
        "department",
        _("the department (of the forwarding, else of the inquiry)"),
        _department,
    ),
    LetterField("area", _("the inquiry's area"), lambda c: c.inquiry.area.name),
    LetterField(
        "forwarding_kind",
        _("what the forwarding was sent as (dialogue case, forwarded complaint)"),
        lambda c: str(c.forwarding.get_kind_display()).lower() if c.forwarding else "",
    ),
    LetterField(
        "sent_date",
        _("the date the forwarding was sent"),
        lambda c: date_in_letters(c.forwarding.sent_date if c.forwarding else None),
    ),
    LetterField(
        "deadline",
        _("the date the department answers by (the later date, if one was set)"),
        lambda c: date_in_letters(_deadline(c)),
    ),
    LetterField(
        "answer_weeks",
        _("the weeks a department has to answer"),
        lambda c: (
            ngettext("%(n)d week", "%(n)d weeks", c.office.answer_weeks)
            % {"n": c.office.answer_weeks}
        ),
    ),
    LetterField("referral_body", _("the referral body's name"), _referral),
    LetterField(
        "referral_address",
        _("the referral body's postal address"),
        lambda c: c.inquiry.referral_body.postal_address if c.inquiry.referral_body else "",
    ),
    LetterField(
        "closed_date",
        _("the date the inquiry was closed"),
        lambda c: date_in_letters(c.inquiry.closed_date),
    ),
    LetterField("advisor_name", _("the advisor's name"), lambda c: c.advisor_name),
    LetterField("office_name", _("the office's name"), lambda c: c.office.name),
    LetterField("municipality", _("the municipality"), lambda c: c.office.municipality),
)
FIELD_NAMES = tuple(field.name for field in FIELDS)


def template_fields(text: str) -> list[str]:
    """The names written in braces in `text`, in order."""
    return [match.group(1) for match in FIELD_PATTERN.finditer(text)]


def unknown_fields(text: str) -> list[str]:
    """The names in braces that are not letter fields, each once, in order."""
    return list(dict.fromkeys(name for name in template_fields(text) if name not in FIELD_NAMES))


def fields_check(text: str, *, form_field: str) -> None:
    """Refuse a text that names a field not in the list: the message names the field."""
    unknown = unknown_fields(text)
    if unknown:
        raise ValidationError(
            {
                form_field: ValidationError(
                    UNKNOWN_FIELDS,
                    code="unknown_field",
                    params={
                        "fields": ", ".join(f"{{{name}}}" for name in unknown),
                        "known": ", ".join(f"{{{name}}}" for name in FIELD_NAMES),
                    },
                )
            }
        )


def fields_fill(text: str, context: LetterContext) -> str:
    """The text with every field replaced by its value, in Danish (a letter is written in
    Danish whatever the advisor's language); a name not in the list stays as written."""
    values = {field.name: field.value for field in FIELDS}

    def value(match: re.Match[str]) -> str:
        reader = values.get(match.group(1))
        return reader(context) if reader is not None else match.group(0)

    with override("da"):
        return FIELD_PATTERN.sub(value, text)
