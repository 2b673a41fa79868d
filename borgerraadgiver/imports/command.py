"""What the five import commands share: arguments, the progress bar and the report."""

from argparse import ArgumentParser
from pathlib import Path
from typing import Any, ClassVar

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from borgerraadgiver.accounts.models import User
from borgerraadgiver.imports.progress import NoProgress, Progress, ProgressBar
from borgerraadgiver.imports.services import ImportResult, import_run

# Enough to fix a file by; the rest are counted.
ERRORS_SHOWN = 100


def result_lines(result: ImportResult) -> list[str]:
    """The outcome in words, for the command line."""
    counts = ", ".join(f"{key} {value}" for key, value in result.counts.items())
    if result.errors:
        return [
            ngettext(
                "%(count)d error in %(file)s; nothing is imported.",
                "%(count)d errors in %(file)s; nothing is imported.",
                len(result.errors),
            )
            % {"count": len(result.errors), "file": result.file_name}
        ]
    if result.dry_run:
        return [
            _(
                "%(rows)d rows checked, no errors: ready to import (%(counts)s). Dry run: nothing "
                "is imported."
            )
            % {"rows": result.rows, "counts": counts}
        ]
    return [
        _("%(rows)d rows imported from %(file)s (%(counts)s).")
        % {"rows": result.rows, "file": result.file_name, "counts": counts}
    ]


class ImportCommand(BaseCommand):
    kind: ClassVar[str]
    can_replace: ClassVar[bool] = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help=_("A CSV (UTF-8, comma) or XLSX file with a header row."))
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("Check every row and report; import nothing."),
        )
        parser.add_argument(
            "--user",
            help=_("The username recorded as having imported (default: none)."),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help=_("Do not show the progress bar.")
        )
        if self.can_replace:
            parser.add_argument(
                "--replace",
                action="store_true",
                help=_(
                    "Replace the inquiries an earlier import loaded for the same years. "
                    "Registrations made in the system are never replaced."
                ),
            )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(_("No such file: %(path)s") % {"path": path})
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(_("No such user: %(user)s") % {"user": options["user"]})
        progress: Progress = (
            NoProgress() if options["no_progress"] else ProgressBar(self.stderr._out)  # type: ignore[arg-type]
        )
        with path.open("rb") as file:
            result = import_run(
                kind=self.kind,
                file=file,
                file_name=path.name,
                user=user,
                now=timezone.now(),
                dry_run=options["dry_run"],
                replace=options.get("replace", False),
                progress=progress,
            )
        for error in result.errors[:ERRORS_SHOWN]:
            self.stderr.write(str(error))
        for warning in result.warnings[:ERRORS_SHOWN]:
            self.stderr.write(_("Warning: %(warning)s") % {"warning": warning})
        if len(result.errors) > ERRORS_SHOWN:
            self.stderr.write(
                _("… and %(count)d more errors.") % {"count": len(result.errors) - ERRORS_SHOWN}
            )
        lines = result_lines(result)
        if result.errors:
            raise CommandError(" ".join(lines))
        for line in lines:
            self.stdout.write(self.style.SUCCESS(line))
