"""An access-log row's detail in the reader's language.

A row's `detail` holds the data that goes with its typed event (`audit.models.AccessEvent`): the
fields changed, a reference, filters. Some writers put a word or a date in it as code writes
them ("summary, status", "front page", "edition 2", "2024-03-01"), and the rows are never
rewritten. This module reads them per event when the log is shown (the access-log pages and the
data-subject export), in the language active then: field names become the fields' names, the
known words are translated, ISO dates are written as the language writes dates. A detail it does
not recognise is shown as stored, never lost.
"""

import datetime
import re
from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.inquiries.models import InquiryChange, Person
from borgerraadgiver.report_content.models import CaseExample
from borgerraadgiver.report_content.personal_data import KIND_LABELS

ISO_DATE = re.compile(
    r"\b(\d{4}-\d{2}-\d{2})(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[+-]\d{2}:\d{2}|Z)?)?"
)
CLEANED = re.compile(r"^(\d+) entries before (\S+) deleted \(kept for (\d+) months\)$")
EDITION = re.compile(r"\bedition (\d+)\b")
FORWARDINGS_LIST = re.compile(r"^forwardings\b ?(.*)$")


def _dates(text: str) -> str:
    """ISO dates (and date-times) written as the active language writes a date."""

    def one(match: re.Match[str]) -> str:
        try:
            day = datetime.date.fromisoformat(match.group(1))
        except ValueError:
            return match.group(0)
        return date_format(day, "SHORT_DATE_FORMAT")

    return ISO_DATE.sub(one, text)


def _verbose(model: type[models.Model], name: str) -> str:
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a field since removed or renamed: its stored name
        return name
    return str(getattr(field, "verbose_name", name))


def _fields(label: Callable[[str], str]) -> Callable[[str], str]:
    """A comma-separated list of field names, each by its name in the active language."""

    def show(detail: str) -> str:
        return ", ".join(label(name.strip()) for name in detail.split(",") if name.strip())

    return show


def _inquiry_field(name: str) -> str:
    return InquiryChange(field=name).field_label


def _list_viewed(detail: str) -> str:
    if detail == "front page":
        return _("the front page")
    if match := FORWARDINGS_LIST.match(detail):
        filters = match.group(1).strip()
        overview = _("the forwardings overview")
        return f"{overview}: {filters}" if filters else overview
    return detail


def _cleaned(detail: str) -> str:
    match = CLEANED.match(detail)
    if not match:
        return detail
    count, cutoff, months = int(match.group(1)), match.group(2), int(match.group(3))
    kept = ngettext("kept for %(months)d month", "kept for %(months)d months", months) % {
        "months": months
    }
    return ngettext(
        "%(count)d entry before %(date)s deleted (%(kept)s)",
        "%(count)d entries before %(date)s deleted (%(kept)s)",
        count,
    ) % {"count": count, "date": _dates(cutoff), "kept": kept}


def _edition(detail: str) -> str:
    return EDITION.sub(lambda m: _("edition %(number)s") % {"number": m.group(1)}, detail)


def _finding(detail: str) -> str:
    kind, separator, reason = detail.partition(": ")
    if not separator or kind not in KIND_LABELS:
        return detail
    return f"{KIND_LABELS[kind]}: {reason}"


READERS: dict[str, Callable[[str], str]] = {
    AccessEvent.INQUIRY_CHANGED: _fields(_inquiry_field),
    AccessEvent.PERSON_CHANGED: _fields(lambda name: _verbose(Person, name)),
    AccessEvent.CASE_EXAMPLE_CHANGED: _fields(lambda name: _verbose(CaseExample, name)),
    AccessEvent.INQUIRY_LIST_VIEWED: _list_viewed,
    AccessEvent.ACCESS_LOG_CLEANED: _cleaned,
    AccessEvent.REPORT_DOCUMENT_DOWNLOADED: _edition,
    AccessEvent.PUBLISHED_REPORT_DOWNLOADED: _edition,
    AccessEvent.REPORT_PUBLISHED: _edition,
    AccessEvent.REPORT_WITHDRAWN: _edition,
    AccessEvent.CASE_EXAMPLE_FINDING_DISMISSED: _finding,
}


def detail_display(*, event: str, detail: str) -> str:
    """The detail of a row with `event`, in the active language (see the module's docstring).

    >>> from django.utils import translation
    >>> with translation.override("en"):
    ...     detail_display(event="access_log_cleaned",
    ...                    detail="3 entries before 2024-01-01 deleted (kept for 24 months)")
    '3 entries before 01/01/2024 deleted (kept for 24 months)'
    >>> detail_display(event="inquiry_searched", detail="")
    ''
    """
    if not detail:
        return ""
    reader = READERS.get(event)
    shown = reader(detail) if reader else detail
    return _dates(shown)
