"""Which release of a dataset a query reads: the current one, unless a version is pinned."""

from gcmhub.indicators.models import Release


def current_release(dataset: str, pinned: dict | None = None) -> Release | None:
    """The current release of ``dataset``; ``pinned`` maps datasets to a version or id."""
    choice = (pinned or {}).get(dataset)
    releases = Release.objects.filter(dataset=dataset)
    if choice:
        text = str(choice)
        found = releases.filter(version=text).first()
        if found is None and text.isdigit():
            found = releases.filter(pk=int(text)).first()
        return found
    return releases.filter(is_current=True).first()


def releases_by_dataset() -> dict[str, list[Release]]:
    grouped: dict[str, list[Release]] = {}
    for release in Release.objects.order_by("dataset", "-released", "-imported_at"):
        grouped.setdefault(release.dataset, []).append(release)
    return grouped
