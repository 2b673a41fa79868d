from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "borgerraadgiver.api"
    label = "api"
    verbose_name = _("REST API")

    def ready(self) -> None:
        from borgerraadgiver.api import signals  # noqa: F401, PLC0415 - connects the receivers
