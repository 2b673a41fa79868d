from django.urls import path

from borgerraadgiver.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("", views.recommendation_list, name="recommendation_list"),
    path("new/", views.recommendation_new, name="recommendation_new"),
    path("<int:pk>/", views.recommendation_detail, name="recommendation_detail"),
    path("<int:pk>/follow-up/", views.recommendation_follow_up, name="recommendation_follow_up"),
    path("<int:pk>/close/", views.recommendation_close, name="recommendation_close"),
]
