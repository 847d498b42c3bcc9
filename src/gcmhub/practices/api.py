"""The practices API: the public repository, submission, reviews, decisions and the roster.

Thin: every write calls the same domain functions as the web pages."""

import re

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.response import Response

from gcmhub.core.api import ObjectRulePermission
from gcmhub.core.files import atomic_with_files
from gcmhub.framework.models import (
    Country,
    GuidingPrinciple,
    Objective,
    Region,
    StakeholderType,
)
from gcmhub.practices import criteria, review, search, submission
from gcmhub.practices.models import (
    LANGUAGES,
    Attachment,
    Call,
    Expert,
    ImplementationStatus,
    Practice,
    PracticeTargetGroup,
    Recommendation,
    Scope,
    TargetGroup,
)

# Detail routes take a numeric id: anything else is a 404, not a failed database lookup.
ID_PATTERN = r"[0-9]{1,18}"


class AttachmentSerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField(help_text="Download address (permission-checked).")

    class Meta:
        model = Attachment
        fields = ["id", "name", "size", "url"]

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class PracticeSerializer(serializers.ModelSerializer):
    primary_objective = serializers.SlugRelatedField(
        slug_field="number", queryset=Objective.objects.all(), required=False, allow_null=True
    )
    objectives = serializers.SlugRelatedField(
        slug_field="number", many=True, queryset=Objective.objects.all(), required=False
    )
    principles = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=GuidingPrinciple.objects.all(), required=False
    )
    countries = serializers.SlugRelatedField(
        slug_field="iso3", many=True, queryset=Country.objects.all(), required=False
    )
    regions = serializers.SlugRelatedField(
        slug_field="m49", many=True, queryset=Region.objects.all(), required=False
    )
    implementer_type = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=StakeholderType.objects.all(),
        required=False,
        allow_null=True,
    )
    partner_types = serializers.SlugRelatedField(
        slug_field="slug", many=True, queryset=StakeholderType.objects.all(), required=False
    )
    call = serializers.PrimaryKeyRelatedField(
        queryset=Call.objects.all(), required=False, allow_null=True
    )
    # Written as a list of codes; read back by to_representation from the prefetched rows.
    target_groups = serializers.ListField(
        child=serializers.ChoiceField(choices=TargetGroup.choices), required=False, write_only=True
    )
    url = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()
    submit = serializers.BooleanField(
        write_only=True,
        required=False,
        default=False,
        help_text="Submit for review after saving (the submission criteria are checked).",
    )

    class Meta:
        model = Practice
        fields = [
            "id",
            "url",
            "state",
            "title",
            "summary",
            "description",
            "primary_objective",
            "objectives",
            "principles",
            "scope",
            "countries",
            "regions",
            "implementing_entity",
            "implementer_type",
            "partners",
            "partner_types",
            "start_date",
            "end_date",
            "predates_gcm",
            "predates_gcm_reason",
            "implementation_status",
            "target_groups",
            "resources",
            "results",
            "lessons",
            "replicability",
            "sustainability",
            "contact_name",
            "contact_email",
            "language",
            "links",
            "call",
            "attachments",
            "submitted_at",
            "published_at",
            "submit",
        ]
        read_only_fields = ["state", "submitted_at", "published_at"]
        extra_kwargs = {
            "contact_name": {"write_only": True},
            "contact_email": {"write_only": True},
        }

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, obj):
        attachments = getattr(obj, "live_attachments", None)
        if attachments is None:
            attachments = obj.attachments.filter(removed=False)
        return AttachmentSerializer(attachments, many=True).data

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["target_groups"] = [g.group for g in instance.target_groups.all()]
        # After a write: the points that do not block submission (acronyms not spelled out).
        if hasattr(instance, "submission_warnings"):
            data["warnings"] = instance.submission_warnings
        request = self.context.get("request")
        if request and request.user.has_perm("practices.view_private_contact", instance):
            data["contact_name"] = instance.contact_name
            data["contact_email"] = instance.contact_email
        return data

    def _save(self, practice, validated):
        m2m = {name: validated.pop(name) for name in submission.M2M_FIELDS if name in validated}
        groups = validated.pop("target_groups", None)
        wants_submit = validated.pop("submit", False)
        user = self.context["request"].user
        with atomic_with_files():
            practice = submission.save_draft(
                practice, validated, user, m2m=m2m, target_groups=groups
            )
            if wants_submit:
                practice = submission.submit(practice, user)
        practice.submission_warnings = criteria.check(practice).warnings
        return practice

    def create(self, validated):
        return self._save(submission.new_practice(self.context["request"].user), validated)

    def update(self, instance, validated):
        return self._save(instance, validated)


