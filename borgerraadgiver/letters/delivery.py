"""One attempt to send a letter, as the sending task makes it. Nothing is lost: the letter and
its PDF are saved before the first attempt, and a failed attempt only records why."""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.letters.channels import LetterNotSent, send_letter
from borgerraadgiver.letters.models import Letter
from borgerraadgiver.organisation.models import Office

logger = logging.getLogger(__name__)


@transaction.atomic
def letter_deliver(*, letter_id: int, now: datetime.datetime) -> bool:
    """Send a waiting letter by its channel, once. Returns whether to try again later.

    A sent letter records when and the channel's reference, and is logged as sent (by the user
    who made it). A refusal records the reason; after `LETTER_SEND_ATTEMPTS` attempts the
    letter is marked failed, shown on the advisor's front page, and waits for a retry. A letter
    already sent (a task run twice) is left alone.
    """
    letter = (
        Letter.objects.select_for_update(of=("self",))
        .select_related("inquiry", "inquiry__person", "created_by")
        .filter(pk=letter_id)
        .first()
    )
    if letter is None or letter.status != Letter.Status.QUEUED:
        return False
    letter.attempts += 1
    letter.last_attempt_at = now
    try:
        delivery = send_letter(letter, office=Office.load(), now=now)
    except LetterNotSent as error:
        letter.last_error = str(error)
    except Exception as error:  # a letter is never lost to an unforeseen error: it is recorded
        logger.exception("Sending letter %s failed", letter.pk)
        letter.last_error = f"{type(error).__name__}: {error}"
    else:
        letter.status = Letter.Status.SENT
        letter.sent_at = now
        letter.sent_date = timezone.localdate(now)
        letter.delivery_reference = delivery.reference[:200]
        letter.last_error = ""
        letter.save()
        access_log_write(
            user=letter.created_by,
            event=AccessEvent.LETTER_SENT,
            now=now,
            inquiry_id=letter.inquiry_id,
            person_id=letter.inquiry.person_id,
            detail=f"{letter.pk} {letter.channel}",
        )
        return False
    if letter.attempts >= settings.LETTER_SEND_ATTEMPTS:
        letter.status = Letter.Status.FAILED
    letter.save()
    return letter.status == Letter.Status.QUEUED
