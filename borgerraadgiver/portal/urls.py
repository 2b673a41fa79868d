from django.urls import path

from borgerraadgiver.portal import recommendation_views, views

app_name = "portal"
urlpatterns = [
    path("", views.forwarding_list, name="forwarding_list"),
    path("<int:pk>/", views.forwarding_detail, name="forwarding_detail"),
    path("<int:pk>/answer/", views.forwarding_answer, name="forwarding_answer"),
    path(
        "<int:pk>/answer/withdraw/",
        views.forwarding_answer_withdraw,
        name="forwarding_answer_withdraw",
    ),
    path(
        "<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("<int:pk>/extension/", views.forwarding_extend, name="forwarding_extend"),
    path(
        "recommendations/",
        recommendation_views.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "recommendations/<int:pk>/",
        recommendation_views.recommendation_detail,
        name="recommendation_detail",
    ),
    path(
        "recommendations/<int:pk>/respond/",
        recommendation_views.recommendation_respond,
        name="recommendation_respond",
    ),
]
