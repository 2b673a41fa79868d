from django.http import HttpRequest

from borgerraadgiver.reports.permissions import can_read_statistics


def statistics(request: HttpRequest) -> dict[str, bool]:
    """`can_read_statistics` for the main menu: a check of the user's flags, no query."""
    user = getattr(request, "user", None)
    return {"can_read_statistics": user is not None and can_read_statistics(user)}
