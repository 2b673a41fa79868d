from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "borgerraadgiver.accounts"
    label = "accounts"
    verbose_name = _("Users and roles")

    def ready(self) -> None:
        from borgerraadgiver.accounts import signals  # noqa: F401, PLC0415 - connects the receivers once the apps are ready
