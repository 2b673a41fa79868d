"""The advisor's activity pages. Each view validates a form and makes one call into the domain."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.activities import selectors, services
from borgerraadgiver.activities.forms import ActivityForm, YearForm
from borgerraadgiver.activities.models import Activity
from borgerraadgiver.activities.permissions import can_manage_activities
from borgerraadgiver.core.forms import form_apply_errors


def _require_advisor(request: AuthedRequest) -> None:
    if not can_manage_activities(request.user):
        raise PermissionDenied


def _get(request: AuthedRequest, pk: int) -> Activity:
    try:
        return selectors.activity_get(user=request.user, pk=pk)
    except Activity.DoesNotExist:
        raise Http404 from None


def _list_url(activity: Activity) -> str:
    return f"{reverse('activities:activity_list')}?year={activity.activity_date.year}"


def activity_list(request: AuthedRequest) -> HttpResponse:
    _require_advisor(request)
    current = timezone.localdate().year
    years = selectors.activity_years(user=request.user, current=current)
    form = YearForm(request.GET or None, years=years.years, initial={"year": years.opening})
    year = form.cleaned_data["year"] if form.is_valid() else years.opening
    counts = selectors.activity_counts(user=request.user, year=year)
    return render(
        request,
        "activities/activity_list.html",
        {
            "form": form,
            "year": year,
            "activities": selectors.activity_list(user=request.user, year=year),
            "counts": counts,
            "total": sum(row.count for row in counts),
        },
    )


@require_http_methods(["GET", "POST"])
def activity_new(request: AuthedRequest) -> HttpResponse:
    _require_advisor(request)
    if request.method != "POST":
        form = ActivityForm(initial={"activity_date": timezone.localdate()})
        return render(request, "activities/activity_form.html", {"form": form})
    form = ActivityForm(request.POST)
    if form.is_valid():
        try:
            activity = services.activity_create(
                created_by=request.user, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(request, _("The activity is registered."))
            return redirect(_list_url(activity))
    return render(request, "activities/activity_form.html", {"form": form})


@require_http_methods(["GET", "POST"])
def activity_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_advisor(request)
    activity = _get(request, pk)
    if request.method != "POST":
        form = ActivityForm(activity=activity)
        return render(
            request, "activities/activity_form.html", {"form": form, "activity": activity}
        )
    form = ActivityForm(request.POST, activity=activity)
    if form.is_valid():
        try:
            services.activity_update(
                activity=activity, changed_by=request.user, now=timezone.now(), **form.cleaned_data
            )
        except ValidationError as error:
            form_apply_errors(form, error)
        else:
            messages.success(request, _("The activity is saved."))
            return redirect(_list_url(activity))
    return render(request, "activities/activity_form.html", {"form": form, "activity": activity})


@require_http_methods(["GET", "POST"])
def activity_delete(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_advisor(request)
    activity = _get(request, pk)
    if request.method != "POST":
        return render(request, "activities/activity_delete.html", {"activity": activity})
    url = _list_url(activity)
    services.activity_delete(activity=activity, deleted_by=request.user, now=timezone.now())
    messages.success(request, _("The activity is deleted."))
    return redirect(url)
