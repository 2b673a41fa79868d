"""What the API's views share: the calling user, a domain error as a 400 naming the API's
fields, page numbers, and the answers every operation may give besides its own."""

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.paginator import Page
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions
from rest_framework.request import Request

from borgerraadgiver.accounts.models import User
from borgerraadgiver.api.serializers import DetailSerializer
from borgerraadgiver.inquiries.search import search_logged_as, search_term

# The answers every operation may give besides its own, so that a program can rely on them.
DENIED = {
    401: OpenApiResponse(DetailSerializer, description=gettext_lazy("No token, or a wrong one.")),
    403: OpenApiResponse(
        DetailSerializer, description=gettext_lazy("The user's role has no access.")
    ),
}
INVALID = {
    400: OpenApiResponse(
        OpenApiTypes.OBJECT,
        description=gettext_lazy("What was wrong, as a list of messages under each field's name."),
    )
}
NOT_FOUND = {
    404: OpenApiResponse(
        DetailSerializer,
        description=gettext_lazy("No such object, or one the user may not see."),
    )
}


def request_user(request: Request) -> User:
    user = request.user
    assert isinstance(user, User)  # the permission classes let no one else through
    return user


def validation_error(
    error: DjangoValidationError, *, rename: dict[str, str]
) -> exceptions.ValidationError:
    """A domain error as a 400 naming the API's field, so a program can show it where it belongs."""
    if not hasattr(error, "error_dict"):
        return exceptions.ValidationError({"non_field_errors": error.messages})
    detail: dict[str, list[str]] = {}
    for field, errors in error.message_dict.items():
        detail.setdefault(rename.get(field, field), []).extend(errors)
    return exceptions.ValidationError(detail)


def page_numbers(page: Page) -> dict[str, Any]:
    return {
        "count": page.paginator.count,
        "page": page.number,
        "pages": page.paginator.num_pages,
        "next": page.next_page_number() if page.has_next() else None,
        "previous": page.previous_page_number() if page.has_previous() else None,
    }


def describe(filters: dict[str, Any]) -> str:
    """The filters of a search, as the access log records them: a CPR number searched for is
    masked, as the page logs it (the log never holds a whole CPR number)."""
    return " ".join(
        f"{key}={search_logged_as(search_term(str(value)))[1] if key in ('q', 'search') else value}"
        for key, value in sorted(filters.items())
        if key != "page"
    )
