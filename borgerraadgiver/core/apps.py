from django.apps import AppConfig
from django.forms import ModelChoiceField
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "borgerraadgiver.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from borgerraadgiver.core.db import register_lookups  # noqa: PLC0415 - registered once the apps are ready

        register_lookups()
        # Every select box of model choices (those of model forms too) reads its choices with
        # one plain query rather than a server-side cursor (`core.forms.ListedChoiceIterator`).
        from borgerraadgiver.core.forms import ListedChoiceIterator  # noqa: PLC0415

        ModelChoiceField.iterator = ListedChoiceIterator  # type: ignore[misc]  # a class attribute
        # Every model's `get_FOO_display()` with its choices translated once a process.
        from borgerraadgiver.core.displays import install  # noqa: PLC0415

        install()
        # Registers `check --deploy`'s import of the lazily named views.
        import borgerraadgiver.core.lazy_views  # noqa: F401, PLC0415
