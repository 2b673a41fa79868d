from django.urls import path

from borgerraadgiver.imports import views

app_name = "imports"
urlpatterns = [
    path("", views.import_start, name="import_start"),
    path("confirm/", views.import_confirm, name="import_confirm"),
    path("jobs/<uuid:pk>/", views.import_job, name="job"),
]
