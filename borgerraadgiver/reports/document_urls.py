"""The annual report's documents at /report/<year>/document.<format>, beside the workspace; a
period's editions, and each published edition's files."""

from django.urls import path

from borgerraadgiver.reports import document_views, job_views

app_name = "report_document"
urlpatterns = [
    path("<int:year>/document.<str:fmt>", document_views.document_download, name="document"),
    path("<int:year>/editions/", document_views.editions, name="editions"),
    path("documents/<uuid:pk>/", job_views.document_job, name="job"),
    path("documents/<uuid:pk>/download/", job_views.document_job_download, name="job_download"),
    path(
        "published/<int:pk>/document.<str:fmt>",
        document_views.edition_download,
        name="edition",
    ),
]
