"""The in-process scheduler for a single machine: runs the scheduled jobs every so often.

Where cron or a systemd timer is at hand, use that instead (docs/forwarding.md). Running this
beside cron does no harm: every job is idempotent.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from borgerraadgiver.audit.services import access_log_clean
from borgerraadgiver.core.once import form_tokens_prune
from borgerraadgiver.forwarding.reminders import reminders_send
from borgerraadgiver.inquiries.register_count import register_count_repair
from borgerraadgiver.operations.logs import job_log
from borgerraadgiver.operations.task_queue import queue_prune
from borgerraadgiver.recommendations.reminders import recommendation_reminders_send


class Command(BaseCommand):
    help = "Run the scheduled jobs (reminders about deadlines) now and then every --every minutes."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--every", type=int, default=60, help="minutes between runs (60)")
        parser.add_argument("--once", action="store_true", help="run the jobs once and stop")

    def handle(self, *args: object, **options: object) -> None:
        every = int(options["every"])  # type: ignore[call-overload]
        if every < 1:
            self.stderr.write("--every must be at least 1 minute.")
            return
        while True:
            # One JSON log line per job (operations.logs): its counts, duration and outcome.
            with job_log("send_reminders") as counts:
                run = reminders_send(now=timezone.now(), base_url=settings.SITE_URL)
                counts.update(before=len(run.before), missed=len(run.missed))
            self.stdout.write(
                f"{timezone.localtime():%Y-%m-%d %H:%M} reminders: {len(run.before)} before the "
                f"deadline, {len(run.missed)} about a missed deadline"
            )
            with job_log("send_recommendation_reminders") as counts:
                sent = recommendation_reminders_send(now=timezone.now(), base_url=settings.SITE_URL)
                counts.update(before=len(sent.before), missed=len(sent.missed))
            self.stdout.write(
                f"recommendation reminders: {len(sent.before)} before the response deadline, "
                f"{len(sent.missed)} about a missed one"
            )
            # Deletes nothing twice: entries past the log's retention, and a row saying so.
            with job_log("clean_access_log") as counts:
                deleted = access_log_clean(now=timezone.now())
                counts.update(deleted=deleted)
            self.stdout.write(f"access log: {deleted} old entries deleted")
            # Finished background jobs (their results and files) and the queue's old tasks.
            with job_log("prune_jobs") as counts:
                pruned = queue_prune(now=timezone.now())
                counts.update(pruned)
            self.stdout.write(
                f"task queue: {pruned['jobs']} finished jobs and {pruned['tasks']} tasks deleted"
            )
            # The one-time tokens of create forms sent more than a day ago (core.once).
            with job_log("prune_form_tokens") as counts:
                tokens = form_tokens_prune(now=timezone.now())
                counts.update(deleted=tokens)
            self.stdout.write(f"forms sent: {tokens} one-time tokens over a day old deleted")
            # The register's number as PostgreSQL keeps it, set right if a write went past its
            # triggers (inquiries.register_count); 0 whenever nothing did.
            with job_log("check_register_count") as counts:
                difference = register_count_repair()
                counts.update(difference=difference or 0)
            if difference:
                self.stdout.write(f"register count: was {-difference:+d} off, now right")
            if options["once"]:
                return
            time.sleep(every * 60)
