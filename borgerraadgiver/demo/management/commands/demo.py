"""`borgerraadgiver demo`: load Hedensted's 2023 and 2024 registrations, the demo users, and a
current caseload and closing days dated from today."""

from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from borgerraadgiver.demo.load import DEFAULT_SEED, RegisterNotEmpty, demo_load
from borgerraadgiver.inquiries.models import Inquiry


class Command(BaseCommand):
    help = (
        "Load the demo data: Hedensted Kommune's organisation and lists, 115 inquiries in 2023 "
        "and 257 in 2024 that reproduce the 2024 annual report, the demo users, and a current "
        "caseload and the office's closing days dated from today."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the register holds any inquiry (for `make run`).",
        )
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every inquiry, person and contact first, then load the demo.",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed for the random details; the same seed gives the same data. "
            f"Default {DEFAULT_SEED}.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"] and options["replace"]:
            raise CommandError(_("Use either --if-empty or --replace, not both."))
        if options["if_empty"] and Inquiry.objects.exists():
            self.stdout.write(_("The register already holds inquiries; demo data not loaded."))
            return
        try:
            summary = demo_load(seed=options["seed"], replace=options["replace"])
        except RegisterNotEmpty:
            raise CommandError(
                _(
                    "The register already holds inquiries. Run with --replace to delete them "
                    "and every person and contact, and load the demo data instead."
                )
            ) from None
        self.stdout.write(self.style.SUCCESS(_("Demo data loaded (seed %(seed)s).") % options))
        for year in summary:
            self.stdout.write(
                _("%(year)s: %(inquiries)s inquiries, %(open)s open, %(contacts)s contacts")
                % year.__dict__
            )
