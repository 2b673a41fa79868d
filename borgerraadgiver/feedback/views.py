"""The citizen's survey page: public, no login, reached by a one-time link."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from borgerraadgiver.feedback import services
from borgerraadgiver.feedback.forms import SurveyForm
from borgerraadgiver.organisation.models import Office


def _invalid(request: HttpRequest) -> HttpResponse:
    # One answer for unknown, used and expired links: a guesser learns nothing.
    return render(
        request,
        "feedback/survey_invalid.html",
        {"message": services.LINK_NOT_VALID},
        status=404,
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    now = timezone.now()
    form = SurveyForm(request.POST if request.method == "POST" else None)
    try:
        if form.is_bound and form.is_valid():
            services.survey_answer(token, data=form.survey_input(), now=now)
            return redirect("feedback:survey_done")
        services.survey_link_check(token, now=now)
    except services.LinkNotValid:
        return _invalid(request)
    return render(
        request,
        "feedback/survey.html",
        {"form": form, "office": Office.load()},
        status=400 if form.is_bound else 200,
    )


@login_not_required
def survey_done(request: HttpRequest) -> HttpResponse:
    return render(request, "feedback/survey_done.html")
