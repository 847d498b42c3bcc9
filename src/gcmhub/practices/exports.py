"""Rows for the CSV and JSON exports of the repository (public fields only)."""


def export_rows(queryset):
    for practice in queryset.iterator(chunk_size=1000):
        yield {
            "id": practice.pk,
            "title": practice.title,
            "summary": practice.summary,
            "primary_objective": practice.primary_objective.number
            if practice.primary_objective
            else None,
            "objectives": " ".join(str(o.number) for o in practice.objectives.all()),
            "countries": " ".join(c.iso3 for c in practice.countries.all()),
            "scope": practice.scope,
            "implementing_entity": practice.implementing_entity,
            "implementer_type": practice.implementer_type.slug if practice.implementer_type else "",
            "status": practice.implementation_status,
            "start_date": practice.start_date.isoformat() if practice.start_date else "",
            "end_date": practice.end_date.isoformat() if practice.end_date else "",
            "language": practice.language,
            "published_at": practice.published_at.isoformat() if practice.published_at else "",
            "url": practice.get_absolute_url(),
        }
