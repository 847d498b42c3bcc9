"""Deployment checks of gcmhub's own settings (``gcmhub manage check --deploy``)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def base_url_check(app_configs=None, **kwargs):
    """Links in emails must point at the real site, over HTTPS."""
    url = urlsplit(settings.GCMHUB_BASE_URL)
    if url.scheme != "https" or url.hostname in (None, "127.0.0.1", "localhost"):
        return [
            Warning(
                f"GCMHUB_BASE_URL is {settings.GCMHUB_BASE_URL!r}: links in emails would not "
                "reach the site.",
                hint="Set GCMHUB_BASE_URL to the public https:// address of the platform.",
                id="gcmhub.W001",
            )
        ]
    return []
