from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "borgerraadgiver.audit"
    label = "audit"
