from django.contrib.auth.decorators import login_required
from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from borgerraadgiver.api import token_views, views

app_name = "api"
urlpatterns = [
    path("inquiries/", views.InquiryListView.as_view(), name="inquiry_list"),
    path("inquiries/<int:pk>/", views.InquiryDetailView.as_view(), name="inquiry_detail"),
    path("forwardings/", views.ForwardingListView.as_view(), name="forwarding_list"),
    path("forwardings/<int:pk>/", views.ForwardingDetailView.as_view(), name="forwarding_detail"),
    path(
        "forwardings/<int:pk>/answer/",
        views.ForwardingAnswerView.as_view(),
        name="forwarding_answer",
    ),
    path("statistics/", views.StatisticsView.as_view(), name="statistics"),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The human page: a browser without a session goes to the login page rather than a 401.
    path(
        "docs/",
        login_required(
            SpectacularSwaggerSplitView.as_view(
                url_name="api:schema", template_name="api/swagger_ui.html"
            )
        ),
        name="docs",
    ),
    path("token/", token_views.token, name="token"),
]
