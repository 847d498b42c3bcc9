from django.contrib import admin

from gcmhub.framework import models


class ActionInline(admin.TabularInline):
    model = models.Action
    extra = 0


@admin.register(models.Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["number", "short_label", "title", "actions_complete"]
    inlines = [ActionInline]
    search_fields = ["title", "short_label"]


@admin.register(models.GuidingPrinciple)
class GuidingPrincipleAdmin(admin.ModelAdmin):
    list_display = ["letter", "name"]


@admin.register(models.Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["iso3", "name", "region", "subregion", "is_member_state"]
    list_filter = ["is_member_state", "region"]
    search_fields = ["iso3", "name", "official_name"]


@admin.register(models.Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["m49", "name", "level", "parent"]


class RoundTableInline(admin.StackedInline):
    model = models.RoundTable
    extra = 0
    filter_horizontal = ["objectives", "co_chairs"]


@admin.register(models.Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ["short_name", "year", "start_date", "end_date"]
    inlines = [RoundTableInline]


@admin.register(models.SDGIndicator)
class SDGIndicatorAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "custodian"]
    filter_horizontal = ["objectives"]


admin.site.register(models.SDGTarget)
admin.site.register(models.StakeholderType)
