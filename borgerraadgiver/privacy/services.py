"""Writes for personal data: the CPR 'show' action and the data-subject export.

Each service checks its rule, runs in a transaction, and writes its own access-log row.
Retention is applied in `retention_services.py`.
"""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write, access_log_write_many
from borgerraadgiver.inquiries.cpr import cpr_format
from borgerraadgiver.inquiries.models import Inquiry, Person
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.privacy.permissions import can_see_person_data
from borgerraadgiver.privacy.records import (
    FORMAT_VERSION,
    inquiries_for_records,
    inquiry_record,
    person_record,
)
from borgerraadgiver.privacy.selectors import person_access_log


def person_cpr_reveal(
    *, person: Person, shown_to: User, now: datetime.datetime, inquiry_id: int | None = None
) -> str:
    """The person's full CPR number, for the explicit 'show' action; the showing is logged.

    Advisors only. Returns '' when no number is held (and logs nothing then).
    """
    if not can_see_person_data(shown_to):
        raise PermissionDenied
    if not person.cpr:
        return ""
    access_log_write(
        user=shown_to,
        event=AccessEvent.CPR_SHOWN,
        now=now,
        person_id=person.pk,
        inquiry_id=inquiry_id,
    )
    return cpr_format(person.cpr)


@transaction.atomic
def person_export(
    *, person: Person, exported_by: User, now: datetime.datetime, file_format: str
) -> dict[str, Any]:
    """Everything held about one person, for a data-subject request (GDPR art. 15).

    The person, each of their inquiries with contacts, counted actions, internal notes,
    documents (titles, descriptions, the files' names and sizes), consents, forwardings
    (texts, answers, extensions, follow-up questions, the attachments' names and sizes) and
    the log of every access to their data, as plain data for the JSON and PDF renderers. The
    CPR number is masked: the export leaves the office and the citizen knows their number.
    The export is logged, one row per inquiry and one for the person, before it is read, so
    the export's own log shows it.
    """
    if not can_see_person_data(exported_by):
        raise PermissionDenied
    office = Office.load()
    inquiry_ids = list(
        Inquiry.objects.filter(person=person).order_by("pk").values_list("pk", flat=True)
    )
    detail = file_format
    access_log_write(
        user=exported_by,
        event=AccessEvent.PERSON_EXPORTED,
        now=now,
        person_id=person.pk,
        detail=detail,
    )
    access_log_write_many(
        user=exported_by,
        event=AccessEvent.PERSON_EXPORTED,
        now=now,
        inquiries=[(pk, person.pk) for pk in inquiry_ids],
        detail=detail,
    )
    inquiries = list(inquiries_for_records(inquiry_ids))
    numbers = {inquiry.pk: inquiry.case_number for inquiry in inquiries}
    log = person_access_log(user=exported_by, person=person, inquiry_ids=inquiry_ids)
    return {
        "format_version": FORMAT_VERSION,
        "exported_at": timezone.localtime(now).isoformat(),
        "exported_by": exported_by.get_username(),
        "office": {"name": office.name, "municipality": office.municipality},
        "person": person_record(person, cpr="masked"),
        "inquiries": [inquiry_record(inquiry, cpr="masked") for inquiry in inquiries],
        "access_log": [
            {
                "at": timezone.localtime(entry.at).isoformat(),
                "user": entry.user.get_username() if entry.user else (entry.username or None),
                "action": entry.action,
                "action_label": str(entry.get_action_display()),
                "event": entry.event,
                "event_label": str(entry.get_event_display()) if entry.event else "",
                "case_number": numbers.get(entry.inquiry_id or 0),
                "detail": entry.detail,
            }
            for entry in log
        ],
    }
