from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from borgerraadgiver.organisation.models import Office


def office(request: HttpRequest) -> dict[str, object]:
    """The office's settings for the page header; read only when a template uses them."""
    return {"office": SimpleLazyObject(Office.shown)}
