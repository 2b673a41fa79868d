"""The access log and the data-subject export in the reader's language: a row's detail
(`privacy.log_details`) and the export's ISO dates written as the language writes them."""

import datetime
from collections.abc import Mapping

from django import template
from django.utils.formats import date_format

from borgerraadgiver.audit.models import AccessLogEntry
from borgerraadgiver.privacy.log_details import detail_display

register = template.Library()


@register.filter
def log_detail(entry: AccessLogEntry | Mapping[str, object]) -> str:
    """The row's detail, read by its event: `{{ entry|log_detail }}` (a row or an export's dict)."""
    if isinstance(entry, Mapping):
        return detail_display(
            event=str(entry.get("event") or ""), detail=str(entry.get("detail") or "")
        )
    return detail_display(event=entry.event, detail=entry.detail)


@register.filter
def iso_date(value: str | None) -> str:
    """'2024-03-01' (or a date-time's day) as the active language writes a date; '' for none."""
    if not value:
        return ""
    try:
        day = datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return date_format(day, "SHORT_DATE_FORMAT")


@register.filter
def iso_datetime(value: str | None) -> str:
    """An ISO date-time, already in local time, as the active language writes date and time."""
    if not value:
        return ""
    try:
        moment = datetime.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return date_format(moment, "SHORT_DATETIME_FORMAT")
