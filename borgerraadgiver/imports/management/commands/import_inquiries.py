"""`borgerraadgiver import_inquiries FILE [--dry-run]`: see docs/imports.md."""

from borgerraadgiver.imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import earlier years' inquiries as statistical rows (see docs/imports.md for the columns)."
    )
    kind = "inquiries"
    can_replace = True
