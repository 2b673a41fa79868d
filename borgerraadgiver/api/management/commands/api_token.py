"""`borgerraadgiver api_token USERNAME`: make (or replace) a user's API token, print it once."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api.services import api_token_create, api_token_revoke


class Command(BaseCommand):
    help = (
        "Create a new API token for a user, replacing any earlier one, and print it. Only its "
        "hash is stored: the token cannot be shown again. --revoke deletes the user's token."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--revoke", action="store_true", help="Delete the user's token instead."
        )

    def handle(self, *args: Any, username: str, revoke: bool, **options: Any) -> None:
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user is called {username!r}.")
        if revoke:
            if api_token_revoke(user=user):
                self.stdout.write(f"The API token of {username} is deleted.")
            else:
                self.stdout.write(f"{username} had no API token.")
            return
        try:
            # The server's operator, already trusted with the whole machine, stands in for the
            # second factor the page asks for.
            key = api_token_create(user=user, now=timezone.now(), second_factor_verified=True)
        except PermissionDenied:
            raise CommandError(
                f"{username} is neither advisor, department manager nor report reader: "
                "no endpoint of the API would answer them."
            ) from None
        self.stdout.write(key)
