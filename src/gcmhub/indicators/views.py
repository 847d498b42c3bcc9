import csv
import json

from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext

from gcmhub.core.api import json_error
from gcmhub.framework.models import Country, Objective, SDGIndicator
from gcmhub.indicators import service
from gcmhub.indicators.catalog import MEASURES, Context, incidents
from gcmhub.indicators.datasets import DATASETS
from gcmhub.indicators.releases import releases_by_dataset
from gcmhub.indicators.snapshot import snapshot

TABLE_ROWS = 200
TOPOJSON = "vendor/topojson/world_110m.json"  # Plotly's world map outlines, served locally


def topojson_url():
    """The folder URL Plotly loads map outlines from, or None when they are not installed."""
    if not finders.find(TOPOJSON):
        return None
    return static(TOPOJSON).rpartition("/")[0] + "/"


def index(request):
    releases = releases_by_dataset()
    datasets = [(dataset, releases.get(slug, [])) for slug, dataset in DATASETS.items()]
    data = snapshot() if any(releases.values()) else None
    return render(
        request,
        "indicators/index.html",
        {"summaries": service.summaries(), "datasets": datasets, "snapshot": data},
    )


def _filter_choices(indicator, filters):
    ctx = Context()
    choices = {}
    if "region" in indicator.disaggregations:
        base = incidents(ctx)
        for name in ("region", "route", "cause"):
            values = base.exclude(**{name: ""}).values_list(name, flat=True).distinct()
            choices[name] = sorted(values.order_by())
    return choices


def indicator_detail(request, code):
    indicator = service.get_indicator(code)
    try:
        filters = service.clean_filters(request.GET, indicator)
        errors = {}
    except ValidationError as error:
        filters, errors = {}, error.message_dict
    series = service.headline(indicator, filters)
    latest_year = series[-1][0] if series else None
    table_filters = dict(filters)
    if latest_year and not filters.get("country") and not filters.get("year"):
        table_filters["year"] = latest_year  # the latest year by country, not every year
    one_year = "year" in table_filters  # a year has at most a few thousand aggregated rows
    rows = list(
        service.observations(indicator, table_filters, limit=None if one_year else TABLE_ROWS + 1)
    )
    totals = {}
    if one_year and not filters.get("country"):
        country_rows = rows
        if indicator.country_level and table_filters.get("by") not in indicator.country_by:
            level = table_filters | dict(indicator.country_level)
            country_rows = list(service.observations(indicator, level))
        for row in country_rows:  # SQL-aggregated rows of one year
            if row.get("country") and row.get("value") is not None:
                key = (row["country"], row["country_name"])
                # counts add up over the breakdowns shown (e.g. sex); rates are one per country
                totals[key] = (
                    totals.get(key, 0) + row["value"] if indicator.additive else row["value"]
                )
    all_countries = sorted(totals.items(), key=lambda item: -item[1])
    by_country = all_countries[:20]
    map_url = topojson_url() if totals else None
    objectives = Objective.objects.filter(number__in=indicator.objectives)
    sdg = SDGIndicator.objects.filter(code=indicator.sdg).first() if indicator.sdg else None
    releases = releases_by_dataset()
    country_label, partner_label = indicator.roles(filters.get("by", ""))
    columns = list(rows[0].keys()) if rows else []
    return render(
        request,
        "indicators/indicator.html",
        {
            "indicator": indicator,
            "filters": filters,
            "errors": errors,
            "other_errors": [
                message
                for name, messages in errors.items()
                if name not in {"country", "year"}
                for message in messages
            ],
            "country_label": country_label,
            "partner_label": partner_label,
            "series": series,
            "chart": (
                {
                    "x": [y for y, _ in series],
                    "y": [v for _, v in series],
                    "name": str(indicator.name),
                    "unit": str(indicator.unit),
                }
            ),
            "bars": (
                {
                    "x": [name or iso for (iso, name), _ in by_country],
                    "y": [v for _, v in by_country],
                    "year": latest_year,
                }
            ),
            "by_country": by_country,
            "all_countries": all_countries if map_url else [],
            "topojson_url": map_url,
            "map": (
                {
                    "locations": [iso for (iso, _), _ in all_countries],
                    "z": [v for _, v in all_countries],
                    "text": [name or iso for (iso, name), _ in all_countries],
                    "unit": str(indicator.unit),
                }
                if map_url
                else None
            ),
            "latest_year": table_filters.get("year"),
            "table_year": table_filters.get("year") if not filters.get("year") else None,
            "rows": rows[:TABLE_ROWS],
            "more_rows": len(rows) > TABLE_ROWS,
            "columns": service.column_labels(indicator, filters, columns),
            "progress": service.assess(indicator, series, service.complete_until(indicator)),
            "objectives": objectives,
            "sdg": sdg,
            "datasets": [(DATASETS[s], releases.get(s, [])) for s in indicator.datasets],
            "countries": Country.objects.order_by("name").values_list("iso3", "name"),
            "choices": _filter_choices(indicator, filters),
            "measures": list(MEASURES),
            "query": request.GET.urlencode(),
        },
    )


class _Echo:
    def write(self, value):
        return value


def download(request, code, fmt):
    indicator = service.get_indicator(code)
    if fmt not in {"csv", "json"}:
        raise Http404("Downloads are CSV or JSON.")
    try:
        filters = service.clean_filters(request.GET, indicator)
    except ValidationError as error:
        return json_error(
            400, "invalid", gettext("The request has invalid fields."), error.message_dict
        )
    rows = service.observations(indicator, filters)
    filename = f"gcmhub-{indicator.code}"
    if fmt == "json":
        response = HttpResponse(
            json.dumps(
                {
                    "indicator": indicator.code,
                    "unit": str(indicator.unit),
                    "filters": filters,
                    "observations": list(rows),
                },
                ensure_ascii=False,
            ),
            content_type="application/json",
        )
    else:
        first = next(rows, None)
        columns = list(first.keys()) if first else ["year", "country", "value", "unit"]
        writer = csv.writer(_Echo())

        def lines():
            yield writer.writerow(columns)
            if first:
                yield writer.writerow([first.get(c) for c in columns])
            for row in rows:
                yield writer.writerow([row.get(c) for c in columns])

        response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def snapshot_page(request):
    return render(request, "indicators/snapshot.html", {"snapshot": snapshot()})
