from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from borgerraadgiver.organisation.kept import kept_rows
from borgerraadgiver.organisation.models import Office


def office_shown() -> Office:
    """The office as this process keeps it (`organisation.kept`): for showing, never saving."""
    rows = kept_rows("office", Office.objects.filter(pk=1))
    return rows[0] if rows else Office.load()


def office(request: HttpRequest) -> dict[str, object]:
    """The office's settings for the page header; read only when a template uses them."""
    return {"office": SimpleLazyObject(office_shown)}
