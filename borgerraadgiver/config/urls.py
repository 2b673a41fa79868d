from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("borgerraadgiver.advisor.urls")),
    path("accounts/", include("borgerraadgiver.accounts.urls")),
    path("admin/", admin.site.urls),
]
