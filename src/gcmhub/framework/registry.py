"""Read access to the framework registry, shared by pages, the API and the CLI."""

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _

from gcmhub.framework.models import (
    RESOLUTION_SYMBOL,
    RESOLUTION_URL,
    Action,
    Country,
    Forum,
    GuidingPrinciple,
    Objective,
    RoundTable,
    SDGIndicator,
    StakeholderType,
)


def country_by_code(code: str) -> Country:
    """The country with this ISO3 code, or a ValidationError that says what was wrong."""
    normalized = (code or "").strip().upper()
    try:
        return Country.objects.get(iso3=normalized)
    except Country.DoesNotExist:
        raise ValidationError(
            _("Unknown country code “%(code)s”: use an ISO 3166 alpha-3 code such as KEN or MEX."),
            code="unknown_country",
            params={"code": code},
        ) from None


def objectives_with_details():
    return Objective.objects.prefetch_related(
        Prefetch("actions", queryset=Action.objects.order_by("letter")),
        Prefetch(
            "round_tables", queryset=RoundTable.objects.select_related("forum").order_by("number")
        ),
        "sdg_indicators",
    ).order_by("number")


def round_tables():
    return (
        RoundTable.objects.select_related("forum")
        .prefetch_related(
            Prefetch("objectives", queryset=Objective.objects.order_by("number")), "co_chairs"
        )
        .order_by("-forum__year", "number")
    )


def objective_dict(objective) -> dict:
    return {
        "number": objective.number,
        "short_label": objective.short_label,
        "title": objective.title,
        "commitment": ({"paragraph": objective.commitment_paragraph, "text": objective.commitment}),
        "commitment_missing": objective.commitment is None,
        "actions": [{"letter": a.letter, "text": a.text} for a in objective.actions.all()],
        "actions_complete": objective.actions_complete,
        "round_tables": [
            {"forum": rt.forum.slug, "number": rt.number} for rt in objective.round_tables.all()
        ],
        "sdg_indicators": [i.code for i in objective.sdg_indicators.all()],
        "source": {"document": RESOLUTION_SYMBOL, "url": RESOLUTION_URL},
    }


def principle_dict(principle) -> dict:
    return {
        "letter": principle.letter,
        "slug": principle.slug,
        "name": principle.name,
        "text": principle.text,
        "text_missing": principle.text is None,
        "paragraph": principle.paragraph,
    }


def round_table_dict(round_table) -> dict:
    return {
        "forum": round_table.forum.slug,
        "number": round_table.number,
        "title": round_table.title,
        "objectives": [o.number for o in round_table.objectives.all()],
        "co_chairs": [c.iso3 for c in round_table.co_chairs.all()],
    }


def framework_export() -> dict:
    """The whole registry as plain data (what ``gcmhub framework --json`` prints)."""
    forums = Forum.objects.order_by("year")
    return {
        "source": {"document": RESOLUTION_SYMBOL, "url": RESOLUTION_URL},
        "objectives": [objective_dict(o) for o in objectives_with_details()],
        "guiding_principles": [principle_dict(p) for p in GuidingPrinciple.objects.all()],
        "round_tables": [round_table_dict(rt) for rt in round_tables()],
        "forums": [
            {
                "slug": f.slug,
                "name": f.name,
                "year": f.year,
                "start_date": f.start_date.isoformat() if f.start_date else None,
                "end_date": f.end_date.isoformat() if f.end_date else None,
            }
            for f in forums
        ],
        "sdg_indicators": [
            {
                "code": i.code,
                "target": i.target.code,
                "title": i.title,
                "custodian": i.custodian,
                "objectives": [o.number for o in i.objectives.all()],
            }
            for i in SDGIndicator.objects.select_related("target").prefetch_related("objectives")
        ],
        "stakeholder_types": [
            {"slug": s.slug, "name": s.name} for s in StakeholderType.objects.all()
        ],
        "countries": Country.objects.count(),
    }
