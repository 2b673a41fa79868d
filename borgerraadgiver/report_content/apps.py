from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportContentConfig(AppConfig):
    name = "borgerraadgiver.report_content"
    label = "report_content"
    verbose_name = _("Report texts and case examples")
