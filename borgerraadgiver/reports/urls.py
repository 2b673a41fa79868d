from django.urls import path

from borgerraadgiver.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.statistics, name="statistics"),
    path("figure-<int:number>.svg", views.chart, name="chart"),
    path("download/<str:fmt>/", views.download, name="download"),
    path("publish/", views.publish, name="publish"),
    path("published/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
]
