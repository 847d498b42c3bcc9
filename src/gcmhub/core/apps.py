from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gcmhub.core"
    label = "core"
    verbose_name = "gcmhub core"
