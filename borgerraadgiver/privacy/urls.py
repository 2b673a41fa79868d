from django.urls import path

from borgerraadgiver.privacy import views

app_name = "privacy"
urlpatterns = [
    path("access-log/", views.access_log_search, name="access_log_search"),
    path("persons/<int:pk>/", views.person_access_log, name="person_access_log"),
    path("persons/<int:pk>/cpr/", views.cpr_show, name="cpr_show"),
    path("persons/<int:pk>/export.json", views.person_export_json, name="person_export_json"),
    path("persons/<int:pk>/export.pdf", views.person_export_pdf, name="person_export_pdf"),
]
