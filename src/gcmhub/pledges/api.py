"""REST API: serializers translate JSON to the services' data; the rules live in the services."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from gcmhub.accounts.models import Organization
from gcmhub.core.api import ObjectRulePermission
from gcmhub.framework.models import Action, Country, GuidingPrinciple, Objective
from gcmhub.pledges import dashboard, forms, queries, services
from gcmhub.pledges.models import (
    PUBLIC_ID_PATTERN,
    Level,
    Pledge,
    PledgeForm,
    PledgeType,
    ProgressReport,
    ProgressStatus,
    TargetProgress,
)

FILTER_PARAMETERS = [
    OpenApiParameter(key, OpenApiTypes.STR, description=description)
    for key, description in [
        ("q", "Words in the title or description, or a pledge ID"),
        ("objective", "Objective number (1-23)"),
        ("principle", "Guiding principle slug"),
        ("type", "Pledge type"),
        ("form", "Pledge form"),
        ("entity", "'state' or a stakeholder type slug"),
        ("region", "M49 code of the pledging entity's region"),
        ("country", "ISO3 of a country concerned or of the pledging State"),
        ("forum", "Forum year"),
        ("status", "Progress status, or 'withdrawn'"),
        ("level", "Level"),
    ]
]


# Other apps have fields named "level" and "status" with other choices; the schema lists these
# choices in the description so the enum components do not collide.
@extend_schema_field({"type": "string", "description": "One of: " + ", ".join(Level.values)})
class LevelField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(Level.choices, **kwargs)


@extend_schema_field(
    {"type": "string", "description": "One of: " + ", ".join(ProgressStatus.values)}
)
class ProgressStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(ProgressStatus.choices, **kwargs)


def _download_url(serializer, path: str) -> str:
    """Uploads are served by permission-checked download views, never from /media/."""
    request = serializer.context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


class TargetSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    indicator = serializers.CharField(max_length=300)
    baseline = serializers.DecimalField(16, 2, required=False, allow_null=True)
    target_value = serializers.DecimalField(16, 2, required=False, allow_null=True)
    unit = serializers.CharField(max_length=60, required=False, allow_blank=True)
    due_date = serializers.DateField(required=False, allow_null=True)
    current_value = serializers.DecimalField(16, 2, read_only=True)
    achieved = serializers.BooleanField(read_only=True)
    progress = serializers.FloatField(read_only=True)


class ParticipantSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    email = serializers.EmailField(write_only=True)
    country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    part = serializers.CharField(required=False, allow_blank=True)
    status = serializers.CharField(read_only=True)


class PledgeListSerializer(serializers.ModelSerializer):
    level = LevelField(read_only=True)
    entity = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    objectives = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Pledge
        fields = [
            "public_id",
            "url",
            "title",
            "entity",
            "entity_kind",
            "pledge_type",
            "form",
            "level",
            "forum_year",
            "announced_on",
            "objectives",
            "amount",
            "currency",
            "recipient",
            "status",
            "progress",
            "last_report_on",
            "next_due_on",
        ]

    def get_entity(self, obj) -> str:
        return str(obj.entity)

    def get_status(self, obj) -> str:
        return "withdrawn" if obj.is_withdrawn else obj.progress_status

    def get_objectives(self, obj) -> list[int]:
        return [o.number for o in obj.objectives.all()]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class PledgeDetailSerializer(PledgeListSerializer):
    principles = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    actions = serializers.SerializerMethodField()
    countries = serializers.SlugRelatedField(slug_field="iso3", many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)
    participants = ParticipantSerializer(many=True, read_only=True)
    matches = serializers.SlugRelatedField(slug_field="public_id", read_only=True)
    matched_by = serializers.SlugRelatedField(slug_field="public_id", many=True, read_only=True)
    contact = serializers.SerializerMethodField()
    attachment_url = serializers.SerializerMethodField()

    class Meta(PledgeListSerializer.Meta):
        fields = [
            *PledgeListSerializer.Meta.fields,
            "description",
            "principles",
            "actions",
            "countries",
            "targets",
            "participants",
            "matches",
            "matched_by",
            "withdrawn_at",
            "withdrawn_reason",
            "attachment_url",
            "contact",
        ]

    def get_attachment_url(self, obj) -> str | None:
        """Where to download the pledge's attachment (public, like the pledge)."""
        if not obj.attachment:
            return None
        return _download_url(self, reverse("pledges:attachment", args=[obj.public_id]))

    def get_actions(self, obj) -> list[str]:
        return [f"{a.objective.number}{a.letter}" for a in obj.actions.all()]

    def get_contact(self, obj) -> dict | None:
        """Only for the pledging entity and the secretariat."""
        request = self.context.get("request")
        if request is None or not request.user.has_perm("pledges.view_contact", obj):
            return None
        return {"name": obj.contact_name, "email": obj.contact_email}


