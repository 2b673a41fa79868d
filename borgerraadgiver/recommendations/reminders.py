"""Reminders about recommendations' response deadlines, by e-mail, each sent once only.

The same mechanism as the forwarding reminders (`forwarding/reminders.py`): a reminder goes to
the addressed managers `Office.reminder_working_days` working days before the response deadline
(on the office's calendar) and once on the first day after it is missed, while no response has
come. A `RecommendationReminder` row is written in the same transaction as the e-mail is handed
over, under a unique constraint: a second run, or two runs at once, find it and send nothing.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from borgerraadgiver.forwarding import deadlines
from borgerraadgiver.organisation.models import ClosingDay, Office
from borgerraadgiver.recommendations.models import Recommendation, RecommendationReminder, Status
from borgerraadgiver.recommendations.notify import addressee_emails


@dataclass
class RecommendationReminderRun:
    before: list[Recommendation] = field(default_factory=list)
    missed: list[Recommendation] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.before) + len(self.missed)


def _send(recommendation: Recommendation, kind: str, base_url: str) -> None:
    recipients = addressee_emails(recommendation)
    if not recipients:
        return
    with translation.override(settings.LANGUAGE_CODE):
        values = {
            "text": recommendation.text,
            "deadline": formats.date_format(recommendation.response_deadline_date, "DATE_FORMAT"),
            "url": base_url + reverse("portal:recommendation_detail", args=[recommendation.pk]),
        }
        if kind == RecommendationReminder.Kind.MISSED:
            subject = _("Response to a recommendation missed")
            body = _(
                "The citizens' advisor's recommendation had to be answered by %(deadline)s. No "
                "response has been given.\n\n%(text)s\n\nRespond here: %(url)s"
            )
        else:
            subject = _("Response to a recommendation due %(deadline)s") % values
            body = _(
                "The citizens' advisor's recommendation must be answered by %(deadline)s.\n\n"
                "%(text)s\n\nRespond here: %(url)s"
            )
        send_mail(subject, body % values, None, recipients)


def recommendation_reminders_send(
    *, now: datetime.datetime, base_url: str = ""
) -> RecommendationReminderRun:
    """Send the reminders due at `now` that have not been sent before; return what was sent."""
    today = timezone.localdate(now)
    office = Office.load()
    closing = ClosingDay.objects.as_set()
    run = RecommendationReminderRun()
    awaiting = Recommendation.objects.filter(status=Status.SENT).prefetch_related(
        "departments", "areas"
    )
    for recommendation in awaiting:
        kind = deadlines.reminder_due(
            recommendation.response_deadline_date,
            today=today,
            days_before=office.reminder_working_days,
            closing_days=closing,
        )
        if kind is None:
            continue
        try:
            with transaction.atomic():
                RecommendationReminder.objects.create(
                    recommendation=recommendation,
                    kind=kind,
                    deadline_date=recommendation.response_deadline_date,
                    sent_at=now,
                )
                # Inside the transaction: if the mail cannot be handed over, no row is kept.
                _send(recommendation, kind, base_url)
        except IntegrityError:
            continue  # sent already, by an earlier or a parallel run
        (run.missed if kind == RecommendationReminder.Kind.MISSED else run.before).append(
            recommendation
        )
    return run
