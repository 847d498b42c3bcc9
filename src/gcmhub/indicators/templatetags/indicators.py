from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

SNAPSHOT_LABELS = {
    "migrants": _("International migrants"),
    "women_share": _("Share of women among international migrants"),
    "migrants_share_of_population": _("Migrants as a share of world population"),
    "migrants_share_of_population_2000": _("Migrants as a share of world population in 2000"),
    "deaths_and_disappearances": _("Deaths and disappearances in the window"),
    "remittances_lmic": _("Remittances received by low- and middle-income countries"),
    "remittance_cost": _("Global average cost of sending USD 200"),
    "remittance_cost_gap": _("Gap to the 3 per cent target"),
}


@register.filter
def snapshot_label(key):
    return SNAPSHOT_LABELS.get(key, key)


@register.filter
def figure(value):
    """Numbers for reading: large ones grouped, small ones with two decimals."""
    if value is None or value == "":
        return "—"
    if not isinstance(value, int | float):
        return value
    if abs(value) >= 1000 or float(value).is_integer():
        return number_format(round(value), 0, use_l10n=True, force_grouping=True)
    return number_format(value, 2, use_l10n=True)


MEASURE_LABELS = {
    "total": _("Dead and missing"),
    "dead": _("Dead"),
    "missing": _("Missing"),
    "females": _("Women and girls"),
    "males": _("Men and boys"),
    "children": _("Children"),
}


@register.filter
def measure_label(key):
    return MEASURE_LABELS.get(key, key)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if hasattr(mapping, "get") else None


SEX_LABELS = {"female": _("Women"), "male": _("Men")}


@register.filter
def cell(row, column):
    value = row.get(column)
    if column == "sex":  # the data say female/male; the page says it in its language
        return SEX_LABELS.get(value, value) or "—"
    if column in {"year", "quarter"} or not isinstance(value, int | float):
        return "—" if value in (None, "") else value
    return figure(value)


@register.filter
def compact(value):
    """Large numbers in words for headline figures: 616.1 billion."""
    if not isinstance(value, int | float) or abs(value) < 10_000_000:
        return figure(value)
    if abs(value) >= 1e9:
        number = number_format(value / 1e9, 1, use_l10n=True)
        return gettext("%(number)s billion") % {"number": number}
    number = number_format(value / 1e6, 1, use_l10n=True)
    return gettext("%(number)s million") % {"number": number}
