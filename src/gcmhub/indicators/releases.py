"""Which release of a dataset a query reads, and which release is current.

A query reads the current release of each dataset unless a release is pinned with
``DATASET=VERSION``: VERSION is the release's label (unique within its dataset) or ``id:N`` for
its id. A pin that names no release is an error, never a silent fallback to no data.
"""

import getpass
import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, pgettext

from gcmhub.indicators.datasets import DATASETS
from gcmhub.indicators.models import Release

ID_CHOICE = re.compile(r"^id:(\d+)$")


class ReleaseChoiceError(ValueError):
    """A pinned or named release that does not exist (the message says which ones do)."""


def command_line_user() -> str:
    """Who runs a command: the operating-system account (the CLI has no gcmhub login)."""
    try:
        name = getpass.getuser()
    except (OSError, KeyError):  # no USER variable and no password-file entry
        name = "unknown"
    return f"{name} (command line)"


def find_release(dataset: str, choice) -> Release:
    """The release of ``dataset`` labelled ``choice`` (or ``id:N``); ReleaseChoiceError if none."""
    if dataset not in DATASETS:
        raise ReleaseChoiceError(
            gettext("Unknown dataset %(dataset)s; choose one of %(choices)s.")
            % {"dataset": repr(dataset), "choices": ", ".join(DATASETS)}
        )
    text = str(choice if choice is not None else "").strip()
    releases = Release.objects.filter(dataset=dataset)
    by_id = ID_CHOICE.match(text)
    found = releases.filter(pk=int(by_id.group(1))) if by_id else releases.filter(version=text)
    release = found.first() if text else None
    if release is None:
        labels = list(
            releases.order_by("-released", "-imported_at").values_list("version", flat=True)
        )
        raise ReleaseChoiceError(
            gettext("No release %(version)s of %(dataset)s; its releases are: %(labels)s.")
            % {
                "version": repr(text),
                "dataset": dataset,
                "labels": ", ".join(repr(label) for label in labels)
                or pgettext("list of releases", "none"),
            }
        )
    return release


def parse_pins(items) -> dict[str, str]:
    """``["DATASET=VERSION", ...]`` as a dict; ReleaseChoiceError on a malformed or repeated
    item. VERSION may itself contain "=" (only the first one separates)."""
    pins: dict[str, str] = {}
    for item in items:
        dataset, sep, version = str(item).partition("=")
        dataset, version = dataset.strip(), version.strip()
        if not sep or not dataset or not version:
            raise ReleaseChoiceError(
                gettext("Use DATASET=VERSION, e.g. migrant-stock=IMS 2020, not %(item)s.")
                % {"item": repr(item)}
            )
        if dataset in pins:
            raise ReleaseChoiceError(
                gettext("%(dataset)s is pinned twice; name one release per dataset.")
                % {"dataset": dataset}
            )
        pins[dataset] = version
    return pins


def resolve(pinned: dict | None) -> dict[str, Release]:
    """Each pinned dataset's release; ReleaseChoiceError for one that does not exist."""
    return {
        dataset: choice if isinstance(choice, Release) else find_release(dataset, choice)
        for dataset, choice in (pinned or {}).items()
    }


def current_release(dataset: str, pinned: dict | None = None) -> Release | None:
    """The pinned release of ``dataset`` if there is a pin, else its current release."""
    choice = (pinned or {}).get(dataset)
    if choice is not None:
        return choice if isinstance(choice, Release) else find_release(dataset, choice)
    return Release.objects.filter(dataset=dataset, is_current=True).first()


def releases_by_dataset() -> dict[str, list[Release]]:
    grouped: dict[str, list[Release]] = {}
    for release in Release.objects.order_by("dataset", "-released", "-imported_at"):
        grouped.setdefault(release.dataset, []).append(release)
    return grouped


def switch_current(release: Release, *, by: str, reason: str) -> Release | None:
    """Make ``release`` the current one of its dataset; returns the release it replaces.

    Call inside a transaction. Who and when are stored on the release, and both changes go to
    the releases' history with ``reason``.
    """
    previous = (
        Release.objects.select_for_update()
        .filter(dataset=release.dataset, is_current=True)
        .exclude(pk=release.pk)
        .first()
    )
    if previous is not None:
        previous.is_current = False
        previous._change_reason = reason[:100]
        previous.save(update_fields=["is_current"])
    release.is_current = True
    release.current_since = timezone.now()
    release.current_by = (by or "")[:200]
    release._change_reason = reason[:100]
    release.save(update_fields=["is_current", "current_since", "current_by"])
    return previous


def make_current(dataset: str, choice, *, by: str) -> tuple[Release, Release | None, bool]:
    """Make a stored release current (e.g. an earlier one again). Returns it, the release it
    replaces (or None) and whether anything changed (not when it already was current)."""
    with transaction.atomic():
        release = find_release(dataset, choice)
        release = Release.objects.select_for_update().get(pk=release.pk)
        if release.is_current:
            return release, None, False
        previous = switch_current(release, by=by, reason=f"made current by {by}")
    return release, previous, True
