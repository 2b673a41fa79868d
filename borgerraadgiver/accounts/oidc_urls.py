"""mozilla-django-oidc's views, marked public: they run before the user is logged in.

Included at /oidc/ by config/urls.py only when OIDC_ENABLED; the names are the library's own
(it reverses them without a namespace).
"""

from django.contrib.auth.decorators import login_not_required
from django.urls import path
from mozilla_django_oidc import views

urlpatterns = [
    path(
        "callback/",
        login_not_required(views.OIDCAuthenticationCallbackView.as_view()),
        name="oidc_authentication_callback",
    ),
    path(
        "authenticate/",
        login_not_required(views.OIDCAuthenticationRequestView.as_view()),
        name="oidc_authentication_init",
    ),
]
