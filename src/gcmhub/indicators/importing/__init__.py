"""One import framework for every dataset: ``run_import(dataset, path)``."""

from gcmhub.indicators.importing.base import ImportFailedError, LayoutError, run_import

__all__ = ["ImportFailedError", "LayoutError", "run_import"]
