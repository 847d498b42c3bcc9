from django.apps import AppConfig


class FrameworkConfig(AppConfig):
    name = "gcmhub.framework"
    label = "framework"
    verbose_name = "GCM framework"
    url_prefix = "framework"
