"""Progress against targets, after the method Open SDG and UN ESCAP use for progress status.

From the baseline (the first value in 2015 or later, the year the SDGs start) to the latest
value, the compound annual growth rate (CAGR) actually achieved is compared with the rate needed
to reach the target value by the target year:

- the target is already met at the latest value: **on track**;
- ratio of actual to needed rate at least 0.95: **on track**; below: **off track** (with the
  detail: fair progress from 0.5, limited progress from 0, deterioration below 0);
- a target of zero has no growth rate, so the needed and actual yearly changes are compared
  as straight lines instead;
- without a numeric target, an indicator with a desired direction is on track when it moves
  that way by at least 1 per cent a year (the Open SDG threshold), and off track otherwise;
- fewer than two values since the baseline, or less than two years apart: **insufficient data**.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

BASELINE_YEAR = 2015
ON_TRACK_RATIO = 0.95
NO_TARGET_THRESHOLD = 0.01

LABELS = {
    "on_track": _("On track"),
    "off_track": _("Off track"),
    "insufficient_data": _("Insufficient data"),
    "not_assessed": _("Not assessed (no target or direction)"),
}
CSS = {
    "on_track": "status-ok",
    "off_track": "status-bad",
    "insufficient_data": "status-warn",
    "not_assessed": "",
}


@dataclass
class Assessment:
    status: str
    detail: str = ""
    baseline: tuple | None = None
    latest: tuple | None = None
    ratio: float | None = None

    @property
    def label(self):
        return LABELS[self.status]

    @property
    def css(self):
        return CSS[self.status]

    def as_dict(self):
        return {
            "status": self.status,
            "label": str(self.label),
            "detail": str(self.detail),
            "baseline": list(self.baseline) if self.baseline else None,
            "latest": list(self.latest) if self.latest else None,
            "ratio": round(self.ratio, 3) if self.ratio is not None else None,
        }


def _cagr(start, end, years):
    if start <= 0 or end <= 0 or years <= 0:
        return None
    return (end / start) ** (1 / years) - 1


DETAILS = {
    "substantial": _("substantial progress"),
    "fair": _("fair progress, acceleration needed"),
    "limited": _("limited progress"),
    "deterioration": _("deterioration"),
    "target_met": _("target met"),
    "desired_way": _("moving the desired way"),
}


def _detail(ratio):
    if ratio >= ON_TRACK_RATIO:
        return DETAILS["substantial"]
    if ratio >= 0.5:
        return DETAILS["fair"]
    if ratio >= 0:
        return DETAILS["limited"]
    return DETAILS["deterioration"]


def assess(series, *, target=None, direction="", complete_until=None) -> Assessment:
    """``series``: [(year, value)] sorted by year; ``complete_until`` drops partial years."""
    points = [
        (year, value)
        for year, value in series
        if value is not None and (complete_until is None or year <= complete_until)
    ]
    since = [p for p in points if p[0] >= BASELINE_YEAR]
    if target is None and not direction:
        return Assessment("not_assessed")
    if len(since) < 2 or since[-1][0] - since[0][0] < 2:
        return Assessment("insufficient_data", _("fewer than two values since 2015"))
    (y0, v0), (y1, v1) = since[0], since[-1]
    lower_is_better = direction == "down"
    if target is not None:
        met = v1 <= target.value if lower_is_better else v1 >= target.value
        if met:
            return Assessment("on_track", DETAILS["target_met"], (y0, v0), (y1, v1))
        needed = _cagr(v0, target.value, target.year - y0)
        actual = _cagr(v0, v1, y1 - y0)
        if needed is None or actual is None:  # a zero target or value: compare straight lines
            needed = (target.value - v0) / (target.year - y0)
            actual = (v1 - v0) / (y1 - y0)
        ratio = actual / needed if needed else 0.0
        status = "on_track" if ratio >= ON_TRACK_RATIO else "off_track"
        return Assessment(status, _detail(ratio), (y0, v0), (y1, v1), ratio)
    actual = _cagr(v0, v1, y1 - y0)
    if actual is None:
        actual = (v1 - v0) / abs(v0 or 1) / (y1 - y0)
    toward = -actual if lower_is_better else actual
    status = "on_track" if toward >= NO_TARGET_THRESHOLD else "off_track"
    detail = DETAILS["desired_way"] if toward > 0 else DETAILS["deterioration"]
    return Assessment(status, detail, (y0, v0), (y1, v1), toward)
