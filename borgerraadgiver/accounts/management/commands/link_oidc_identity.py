"""For the server's operator: link an existing account to a login at the identity provider."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.oidc import oidc_identity_link


class Command(BaseCommand):
    help = (
        "Link an existing account to a login at the identity provider (its issuer and subject, "
        "the `iss` and `sub` claims), so single sign-on logs that person into this account. A "
        "first single sign-on whose user name is an existing account's is refused until then; "
        "the refusal's log line names the issuer and subject. From the next login the "
        "provider's groups decide the account's roles."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("username")
        parser.add_argument(
            "--issuer",
            default=settings.OIDC_OP_ISSUER,
            help="The provider's issuer (`iss`); default the setting OIDC_OP_ISSUER.",
        )
        parser.add_argument("--subject", required=True, help="The user's `sub` at the provider.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            user = User.objects.get(username=options["username"])
        except User.DoesNotExist:
            raise CommandError(f"No user named {options['username']!r}.") from None
        try:
            identity = oidc_identity_link(
                user=user, issuer=options["issuer"], subject=options["subject"]
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stdout.write(
            f"{user.username} is linked to {identity.subject} at {identity.issuer}: the next "
            "single sign-on logs in to this account."
        )
