from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from borgerraadgiver.accounts.permissions import is_manager


def roles(request: HttpRequest) -> dict[str, object]:
    """`is_manager` for the main menu; asked of the database only when a page shows the menu."""
    user = getattr(request, "user", None)
    return {"is_manager": SimpleLazyObject(lambda: user is not None and is_manager(user))}
