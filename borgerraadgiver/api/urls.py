"""The API's addresses. Each view is named by its path and loaded at its first request
(`core.lazy_views`): reading the URLs (every `check`) does not load DRF and drf-spectacular."""

from django.urls import path, re_path

from borgerraadgiver.core.lazy_views import LazyView

app_name = "api"

API = "borgerraadgiver.api."

docs = LazyView(
    "drf_spectacular.views.SpectacularSwaggerSplitView",
    url_name="api:schema",
    template_name="api/swagger_ui.html",
)
# The human page is a page like any other: a visitor is sent to log in, and an advisor to give
# the second factor (DRF marks its views exempt from both, for the API's own 401 answers).
docs.login_required = True  # type: ignore[attr-defined]
urlpatterns = [
    path("inquiries/", LazyView(API + "inquiry_views.InquiryListView"), name="inquiry_list"),
    path(
        "inquiries/<int:pk>/",
        LazyView(API + "inquiry_views.InquiryDetailView"),
        name="inquiry_detail",
    ),
    path(
        "forwardings/",
        LazyView(API + "forwarding_views.ForwardingListView"),
        name="forwarding_list",
    ),
    path(
        "forwardings/<int:pk>/",
        LazyView(API + "forwarding_views.ForwardingDetailView"),
        name="forwarding_detail",
    ),
    path(
        "forwardings/<int:pk>/answer/",
        LazyView(API + "forwarding_views.ForwardingAnswerView"),
        name="forwarding_answer",
    ),
    path(
        "recommendations/",
        LazyView(API + "recommendation_views.RecommendationListView"),
        name="recommendation_list",
    ),
    path(
        "recommendations/<int:pk>/",
        LazyView(API + "recommendation_views.RecommendationDetailView"),
        name="recommendation_detail",
    ),
    path("statistics/", LazyView(API + "views.StatisticsView"), name="statistics"),
    path("schema/", LazyView("drf_spectacular.views.SpectacularAPIView"), name="schema"),
    path("docs/", docs, name="docs"),
    path("token/", LazyView(API + "token_views.token"), name="token"),
    # Last: an address no route matches answers a program in JSON too.
    re_path(r"^.*$", LazyView(API + "views.NotFoundView"), name="not_found"),
]
