from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "gcmhub.accounts"
    label = "accounts"
    verbose_name = "Accounts and roles"
    url_prefix = "accounts"
