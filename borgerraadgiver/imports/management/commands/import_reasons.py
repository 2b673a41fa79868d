"""`borgerraadgiver import_reasons FILE [--dry-run]`: see docs/imports.md."""

from borgerraadgiver.imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import the reasons: column name (and description)."
    kind = "reasons"
