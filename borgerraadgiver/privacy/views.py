"""Personal-data pages: one person's access log and export, the CPR 'show' action, and the
administrator's search of the access log. Every showing of the log is itself logged."""

import datetime
import json

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent, AccessLogEntry
from borgerraadgiver.audit.services import access_log_write
from borgerraadgiver.inquiries.models import Person
from borgerraadgiver.privacy import selectors, services
from borgerraadgiver.privacy.forms import LogSearchForm
from borgerraadgiver.privacy.pdf import html_to_pdf
from borgerraadgiver.privacy.permissions import can_search_access_log, can_see_person_data


def _person(request: AuthedRequest, pk: int) -> Person:
    if not can_see_person_data(request.user):
        raise Http404  # as for an inquiry: whether the person exists is not revealed
    try:
        return selectors.person_get(user=request.user, pk=pk)
    except Person.DoesNotExist:
        raise Http404 from None


@require_GET
@never_cache
def person_access_log(request: AuthedRequest, pk: int) -> HttpResponse:
    """Every access to one person's data, for a data-subject request; advisors only."""
    if not can_see_person_data(request.user):
        raise Http404
    try:
        log = selectors.person_log_page(user=request.user, pk=pk, number=request.GET.get("page"))
    except Person.DoesNotExist:
        raise Http404 from None
    access_log_write(
        user=request.user,
        event=AccessEvent.PERSON_ACCESS_LOG_VIEWED,
        now=timezone.now(),
        person_id=log.person.pk,
    )
    return render(request, "privacy/person_access_log.html", {"log": log})


@require_POST
@never_cache
def cpr_show(request: AuthedRequest, pk: int) -> HttpResponse:
    """Show the full CPR number once, on an explicit request that is logged."""
    person = _person(request, pk)
    inquiry_id = request.POST.get("inquiry", "")
    cpr = services.person_cpr_reveal(
        person=person,
        shown_to=request.user,
        now=timezone.now(),
        inquiry_id=int(inquiry_id) if inquiry_id.isdigit() else None,
    )
    return render(
        request,
        "privacy/cpr_shown.html",
        {"person": person, "cpr": cpr, "inquiry_id": inquiry_id if inquiry_id.isdigit() else ""},
    )


def _export(request: AuthedRequest, pk: int, file_format: str) -> dict:
    person = _person(request, pk)
    return services.person_export(
        person=person, exported_by=request.user, now=timezone.now(), file_format=file_format
    )


def _filename(data: dict, extension: str) -> str:
    return f"personal-data-{data['person']['id']}-{data['exported_at'][:10]}.{extension}"


@require_GET
@never_cache
def person_export_json(request: AuthedRequest, pk: int) -> HttpResponse:
    data = _export(request, pk, "json")
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename(data, "json")}"'
    return response


@require_GET
@never_cache
def person_export_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    data = _export(request, pk, "pdf")
    html = render_to_string("privacy/person_export.html", {"data": data}, request=request)
    response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_filename(data, "pdf")}"'
    return response


@require_GET
@never_cache
def access_log_search(request: AuthedRequest) -> HttpResponse:
    """The administrator's search of the log by user, period and action."""
    if not can_search_access_log(request.user):
        raise PermissionDenied
    form = LogSearchForm(request.GET or None)
    # A bad field drops that filter only (as on the inquiry list), not the others.
    data = form.cleaned_data if form.is_valid() else getattr(form, "cleaned_data", {})
    tz = timezone.get_current_timezone()
    start, end = data.get("start"), data.get("end")
    filters = selectors.LogFilters(
        user_id=data["user"].pk if data.get("user") else None,
        start=start,
        end=end,
        action=data.get("action") or "",
    )
    entries = selectors.access_log_search(
        user=request.user,
        filters=filters,
        start_at=datetime.datetime.combine(start, datetime.time(), tz) if start else None,
        end_before=datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time(), tz)
        if end
        else None,
    )
    page = selectors.paginate(entries, request.GET.get("page"))
    # A read of the log itself; 'view', so that administrators see it (search terms are hidden).
    access_log_write(
        user=request.user,
        event=AccessEvent.ACCESS_LOG_SEARCHED,
        now=timezone.now(),
        detail=", ".join(
            f"{key}={value}"
            for key, value in (
                ("user", filters.user_id),
                ("from", start),
                ("to", end),
                ("action", filters.action),
            )
            if value
        ),
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "privacy/access_log_search.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "sees_details": can_see_person_data(request.user),
            # Search terms and an export's filters can hold names: advisors only see them.
            "hidden_actions": (AccessLogEntry.Action.SEARCH, AccessLogEntry.Action.EXPORT),
        },
    )
