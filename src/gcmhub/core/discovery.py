"""Find what each gcmhub app contributes: web URLs, API URLs, navigation entries, demo loaders.

An app takes part by setting attributes on its AppConfig and by having modules with known names:

- ``url_prefix`` (str) and a ``urls`` module with ``app_name``: mounted at /<lang>/<url_prefix>/;
- an ``api_urls`` module: its ``urlpatterns`` are mounted under /api/v1/;
- ``nav`` (list of (label, url name)): shown in the main navigation;
- a ``demo`` module with ``load(out)``: run by ``gcmhub demo`` in INSTALLED_APPS order.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import include, path


def gcmhub_apps():
    return [a for a in apps.get_app_configs() if a.name.startswith("gcmhub.")]


def _module(app, name):
    dotted = f"{app.name}.{name}"
    return import_module(dotted) if find_spec(dotted) else None


def app_url_patterns():
    patterns = []
    for app in gcmhub_apps():
        prefix = getattr(app, "url_prefix", None)
        if prefix is not None and _module(app, "urls"):
            patterns.append(path(f"{prefix}/" if prefix else "", include(f"{app.name}.urls")))
    return patterns


def api_url_patterns():
    patterns = []
    for app in gcmhub_apps():
        if _module(app, "api_urls"):
            patterns.append(path("", include(f"{app.name}.api_urls")))
    return patterns


def navigation():
    items = []
    for app in gcmhub_apps():
        items.extend(getattr(app, "nav", []))
    return items


def demo_loaders():
    loaders = []
    for app in gcmhub_apps():
        module = _module(app, "demo")
        if module is not None and hasattr(module, "load"):
            loaders.append((app.label, module.load))
    return loaders
