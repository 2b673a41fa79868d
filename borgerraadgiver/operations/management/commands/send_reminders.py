from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from borgerraadgiver.forwarding.reminders import reminders_send
from borgerraadgiver.recommendations.reminders import recommendation_reminders_send


class Command(BaseCommand):
    help = (
        "Send the due reminders about forwarding deadlines and recommendations' response "
        "deadlines. Safe to run as often as you like: each reminder is sent once."
    )

    def handle(self, *args: object, **options: object) -> None:
        run = reminders_send(now=timezone.now(), base_url=settings.SITE_URL)
        self.stdout.write(
            f"{len(run.before)} reminder(s) before the deadline, "
            f"{len(run.missed)} about a missed deadline."
        )
        recommendations = recommendation_reminders_send(
            now=timezone.now(), base_url=settings.SITE_URL
        )
        self.stdout.write(
            f"Recommendations: {len(recommendations.before)} reminder(s) before the response "
            f"deadline, {len(recommendations.missed)} about a missed one."
        )
