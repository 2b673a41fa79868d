from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    name = "borgerraadgiver.operations"
    label = "operations"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from borgerraadgiver.operations import checks  # noqa: F401, PLC0415 - registers the checks
