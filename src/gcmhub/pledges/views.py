"""Web pages: thin, they parse input, check the permission and call the services."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from gcmhub.core.files import file_response
from gcmhub.core.history import history_entries
from gcmhub.framework.models import GuidingPrinciple, Objective, Region
from gcmhub.pledges import dashboard as dashboard_figures
from gcmhub.pledges import exports, forms, quality, queries, reporting, services, validation
from gcmhub.pledges.models import (
    Level,
    Participant,
    Pledge,
    PledgeForm,
    PledgeType,
    ReportAttachment,
)

PAGE_SIZE = 25


def _filter_context(request):
    filters = queries.read_filters(request.GET)
    return filters, {
        "filters": filters.values,
        # Unknown values (e.g. objective=abc) are ignored here, with a notice; the API refuses them.
        "filter_errors": [m for messages_ in filters.errors.values() for m in messages_],
        "objectives": Objective.objects.only("number", "short_label"),
        "principles": GuidingPrinciple.objects.only("slug", "name"),
        "regions": Region.objects.filter(level=Region.Level.REGION),
        "pledge_types": PledgeType.choices,
        "pledge_forms": PledgeForm.choices,
        "levels": Level.choices,
        "entity_kinds": dashboard_figures.entity_labels(),
        "statuses": dashboard_figures.status_labels(),
        "forum_years": validation.forum_years(timezone.localdate()),
    }


def index(request):
    filters, context = _filter_context(request)
    pledges = queries.apply_filters(queries.listed(), filters)
    page = Paginator(pledges, PAGE_SIZE).get_page(request.GET.get("page"))
    context |= {"page": page, "query_string": request.GET.urlencode()}
    return render(request, "pledges/index.html", context)


def export(request, fmt):
    if fmt not in exports.FORMATS:
        raise Http404
    filters = queries.read_filters(request.GET)
    pledges = queries.apply_filters(Pledge.objects.all(), filters)
    build, content_type = exports.FORMATS[fmt]
    response = HttpResponse(build(pledges), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="pledges.{fmt}"'
    return response


def dashboard(request):
    filters, context = _filter_context(request)
    pledges = queries.apply_filters(Pledge.objects.all(), filters) if filters.active else None
    figures = dashboard_figures.cached_figures(filters, pledges)
    charts = [
        {
            "id": f"chart-{b.key}",
            "title": b.title,
            "labels": [str(r["label"]) for r in b.rows],
            "values": [r["count"] for r in b.rows],
        }
        for b in figures["breakdowns"]
    ]
    context |= {"figures": figures, "charts": charts}
    return render(request, "pledges/dashboard.html", context)


def detail(request, public_id):
    pledge = get_object_or_404(queries.pledge_page(), public_id=public_id.upper())
    user = request.user
    my_invitations = [
        p for p in pledge.participants.all() if user.has_perm("pledges.confirm_participation", p)
    ]
    findings = None
    if user.has_perm("pledges.view_quality", pledge):
        findings = quality.check(quality.draft_of(pledge), pledge.announced_on)
    context = {
        "pledge": pledge,
        "can_change": user.has_perm("pledges.change_pledge", pledge),
        "can_withdraw": user.has_perm("pledges.withdraw_pledge", pledge),
        "can_report": user.has_perm("pledges.add_progress_report", pledge),
        "can_see_contact": user.has_perm("pledges.view_contact", pledge),
        "my_invitations": my_invitations,
        "findings": findings,
        "criteria": quality.CRITERIA,
        "reports": list(pledge.reports.all()),
    }
    if user.has_perm("pledges.view_history", pledge):
        context["history"] = history_entries(pledge)
    return render(request, "pledges/detail.html", context)


def _apply_errors(form, error: ValidationError):
    for field, messages_ in error.message_dict.items():
        for message in messages_:
            form.add_error(field if field in form.fields else None, message)


def _entry(request, pledge=None):
    user = request.user
    initial = (
        forms.initial_from(pledge)
        if pledge
        else {"contact_email": user.email, "contact_name": user.full_name}
    )
    form = forms.PledgeEntryForm(
        request.POST or None, request.FILES or None, user=user, initial=initial
    )
    targets = forms.TargetFormSet(
        request.POST or None,
        prefix="targets",
        initial=forms.target_initial(pledge) if pledge else None,
    )
    participants = forms.ParticipantFormSet(request.POST or None, prefix="participants")
    findings = None
    if (
        request.method == "POST"
        and form.is_valid()
        and targets.is_valid()
        and participants.is_valid()
    ):
        data = forms.pledge_data(form, targets, participants, user, instance=pledge)
        findings = quality.check(forms.draft_from(data), data["announced_on"])
        weak = [f for f in findings if not f.ok]
        try:
            validation.validate_pledge(data, timezone.localdate(), instance=pledge)
            if weak and not form.cleaned_data.get("accept_warnings"):
                messages.warning(
                    request,
                    _(
                        "Please look at the guidance: fix the weak points, or tick the box to "
                        "submit with them."
                    ),
                )
            else:
                if pledge is None:
                    saved = services.create_pledge(data, by=user)
                    messages.success(
                        request, _("Pledge %(id)s recorded.") % {"id": saved.public_id}
                    )
                else:
                    saved = services.update_pledge(pledge, data, by=user)
                    messages.success(request, _("Pledge %(id)s updated.") % {"id": saved.public_id})
                return redirect(saved)
        except ValidationError as error:
            _apply_errors(form, error)
    return render(
        request,
        "pledges/entry.html",
        {
            "form": form,
            "targets": targets,
            "participants": participants,
            "findings": findings,
            "criteria": quality.CRITERIA,
            "pledge": pledge,
        },
    )


@login_required
def create(request):
    if not request.user.has_perm("pledges.add_pledge"):
        raise PermissionDenied
    return _entry(request)


@login_required
def edit(request, public_id):
    pledge = get_object_or_404(queries.pledge_page(), public_id=public_id.upper())
    if not request.user.has_perm("pledges.change_pledge", pledge):
        raise PermissionDenied
    return _entry(request, pledge)


@login_required
def withdraw(request, public_id):
    pledge = get_object_or_404(Pledge, public_id=public_id.upper())
    if not request.user.has_perm("pledges.withdraw_pledge", pledge):
        raise PermissionDenied
    form = forms.WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.withdraw_pledge(pledge, form.cleaned_data["reason"], by=request.user)
        messages.success(request, _("The pledge is marked as withdrawn."))
        return redirect(pledge)
    return render(request, "pledges/withdraw.html", {"pledge": pledge, "form": form})


def _participant(public_id, participant_id) -> Participant:
    return get_object_or_404(
        Participant.objects.select_related("pledge"),
        pk=participant_id,
        pledge__public_id=public_id.upper(),
    )


@login_required
@require_POST
def respond(request, public_id, participant_id):
    participant = _participant(public_id, participant_id)
    if not request.user.has_perm("pledges.confirm_participation", participant):
        raise PermissionDenied
    confirm = request.POST.get("answer") == "confirm"
    services.respond_to_invitation(participant, confirm, by=request.user)
    messages.success(
        request,
        _("Thank you: your part is confirmed.") if confirm else _("Your answer is recorded."),
    )
    return redirect(participant.pledge)


@login_required
@require_POST
def resend_invitation(request, public_id, participant_id):
    participant = _participant(public_id, participant_id)
    if not request.user.has_perm("pledges.change_pledge", participant.pledge):
        raise PermissionDenied
    try:
        services.resend_invitation(participant, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The invitation was sent again to %(name)s.") % {"name": participant.name},
        )
    return redirect(participant.pledge)


@login_required
def file_report(request, public_id):
    pledge = get_object_or_404(
        Pledge.objects.prefetch_related("targets"), public_id=public_id.upper()
    )
    if not request.user.has_perm("pledges.add_progress_report", pledge):
        raise PermissionDenied
    form = forms.ReportForm(request.POST or None, request.FILES or None, pledge=pledge)
    if request.method == "POST" and form.is_valid():
        try:
            services.file_report(pledge, form.report_data(), by=request.user)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Progress report filed."))
            return redirect(pledge)
    return render(request, "pledges/report_form.html", {"pledge": pledge, "form": form})


@login_required
def monitoring(request):
    if not request.user.has_perm("pledges.view_monitoring"):
        raise PermissionDenied
    today = timezone.localdate()
    listed = queries.listed()
    return render(
        request,
        "pledges/monitoring.html",
        {
            "overdue": listed.filter(pk__in=queries.overdue(today).values("pk")).order_by(
                "next_due_on"
            )[:200],
            "silent": listed.filter(pk__in=queries.silent(today).values("pk")).order_by(
                "last_report_on", "announced_on"
            )[:200],
            "weak": listed.exclude(quality_warnings=[]).filter(withdrawn_at__isnull=True)[:200],
            "criteria": quality.CRITERIA,
        },
    )


def _period(request):
    form = forms.PeriodForm(request.GET)
    form.is_valid()
    return form


def _period_page(request, form, report=None, status=200):
    return render(
        request,
        "pledges/period_report.html",
        {
            "form": form,
            "report": report,
            "query_string": request.GET.urlencode(),
            "forum_years": validation.forum_years(timezone.localdate()),
        },
        status=status,
    )


def period_report(request):
    form = _period(request)
    if form.errors:
        return _period_page(request, form, status=400)
    data = form.cleaned_data
    return _period_page(request, form, reporting.build(data["start"], data["end"], data["forum"]))


def period_report_docx(request):
    form = _period(request)
    if form.errors:
        return _period_page(request, form, status=400)
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    content = reporting.as_docx(reporting.build(start, end, form.cleaned_data["forum"]))
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    name = f"pledge-progress-{start.isoformat()}-{end.isoformat()}.docx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Files: uploads are served only through these views. A pledge is public, withdrawn or not,
# and nothing in it but the contact person is private, so its files are public too. ------------


def attachment(request, public_id):
    pledge = get_object_or_404(
        Pledge.objects.only("pk", "attachment"),
        public_id=public_id.upper(),
    )
    return file_response(pledge.attachment)


def report_file(request, public_id, file_id):
    item = get_object_or_404(
        ReportAttachment.objects.select_related("report__pledge"),
        pk=file_id,
        report__pledge__public_id=public_id.upper(),
    )
    return file_response(item.file)


# --- The emailed invitation link: a participant answers without an account --------------------


def _private(response):
    # The address holds the token: no search engine keeps it, no other site receives it
    # ("same-origin", not "no-referrer": the form's POST needs its Origin for the CSRF check).
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request, token):
    """The participant named in the signed link sees the pledge and its part, and confirms or
    declines it (POST, with the CSRF token). Only that participant's part can be answered."""
    try:
        participant = services.participant_from_token(token)
    except services.InvitationLinkError as error:
        response = render(
            request,
            "pledges/invitation_invalid.html",
            {"expired": error.expired, "days": services.INVITATION_VALID.days},
            status=410 if error.expired else 400,
        )
        return _private(response)
    pledge = get_object_or_404(queries.pledge_page(), pk=participant.pledge_id)
    status = 200
    if request.method == "POST":
        answer = request.POST.get("answer")
        if pledge.withdrawn_at is not None:
            messages.error(request, _("The pledge is withdrawn: answers are closed."))
            status = 409
        elif answer not in ("confirm", "decline"):
            messages.error(request, _("Choose “Confirm our part” or “Decline”."))
            status = 400
        else:
            services.respond_to_invitation(
                participant, answer == "confirm", by=request.user, through_link=True
            )
            messages.success(
                request,
                _("Thank you: your part is confirmed.")
                if answer == "confirm"
                else _("Your answer is recorded."),
            )
            return _private(redirect(request.path))
    response = render(
        request,
        "pledges/invitation.html",
        {"pledge": pledge, "participant": participant, "token": token},
        status=status,
    )
    return _private(response)
