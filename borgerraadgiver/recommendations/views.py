"""The advisor's recommendation pages. Each view validates a form and makes one call into the
domain; everything here is for advisors only (403 for anyone else)."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.audit.models import AccessEvent
from borgerraadgiver.audit.services import access_log_write_many
from borgerraadgiver.core.forms import form_submit
from borgerraadgiver.inquiries.models import Inquiry
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.organisation.periods import report_period_for_year
from borgerraadgiver.recommendations import selectors, services
from borgerraadgiver.recommendations.forms import CloseForm, FollowUpForm, RecommendationForm
from borgerraadgiver.recommendations.models import Recommendation
from borgerraadgiver.recommendations.permissions import can_manage_recommendations

# How long the administration has to respond, unless the advisor sets another date.
DEFAULT_RESPONSE_WEEKS = 8
NOT_FOUND = "No inquiry you can see has the case number %(number)s."


def _require_advisor(request: AuthedRequest) -> None:
    if not can_manage_recommendations(request.user):
        raise PermissionDenied


def _get(request: AuthedRequest, pk: int) -> Recommendation:
    try:
        return selectors.recommendation_get(user=request.user, pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None


def recommendation_list(request: AuthedRequest) -> HttpResponse:
    _require_advisor(request)
    return render(
        request,
        "recommendations/recommendation_list.html",
        {"recommendations": selectors.recommendation_list(user=request.user)},
    )


def _initial(request: AuthedRequest, today: datetime.date) -> dict[str, object]:
    """The form's start: this report year, the usual response time and, from an inquiry's
    page (`?inquiry=<id>`, repeatable), those inquiries with their reasons and departments."""
    initial: dict[str, object] = {
        "year": today.year,
        "response_deadline_date": today + datetime.timedelta(weeks=DEFAULT_RESPONSE_WEEKS),
    }
    ids = [int(pk) for pk in request.GET.getlist("inquiry") if pk.isdigit() and len(pk) < 18]
    if not ids:
        return initial
    inquiries = list(
        Inquiry.objects.visible_to(request.user).filter(pk__in=ids).prefetch_related("reasons")
    )
    access_log_write_many(
        user=request.user,
        event=AccessEvent.INQUIRY_LIST_VIEWED,
        now=timezone.now(),
        inquiries=[(i.pk, i.person_id) for i in inquiries],
        detail="recommendation form",
    )
    initial["case_numbers"] = " ".join(i.case_number for i in inquiries)
    initial["reasons"] = sorted({r.pk for i in inquiries for r in i.reasons.all()})
    initial["departments"] = sorted({i.department_id for i in inquiries if i.department_id})
    return initial


@require_http_methods(["GET", "POST"])
def recommendation_new(request: AuthedRequest) -> HttpResponse:
    _require_advisor(request)
    now = timezone.now()
    today = timezone.localdate(now)
    if request.method != "POST":
        form = RecommendationForm(initial=_initial(request, today), today=today)
        return render(request, "recommendations/recommendation_form.html", {"form": form})
    form = RecommendationForm(request.POST, today=today)
    made: list[Recommendation] = []

    def create() -> None:
        data = form.cleaned_data
        try:
            inquiries = selectors.inquiries_by_case_number(
                user=request.user, case_numbers=data["case_numbers"]
            )
        except KeyError as missing:
            form.add_error("case_numbers", _(NOT_FOUND) % {"number": missing.args[0]})
            return
        made.append(
            services.recommendation_create(
                created_by=request.user,
                now=now,
                text=data["text"],
                period=report_period_for_year(data["year"], office=Office.load()),
                sent_date=today,
                response_deadline_date=data["response_deadline_date"],
                departments=data["departments"],
                areas=data["areas"],
                inquiries=inquiries,
                reasons=data["reasons"],
            )
        )

    if form_submit(form, create) and made:
        messages.success(request, _("The recommendation is sent to the managers addressed."))
        return redirect("recommendations:recommendation_detail", pk=made[0].pk)
    return render(request, "recommendations/recommendation_form.html", {"form": form}, status=400)


def _render_detail(
    request: AuthedRequest,
    recommendation: Recommendation,
    *,
    follow_up_form: FollowUpForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    return render(
        request,
        "recommendations/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "evidence": selectors.recommendation_evidence(
                user=request.user, recommendation=recommendation, now=now
            ),
            "follow_up_form": follow_up_form or FollowUpForm(),
            "close_form": close_form or CloseForm(initial={"closed_date": timezone.localdate(now)}),
        },
        status=status,
    )


def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_advisor(request)
    return _render_detail(request, _get(request, pk))


@require_http_methods(["POST"])
def recommendation_follow_up(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_advisor(request)
    recommendation = _get(request, pk)
    form = FollowUpForm(request.POST)
    if form_submit(
        form,
        lambda: services.recommendation_follow_up(
            recommendation=recommendation,
            recorded_by=request.user,
            now=timezone.now(),
            text=form.cleaned_data["text"],
        ),
    ):
        messages.success(request, _("The follow-up is recorded."))
        return redirect("recommendations:recommendation_detail", pk=recommendation.pk)
    return _render_detail(request, recommendation, follow_up_form=form, status=400)


@require_http_methods(["POST"])
def recommendation_close(request: AuthedRequest, pk: int) -> HttpResponse:
    _require_advisor(request)
    recommendation = _get(request, pk)
    form = CloseForm(request.POST)
    if form_submit(
        form,
        lambda: services.recommendation_close(
            recommendation=recommendation,
            closed_by=request.user,
            now=timezone.now(),
            **form.cleaned_data,
        ),
    ):
        messages.success(request, _("The recommendation is closed."))
        return redirect("recommendations:recommendation_detail", pk=recommendation.pk)
    return _render_detail(request, recommendation, close_form=form, status=400)
