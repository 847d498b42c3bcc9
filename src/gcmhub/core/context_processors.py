from django.conf import settings
from django.urls import NoReverseMatch, reverse

from gcmhub import __version__
from gcmhub.core.discovery import navigation


def _nav():
    """Menu entries from the apps: (label, url name) or (label, url name, home-page blurb)."""
    items = []
    for label, url_name, *blurb in navigation():
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(
            {"label": label, "url": url, "name": url_name, "blurb": blurb[0] if blurb else ""}
        )
    return items


def site(request):
    return {
        "GCMHUB_VERSION": __version__,
        "nav_items": _nav(),
        "DEBUG": settings.DEBUG,
    }
