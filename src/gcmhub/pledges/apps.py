from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PledgesConfig(AppConfig):
    name = "gcmhub.pledges"
    label = "pledges"
    verbose_name = "Pledges"
    url_prefix = "pledges"
    nav = [
        (
            _("Pledges"),
            "pledges:index",
            _("Commitments made at the review forums, and the progress reported on them."),
        )
    ]

    def ready(self):
        from gcmhub.core import panels as core_panels
        from gcmhub.pledges import panels, rules  # noqa: F401  (registers the permissions)

        core_panels.register("objective", "pledges/panels/objective.html", panels.for_objective, 60)
        core_panels.register("principle", "pledges/panels/principle.html", panels.for_principle, 60)
        core_panels.register("country", "pledges/panels/country.html", panels.for_country, 60)
