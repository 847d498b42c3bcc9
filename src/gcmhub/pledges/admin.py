from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.pledges.models import Participant, Pledge, ProgressReport, Target, TargetProgress


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    can_delete = False


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0
    can_delete = False


@admin.register(Pledge)
class PledgeAdmin(SimpleHistoryAdmin):
    list_display = ("public_id", "title", "entity_kind", "pledge_type", "form", "progress_status")
    list_filter = ("pledge_type", "form", "progress_status", "forum_year", "entity_kind")
    search_fields = ("public_id", "title")
    raw_id_fields = ("matches", "entity_organization", "created_by")
    filter_horizontal = ("objectives", "principles", "countries")
    readonly_fields = ("public_id", "progress", "progress_status", "last_report_on", "next_due_on")
    inlines = [TargetInline, ParticipantInline]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(SimpleHistoryAdmin):
    list_display = ("pledge", "reported_on", "status", "progress")
    raw_id_fields = ("pledge", "created_by")

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(TargetProgress, SimpleHistoryAdmin)
