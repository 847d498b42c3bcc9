from django.contrib import admin

from gcmhub.indicators.models import Release


@admin.register(Release)
class ReleaseAdmin(admin.ModelAdmin):
    """Releases are made by ``gcmhub import`` only; the admin shows them."""

    list_display = ["dataset", "version", "released", "is_current", "rows", "imported_at"]
    list_filter = ["dataset", "is_current"]
    readonly_fields = [f.name for f in Release._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
