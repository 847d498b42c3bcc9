"""Readable change history for any model that has ``history = HistoricalRecords()``."""

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import pgettext_lazy

TYPE_LABELS = {
    "+": pgettext_lazy("change history", "created"),
    "~": pgettext_lazy("change history", "changed"),
    "-": pgettext_lazy("change history", "deleted"),
}


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[tuple[str, str, str]] = field(default_factory=list)


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return str(pgettext_lazy("change history", "system"))
    return user.get_username()


def _label(model, name: str) -> str:
    """The field's translated name (``verbose_name``), or its code name."""
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


def history_entries(obj, limit: int = 100) -> list[HistoryEntry]:
    """Newest first; each entry lists (field, old, new) against the version before it."""
    records = list(
        obj.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None:
            for change in record.diff_against(previous).changes:
                changes.append(
                    (_label(type(obj), change.field), _short(change.old), _short(change.new))
                )
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=_who(record),
                action=str(TYPE_LABELS.get(record.history_type, record.history_type)),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries


def _short(value, width: int = 160) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"