def practice_queryset():
    return search.with_card_data(Practice.objects.all()).prefetch_related(
        Prefetch("principles", queryset=GuidingPrinciple.objects.only("id", "slug")),
        Prefetch("regions", queryset=Region.objects.only("id", "m49")),
        Prefetch("partner_types", queryset=StakeholderType.objects.only("id", "slug")),
        Prefetch(
            "target_groups", queryset=PracticeTargetGroup.objects.only("id", "practice_id", "group")
        ),
        Prefetch(
            "attachments",
            queryset=Attachment.objects.filter(removed=False).only(
                "id", "practice_id", "name", "size"
            ),
            to_attr="live_attachments",
        ),
    )


FILTER_PARAMETERS = [
    OpenApiParameter(name, str, description=description, many=name != "q")
    for name, description in [
        ("q", "Full-text search"),
        ("objective", "Objective number"),
        ("principle", "Guiding principle slug"),
        ("region", "M49 region code"),
        ("country", "ISO3 country code"),
        ("scope", "local, national, regional or global"),
        ("stakeholder_type", "Implementer's stakeholder type slug"),
        ("target_group", "Target group"),
        ("status", "ongoing, mostly_completed or completed"),
        ("year", "Start year"),
        ("language", "Language code"),
        ("call", "Call id"),
    ]
] + [OpenApiParameter("sort", str, enum=list(search.SORTS))]


class ReviewInputSerializer(serializers.Serializer):
    relevance = serializers.IntegerField(min_value=1, max_value=5)
    principles = serializers.IntegerField(min_value=1, max_value=5)
    evidence = serializers.IntegerField(min_value=1, max_value=5)
    innovation = serializers.IntegerField(min_value=1, max_value=5)
    replicability = serializers.IntegerField(min_value=1, max_value=5)
    sustainability = serializers.IntegerField(min_value=1, max_value=5)
    recommendation = serializers.ChoiceField(choices=Recommendation.choices)
    comments = serializers.CharField()
    confidential_comments = serializers.CharField(required=False, allow_blank=True)


class ReviewOutputSerializer(ReviewInputSerializer):
    id = serializers.IntegerField()
    round = serializers.IntegerField()
    submitted_at = serializers.DateTimeField()


class DecisionSerializer(serializers.Serializer):
    # Checked by review.record_decision; a plain string keeps one enum name in the schema.
    decision = serializers.CharField(help_text="approve, revise or reject")
    reasons = serializers.CharField()


def _filter_errors(params) -> dict[str, list[str]]:
    """What is wrong with the list's filter and sort parameters, by parameter."""
    errors: dict[str, list[str]] = {}

    def bad(name, message):
        errors.setdefault(name, []).append(message)

    def each(name):
        return [value for value in params.getlist(name) if value != ""]

    choices = {
        "scope": set(Scope.values),
        "status": set(ImplementationStatus.values),
        "target_group": set(TargetGroup.values),
        "language": {code for code, _label in LANGUAGES},
    }
    for value in each("objective"):
        if not value.isdigit() or not 1 <= int(value) <= 23:
            bad(
                "objective",
                _("“%(value)s” is not an objective number (1 to 23).") % {"value": value},
            )
    for value in each("year"):
        if not (value.isdigit() and len(value) == 4):
            bad("year", _("“%(value)s” is not a year (four digits).") % {"value": value})
    for value in each("call"):
        if not value.isdigit():
            bad("call", _("“%(value)s” is not a call id (a number).") % {"value": value})
    for value in each("region"):
        if not value.isdigit():
            bad("region", _("“%(value)s” is not an M49 region code (digits).") % {"value": value})
    for value in each("country"):
        if not re.fullmatch(r"[A-Za-z]{3}", value):
            bad(
                "country",
                _("“%(value)s” is not an ISO 3166 alpha-3 country code.") % {"value": value},
            )
    for name in ("principle", "stakeholder_type"):
        for value in each(name):
            if not re.fullmatch(r"[-a-z0-9_]+", value):
                bad(name, _("“%(value)s” is not a valid code.") % {"value": value})
    for name, allowed in choices.items():
        for value in each(name):
            if value not in allowed:
                bad(
                    name,
                    _("“%(value)s” is not one of: %(choices)s.")
                    % {"value": value, "choices": ", ".join(sorted(allowed))},
                )
    sort = params.get("sort")
    if sort and sort not in search.SORTS:
        bad(
            "sort",
            _("“%(value)s” is not one of: %(choices)s.")
            % {"value": sort, "choices": ", ".join(search.SORTS)},
        )
    return errors


class PracticeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = PracticeSerializer
    permission_classes = [ObjectRulePermission]
    lookup_value_regex = ID_PATTERN
    rule_permissions = {
        "create": "practices.add_practice",
        "retrieve": "practices.view_practice",
        "update": "practices.change_practice",
        "partial_update": "practices.change_practice",
    }

    def get_queryset(self):
        if self.action == "list":
            params = self.request.query_params
            sort = params.get("sort") or "newest"
            return search.apply_filters(
                practice_queryset().filter(state="approved"), params
            ).order_by(*search.SORTS.get(sort, search.SORTS["newest"]))
        return practice_queryset()

    def get_object(self):
        obj = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        user = self.request.user
        perm = self.rule_permissions.get(self.action)
        if perm and not user.has_perm(perm, obj):
            if not user.has_perm("practices.view_practice", obj):
                raise NotFound
            raise PermissionDenied
        return obj

    @extend_schema(parameters=FILTER_PARAMETERS)
    def list(self, request, *args, **kwargs):
        errors = _filter_errors(request.query_params)
        if errors:
            raise serializers.ValidationError(errors)
        return super().list(request, *args, **kwargs)

    @extend_schema(request=ReviewInputSerializer, responses={201: ReviewOutputSerializer})
    @action(detail=True, methods=["post"])
    def reviews(self, request, pk=None):
        practice = get_object_or_404(Practice, pk=pk)
        if review.assignment_for(practice, request.user) is None:
            raise NotFound
        data = ReviewInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        saved = review.submit_review(practice, request.user, data.validated_data)
        return Response(
            ReviewOutputSerializer(
                {
                    **data.validated_data,
                    "id": saved.pk,
                    "round": saved.round,
                    "submitted_at": saved.submitted_at,
                }
            ).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(request=DecisionSerializer, responses={200: PracticeSerializer})
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        if not request.user.has_perm("practices.decide_practice"):
            raise PermissionDenied("Only the secretariat may record a decision.")
        practice = get_object_or_404(Practice, pk=pk)
        data = DecisionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        practice = review.record_decision(
            practice, request.user, data.validated_data["decision"], data.validated_data["reasons"]
        )
        return Response(
            PracticeSerializer(
                practice_queryset().get(pk=practice.pk), context={"request": request}
            ).data
        )


class ExpertSerializer(serializers.ModelSerializer):
    objectives = serializers.SlugRelatedField(slug_field="number", many=True, read_only=True)
    country = serializers.SlugRelatedField(slug_field="iso3", read_only=True)
    region = serializers.CharField(source="region.name", default=None, read_only=True)
    organization = serializers.CharField(source="organization.name", default=None, read_only=True)
    languages = serializers.ListField(source="language_list", child=serializers.CharField())
    themes = serializers.ListField(source="theme_list", child=serializers.CharField())

    class Meta:
        model = Expert
        fields = [
            "id",
            "name",
            "is_un",
            "organization",
            "country",
            "region",
            "gender",
            "languages",
            "objectives",
            "themes",
            "years_experience",
            "publications",
            "available",
            "status",
        ]

    def to_representation(self, instance):
        data = super().to_representation(instance)
        request = self.context.get("request")
        if not (request and request.user.has_perm("practices.manage_roster")):
            data.pop("gender")
            data.pop("status")
        return data


class ExpertViewSet(viewsets.ReadOnlyModelViewSet):
    """Approved experts with public profiles; the secretariat sees the whole roster."""

    serializer_class = ExpertSerializer
    queryset = Expert.objects.none()
    lookup_value_regex = ID_PATTERN

    def get_queryset(self):
        queryset = Expert.objects.select_related(
            "country", "region", "organization"
        ).prefetch_related(Prefetch("objectives", queryset=Objective.objects.only("id", "number")))
        if not self.request.user.has_perm("practices.manage_roster"):
            queryset = queryset.filter(status=Expert.Status.APPROVED, public_profile=True)
        return queryset
