from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "gcmhub.indicators"
    label = "indicators"
    verbose_name = "Data and indicators"
    url_prefix = "data"
    nav = [
        (
            _("Data"),
            "indicators:index",
            _("Indicators computed from the public migration datasets, and the data snapshot."),
        )
    ]

    def ready(self):
        from gcmhub.core import panels
        from gcmhub.indicators.panels import country_panel, objective_panel

        panels.register("country", "indicators/panels/country.html", country_panel, order=30)
        panels.register("objective", "indicators/panels/objective.html", objective_panel, order=30)
