"""The pledge progress report for a period: per objective, the pledges made, their status at
the end of the period and the results reported during it. Shown as a page and as a DOCX."""

import io
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from docx import Document

from gcmhub.framework.models import Objective
from gcmhub.pledges.models import Pledge, ProgressReport, ProgressStatus, TargetProgress


@dataclass
class PledgeLine:
    pledge: Pledge
    status: str
    status_label: str
    progress: float
    reports_in_period: int
    results: list = field(default_factory=list)  # (target, value or achieved, evidence)
    narrative: str = ""


@dataclass
class Section:
    objective: Objective
    lines: list[PledgeLine] = field(default_factory=list)


@dataclass
class PeriodReport:
    start: date
    end: date
    forum_year: int | None
    sections: list[Section]
    pledge_count: int
    status_counts: dict


def _line(pledge: Pledge, reports: list, start: date, end: date) -> PledgeLine:
    upto = [r for r in reports if r.reported_on <= end]
    during = [r for r in upto if r.reported_on >= start]
    last = upto[0] if upto else None
    status = ProgressStatus.NOT_STARTED if last is None else last.status
    if pledge.withdrawn_at and pledge.withdrawn_at.date() <= end:
        status, label = "withdrawn", _("Withdrawn")
    else:
        label = ProgressStatus(status).label
    latest = {}
    for report in reversed(during):
        for result in report.results.all():
            latest[result.target_id] = result
    results = [(t, latest[t.pk]) for t in pledge.targets.all() if t.pk in latest]
    return PledgeLine(
        pledge=pledge,
        status=status,
        status_label=str(label),
        progress=last.progress if last else 0.0,
        reports_in_period=len(during),
        results=results,
        narrative=during[0].narrative if during else "",
    )


def build(start: date, end: date, forum_year: int | None = None) -> PeriodReport:
    pledges = Pledge.objects.filter(announced_on__lte=end).select_related(
        "entity_country", "entity_organization"
    )
    if forum_year:
        pledges = pledges.filter(forum_year=forum_year)
    reports = ProgressReport.objects.filter(reported_on__lte=end).prefetch_related(
        Prefetch("results", queryset=TargetProgress.objects.order_by("target_id"))
    )
    pledges = pledges.prefetch_related(
        "objectives", "targets", Prefetch("reports", queryset=reports)
    ).order_by("public_id")
    by_objective: dict[int, list[PledgeLine]] = {}
    counts: dict[str, int] = {}
    total = 0
    for pledge in pledges:
        line = _line(pledge, list(pledge.reports.all()), start, end)
        total += 1
        counts[line.status_label] = counts.get(line.status_label, 0) + 1
        for objective in pledge.objectives.all():
            by_objective.setdefault(objective.pk, []).append(line)
    sections = [
        Section(o, by_objective[o.pk]) for o in Objective.objects.all() if o.pk in by_objective
    ]
    return PeriodReport(start, end, forum_year, sections, total, counts)


def _result_text(target, result) -> str:
    if target.is_milestone:
        if result.achieved:
            text = _("%(indicator)s: reached") % {"indicator": target.indicator}
        else:
            text = _("%(indicator)s: not yet reached") % {"indicator": target.indicator}
    else:
        text = _("%(indicator)s: %(value)s of %(target)s %(unit)s (baseline %(baseline)s)") % {
            "indicator": target.indicator,
            "value": result.value if result.value is not None else "—",
            "target": target.target_value,
            "unit": target.unit,
            "baseline": target.baseline if target.baseline is not None else 0,
        }
    return f"{text}. {result.evidence}".strip() if result.evidence else text


def as_docx(report: PeriodReport) -> bytes:
    document = Document()
    document.add_heading(_("Pledge progress report"), level=0)
    values = {
        "start": report.start.isoformat(),
        "end": report.end.isoformat(),
        "year": report.forum_year,
    }
    if report.forum_year:
        period = _("Period: %(start)s to %(end)s · pledges announced at IMRF %(year)s") % values
    else:
        period = _("Period: %(start)s to %(end)s") % values
    document.add_paragraph(period)
    summary = document.add_table(rows=1, cols=2)
    summary.style = "Table Grid"
    summary.rows[0].cells[0].text = _("Status at the end of the period")
    summary.rows[0].cells[1].text = _("Pledges")
    for label, count in sorted(report.status_counts.items()):
        cells = summary.add_row().cells
        cells[0].text, cells[1].text = label, str(count)
    for section in report.sections:
        document.add_heading(str(section.objective), level=1)
        table = document.add_table(rows=1, cols=4)
        table.style = "Table Grid"
        head = table.rows[0].cells
        head[0].text, head[1].text = _("Pledge"), _("Pledging entity")
        head[2].text, head[3].text = _("Status and progress"), _("Results reported in the period")
        for line in section.lines:
            cells = table.add_row().cells
            cells[0].text = f"{line.pledge.public_id} {line.pledge.title}"
            cells[1].text = str(line.pledge.entity)
            cells[2].text = f"{line.status_label}, {line.progress:.0f} %"
            results = [_result_text(t, r) for t, r in line.results]
            cells[3].text = "\n".join(results) if results else _("No report in the period.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
