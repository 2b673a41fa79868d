"""What every write to a forwarding does first and last: lock its row, log the use."""

import datetime

from borgerraadgiver.accounts.models import User
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.forwarding.models import Forwarding
from borgerraadgiver.inquiries.models import Inquiry


def log(user: User, inquiry: Inquiry, now: datetime.datetime, event: AccessEvent) -> None:
    access_log_write(
        user=user,
        event=event,
        now=now,
        inquiry_id=inquiry.pk,
        person_id=inquiry.person_id,
    )


def lock(forwarding: Forwarding) -> Forwarding:
    """Lock the forwarding's row for this transaction and bring the object up to date with it.

    The caller then checks the state it is about to change on what is saved now, so that a
    second click waits for the first and is refused, instead of acting twice.
    """
    saved = Forwarding.objects.select_for_update().get(pk=forwarding.pk)
    for field in Forwarding._meta.concrete_fields:
        setattr(forwarding, field.attname, getattr(saved, field.attname))
    return forwarding
