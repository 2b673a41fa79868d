from django.urls import path

from borgerraadgiver.intake import views

app_name = "intake"
urlpatterns = [
    path("contact/", views.contact, name="contact"),
    path("contact/receipt/<str:token>/", views.receipt, name="receipt"),
    path("accessibility/", views.accessibility_statement, name="accessibility"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/reject/", views.submissions_reject, name="submissions_reject"),
    path("inbox/<int:pk>/", views.submission_detail, name="submission_detail"),
    path("inbox/<int:pk>/reject/", views.submission_reject, name="submission_reject"),
    path(
        "inbox/<int:pk>/attachments/<int:attachment_pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
]
