import datetime as dt

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from gcmhub.core.api import Pagination
from gcmhub.indicators import service
from gcmhub.indicators.catalog import Context
from gcmhub.indicators.datasets import DATASETS, provenance_sections
from gcmhub.indicators.importing.base import release_dict
from gcmhub.indicators.releases import (
    ReleaseChoiceError,
    parse_pins,
    releases_by_dataset,
    resolve,
)
from gcmhub.indicators.snapshot import snapshot


def indicator_dict(summary) -> dict:
    indicator = summary["indicator"]
    target = indicator.target
    return {
        "code": indicator.code,
        "name": str(indicator.name),
        "unit": str(indicator.unit),
        "sdg_indicator": indicator.sdg or None,
        "datasets": list(indicator.datasets),
        "objectives": list(indicator.objectives),
        "disaggregations": list(indicator.disaggregations),
        "method": str(indicator.method),
        "target": {"value": target.value, "year": target.year, "text": str(target.text)}
        if target
        else None,
        "direction": indicator.direction or None,
        "latest": {"year": summary["latest"][0], "value": summary["latest"][1]}
        if summary["latest"]
        else None,
        "progress": summary["progress"].as_dict(),
    }


INDICATOR_FIELDS = (
    "Indicator",
    {
        "code": serializers.CharField(),
        "name": serializers.CharField(),
        "unit": serializers.CharField(),
        "sdg_indicator": serializers.CharField(allow_null=True),
        "datasets": serializers.ListField(child=serializers.CharField()),
        "objectives": serializers.ListField(child=serializers.IntegerField()),
        "disaggregations": serializers.ListField(child=serializers.CharField()),
        "method": serializers.CharField(),
        "target": serializers.DictField(allow_null=True),
        "direction": serializers.CharField(allow_null=True),
        "latest": serializers.DictField(allow_null=True),
        "progress": serializers.DictField(),
    },
)
OBSERVATION_FIELDS = (
    "Observation",
    {
        "year": serializers.IntegerField(),
        "country": serializers.CharField(),
        "country_name": serializers.CharField(),
        "value": serializers.FloatField(),
        "unit": serializers.CharField(),
    },
)
IndicatorSerializer = type("IndicatorSerializer", (serializers.Serializer,), INDICATOR_FIELDS[1])
ObservationSerializer = type(
    "IndicatorObservationSerializer", (serializers.Serializer,), OBSERVATION_FIELDS[1]
)

FILTERS = [
    OpenApiParameter("country", OpenApiTypes.STR, description="ISO3 code of the country"),
    OpenApiParameter("year", OpenApiTypes.INT),
    OpenApiParameter("partner", OpenApiTypes.STR, description="ISO3 of the other country"),
    OpenApiParameter("sex", OpenApiTypes.STR, enum=["f", "m"]),
    OpenApiParameter("region", OpenApiTypes.STR),
    OpenApiParameter("route", OpenApiTypes.STR),
    OpenApiParameter("cause", OpenApiTypes.STR),
    OpenApiParameter("measure", OpenApiTypes.STR),
    OpenApiParameter(
        "by",
        OpenApiTypes.STR,
        enum=service.all_by_values(),
        description="how rows are grouped; only the values the indicator lists",
    ),
]


class IndicatorList(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=IndicatorSerializer(many=True), operation_id="indicators_list")
    def get(self, request):
        return Response([indicator_dict(s) for s in service.summaries()])


class IndicatorDetail(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=IndicatorSerializer, operation_id="indicators_retrieve")
    def get(self, request, code):
        indicator = service.get_indicator(code)
        data = indicator_dict(service.summaries([indicator])[0])
        data["series"] = [{"year": y, "value": v} for y, v in service.headline(indicator)]
        return Response(data)


class ObservationList(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=FILTERS,
        responses=ObservationSerializer(many=True),
        operation_id="indicators_observations",
    )
    def get(self, request, code):
        indicator = service.get_indicator(code)
        filters = service.clean_filters(request.query_params, indicator)

        rows = indicator.rows(Context(filters))
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(list(service.tidy(indicator, page)))


DATASET_FIELDS = (
    "Dataset",
    {
        "slug": serializers.CharField(),
        "name": serializers.CharField(),
        "publisher": serializers.CharField(),
        "url": serializers.URLField(),
        "licence": serializers.CharField(),
        "bundled_files": serializers.ListField(child=serializers.CharField()),
        "provenance": serializers.CharField(),
        "releases": serializers.ListField(child=serializers.DictField()),
    },
)


DatasetSerializer = type("DatasetSerializer", (serializers.Serializer,), DATASET_FIELDS[1])


class DatasetList(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=DatasetSerializer(many=True), operation_id="datasets_list")
    def get(self, request):
        releases = releases_by_dataset()
        sections = provenance_sections()
        return Response(
            [
                {
                    "slug": d.slug,
                    "name": str(d.name),
                    "publisher": d.publisher,
                    "url": d.url,
                    "licence": d.licence,
                    "bundled_files": list(d.bundled),
                    "provenance": sections.get(d.slug, ""),
                    "releases": [
                        release_dict(r)
                        | {
                            "rows_read": r.summary.get("rows_read"),
                            "rows_rejected": r.summary.get("rows_rejected"),
                            "rejected_by_reason": r.summary.get("rejected_by_reason"),
                        }
                        for r in releases.get(d.slug, [])
                    ],
                }
                for d in DATASETS.values()
            ]
        )


class SnapshotView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("from", OpenApiTypes.DATE),
            OpenApiParameter("to", OpenApiTypes.DATE),
            OpenApiParameter(
                "release",
                OpenApiTypes.STR,
                many=True,
                description="DATASET=VERSION (a release label, or id:N) to read instead of the "
                "current release, e.g. migrant-stock=IMS 2020",
            ),
        ],
        responses=inline_serializer(
            "Snapshot",
            {
                "window": serializers.DictField(),
                "figures": serializers.ListField(child=serializers.DictField()),
            },
        ),
        operation_id="snapshot_retrieve",
    )
    def get(self, request):
        errors, dates = {}, {}
        for name in ("from", "to"):
            text = request.query_params.get(name)
            try:
                dates[name] = dt.date.fromisoformat(text) if text else None
            except ValueError:
                errors[name] = [
                    gettext("Use a date like 2024-01-31, not %(value)s.") % {"value": repr(text)}
                ]
        pinned = {}
        try:  # a pin that names no release is an error, not a snapshot without data
            pinned = resolve(parse_pins(request.query_params.getlist("release")))
        except ReleaseChoiceError as error:
            errors["release"] = [str(error)]
        if errors:
            raise ValidationError(errors)
        try:
            data = snapshot(dates["from"], dates["to"], pinned)
        except ValueError as error:  # e.g. only "to", before the default start
            raise ValidationError({"from": [str(error)]}) from None
        return Response(data)
