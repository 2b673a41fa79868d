"""Delete access-log entries older than the office's retention for the log (6 months by default)."""

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from borgerraadgiver.audit.services import access_log_clean


class Command(BaseCommand):
    help = (
        "Delete access-log entries older than Office.access_log_retention_months and record "
        "that the clean-up ran."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--months", type=int, help="keep this many months instead of the office's setting"
        )

    def handle(self, *args: object, **options: object) -> None:
        months = options.get("months")
        if months is not None and int(months) < 1:  # type: ignore[call-overload]
            self.stderr.write("--months must be at least 1.")
            return
        deleted = access_log_clean(
            now=timezone.now(),
            months=int(months) if months is not None else None,  # type: ignore[call-overload]
        )
        self.stdout.write(f"{deleted} access-log entries deleted.")
