"""The advisor's forwarding overview: what the departments owe, and its download."""

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.advisor.list_views import list_query_strings
from borgerraadgiver.advisor.overview_forms import OwedFilterForm
from borgerraadgiver.advisor.overview_rows import owed_rows_html
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.forwarding.overview import owed_page
from borgerraadgiver.forwarding.overview_export import FORMATS, owed_export


def forwarding_overview(request: AuthedRequest) -> HttpResponse:
    """Every sent forwarding not yet closed; the page is logged as a view of the cases shown."""
    form = OwedFilterForm(request.GET or None)
    filters = form.filters()
    now = timezone.now()
    page = owed_page(
        user=request.user,
        filters=filters,
        today=timezone.localdate(now),
        number=request.GET.get("page"),
        size=settings.INQUIRY_LIST_PAGE_SIZE,
    )
    access_log_write_many(
        user=request.user,
        event=AccessEvent.INQUIRY_LIST_VIEWED,
        now=now,
        inquiries=[(row.forwarding.inquiry_id, row.forwarding.inquiry.person_id) for row in page]
        or [(None, None)],
        detail=f"forwardings {request.GET.urlencode()}".strip(),
    )
    query, sort_query = list_query_strings(request)
    return render(
        request,
        "advisor/forwarding_overview.html",
        {
            "form": form,
            "page": page,
            "rows_html": owed_rows_html(page.object_list),
            "filters": filters,
            "today": timezone.localdate(now),
            "query": query,
            "sort_query": sort_query,
        },
    )


def forwarding_overview_export(request: AuthedRequest, fmt: str) -> HttpResponseBase:
    """The overview with its current filters as CSV or Excel; logged as an export."""
    if fmt not in FORMATS:
        raise Http404
    now = timezone.now()
    return owed_export(
        user=request.user,
        filters=OwedFilterForm(request.GET or None).filters(),
        fmt=fmt,
        now=now,
        today=timezone.localdate(now),
    )
