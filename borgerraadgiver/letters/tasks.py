"""Sending letters in the background, on the task queue (django-tasks): the web request only
saves the letter; a worker sends it, and tries again after a pause when the channel refuses."""

import datetime

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from borgerraadgiver.letters.delivery import letter_deliver
from borgerraadgiver.letters.models import Letter


def letter_send_enqueue(letter_id: int, *, attempt: int = 0) -> None:
    """Put one letter's sending on the queue; a retry waits `LETTER_RETRY_SECONDS` times the
    attempts so far, where the queue's backend can wait (the database backend can)."""
    queued = letter_send
    if attempt and queued.get_backend().supports_defer:
        delay = datetime.timedelta(seconds=settings.LETTER_RETRY_SECONDS * attempt)
        queued = queued.using(run_after=timezone.now() + delay)
    queued.enqueue(letter_id)


@task()
def letter_send(letter_id: int) -> None:
    """Send one letter; if the channel refused it and attempts remain, queue the next one."""
    if letter_deliver(letter_id=letter_id, now=timezone.now()):
        attempts = Letter.objects.filter(pk=letter_id).values_list("attempts", flat=True).first()
        letter_send_enqueue(letter_id, attempt=attempts or 1)
