"""`borgerraadgiver import_organisation FILE [--dry-run]`: see docs/imports.md."""

from borgerraadgiver.imports.command import ImportCommand


class Command(ImportCommand):
    help = (
        "Import areas and departments: columns area, department, valid_from, valid_to (and kind)."
    )
    kind = "organisation"
