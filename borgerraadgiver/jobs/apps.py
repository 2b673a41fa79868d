from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    """Long work on the task queue: who asked for it, how far it is, its result (docs/jobs.md)."""

    name = "borgerraadgiver.jobs"
    label = "jobs"
    verbose_name = _("Background work")
