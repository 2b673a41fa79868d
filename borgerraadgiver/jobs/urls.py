from django.urls import path

from borgerraadgiver.jobs import views

app_name = "jobs"
urlpatterns = [
    path("<uuid:pk>/status.json", views.job_status, name="status"),
]
