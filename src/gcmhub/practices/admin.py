from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.practices import models


@admin.register(models.Practice)
class PracticeAdmin(SimpleHistoryAdmin):
    list_display = ["title", "state", "submitter", "published_at"]
    list_filter = ["state", "scope", "language"]
    search_fields = ["title", "summary"]
    raw_id_fields = ["submitter", "organization", "countries", "call"]


@admin.register(models.Expert)
class ExpertAdmin(SimpleHistoryAdmin):
    list_display = ["name", "status", "is_un", "country", "gender", "available"]
    list_filter = ["status", "is_un", "gender", "available"]
    search_fields = ["name", "user__email"]
    raw_id_fields = ["user"]


@admin.register(models.Assignment)
class AssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["practice", "expert", "status", "due_date"]
    list_filter = ["status"]
    raw_id_fields = ["practice", "expert"]


@admin.register(models.Review)
class ReviewAdmin(SimpleHistoryAdmin):
    list_display = ["assignment", "round", "recommendation", "submitted_at"]


@admin.register(models.Call)
class CallAdmin(SimpleHistoryAdmin):
    list_display = ["title", "objective", "deadline"]


@admin.register(models.Attachment)
class AttachmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "practice", "size", "removed"]
