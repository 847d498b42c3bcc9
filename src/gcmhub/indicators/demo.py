"""Demo data: the bundled copies of the six datasets, imported through the normal importer."""

from importlib import resources

from gcmhub.indicators.datasets import DATASETS, bundled_path
from gcmhub.indicators.importing import run_import


def load_bundled(out=None) -> list[dict]:
    summaries = []
    for dataset in DATASETS.values():
        for filename in dataset.bundled:
            with resources.as_file(bundled_path(filename)) as path:
                summary = run_import(dataset.slug, path, by="gcmhub demo")
            summaries.append(summary)
            if out is not None and summary.get("status") == "imported":
                out.write(
                    f"  Imported {dataset.slug} {summary['release']['version']}: "
                    f"{summary['rows_imported']} rows ({summary['seconds']} s)."
                )
    return summaries


def load(out) -> None:
    load_bundled(out)
