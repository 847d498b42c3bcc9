from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from simple_history.admin import SimpleHistoryAdmin

from gcmhub.accounts.models import Organization, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "country", "organization", "is_active"]
    list_filter = ["role", "is_active", "country__region"]
    search_fields = ["email", "full_name"]
    autocomplete_fields = ["country", "organization"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (
            "Profile",
            {"fields": ["full_name", "role", "country", "organization", "preferred_language"]},
        ),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "role", "country", "organization", "password1", "password2"],
            },
        ),
    ]


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["name", "stakeholder_type", "country"]
    list_filter = ["stakeholder_type"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]
