"""For the server's operator: reset a user's second factor when no administrator can log in."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.services import user_second_factor_reset


class Command(BaseCommand):
    help = (
        "Remove a user's authenticator app and backup codes; they set up a new app at the next "
        "login. For when the only administrator has lost the phone; otherwise an administrator "
        "does it in the admin."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        removed = user_second_factor_reset(user=user, reset_by=None, now=timezone.now())
        self.stdout.write(
            f"{user.username}: {removed} authenticator app(s) removed; "
            "a new one is set up at the next login."
        )
