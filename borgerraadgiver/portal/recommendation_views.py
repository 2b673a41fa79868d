"""The manager's recommendation pages: only those addressed to their own departments or areas,
with no person and no inquiry shown; the response is the one write."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from borgerraadgiver.accounts.http import AuthedRequest
from borgerraadgiver.accounts.permissions import is_active_advisor, is_manager
from borgerraadgiver.core.forms import form_submit
from borgerraadgiver.recommendations import selectors, services
from borgerraadgiver.recommendations.forms import ResponseForm
from borgerraadgiver.recommendations.models import Recommendation
from borgerraadgiver.recommendations.permissions import can_respond, is_addressee


def _recommendation(request: AuthedRequest, pk: int) -> Recommendation:
    """One addressed to the user's departments or areas; 404 for anything else (an advisor has
    their own pages)."""
    if is_active_advisor(request.user):
        raise Http404
    try:
        recommendation = selectors.recommendation_get(user=request.user, pk=pk)
    except Recommendation.DoesNotExist:
        raise Http404 from None
    if not is_addressee(request.user, recommendation):
        raise Http404
    return recommendation


def recommendation_list(request: AuthedRequest) -> HttpResponse:
    if not is_manager(request.user) or is_active_advisor(request.user):
        raise Http404
    return render(
        request,
        "portal/recommendation_list.html",
        {"recommendations": selectors.recommendation_list(user=request.user)},
    )


def _render_detail(
    request: AuthedRequest,
    recommendation: Recommendation,
    *,
    form: ResponseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "portal/recommendation_detail.html",
        {
            "recommendation": recommendation,
            "can_respond": can_respond(request.user, recommendation),
            "form": form or ResponseForm(),
        },
        status=status,
    )


def recommendation_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    return _render_detail(request, _recommendation(request, pk))


@require_http_methods(["POST"])
def recommendation_respond(request: AuthedRequest, pk: int) -> HttpResponse:
    recommendation = _recommendation(request, pk)
    form = ResponseForm(request.POST)
    if form_submit(
        form,
        lambda: services.recommendation_respond(
            recommendation=recommendation,
            responded_by=request.user,
            now=timezone.now(),
            **form.cleaned_data,
        ),
    ):
        messages.success(request, _("The response is sent to the citizens' advisor."))
        return redirect("portal:recommendation_detail", pk=recommendation.pk)
    return _render_detail(request, recommendation, form=form, status=400)
