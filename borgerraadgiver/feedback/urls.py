from django.urls import path

from borgerraadgiver.feedback import views

app_name = "feedback"
urlpatterns = [
    path("survey/done/", views.survey_done, name="survey_done"),
    path("survey/<str:token>/", views.survey, name="survey"),
]
