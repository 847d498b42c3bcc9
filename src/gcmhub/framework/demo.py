from gcmhub.framework.loading import ensure_framework


def load(out) -> None:
    if ensure_framework():
        out.write("  Loaded the framework registry.")
