"""The import run: hash, read, validate every row, write one release in one transaction."""

import datetime as dt
import shlex
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import IntegrityError, connection, transaction
from django.db.models import Q

from gcmhub.indicators.countries import CountryMatcher
from gcmhub.indicators.importing.readers import LayoutError, content_hash, open_table
from gcmhub.indicators.models import Incident, Observation, Release
from gcmhub.indicators.releases import switch_current

BATCH = 5000
REJECTED_ROWS_SHOWN = 100


class RowError(Exception):
    """A malformed row; the message is the reason shown in the summary."""


class ImportFailedError(Exception):
    """The import stopped and changed nothing; ``summary`` says why."""

    def __init__(self, message, summary=None):
        super().__init__(message)
        self.summary = summary or {}


@dataclass(frozen=True)
class Layout:
    name: str
    columns: tuple[str, ...]
    parse: Callable  # (importer, row dict) -> iterable of records; raises RowError


@dataclass
class Stats:
    rows_read: int = 0
    records: int = 0
    rejected: list = field(default_factory=list)
    reasons: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    max_year: int = 0
    max_date: dt.date | None = None


class Importer:
    """Subclasses name the dataset, the layouts they read and what they store."""

    dataset = ""
    layouts: tuple[Layout, ...] = ()
    stores = "observations"  # or "incidents"
    # Totals computed in SQL right after the import, so common queries read a few thousand
    # rows instead of a few hundred thousand: (new series, source series, group by partner).
    totals: tuple[tuple[str, str, bool], ...] = ()

    def __init__(self):
        self.countries = CountryMatcher()
        self.stats = Stats()

    def skip(self, reason: str):
        self.stats.skipped[reason] += 1

    def seen_year(self, year: int):
        self.stats.max_year = max(self.stats.max_year, year)

    def finish(self, layout, records: list) -> list:
        """Hook for layouts that need the whole file (e.g. averaging provider rows)."""
        return records

    def default_version(self, layout) -> str:
        return str(self.stats.max_year)

    def default_released(self, layout) -> dt.date:
        if self.stats.max_date:
            return self.stats.max_date
        return dt.date(self.stats.max_year or 1900, 12, 31)


def _insert_observations(release, records):
    table = connection.ops.quote_name(Observation._meta.db_table)
    columns = "release_id, series, year, quarter, country, partner, sex, value, weight"
    if connection.vendor == "postgresql":
        _copy_observations(release, records, table, columns)
        return
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)"  # noqa: S608
    with connection.cursor() as cursor:
        for start in range(0, len(records), BATCH):
            batch = [(release.pk, *record) for record in records[start : start + BATCH]]
            cursor.executemany(sql, batch)


def _copy_observations(release, records, table, columns):
    """PostgreSQL's COPY: several times faster than INSERT for a few hundred thousand rows."""
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for record in records:
                copy.write_row((release.pk, *record))


def _insert_totals(release, totals):
    table = connection.ops.quote_name(Observation._meta.db_table)
    for series, source, by_partner in totals:
        side = "partner" if by_partner else "country"
        sql = (
            f"INSERT INTO {table} (release_id, series, year, quarter, country, partner, sex, value)"  # noqa: S608
            f" SELECT release_id, %s, year, 0, {side}, '', sex, SUM(value) FROM {table}"
            f" WHERE release_id = %s AND series = %s GROUP BY release_id, year, {side}, sex"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [series, release.pk, source])


INCIDENT_FIELDS = [f.attname for f in Incident._meta.concrete_fields if f.attname != "id"]


def _insert_incidents(release, records):
    for incident in records:
        incident.release = release
    if connection.vendor != "postgresql":
        Incident.objects.bulk_create(records, batch_size=2000)
        return
    table = connection.ops.quote_name(Incident._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({', '.join(INCIDENT_FIELDS)}) FROM STDIN") as copy,
    ):
        for incident in records:
            copy.write_row([getattr(incident, name) for name in INCIDENT_FIELDS])


