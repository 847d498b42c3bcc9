from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gcmhub.core"
    label = "core"
    verbose_name = "gcmhub core"

    def ready(self):
        from gcmhub.core import checks  # noqa: F401  (registers the deployment checks)
