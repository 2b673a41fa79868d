from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "borgerraadgiver.letters"
    label = "letters"
    verbose_name = _("Letters to the citizen")

    def ready(self) -> None:
        from borgerraadgiver.letters import checks  # noqa: F401, PLC0415 - registers the checks