def _summary(importer, path, digest, layout_name, seconds):
    stats = importer.stats
    return {
        "dataset": importer.dataset,
        "file": str(path),
        "sha256": digest,
        "layout": layout_name,
        "rows_read": stats.rows_read,
        "rows_imported": stats.rows_read - len(stats.rejected) - sum(stats.skipped.values()),
        "records_stored": stats.records,
        "rows_rejected": len(stats.rejected),
        "rejected_by_reason": dict(stats.reasons.most_common()),
        "rejected_rows": stats.rejected[:REJECTED_ROWS_SHOWN],
        "rows_skipped": dict(stats.skipped.most_common()),
        "countries": importer.countries.report(),
        "seconds": round(seconds, 2),
    }


def refresh_statistics():
    """Let the query planner see the new rows: without statistics SQLite picks an index that
    serves GROUP BY over one that serves WHERE, and a 1 ms query takes 150 ms."""
    tables = [Observation._meta.db_table, Incident._meta.db_table]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit=1000")
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def _label(dataset, asked, default, summary, notes) -> str:
    """A label no other release of ``dataset`` has: the one asked for (or the import fails),
    else the importer's default, with " (2)", " (3)", ... when it is taken."""
    max_length = Release._meta.get_field("version").max_length
    taken = set(Release.objects.filter(dataset=dataset).values_list("version", flat=True))
    if asked is not None:
        label = asked.strip()
        problem = None
        if not label:
            problem = "The release label is empty."
        elif len(label) > max_length:
            problem = f"The release label is longer than {max_length} characters."
        elif label.startswith("id:"):
            problem = "A release label cannot start with 'id:' (that names releases by id)."
        elif label in taken:
            problem = (
                f"Another {dataset} release is already labelled {label!r}; labels name one "
                "release each, so choose another with --release."
            )
        if problem:
            raise ImportFailedError(problem + " Nothing was imported.", summary)
        return label
    label, n = default, 1
    while label in taken:
        n += 1
        suffix = f" ({n})"
        label = default[: max_length - len(suffix)] + suffix
    if label != default:
        notes.append(f"The label {default!r} is taken, so this release is labelled {label!r}.")
    return label


def release_dict(release) -> dict:
    return {
        "id": release.pk,
        "dataset": release.dataset,
        "version": release.version,
        "source": release.source,
        "released": release.released.isoformat(),
        "sha256": release.sha256,
        "is_current": release.is_current,
        "rows": release.rows,
        "imported_at": release.imported_at.isoformat() if release.imported_at else None,
        "current_since": release.current_since.isoformat() if release.current_since else None,
        "current_by": release.current_by,
    }


