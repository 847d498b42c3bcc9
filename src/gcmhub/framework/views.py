from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render

from gcmhub.core import panels
from gcmhub.framework import registry
from gcmhub.framework.models import (
    RESOLUTION_URL,
    Country,
    Forum,
    GuidingPrinciple,
    Objective,
    Region,
    RoundTable,
)


def overview(request):
    objectives = Objective.objects.prefetch_related(
        Prefetch("round_tables", queryset=RoundTable.objects.select_related("forum"))
    ).annotate(action_count=Count("actions"))
    return render(
        request,
        "framework/overview.html",
        {
            "objectives": objectives,
            "principles": GuidingPrinciple.objects.all(),
            "forums": Forum.objects.prefetch_related(
                Prefetch("round_tables", queryset=registry.round_tables())
            ),
            "resolution_url": RESOLUTION_URL,
        },
    )


def objective_detail(request, number):
    objective = get_object_or_404(registry.objectives_with_details(), number=number)
    neighbours = {
        "previous": Objective.objects.filter(number=number - 1).first(),
        "next": Objective.objects.filter(number=number + 1).first(),
    }
    sdg_indicators = objective.sdg_indicators.select_related("target")
    return render(
        request,
        "framework/objective.html",
        {
            "objective": objective,
            "sdg_indicators": sdg_indicators,
            "resolution_url": RESOLUTION_URL,
            "panels": panels.render_list("objective", objective, request),
            **neighbours,
        },
    )


def principle_detail(request, slug):
    principle = get_object_or_404(GuidingPrinciple, slug=slug)
    return render(
        request,
        "framework/principle.html",
        {
            "principle": principle,
            "principles": GuidingPrinciple.objects.all(),
            "resolution_url": RESOLUTION_URL,
            "panels": panels.render_list("principle", principle, request),
        },
    )


def country_list(request):
    query = request.GET.get("q", "").strip()
    region = request.GET.get("region", "")
    members_only = request.GET.get("members") == "1"
    countries = Country.objects.select_related("region", "subregion")
    if query:
        countries = countries.filter(Q(name__icontains=query) | Q(iso3__iexact=query))
    if region:
        countries = countries.filter(region__m49=region)
    if members_only:
        countries = countries.filter(is_member_state=True)
    return render(
        request,
        "framework/countries.html",
        {
            "countries": countries,
            "regions": Region.objects.filter(level=Region.Level.REGION),
            "query": query,
            "region": region,
            "members_only": members_only,
        },
    )


def country_detail(request, iso3):
    country = get_object_or_404(
        Country.objects.select_related("region", "subregion"), iso3=iso3.upper()
    )
    return render(
        request,
        "framework/country.html",
        {
            "country": country,
            "round_tables": country.round_tables_chaired.select_related("forum"),
            "panels": panels.render_list("country", country, request),
        },
    )


def forum_detail(request, slug):
    forum = get_object_or_404(Forum, slug=slug)
    return render(
        request,
        "framework/forum.html",
        {"forum": forum, "round_tables": registry.round_tables().filter(forum=forum)},
    )


def round_table_detail(request, slug, number):
    round_table = get_object_or_404(registry.round_tables(), forum__slug=slug, number=number)
    return render(
        request,
        "framework/round_table.html",
        {
            "round_table": round_table,
            "panels": panels.render_list("round_table", round_table, request),
        },
    )
