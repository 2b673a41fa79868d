"""`borgerraadgiver report_definitions`: the table of how each figure is counted."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from borgerraadgiver.reports.definitions import definitions_markdown, with_definitions

DOCUMENT = Path(settings.PROJECT_DIR) / "docs" / "reports.md"


class Command(BaseCommand):
    help = (
        "Print the table of how each report figure is counted (generated from the definitions "
        "beside the figures' fields), or write it into docs/reports.md, or check that it is "
        "up to date there."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--write", action="store_true", help=f"Update {DOCUMENT}.")
        group.add_argument(
            "--check", action="store_true", help=f"Fail if {DOCUMENT} is not up to date."
        )
        parser.add_argument("--document", type=Path, default=DOCUMENT, help="Another file.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not (options["write"] or options["check"]):
            self.stdout.write(definitions_markdown())
            return
        path: Path = options["document"]
        try:
            current = path.read_text(encoding="utf-8")
            updated = with_definitions(current)
        except (OSError, ValueError) as error:
            raise CommandError(f"{path}: {error}") from None
        if options["check"]:
            if updated != current:
                raise CommandError(
                    f"{path} is out of date: run `borgerraadgiver report_definitions --write`."
                )
            self.stdout.write(f"{path} is up to date.")
            return
        if updated != current:
            path.write_text(updated, encoding="utf-8")
        self.stdout.write(f"Wrote the figure definitions to {path}.")
