"""`borgerraadgiver import_actions FILE [--dry-run]`: see docs/imports.md."""

from borgerraadgiver.imports.command import ImportCommand


class Command(ImportCommand):
    help = "Import the counted actions: column name (and description)."
    kind = "actions"
