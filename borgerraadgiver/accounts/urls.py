from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from borgerraadgiver.accounts import views
from borgerraadgiver.accounts.middleware import second_factor_not_required

app_name = "accounts"
urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            template_name="accounts/login.html",
            redirect_authenticated_user=True,
            extra_context={"oidc_enabled": settings.OIDC_ENABLED},
        ),
        name="login",
    ),
    path("login/code/", views.otp_verify, name="otp_verify"),
    path(
        "logout/",
        second_factor_not_required(auth_views.LogoutView.as_view()),
        name="logout",
    ),
    path("language/", views.set_language, name="set_language"),
    path("two-factor/", views.two_factor, name="two_factor"),
    path("two-factor/set-up/", views.two_factor_enrol, name="two_factor_enrol"),
    path("two-factor/backup-codes/", views.backup_codes_create, name="backup_codes_create"),
]
