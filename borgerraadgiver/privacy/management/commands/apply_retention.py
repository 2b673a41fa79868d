"""Remove the personal data of inquiries closed longer ago than the office's retention period."""

import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from borgerraadgiver.privacy.retention_services import retention_apply


class Command(BaseCommand):
    help = (
        "Remove personal data of inquiries closed more than Office.retention_years ago, keeping "
        "their statistical skeleton. --dry-run lists what would go; --archive-to DIR first "
        "writes the archive delivery there."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list what would be removed; change nothing"
        )
        parser.add_argument(
            "--archive-to",
            type=Path,
            help="write the archive delivery into this directory first; remove only if it is "
            "written whole",
        )
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            help="apply the rule as on this day (YYYY-MM-DD) instead of today; not before today",
        )

    def handle(self, *args: object, **options: object) -> None:
        now = timezone.now()
        today = timezone.localdate(now)
        wanted = options.get("today")
        if isinstance(wanted, datetime.date):
            if wanted < today and not options["dry_run"]:
                raise CommandError("--today cannot lie in the past.")
            today = wanted
        archive_to = options.get("archive_to")
        run = retention_apply(
            today=today,
            now=now,
            dry_run=bool(options["dry_run"]),
            archive_to=archive_to if isinstance(archive_to, Path) else None,
        )
        due = len(run.plan.due)
        rule = f"closing date + {run.years} years <= {today.isoformat()}"
        if options["dry_run"]:
            self.stdout.write(
                f"Dry run: {due} inquiries due ({rule}); {len(run.plan.persons)} persons would "
                "be deleted. Nothing was changed."
            )
            for number in run.case_numbers:
                self.stdout.write(f"  {number}")
            if run.orphans:
                self.stdout.write(
                    f"{len(run.orphans)} persons without any inquiry would be deleted."
                )
            if run.rejected_submissions:
                self.stdout.write(
                    f"{len(run.rejected_submissions)} rejected web-form submissions would be "
                    "deleted: " + ", ".join(run.rejected_submissions)
                )
            return
        if run.package is not None:
            self.stdout.write(f"Archive delivery written to {run.package}")
        self.stdout.write(
            f"Personal data removed from {run.removed} inquiries ({rule}); "
            f"{run.persons_deleted + len(run.orphans)} persons deleted; "
            f"{len(run.rejected_submissions)} rejected web-form submissions deleted."
        )
