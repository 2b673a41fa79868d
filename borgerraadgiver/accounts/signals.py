from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver
from django.http import HttpRequest

from borgerraadgiver.accounts.middleware import ENROLLED_SESSION_KEY
from borgerraadgiver.accounts.models import User
from borgerraadgiver.accounts.permissions import has_second_factor

# Sent with `user=` when a user's authenticator apps are removed (a lost phone): whatever the
# user made with the second factor (an API token) ends with it.
second_factor_reset = Signal()


@receiver(user_logged_in)
def note_second_factor(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    """Whether the user has an authenticator app, read once per login instead of on every page."""
    if request is not None and hasattr(request, "session"):
        request.session[ENROLLED_SESSION_KEY] = has_second_factor(user)
