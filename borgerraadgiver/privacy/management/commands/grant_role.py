"""For the server's operator: make the installation's first advisor, whom no advisor can approve."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from borgerraadgiver.accounts.models import RoleGrant, User
from borgerraadgiver.privacy.role_grants import advisor_role_grant_by_operator


class Command(BaseCommand):
    help = (
        "Make a user an advisor when the installation has no active advisor to approve it "
        "(the first advisor). Written to the access log without a user. Otherwise an "
        "administrator asks for the role in the admin and another advisor approves it."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument("role", choices=RoleGrant.Role.values)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        try:
            advisor_role_grant_by_operator(user=user, now=timezone.now())
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(f"{user.username} is now an advisor.")
