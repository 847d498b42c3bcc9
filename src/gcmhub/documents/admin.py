from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.documents.models import Commitment, Document, Paragraph, TagReview


@admin.register(Document)
class DocumentAdmin(SimpleHistoryAdmin):
    list_display = ["title", "kind", "country", "language", "processing", "publication", "version"]
    list_filter = ["kind", "processing", "publication", "language"]
    search_fields = ["title"]
    raw_id_fields = ["uploaded_by", "first_version", "country", "region", "organization"]


@admin.register(Paragraph)
class ParagraphAdmin(admin.ModelAdmin):
    list_display = ["document", "position", "number", "kind"]
    raw_id_fields = ["document", "country", "region"]


@admin.register(TagReview)
class TagReviewAdmin(SimpleHistoryAdmin):
    list_display = ["paragraph", "reviewed_by", "reviewed_at"]
    raw_id_fields = ["paragraph", "reviewed_by"]


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    list_display = ["document", "actor", "target", "deadline"]
    raw_id_fields = ["document", "paragraph"]
