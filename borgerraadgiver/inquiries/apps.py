from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "borgerraadgiver.inquiries"
    label = "inquiries"
    verbose_name = _("Inquiries")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate  # noqa: PLC0415 - at ready only

        from borgerraadgiver.inquiries.text_index import after_migrate  # noqa: PLC0415 - models are ready now

        post_migrate.connect(after_migrate, sender=self)
