"""`borgerraadgiver import_handling FILE [--dry-run]`: see docs/imports.md."""

from borgerraadgiver.imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import the handling types: columns name and kind (advice, dialogue, forwarded or other)."
    )
    kind = "handling"
