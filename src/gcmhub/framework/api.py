from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from gcmhub.framework import registry
from gcmhub.framework.models import (
    Country,
    Forum,
    GuidingPrinciple,
    Region,
    SDGIndicator,
    StakeholderType,
)


class ActionSerializer(serializers.Serializer):
    letter = serializers.CharField()
    text = serializers.CharField()


class ObjectiveSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    short_label = serializers.CharField()
    title = serializers.CharField()
    commitment = serializers.DictField()
    commitment_missing = serializers.BooleanField()
    actions = ActionSerializer(many=True)
    actions_complete = serializers.BooleanField()
    round_tables = serializers.ListField(child=serializers.DictField())
    sdg_indicators = serializers.ListField(child=serializers.CharField())
    source = serializers.DictField()

    def to_representation(self, instance):
        return registry.objective_dict(instance)


class PrincipleSerializer(serializers.ModelSerializer):
    text_missing = serializers.SerializerMethodField()

    class Meta:
        model = GuidingPrinciple
        fields = ["letter", "slug", "name", "text", "text_missing", "paragraph"]

    def get_text_missing(self, obj) -> bool:
        return obj.text is None


class CountrySerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.name", default=None)
    subregion = serializers.CharField(source="subregion.name", default=None)

    class Meta:
        model = Country
        fields = [
            "iso3",
            "iso2",
            "m49",
            "name",
            "official_name",
            "region",
            "subregion",
            "is_member_state",
            "member_since",
        ]


class RegionSerializer(serializers.ModelSerializer):
    parent = serializers.CharField(source="parent.m49", default=None)

    class Meta:
        model = Region
        fields = ["m49", "name", "level", "parent"]


class RoundTableSerializer(serializers.Serializer):
    def to_representation(self, instance):
        return registry.round_table_dict(instance)


class ForumSerializer(serializers.ModelSerializer):
    round_tables = RoundTableSerializer(many=True)

    class Meta:
        model = Forum
        fields = [
            "slug",
            "name",
            "short_name",
            "year",
            "start_date",
            "end_date",
            "location",
            "segments",
            "round_tables",
        ]


class SDGIndicatorSerializer(serializers.ModelSerializer):
    target = serializers.CharField(source="target.code")
    objectives = serializers.SlugRelatedField(many=True, read_only=True, slug_field="number")

    class Meta:
        model = SDGIndicator
        fields = ["code", "target", "title", "custodian", "objectives"]


class StakeholderTypeSerializer(serializers.ModelSerializer):
    class Meta:
        model = StakeholderType
        fields = ["slug", "name"]


class PublicReadOnly(viewsets.ReadOnlyModelViewSet):
    permission_classes = [AllowAny]


class ObjectiveViewSet(PublicReadOnly):
    """The 23 objectives with commitment, actions, round tables and SDG indicators."""

    serializer_class = ObjectiveSerializer
    queryset = registry.objectives_with_details()
    lookup_field = "number"


class PrincipleViewSet(PublicReadOnly):
    serializer_class = PrincipleSerializer
    queryset = GuidingPrinciple.objects.all()
    lookup_field = "slug"


class CountryViewSet(PublicReadOnly):
    serializer_class = CountrySerializer
    queryset = Country.objects.select_related("region", "subregion")
    lookup_field = "iso3"
    filterset_fields = ["is_member_state", "region__m49", "subregion__m49"]

    def get_object(self):
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object()


class RegionViewSet(PublicReadOnly):
    serializer_class = RegionSerializer
    queryset = Region.objects.select_related("parent")
    lookup_field = "m49"


class ForumViewSet(PublicReadOnly):
    serializer_class = ForumSerializer
    lookup_field = "slug"

    def get_queryset(self):
        from django.db.models import Prefetch

        return Forum.objects.prefetch_related(
            Prefetch("round_tables", queryset=registry.round_tables())
        )


class SDGIndicatorViewSet(PublicReadOnly):
    serializer_class = SDGIndicatorSerializer
    queryset = SDGIndicator.objects.select_related("target").prefetch_related("objectives")
    lookup_field = "code"
    lookup_value_regex = r"[0-9a-z.]+"


class StakeholderTypeViewSet(PublicReadOnly):
    serializer_class = StakeholderTypeSerializer
    queryset = StakeholderType.objects.all()
    lookup_field = "slug"
