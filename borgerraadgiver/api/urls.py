from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from borgerraadgiver.api import (
    forwarding_views,
    inquiry_views,
    recommendation_views,
    token_views,
    views,
)

app_name = "api"

docs = SpectacularSwaggerSplitView.as_view(
    url_name="api:schema", template_name="api/swagger_ui.html"
)
# The human page is a page like any other: a visitor is sent to log in, and an advisor to give
# the second factor (DRF marks its views exempt from both, for the API's own 401 answers).
docs.login_required = True  # type: ignore[attr-defined]
urlpatterns = [
    path("inquiries/", inquiry_views.InquiryListView.as_view(), name="inquiry_list"),
    path("inquiries/<int:pk>/", inquiry_views.InquiryDetailView.as_view(), name="inquiry_detail"),
    path("forwardings/", forwarding_views.ForwardingListView.as_view(), name="forwarding_list"),
    path(
        "forwardings/<int:pk>/",
        forwarding_views.ForwardingDetailView.as_view(),
        name="forwarding_detail",
    ),
    path(
        "forwardings/<int:pk>/answer/",
        forwarding_views.ForwardingAnswerView.as_view(),
        name="forwarding_answer",
    ),
    path(
        "recommendations/",
        recommendation_views.RecommendationListView.as_view(),
        name="recommendation_list",
    ),
    path(
        "recommendations/<int:pk>/",
        recommendation_views.RecommendationDetailView.as_view(),
        name="recommendation_detail",
    ),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", docs, name="docs"),
    path("token/", token_views.token, name="token"),
    # Last: an address no route matches answers a program in JSON too.
    re_path(r"^.*$", views.NotFoundView.as_view(), name="not_found"),
]
