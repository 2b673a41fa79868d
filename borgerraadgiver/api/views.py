"""The REST API's remaining views: the report's statistics, and a JSON 404 for any other
address. The inquiries' views are in `inquiry_views.py`, the forwardings' in
`forwarding_views.py`."""

from typing import Any

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from borgerraadgiver.api.common import DENIED, INVALID
from borgerraadgiver.api.permissions import CanReadStatistics
from borgerraadgiver.api.serializers import StatisticsQuerySerializer
from borgerraadgiver.organisation.models import Office
from borgerraadgiver.reports.disclosure import rule_for, statistics_shown
from borgerraadgiver.reports.forms import department_too_small, is_whole_months, whole_months_only
from borgerraadgiver.reports.statistics import (
    report_period_between,
    report_period_for_year,
    report_statistics,
    statistics_as_json,
)


class StatisticsView(APIView):
    """The report's figures for a period: aggregates only, never a person."""

    permission_classes = [IsAuthenticated, CanReadStatistics]

    @extend_schema(
        operation_id="statistics_retrieve",
        parameters=[StatisticsQuerySerializer],
        responses={200: OpenApiTypes.OBJECT, **INVALID, **DENIED},
        description=gettext_lazy(
            "The annual report's JSON for the office's report year starting in `year`, or for "
            "the period from `from` to `to` (both included); optionally for one area or "
            "department. The same JSON as the statistics page's download: for anyone who is "
            "not an advisor, counts below the office's threshold (and the cells that would "
            "give them away) are `null`, `small_numbers.hidden_below` says the threshold, and "
            "only whole months and departments with enough inquiries are given."
        ),
    )
    def get(self, request: Request) -> Response:
        query = StatisticsQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        if data.get("year") is not None:
            period = report_period_for_year(data["year"], office=Office.load())
        else:
            period = report_period_between(data["from"], data["to"])
        rule = rule_for(request.user)
        if rule.threshold > 1 and not is_whole_months(period.start, period.end):
            raise ValidationError({"from": [whole_months_only()]})
        figures = report_statistics(
            period=period,
            area=data.get("area"),
            department=data.get("department"),
            today=timezone.localdate(),
        )
        if data.get("department") is not None and rule.hides(figures.total or 0):
            raise ValidationError({"department": [department_too_small(rule)]})
        return Response(statistics_as_json(statistics_shown(figures, rule)))


class NotFoundView(APIView):
    """Any other address under /api/: a JSON 404 (after authentication), not the HTML page."""

    @extend_schema(exclude=True)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise Http404

    post = put = patch = delete = get
