"""API serializers and the plain dicts the CLI prints (one shape for both)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from rest_framework import serializers

from gcmhub.accounts.models import Organization
from gcmhub.documents.models import LANGUAGES, Document, Kind
from gcmhub.framework.models import Region
from gcmhub.framework.registry import country_by_code


def commitment_dict(commitment) -> dict:
    return {
        "id": commitment.pk,
        "paragraph": commitment.paragraph.label or f"#{commitment.paragraph.position}",
        "paragraph_id": commitment.paragraph_id,
        "sentence": commitment.sentence,
        "actor": commitment.actor,
        "action": commitment.action,
        "target": commitment.target,
        "deadline": commitment.deadline,
        "objectives": sorted(o.number for o in commitment.objectives.all()),
    }


def hit_dict(hit) -> dict:
    return {
        "document_id": hit.document_id,
        "title": hit.title,
        "paragraph_id": hit.paragraph_id,
        "paragraph_number": hit.number,
        "anchor": hit.anchor,
        "snippet": hit.snippet,
        "score": hit.score,
        "language": hit.language,
        "kind": hit.kind,
        "year": hit.year,
    }


def tags_dict(paragraph) -> dict:
    tags = list(paragraph.tags.all())
    return {
        "objectives": [
            {"number": t.objective.number, "score": round(t.score, 4), "origin": t.origin}
            for t in tags
            if t.objective_id
        ],
        "principles": [
            {
                "name": t.principle.name,
                "slug": t.principle.slug,
                "score": round(t.score, 4),
                "origin": t.origin,
            }
            for t in tags
            if t.principle_id
        ],
    }


class DocumentSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="country.iso3", default=None, read_only=True)
    region = serializers.CharField(source="region.m49", default=None, read_only=True)
    organization = serializers.CharField(source="organization.name", default=None, read_only=True)
    uploaded_by = serializers.CharField(source="uploaded_by.email", default=None, read_only=True)
    language = serializers.CharField(read_only=True)
    url = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "title",
            "kind",
            "country",
            "region",
            "organization",
            "date",
            "language",
            "language_detected",
            "source_url",
            "uploaded_by",
            "uploaded_at",
            "file_name",
            "file_type",
            "file_size",
            "content_hash",
            "version",
            "first_version",
            "is_current",
            "processing",
            "failure_reason",
            "page_count",
            "publication",
            "objective_scores",
            "principle_scores",
            "url",
        ]
        read_only_fields = fields

    def get_url(self, obj) -> str:
        return obj.get_absolute_url()


class UploadSerializer(serializers.Serializer):
    """The upload's metadata; codes and names are turned into the objects they stand for.
    Needs ``context={"user": ...}`` to check ``version_of``."""

    file = serializers.FileField()
    title = serializers.CharField(max_length=300, required=False, allow_blank=True)
    kind = serializers.ChoiceField(choices=Kind.choices, default=Kind.OTHER)
    country = serializers.CharField(
        max_length=3, required=False, allow_blank=True, help_text="ISO 3166 alpha-3 code"
    )
    region = serializers.CharField(
        max_length=3, required=False, allow_blank=True, help_text="UN M49 region code"
    )
    organization = serializers.CharField(
        max_length=200, required=False, allow_blank=True, help_text="organisation name"
    )
    date = serializers.DateField(required=False, allow_null=True)
    language = serializers.CharField(
        max_length=5, required=False, allow_blank=True, help_text="en, fr, es, ru, ar or zh"
    )
    source_url = serializers.URLField(required=False, allow_blank=True)
    on_duplicate = serializers.ChoiceField(
        choices=["refuse", "new_version"], default="refuse", required=False
    )
    version_of = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="id of a document this file is a new version of",
    )

    def validate_language(self, value):
        if value and value not in dict(LANGUAGES):
            raise serializers.ValidationError(_("Use one of: en, fr, es, ru, ar, zh."))
        return value

    def validate_country(self, value):
        if not value:
            return None
        try:
            return country_by_code(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from None

    def validate_region(self, value):
        if not value:
            return None
        region = Region.objects.filter(m49=value.strip()).first()
        if region is None:
            raise serializers.ValidationError(
                _("Unknown region code; use a UN M49 region code such as 002.")
            )
        return region

    def validate_organization(self, value):
        if not value:
            return None
        organization = Organization.objects.filter(name__iexact=value.strip()).first()
        if organization is None:
            raise serializers.ValidationError(_("No organisation of this name is registered."))
        return organization

    def validate_version_of(self, value):
        from gcmhub.documents import queries

        if not value:
            return None
        document = queries.visible_document(self.context["user"], value)
        if document is None:
            raise serializers.ValidationError(_("There is no document with this number."))
        return document


class ParagraphSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    position = serializers.IntegerField()
    number = serializers.CharField()
    parent_number = serializers.CharField()
    kind = serializers.CharField()
    section = serializers.CharField()
    text = serializers.CharField()
    page = serializers.IntegerField(allow_null=True)
    anchor = serializers.CharField()
    tags = serializers.SerializerMethodField()
    commitments = serializers.SerializerMethodField()
    footnotes = serializers.SerializerMethodField()
    reviewed = serializers.SerializerMethodField()

    def get_tags(self, obj) -> dict:
        return tags_dict(obj)

    def get_commitments(self, obj) -> list[dict]:
        return [commitment_dict(c) for c in obj.commitments.all()]

    def get_footnotes(self, obj) -> list[dict]:
        return [{"marker": f.marker, "text": f.text} for f in obj.footnotes.all()]

    def get_reviewed(self, obj) -> bool:
        return hasattr(obj, "review")


class SearchHitSerializer(serializers.Serializer):
    document_id = serializers.IntegerField()
    title = serializers.CharField()
    paragraph_id = serializers.IntegerField()
    paragraph_number = serializers.CharField()
    anchor = serializers.CharField()
    snippet = serializers.CharField()
    score = serializers.FloatField()
    language = serializers.CharField()
    kind = serializers.CharField()
    year = serializers.IntegerField(allow_null=True)


class SearchResponseSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    engine = serializers.CharField()
    hits = SearchHitSerializer(many=True)
    facets = serializers.DictField()


class ClassifyRequestSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=100_000)
    top = serializers.IntegerField(min_value=1, max_value=23, default=5)


class ObjectiveScoreSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    score = serializers.FloatField()


class PrincipleScoreSerializer(serializers.Serializer):
    name = serializers.CharField()
    score = serializers.FloatField()


class ClassifyResponseSerializer(serializers.Serializer):
    objectives = ObjectiveScoreSerializer(many=True)
    principles = PrincipleScoreSerializer(many=True)


class TagReviewSerializer(serializers.Serializer):
    objectives = serializers.ListField(child=serializers.IntegerField(min_value=1, max_value=23))
    principles = serializers.ListField(child=serializers.SlugField(), required=False, default=list)
    note = serializers.CharField(max_length=500, required=False, allow_blank=True)
