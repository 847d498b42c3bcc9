from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "gcmhub.practices"
    label = "practices"
    verbose_name = "Repository of Practices"
    url_prefix = "practices"
    nav = [
        (
            _("Practices"),
            "practices:index",
            _("Peer-reviewed practices that implement the Compact, and calls for new ones."),
        )
    ]

    def ready(self):
        from gcmhub.core import panels
        from gcmhub.practices import panels as practice_panels

        panels.register(
            "objective", "practices/panels/objective.html", practice_panels.for_objective, 40
        )
        panels.register("country", "practices/panels/country.html", practice_panels.for_country, 40)
        panels.register(
            "principle", "practices/panels/principle.html", practice_panels.for_principle, 40
        )
