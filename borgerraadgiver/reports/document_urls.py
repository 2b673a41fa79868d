"""The annual report's documents at /report/<year>/document.<format>, beside the workspace; a
period's editions, and each published edition's files."""

from django.urls import path

from borgerraadgiver.reports import document_views

app_name = "report_document"
urlpatterns = [
    path("<int:year>/document.<str:fmt>", document_views.document_download, name="document"),
    path("<int:year>/editions/", document_views.editions, name="editions"),
    path(
        "published/<int:pk>/document.<str:fmt>",
        document_views.edition_download,
        name="edition",
    ),
]
