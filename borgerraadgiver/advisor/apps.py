from django.apps import AppConfig


class AdvisorConfig(AppConfig):
    name = "borgerraadgiver.advisor"
    label = "advisor"
