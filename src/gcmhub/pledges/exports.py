"""The filtered list as CSV, JSON and Excel: public fields only (never contact data)."""

import csv
import io
import json

from django.db.models import Prefetch
from openpyxl import Workbook

from gcmhub.framework.models import Objective
from gcmhub.pledges.models import Pledge

COLUMNS = (
    "public_id",
    "title",
    "entity",
    "entity_type",
    "region",
    "pledge_type",
    "form",
    "level",
    "forum_year",
    "announced_on",
    "objectives",
    "amount",
    "currency",
    "recipient",
    "status",
    "progress",
    "last_report_on",
    "next_due_on",
    "withdrawn",
    "matches",
)


def export_queryset(queryset):
    return queryset.select_related(
        "entity_country", "entity_organization", "region", "matches"
    ).prefetch_related(Prefetch("objectives", queryset=Objective.objects.only("id", "number")))


def row(pledge: Pledge) -> dict:
    return {
        "public_id": pledge.public_id,
        "title": pledge.title,
        "entity": str(pledge.entity),
        "entity_type": pledge.entity_kind,
        "region": pledge.region.name if pledge.region_id else "",
        "pledge_type": pledge.pledge_type,
        "form": pledge.form,
        "level": pledge.level,
        "forum_year": pledge.forum_year,
        "announced_on": pledge.announced_on.isoformat(),
        "objectives": [o.number for o in pledge.objectives.all()],
        "amount": str(pledge.amount) if pledge.amount is not None else "",
        "currency": pledge.currency,
        "recipient": pledge.recipient,
        "status": "withdrawn" if pledge.is_withdrawn else pledge.progress_status,
        "progress": pledge.progress,
        "last_report_on": pledge.last_report_on.isoformat() if pledge.last_report_on else "",
        "next_due_on": pledge.next_due_on.isoformat() if pledge.next_due_on else "",
        "withdrawn": pledge.is_withdrawn,
        "matches": pledge.matches.public_id if pledge.matches_id else "",
    }


def _flat(value):
    return " ".join(str(v) for v in value) if isinstance(value, list) else value


def rows(queryset):
    for pledge in export_queryset(queryset).iterator(chunk_size=2000):
        yield row(pledge)


def as_csv(queryset) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for item in rows(queryset):
        writer.writerow({k: _flat(v) for k, v in item.items()})
    return buffer.getvalue().encode("utf-8-sig")


def as_json(queryset) -> bytes:
    return json.dumps(list(rows(queryset)), ensure_ascii=False, indent=1).encode()


def as_xlsx(queryset) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("pledges")
    sheet.append(list(COLUMNS))
    for item in rows(queryset):
        sheet.append([_flat(item[c]) for c in COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


FORMATS = {
    "csv": (as_csv, "text/csv; charset=utf-8"),
    "json": (as_json, "application/json"),
    "xlsx": (as_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
}
