"""What pages show about a practice: related practices, the citation line, anonymised reviews."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gcmhub.practices import search
from gcmhub.practices.models import Review


def related_practices(practice, limit: int = 4):
    """Published practices sharing an objective, ranked by shared objectives and same region."""
    objective_ids = list(practice.objectives.values_list("id", flat=True))
    region_ids = list(practice.regions.values_list("id", flat=True))
    if not objective_ids:
        return []
    queryset = (
        search.published()
        .exclude(pk=practice.pk)
        .filter(objectives__in=objective_ids)
        .annotate(
            shared=Count("objectives", filter=Q(objectives__in=objective_ids), distinct=True),
            same_region=Count("regions", filter=Q(regions__in=region_ids), distinct=True),
        )
        .order_by("-shared", "-same_region", "-published_at")
    )
    return search.card_list(search.with_card_data(queryset)[:limit])


def citation(practice, request) -> str:
    year = practice.published_at.year if practice.published_at else ""
    author = practice.implementing_entity or (practice.organization or "")
    url = request.build_absolute_uri(practice.get_absolute_url())
    return _(
        "%(author)s (%(year)s). %(title)s. GCM Repository of Practices, gcmhub. %(url)s "
        "(accessed %(today)s)."
    ) % {
        "author": author,
        "year": year,
        "title": practice.title,
        "url": url,
        "today": timezone.localdate().isoformat(),
    }


def reviews_for_submitter(practice):
    """Reviews of every round, without reviewer identities: numbered per practice."""
    reviews = list(
        Review.objects.filter(assignment__practice=practice).order_by("assignment_id", "round")
    )
    numbers = {}
    shown = []
    for item in reviews:
        numbers.setdefault(item.assignment_id, len(numbers) + 1)
        shown.append(
            {
                "label": _("Reviewer %(n)s") % {"n": numbers[item.assignment_id]},
                "round": item.round,
                "recommendation": item.get_recommendation_display(),
                "comments": item.comments,
            }
        )
    return sorted(shown, key=lambda entry: (entry["round"], entry["label"]))
