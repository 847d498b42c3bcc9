import pytest
from django.core.cache import cache

from gcmhub.indicators.importing import run_import
from tests.indicators import synthetic


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def synthetic_files(tmp_path):
    return synthetic.write_all(tmp_path)


@pytest.fixture
def synthetic_data(db, synthetic_files):
    """All six datasets imported from the small synthetic files."""
    return {dataset: run_import(dataset, path) for dataset, path in synthetic_files.items()}
