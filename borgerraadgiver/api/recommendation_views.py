"""The API's recommendations, read only: an advisor sees all (and the inquiries each rests on,
logged), a department manager those addressed to their departments or areas (no inquiry)."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from borgerraadgiver.api import recommendation_serializers as api
from borgerraadgiver.api.common import DENIED, INVALID, NOT_FOUND, page_numbers, request_user
from borgerraadgiver.api.permissions import CanSeeForwardings
from borgerraadgiver.recommendations import selectors
from borgerraadgiver.recommendations.models import Recommendation
from borgerraadgiver.recommendations.permissions import can_manage_recommendations

RECOMMENDATION_PAGE_SIZE = 50
# The same readers as the forwardings: advisors and department managers.
CanSeeRecommendations = CanSeeForwardings


class RecommendationListView(APIView):
    permission_classes = [IsAuthenticated, CanSeeRecommendations]

    @extend_schema(
        operation_id="recommendations_list",
        parameters=[api.RecommendationFilterSerializer],
        responses={200: api.RecommendationPageSerializer, **INVALID, **DENIED},
        description=gettext_lazy(
            "Recommendations: an advisor sees all; a department manager those addressed to their "
            "departments or areas. Newest report period first, 50 to a page."
        ),
    )
    def get(self, request: Request) -> Response:
        query = api.RecommendationFilterSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        data = query.validated_data
        rows = selectors.recommendation_list(user=request_user(request)).prefetch_related("reasons")
        if data.get("status"):
            rows = rows.filter(status=data["status"])
        page = Paginator(rows, RECOMMENDATION_PAGE_SIZE).get_page(data.get("page"))
        body = {**page_numbers(page), "results": list(page.object_list)}
        return Response(api.RecommendationPageSerializer(body).data)


class RecommendationDetailView(APIView):
    permission_classes = [IsAuthenticated, CanSeeRecommendations]

    @extend_schema(
        operation_id="recommendations_retrieve",
        responses={200: api.AdvisorRecommendationDetailSerializer, **DENIED, **NOT_FOUND},
        description=gettext_lazy(
            "One recommendation with its history. For an advisor also the inquiries it rests on "
            "(logged as a view of a list); a manager gets none."
        ),
    )
    def get(self, request: Request, pk: int) -> Response:
        user = request_user(request)
        try:
            recommendation = selectors.recommendation_get(user=user, pk=pk)
        except Recommendation.DoesNotExist:
            raise Http404 from None
        if not can_manage_recommendations(user):
            return Response(api.RecommendationDetailSerializer(recommendation).data)
        recommendation.evidence = selectors.recommendation_evidence(  # type: ignore[attr-defined]
            user=user, recommendation=recommendation, now=timezone.now()
        )
        return Response(api.AdvisorRecommendationDetailSerializer(recommendation).data)