def run_import(
    dataset: str,
    path,
    *,
    version: str | None = None,
    released: dt.date | None = None,
    source: str | None = None,
    strict: bool = True,
    make_current: bool = False,
    by: str = "",
) -> dict:
    """Import one file as a release of ``dataset``; returns the summary dict.

    All rows or none: by default one rejected row fails the import and nothing is stored
    (the summary, with line numbers and reasons, travels on the error). ``strict=False``
    imports the valid rows and reports the rejected ones.

    The same content twice changes nothing. Only a release dated strictly later than the
    current one becomes current by itself; one with the same or an earlier date is stored
    beside it and becomes current only with ``make_current`` (or later with
    ``gcmhub releases DATASET --make-current VERSION``). The replaced release stays stored and
    can still be read with ``--release DATASET=VERSION``. Labels are unique within a dataset:
    a label given in ``version`` that is taken fails the import; a default label that is taken
    gets a suffix (" (2)").
    """
    from gcmhub.indicators.importing.importers import IMPORTERS

    if dataset not in IMPORTERS:
        choices = ", ".join(IMPORTERS)
        raise ImportFailedError(f"Unknown dataset {dataset!r}; choose one of {choices}.")
    path = Path(path)
    if not path.is_file():
        raise ImportFailedError(f"No such file: {path}")
    started = time.perf_counter()
    digest = content_hash(path)
    existing = Release.objects.filter(dataset=dataset, sha256=digest).first()
    if existing:
        return {
            "dataset": dataset,
            "file": str(path),
            "sha256": digest,
            "status": "unchanged",
            "message": "This file was already imported; nothing changed.",
            "release": release_dict(existing),
            "rows_read": 0,
            "rows_imported": 0,
            "rows_rejected": 0,
            "rejected_by_reason": {},
        }
    importer = IMPORTERS[dataset]()
    try:
        table = open_table(path, importer.layouts)
    except LayoutError as error:
        raise ImportFailedError(str(error)) from None
    records = []
    stats = importer.stats
    for line, row in table.rows:
        stats.rows_read += 1
        try:
            records.extend(table.layout.parse(importer, row))
        except RowError as error:
            reason = str(error)
            stats.reasons[reason.split(":")[0]] += 1
            stats.rejected.append({"line": line, "reason": reason})
    records = importer.finish(table.layout, records)
    stats.records = len(records)
    summary = _summary(importer, path, digest, table.layout.name, 0)
    if strict and stats.rejected:
        raise ImportFailedError(
            f"{len(stats.rejected)} rows were rejected, so nothing was imported "
            "(fix them, or use --keep-good-rows to import the others).",
            summary,
        )
    if not records:
        raise ImportFailedError("The file has no rows that could be imported.", summary)
    notes, label = [], ""
    try:
        with transaction.atomic():
            label = _label(dataset, version, importer.default_version(table.layout), summary, notes)
            release = Release(
                dataset=dataset,
                version=label,
                source=source or path.name,
                released=released or importer.default_released(table.layout),
                sha256=digest,
                rows=len(records),
            )
            release._change_reason = f"imported by {by}" if by else "imported"
            release.save()
            if importer.stores == "incidents":
                _insert_incidents(release, records)
            else:
                _insert_observations(release, records)
                _insert_totals(release, importer.totals)
            current = (
                Release.objects.select_for_update()
                .filter(dataset=dataset, is_current=True)
                .exclude(pk=release.pk)
                .first()
            )
            replaced = None
            if current is None or release.released > current.released or make_current:
                how = "asked for" if make_current and current else "newer"
                previous = switch_current(release, by=by, reason=f"imported, current ({how})")
                replaced = release_dict(previous) if previous else None
                if previous:
                    notes.append(
                        f"Now current; it replaces {previous.version!r} "
                        f"(released {previous.released.isoformat()}), which stays stored."
                    )
            else:
                same = release.released == current.released
                notes.append(
                    f"Not made current: {current.version!r} stays current, because it has "
                    + ("the same release date" if same else "a later release date")
                    + f" ({current.released.isoformat()} vs {release.released.isoformat()}); "
                    "only a strictly newer release takes over by itself. To use this one, import "
                    f"with --make-current or run: gcmhub releases {dataset} --make-current "
                    f"{shlex.quote(label)}"
                )
            summary = _summary(
                importer, path, digest, table.layout.name, time.perf_counter() - started
            )
            summary |= {
                "status": "imported",
                "replaced": replaced,
                "current": release_dict(current if not release.is_current else release),
                "message": " ".join(notes),
            }
            release.summary = {k: v for k, v in summary.items() if k != "rejected_rows"}
            # the summary is not part of the history (excluded field): no history row for it
            release.save_without_historical_record(update_fields=["summary"])
    except IntegrityError:  # another import of the same file or label committed meanwhile?
        clash = Release.objects.filter(dataset=dataset).filter(Q(sha256=digest) | Q(version=label))
        if not clash.exists():
            raise
        raise ImportFailedError(
            "Another import of this dataset finished meanwhile with the same file or label; "
            "nothing was imported. Run the import again.",
            summary,
        ) from None
    refresh_statistics()
    summary["release"] = release_dict(release)
    return summary
