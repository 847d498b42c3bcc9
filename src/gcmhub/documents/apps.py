from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "gcmhub.documents"
    label = "documents"
    verbose_name = "Documents"
    url_prefix = "documents"
    nav = [
        (
            _("Documents"),
            "documents:index",
            _("Reviews, plans, reports and declarations, searchable paragraph by paragraph."),
        )
    ]

    def ready(self):
        from gcmhub.core import panels
        from gcmhub.documents import panels as document_panels
        from gcmhub.documents import rules  # noqa: F401 - registers the permissions

        panels.register(
            "objective", "documents/panels/objective.html", document_panels.for_objective, 40
        )
        panels.register("country", "documents/panels/country.html", document_panels.for_country, 40)
