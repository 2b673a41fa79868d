from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "borgerraadgiver.accounts"
    label = "accounts"
