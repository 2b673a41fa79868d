"""The annual report's documents at /report/<year>/document.<format>, beside the workspace."""

from django.urls import path

from borgerraadgiver.reports import document_views

app_name = "report_document"
urlpatterns = [
    path("<int:year>/document.<str:fmt>", document_views.document_download, name="document"),
]
