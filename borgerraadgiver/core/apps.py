from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "borgerraadgiver.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from borgerraadgiver.core.db import register_lookups  # noqa: PLC0415 - registered once the apps are ready

        register_lookups()
        # Registers `check --deploy`'s import of the lazily named views.
        import borgerraadgiver.core.lazy_views  # noqa: F401, PLC0415
