from django.apps import AppConfig


class OrganisationConfig(AppConfig):
    name = "borgerraadgiver.organisation"
    label = "organisation"
