from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationConfig(AppConfig):
    name = "borgerraadgiver.organisation"
    label = "organisation"
    verbose_name = _("Organisation and lists")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate  # noqa: PLC0415 - at ready only

        from borgerraadgiver.organisation import (  # noqa: PLC0415 - models are ready now
            kept,
            kept_sqlite,
        )

        kept.connect_signals()
        post_migrate.connect(kept_sqlite.after_migrate, sender=self)
