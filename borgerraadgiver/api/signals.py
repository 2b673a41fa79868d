"""A user's API token ends with the second factor it was made under."""

from typing import Any

from django.dispatch import receiver

from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.signals import second_factor_reset
from borgerraadgiver.api.services import api_token_revoke


@receiver(second_factor_reset)
def revoke_token_on_reset(sender: Any, user: User, **kwargs: Any) -> None:
    api_token_revoke(user=user)
