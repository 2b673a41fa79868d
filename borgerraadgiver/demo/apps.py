from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "borgerraadgiver.demo"
    label = "demo"