class ActionCodeField(serializers.CharField):
    def to_internal_value(self, data):
        code = super().to_internal_value(data).strip().lower()
        number, letter = code.rstrip("abcdefghijklmnopqrstuvwxyz"), code.lstrip("0123456789")
        found = Action.objects.filter(objective__number=number or 0, letter=letter).first()
        if not number.isdigit() or found is None:
            raise serializers.ValidationError(f"Unknown GCM action “{code}” (write e.g. 3a).")
        return found


class PledgeWriteSerializer(serializers.Serializer):
    entity_country = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), required=False, allow_null=True
    )
    entity_organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.select_related("stakeholder_type"),
        required=False,
        allow_null=True,
    )
    contact_name = serializers.CharField(max_length=150)
    contact_email = serializers.EmailField()
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(trim_whitespace=False)
    pledge_type = serializers.ChoiceField(PledgeType.choices)
    form = serializers.ChoiceField(PledgeForm.choices)
    matches = serializers.CharField(required=False, allow_blank=True, max_length=24)
    objectives = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), many=True, required=False
    )
    principles = serializers.SlugRelatedField(
        slug_field="slug", queryset=GuidingPrinciple.objects.all(), many=True, required=False
    )
    actions = serializers.ListField(child=ActionCodeField(), required=False)
    level = LevelField()
    countries = serializers.SlugRelatedField(
        slug_field="iso3", queryset=Country.objects.all(), many=True, required=False
    )
    forum_year = serializers.IntegerField()
    announced_on = serializers.DateField()
    amount = serializers.DecimalField(16, 2, required=False, allow_null=True)
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True)
    recipient = serializers.CharField(max_length=200, required=False, allow_blank=True)
    targets = TargetSerializer(many=True, required=False)
    participants = ParticipantSerializer(many=True, required=False)
    attachment = serializers.FileField(required=False)

    def domain_data(self, user, instance=None) -> dict:
        data = dict(self.validated_data)
        if not user.is_secretariat or instance is not None:
            data.pop("entity_country", None)
            data.pop("entity_organization", None)
            if instance is None:
                data.update(forms.entity_country_organization(user))
        if "matches" in data:
            data["matches"], data["matches_missing"] = forms.resolve_match(data["matches"])
        elif instance is not None:
            data.pop("matches_missing", None)
        data["targets"] = [dict(t) for t in data.get("targets", [])]
        data["participants"] = [dict(p) for p in data.get("participants", [])]
        if "currency" in data:
            data["currency"] = data["currency"].upper()
        return data


class ProgressResultSerializer(serializers.Serializer):
    target = serializers.IntegerField()
    value = serializers.DecimalField(16, 2, required=False, allow_null=True)
    achieved = serializers.BooleanField(required=False, default=False)
    evidence = serializers.CharField(required=False, allow_blank=True)


class ResultOutSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetProgress
        fields = ["target", "value", "achieved", "evidence"]


class ProgressReportSerializer(serializers.ModelSerializer):
    results = ResultOutSerializer(many=True, read_only=True)
    status = ProgressStatusField(read_only=True)
    files = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "reported_on",
            "status",
            "discontinued_reason",
            "narrative",
            "progress",
            "results",
            "files",
        ]
        read_only_fields = ["id", "progress"]

    @extend_schema_field(
        inline_serializer(
            "ProgressReportFile",
            {"name": serializers.CharField(), "url": serializers.CharField()},
            many=True,
        )
    )
    def get_files(self, obj) -> list[dict]:
        public_id = obj.pledge.public_id
        return [
            {
                "name": f.filename,
                "url": _download_url(self, reverse("pledges:report_file", args=[public_id, f.pk])),
            }
            for f in obj.files.all()
        ]


class ProgressWriteSerializer(serializers.Serializer):
    reported_on = serializers.DateField()
    status = ProgressStatusField()
    discontinued_reason = serializers.CharField(required=False, allow_blank=True)
    narrative = serializers.CharField(required=False, allow_blank=True)
    results = ProgressResultSerializer(many=True, required=False)


def _raise(error: DjangoValidationError):
    raise exceptions.ValidationError(error.message_dict)


def _filters(request) -> queries.Filters:
    """The list filters; a value that matches nothing (``objective=abc``) is a 400."""
    filters = queries.read_filters(request.GET)
    if filters.errors:
        raise exceptions.ValidationError(filters.errors)
    return filters


class PledgeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Pledges: the public list and detail (never contact data unless allowed); create by
    focal points, stakeholders and the secretariat; update by the pledging entity while not
    withdrawn (or the secretariat)."""

    lookup_field = "public_id"
    lookup_value_regex = PUBLIC_ID_PATTERN
    filter_backends = []
    permission_classes = [ObjectRulePermission]
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    rule_permissions = {
        "create": "pledges.add_pledge",
        "update": "pledges.change_pledge",
        "partial_update": "pledges.change_pledge",
    }

    def get_queryset(self):
        if self.action == "list":
            objectives = Prefetch("objectives", queryset=Objective.objects.only("id", "number"))
            return queries.apply_filters(
                queries.listed().prefetch_related(objectives), _filters(self.request)
            )
        return queries.pledge_page()

    def get_object(self):
        pledge = get_object_or_404(self.get_queryset(), public_id=self.kwargs["public_id"].upper())
        self.check_object_permissions(self.request, pledge)
        return pledge

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update"):
            return PledgeWriteSerializer
        if self.action == "list":
            return PledgeListSerializer
        return PledgeDetailSerializer

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PledgeWriteSerializer, responses={201: PledgeDetailSerializer})
    def create(self, request, *args, **kwargs):
        serializer = PledgeWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            pledge = services.create_pledge(serializer.domain_data(request.user), by=request.user)
        except DjangoValidationError as error:
            _raise(error)
        fresh = queries.pledge_page().get(pk=pledge.pk)
        body = PledgeDetailSerializer(fresh, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(request=PledgeWriteSerializer, responses=PledgeDetailSerializer)
    def update(self, request, *args, **kwargs):
        pledge = self.get_object()
        partial = kwargs.pop("partial", False)
        serializer = PledgeWriteSerializer(data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        try:
            services.update_pledge(
                pledge, serializer.domain_data(request.user, instance=pledge), by=request.user
            )
        except DjangoValidationError as error:
            _raise(error)
        fresh = queries.pledge_page().get(pk=pledge.pk)
        return Response(PledgeDetailSerializer(fresh, context={"request": request}).data)

    @extend_schema(request=PledgeWriteSerializer, responses=PledgeDetailSerializer)
    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    @extend_schema(methods=["GET"], responses=ProgressReportSerializer(many=True), parameters=None)
    @extend_schema(
        methods=["POST"], request=ProgressWriteSerializer, responses={201: ProgressReportSerializer}
    )
    @action(detail=True, methods=["get", "post"], url_path="progress")
    def progress(self, request, public_id=None):
        pledge = get_object_or_404(
            Pledge.objects.prefetch_related("targets"), public_id=public_id.upper()
        )
        context = {"request": request}
        if request.method == "GET":
            reports = pledge.reports.prefetch_related("results", "files")
            page = self.paginate_queryset(reports)
            return self.get_paginated_response(
                ProgressReportSerializer(page, many=True, context=context).data
            )
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated()
        if not request.user.has_perm("pledges.add_progress_report", pledge):
            raise exceptions.PermissionDenied()
        serializer = ProgressWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        targets = {t.pk: t for t in pledge.targets.all()}
        results = []
        for item in data.get("results", []):
            if item["target"] not in targets:
                raise exceptions.ValidationError(
                    {"results": [f"Target {item['target']} is not a target of this pledge."]}
                )
            results.append({**item, "target": targets[item["target"]]})
        data["results"] = results
        try:
            report = services.file_report(pledge, data, by=request.user)
        except DjangoValidationError as error:
            _raise(error)
        report = (
            ProgressReport.objects.select_related("pledge")
            .prefetch_related("results", "files")
            .get(pk=report.pk)
        )
        return Response(
            ProgressReportSerializer(report, context=context).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        parameters=FILTER_PARAMETERS,
        responses=inline_serializer(
            "PledgeDashboard",
            {
                "totals": serializers.DictField(child=serializers.IntegerField()),
                "recent_report_share": serializers.FloatField(),
                "breakdowns": serializers.DictField(child=serializers.ListField()),
                "financial": serializers.ListField(child=serializers.DictField()),
                "generated_on": serializers.DateField(),
            },
        ),
    )
    @action(detail=False, methods=["get"], url_path="dashboard", pagination_class=None)
    def dashboard(self, request):
        filters = _filters(request)
        pledges = queries.apply_filters(Pledge.objects.all(), filters) if filters.active else None
        body = dashboard.as_json(dashboard.cached_figures(filters, pledges))
        body["generated_on"] = timezone.localdate()
        return Response(body)
