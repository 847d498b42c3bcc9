"""Panels: how an app adds a section to a page another app owns.

The framework app owns the objective, principle and country pages; documents, indicators,
practices and pledges each add a panel to them without the framework knowing about them::

    panels.register("objective", "practices/panels/objective.html", practices_for_objective)

The context function gets the page's object and the request and returns a dict (or None to
hide the panel); the template sees it as ``panel``.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PAGES = ("home", "objective", "principle", "country", "round_table")


@dataclass(frozen=True)
class Panel:
    page: str
    template: str
    context: Callable[[Any, Any], dict | None]
    order: int = 50


_registry: dict[str, list[Panel]] = {page: [] for page in PAGES}


def register(page: str, template: str, context: Callable, order: int = 50) -> None:
    if page not in _registry:
        raise ValueError(f"unknown page {page!r}; pages are {', '.join(PAGES)}")
    panel = Panel(page, template, context, order)
    if panel not in _registry[page]:
        _registry[page].append(panel)
        _registry[page].sort(key=lambda p: p.order)


def render_list(page: str, obj, request) -> list[dict]:
    """The panels of a page as [{"template": ..., "data": {...}}], hidden ones left out."""
    shown = []
    for panel in _registry[page]:
        data = panel.context(obj, request)
        if data is not None:
            shown.append({"template": panel.template, "data": data})
    return shown
