"""The inquiry list, its search and filters, and its download with the same filters."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.advisor.forms import InquiryFilterForm
from borgerraadgiver.advisor.list_rows import inquiry_rows_html
from borgerraadgiver.advisor.views import _require_advisor
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.forwarding.selectors import nearest_deadline
from borgerraadgiver.inquiries import exports, selectors
from borgerraadgiver.inquiries.rows import inquiry_row_page
from borgerraadgiver.inquiries.search import search_logged_as, search_term


def list_query_strings(request: AuthedRequest) -> tuple[str, str]:
    """A list's query string without the page number (for the page links and downloads), and
    without the sort as well (for the column headers' sort links)."""
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    return query.urlencode(), sort_query.urlencode()


def _list_filters(request: AuthedRequest) -> tuple[InquiryFilterForm, selectors.InquiryFilters]:
    """The list's filters from its query string; the export reads them the same way."""
    years = selectors.inquiry_years(user=request.user)
    form = InquiryFilterForm(request.GET or None, years=years)
    # A bad value in one filter drops that filter only, not the others.
    data = form.cleaned_data if form.is_valid() else getattr(form, "cleaned_data", {})
    # The chosen rows are the process's kept ones, shared by every request and read with their
    # ids and names only (`organisation.forms.area_filter_field`): their ids alone are taken,
    # as another field would be read from the database into the shared row.
    filters = selectors.InquiryFilters(
        search=data.get("q") or "",
        year=data.get("year"),
        area_id=data["area"].pk if data.get("area") else None,
        department_id=data["department"].pk if data.get("department") else None,
        reason_id=data["reason"].pk if data.get("reason") else None,
        handling_type_id=data["handling"].pk if data.get("handling") else None,
        status=data.get("status") or "",
        sort=data.get("sort") or selectors.DEFAULT_SORT,
    )
    return form, filters


def inquiry_export(request: AuthedRequest, fmt: str) -> HttpResponseBase:
    """The list with its current filters as CSV or Excel, streamed; logged as an export."""
    _require_advisor(request)
    if fmt not in exports.FORMATS:
        raise Http404
    _form, filters = _list_filters(request)
    return exports.inquiry_export(user=request.user, filters=filters, fmt=fmt, now=timezone.now())


def inquiry_list(request: AuthedRequest) -> HttpResponse:
    _require_advisor(request)
    form, filters = _list_filters(request)
    page = inquiry_row_page(
        user=request.user,
        filters=filters,
        number=request.GET.get("page"),
        size=settings.INQUIRY_LIST_PAGE_SIZE,
        annotations={"nearest_deadline_date": nearest_deadline()},
    )
    found = selectors.person_search(user=request.user, text=filters.search)
    # Every page of the list shows people's names: a search is logged with its terms (a CPR
    # number as a CPR look-up, masked) and the people it lists, a list without one as a view of
    # the rows shown (with its filters), in one query either way.
    event, detail = (
        search_logged_as(search_term(filters.search))
        if filters.search.strip()
        else (AccessEvent.INQUIRY_LIST_VIEWED, request.GET.urlencode())
    )
    shown = {inquiry.person_id for inquiry in page.object_list}
    access_log_write_many(
        user=request.user,
        event=event,
        now=timezone.now(),
        inquiries=[(inquiry.pk, inquiry.person_id) for inquiry in page.object_list]
        + [(None, person.pk) for person in found.people if person.pk not in shown]
        or [(None, None)],
        detail=detail,
    )
    query, sort_query = list_query_strings(request)
    return render(
        request,
        "advisor/inquiry_list.html",
        {
            "form": form,
            "page": page,
            "rows_html": inquiry_rows_html(page.object_list),
            "filters": filters,
            "found": found,
            "query": query,
            "sort_query": sort_query,
        },
    )
