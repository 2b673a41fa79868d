from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from borgerraadgiver.operations.backup import BackupError, backup_create
from borgerraadgiver.operations.logs import job_log


class Command(BaseCommand):
    help = (
        "Back up the database and the uploaded files to FILE (.tar or .tar.gz), safely while "
        "the app runs. See docs/deployment.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with job_log("backup") as counts:
                summary = backup_create(path=options["file"], now=timezone.now())
                counts.update(
                    vendor=summary.vendor,
                    database_bytes=summary.database_bytes,
                    media_files=summary.media_files,
                    media_bytes=summary.media_bytes,
                )
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Backed up the {summary.vendor} database ({summary.database_bytes:,} bytes) and "
            f"{summary.media_files} files ({summary.media_bytes:,} bytes) to {summary.path}"
        )
