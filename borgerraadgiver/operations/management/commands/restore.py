from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from borgerraadgiver.operations.backup import BackupError, backup_restore
from borgerraadgiver.operations.logs import job_log


class Command(BaseCommand):
    help = (
        "Replace the database and the uploaded files with those in FILE, a backup made by "
        "`backup`. Every checksum and the database's integrity are checked first. Stop the app "
        "before restoring (docs/deployment.md)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--yes", action="store_true", help="do not ask before replacing the data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"] and options.get("interactive", True):
            answer = input(
                "This replaces ALL data in the database and the uploaded files with the "
                "backup's. Type 'yes' to go on: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing was restored.")
        try:
            with job_log("restore") as counts:
                summary = backup_restore(path=options["file"])
                counts.update(vendor=summary.vendor, media_files=summary.media_files)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored the {summary.vendor} database and {summary.media_files} files from the "
            f"backup made {summary.created_at}."
        )
        if summary.migrations_missing:
            self.stdout.write(
                f"The backup is {summary.migrations_missing} migrations behind this version of "
                "the app: run `borgerraadgiver migrate` before starting it."
            )
