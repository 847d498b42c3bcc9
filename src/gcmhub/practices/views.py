import csv
import json
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gcmhub.core.files import atomic_with_files, file_response
from gcmhub.core.history import history_entries
from gcmhub.practices import criteria, review, roster, search, submission, tagging, workflow
from gcmhub.practices.exports import export_rows
from gcmhub.practices.forms import (
    AddExpertForm,
    CallForm,
    DecisionForm,
    DeclarationForm,
    ExpertApplicationForm,
    ExpertForm,
    PracticeForm,
    ReviewForm,
)
from gcmhub.practices.models import Assignment, Attachment, Call, Expert, Practice, State
from gcmhub.practices.presenters import citation, related_practices, reviews_for_submitter
from gcmhub.practices.suggestions import suggest_reviewers

PAGE_SIZE = 24
# Applications to the roster from visitors without an account, per address, per hour.
ANONYMOUS_APPLICATIONS_PER_HOUR = 10


def _practice(request, pk, perm="practices.view_practice"):
    practice = get_object_or_404(
        Practice.objects.select_related(
            "submitter", "organization", "primary_objective", "implementer_type", "call"
        ),
        pk=pk,
    )
    if not request.user.has_perm(perm, practice):
        if not request.user.is_authenticated and perm == "practices.view_practice":
            raise Http404
        raise PermissionDenied
    return practice


def _errors_into_form(form, error: ValidationError):
    if hasattr(error, "error_dict"):
        for name, messages_ in error.message_dict.items():
            form.add_error(name if name in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- the public repository --------------------------------------------------------------------


def index(request):
    ids = search.ordered_ids(request.GET)
    page = Paginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = search.cards(page.object_list)
    facets = search.facets_for(request.GET, ids)
    add = _adder(request.GET)
    for facet_key, items in facets.items():
        chosen = set(request.GET.getlist(facet_key))
        for item in items:
            item["selected"] = item["value"] in chosen
            item["url"] = (
                _toggle(request.GET, facet_key, item["value"])
                if item["selected"]
                else add(facet_key, item["value"])
            )
    chips = search.selected_labels(request.GET)
    for chip in chips:
        chip["url"] = _toggle(request.GET, chip["key"], chip["value"])
    return render(
        request,
        "practices/index.html",
        {
            "page": page,
            "facets": [
                {"key": f.key, "label": f.label, "values": facets[f.key]} for f in search.FACETS
            ],
            "chips": chips,
            "query": request.GET.get("q", ""),
            "sort": request.GET.get("sort", "newest"),
            "sorts": [
                ("newest", _("Newest")),
                ("oldest", _("Oldest")),
                ("title", _("Title")),
                ("start", _("Start date")),
            ],
            "open_calls": Call.objects.filter(deadline__gte=timezone.localdate())[:3],
            "querystring": request.GET.urlencode(),
        },
    )


def _toggle(params, key, value) -> str:
    """The query string with ``key=value`` removed if it is there (back to page 1)."""
    params = params.copy()
    params.pop("page", None)
    params.setlist(key, [v for v in params.getlist(key) if v != value])
    return "?" + params.urlencode()


def _adder(params):
    """A function adding ``key=value`` to the query string (back to page 1), cheap per call."""
    params = params.copy()
    params.pop("page", None)
    base = params.urlencode()
    prefix = f"?{base}&" if base else "?"
    return lambda key, value: f"{prefix}{urlencode({key: value})}"


def export_csv(request):
    rows = export_rows(search.search(request.GET))

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    header = None

    def stream():
        nonlocal header
        for row in rows:
            if header is None:
                header = list(row)
                yield writer.writerow(header)
            yield writer.writerow([row[key] for key in header])

    response = StreamingHttpResponse(stream(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="practices.csv"'
    return response


def export_json(request):
    data = list(export_rows(search.search(request.GET)))
    response = HttpResponse(
        json.dumps({"count": len(data), "results": data}, ensure_ascii=False, default=str),
        content_type="application/json",
    )
    response["Content-Disposition"] = 'attachment; filename="practices.json"'
    return response


def detail(request, pk):
    practice = _practice(request, pk)
    user = request.user
    context = {
        "practice": practice,
        "objectives": practice.objectives.all(),
        "principles": practice.principles.all(),
        "countries": practice.countries.all(),
        "regions": practice.regions.filter(level=1),
        "target_groups": practice.target_groups.all(),
        "partner_types": practice.partner_types.all(),
        "attachments": practice.attachments.filter(removed=False),
        "related": related_practices(practice) if practice.is_published else [],
        "citation": citation(practice, request) if practice.is_published else "",
        "show_contact": user.has_perm("practices.view_private_contact", practice),
        "can_edit": user.has_perm("practices.change_practice", practice),
        "can_submit": user.has_perm("practices.submit_practice", practice),
        "can_withdraw": user.has_perm("practices.withdraw_practice", practice),
        "can_manage": user.has_perm("practices.manage_practice", practice),
        "assignment": review.assignment_for(practice, user) if user.is_authenticated else None,
    }
    if user.has_perm("practices.view_history", practice):
        context["transitions"] = practice.transitions.select_related("by")
        context["history"] = history_entries(practice)
        context["submitter_reviews"] = (
            reviews_for_submitter(practice) if practice.submitter_id == user.pk else []
        )
    return render(request, "practices/detail.html", context)


# --- submitting -------------------------------------------------------------------------------


def _save_from_form(request, practice, form, submit: bool):
    fields, m2m, groups, files = form.split()
    # A failed submission (criteria not met) rolls back the draft and removes its new files.
    with atomic_with_files():
        practice = submission.save_draft(
            practice, fields, request.user, m2m=m2m, target_groups=groups, files=files
        )
        if submit:
            practice = submission.submit(practice, request.user)
    return practice


@login_required
def edit(request, pk=None):
    if pk is None:
        practice = submission.new_practice(request.user)
    else:
        practice = _practice(request, pk, "practices.change_practice")
    form = PracticeForm(request.POST or None, request.FILES or None, instance=practice)
    form.fields["call"].queryset = Call.objects.filter(deadline__gte=timezone.localdate())
    if pk is None and request.GET.get("call", "").isdigit():
        form.initial["call"] = int(request.GET["call"])
    if request.method == "POST" and form.is_valid():
        wants_submit = "submit" in request.POST
        try:
            saved = _save_from_form(request, practice, form, wants_submit)
        except ValidationError as error:
            if pk is None:
                practice.pk = None
            _errors_into_form(form, error)
        else:
            if wants_submit:
                messages.success(request, _("Thank you: your practice was submitted for review."))
                # Non-blocking points (acronyms not spelled out, ...) still deserve a look.
                for warning in criteria.check(saved).warnings:
                    messages.warning(request, warning)
            else:
                messages.success(request, _("Your draft was saved."))
            return redirect("practices:edit", saved.pk) if not wants_submit else redirect(saved)
    checks = criteria.check(practice) if practice.pk else None
    suggestions = tagging.suggest(search.body_of(practice)) if practice.pk else tagging.suggest("")
    return render(
        request,
        "practices/edit.html",
        {
            "form": form,
            "practice": practice,
            "checks": checks,
            "suggestions": suggestions,
            "attachments": practice.attachments.filter(removed=False) if practice.pk else [],
        },
    )


def download_attachment(request, pk, attachment_id):
    """An attachment, for whoever may see the practice: anyone once it is published; before,
    the submitter, the secretariat, and assigned reviewers who declared no conflict."""
    practice = _practice(request, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_id, practice=practice)
    # A removed attachment stays on record; only the secretariat still opens it.
    if attachment.removed and not request.user.has_perm("practices.manage_practice", practice):
        raise Http404
    return file_response(attachment.file, filename=attachment.name)


@login_required
@require_POST
def remove_attachment(request, pk, attachment_id):
    practice = _practice(request, pk, "practices.change_practice")
    attachment = get_object_or_404(Attachment, pk=attachment_id, practice=practice, removed=False)
    submission.remove_attachment(attachment, request.user)
    messages.success(request, _("The attachment was removed."))
    return redirect("practices:edit", practice.pk)


@login_required
@require_POST
def withdraw(request, pk):
    practice = _practice(request, pk, "practices.withdraw_practice")
    workflow.transition(practice, State.WITHDRAWN, request.user, request.POST.get("note", ""))
    messages.success(request, _("The practice was withdrawn."))
    return redirect(practice)


@login_required
def mine(request):
    practices = (
        Practice.objects.filter(submitter=request.user)
        .select_related("primary_objective")
        .order_by("-updated_at")
    )
    return render(request, "practices/mine.html", {"practices": practices})


# --- secretariat ------------------------------------------------------------------------------


@login_required
def queue(request):
    if not request.user.has_perm("practices.manage_practice"):
        raise PermissionDenied
    open_states = [
        State.SUBMITTED,
        State.SCREENING,
        State.IN_REVIEW,
        State.CHANGES_REQUESTED,
    ]
    practices = (
        Practice.objects.filter(state__in=open_states)
        .select_related("submitter", "organization")
        .order_by("submitted_at")
    )
    return render(
        request,
        "practices/queue.html",
        {"practices": practices, "overdue": review.overdue_assignments()},
    )


@login_required
def manage(request, pk):
    practice = _practice(request, pk, "practices.manage_practice")
    decision_form = DecisionForm(request.POST if request.POST.get("action") == "decide" else None)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "transition":
                workflow.transition(
                    practice, request.POST.get("to", ""), request.user, request.POST.get("note", "")
                )
                messages.success(request, _("The practice's state was changed."))
            elif action == "assign":
                expert = _expert_from_post(request.POST)
                review.assign(practice, expert, request.user)
                messages.success(request, _("%(name)s was invited to review.") % {"name": expert})
            elif action == "remove":
                assignment = get_object_or_404(
                    Assignment, pk=request.POST.get("assignment"), practice=practice
                )
                review.remove(assignment, request.user)
            elif action == "decide" and decision_form.is_valid():
                review.record_decision(
                    practice,
                    request.user,
                    decision_form.cleaned_data["decision"],
                    decision_form.cleaned_data["reasons"],
                )
                messages.success(request, _("The decision was recorded."))
            if action != "decide" or decision_form.is_valid():
                return redirect("practices:manage", practice.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            if action == "decide":
                _errors_into_form(decision_form, error)
    assignments = practice.assignments.select_related("expert", "expert__country").prefetch_related(
        "reviews"
    )
    return render(
        request,
        "practices/manage.html",
        {
            "practice": practice,
            "targets": workflow.allowed_targets(practice, request.user),
            "assignments": assignments,
            "panel_problems": review.panel_problems(practice),
            "suggestions": suggest_reviewers(practice)
            if practice.state in (State.SCREENING, State.IN_REVIEW)
            else [],
            "outcome": review.outcome(practice) if practice.state == State.IN_REVIEW else None,
            "warnings": criteria.check(practice).warnings if practice.state != State.DRAFT else [],
            "decision_form": decision_form,
            "transitions": practice.transitions.select_related("by"),
        },
    )


def _expert_from_post(data):
    if data.get("expert"):
        return get_object_or_404(Expert, pk=data["expert"])
    email = (data.get("email") or "").strip().lower()
    expert = Expert.objects.filter(user__email=email).first()
    if expert is None:
        raise ValidationError(_("No expert on the roster has that email address."))
    return expert


# --- reviewers --------------------------------------------------------------------------------


@login_required
def my_reviews(request):
    assignments = (
        Assignment.objects.filter(expert__user=request.user)
        .exclude(status=Assignment.Status.REMOVED)
        .select_related("practice")
        .order_by("due_date")
    )
    return render(request, "practices/my_reviews.html", {"assignments": assignments})


@login_required
def review_practice(request, pk):
    practice = get_object_or_404(Practice.objects.select_related("organization"), pk=pk)
    assignment = review.assignment_for(practice, request.user)
    if assignment is None:
        raise PermissionDenied
    if assignment.status == Assignment.Status.INVITED:
        form = DeclarationForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                review.declare(
                    practice,
                    request.user,
                    form.cleaned_data["has_conflict"] == "yes",
                    form.cleaned_data["conflict_note"],
                )
            except ValidationError as error:
                _errors_into_form(form, error)
            else:
                return redirect("practices:review", practice.pk)
        return render(
            request,
            "practices/declare.html",
            {
                "practice": practice,
                "form": form,
                "assignment": assignment,
                "countries": practice.countries.all(),
            },
        )
    if assignment.status != Assignment.Status.ACTIVE:
        raise PermissionDenied
    done = assignment.reviews.filter(round=practice.review_round).first()
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review.submit_review(practice, request.user, form.cleaned_data)
        except ValidationError as error:
            _errors_into_form(form, error)
        else:
            messages.success(request, _("Thank you: your review was recorded."))
            return redirect("practices:review", practice.pk)
    return render(
        request,
        "practices/review.html",
        {
            "practice": practice,
            "form": form,
            "done": done,
            "assignment": assignment,
            "objectives": practice.objectives.all(),
            "principles": practice.principles.all(),
            "countries": practice.countries.all(),
            "attachments": practice.attachments.filter(removed=False),
            "can_review": request.user.has_perm("practices.review_practice", practice),
        },
    )


# --- the roster ---------------------------------------------------------------------------------


def experts(request):
    manage_roster = request.user.has_perm("practices.manage_roster")
    queryset = Expert.objects.select_related("country", "region", "organization").prefetch_related(
        "objectives"
    )
    if not manage_roster:
        queryset = queryset.filter(status=Expert.Status.APPROVED, public_profile=True)
    status = request.GET.get("status", "")
    if manage_roster and status:
        queryset = queryset.filter(status=status)
    paginator = Paginator(queryset, 50)
    return render(
        request,
        "practices/experts.html",
        {
            "page": paginator.get_page(request.GET.get("page")),
            "manage_roster": manage_roster,
            "balance": roster.balance() if manage_roster else None,
            "statuses": Expert.Status.choices,
            "status": status,
        },
    )


def expert_detail(request, pk):
    expert = get_object_or_404(Expert.objects.select_related("country", "organization"), pk=pk)
    is_self = request.user.is_authenticated and expert.user_id == request.user.pk
    manage_roster = request.user.has_perm("practices.manage_roster")
    public = expert.status == Expert.Status.APPROVED and expert.public_profile
    if not (public or is_self or manage_roster):
        raise Http404
    if request.method == "POST" and manage_roster:
        try:
            roster.set_status(expert, request.POST.get("status", ""), request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The expert's status was changed."))
        return redirect(expert)
    return render(
        request,
        "practices/expert.html",
        {
            "expert": expert,
            "is_self": is_self,
            "manage_roster": manage_roster,
            "statuses": Expert.Status.choices,
            "history": history_entries(expert) if manage_roster else None,
        },
    )


def _over_application_limit(request) -> bool:
    """Counts application attempts without an account from this address (one hour window)."""
    key = f"practices:expert-apply:{request.META.get('REMOTE_ADDR', '')}"
    cache.add(key, 0, 3600)
    try:
        attempts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
        attempts = 1
    return attempts > ANONYMOUS_APPLICATIONS_PER_HOUR


def expert_form(request, pk=None, add=False):
    """Apply to the roster (with or without an account), edit a profile, or (secretariat) add
    an expert."""
    anonymous = not request.user.is_authenticated
    if anonymous and (pk is not None or add):
        return redirect_to_login(request.get_full_path())
    expert = None
    if pk is not None:
        expert = get_object_or_404(Expert, pk=pk)
        if not (request.user.is_secretariat or expert.user_id == request.user.pk):
            raise PermissionDenied
    if add and not request.user.has_perm("practices.manage_roster"):
        raise PermissionDenied
    if add:
        form_class = AddExpertForm
    elif anonymous:
        form_class = ExpertApplicationForm
    else:
        form_class = ExpertForm
    locked = roster.locked_fields(expert, request.user) if expert is not None else ()
    form = form_class(request.POST or None, instance=expert, locked=locked)
    if request.method == "POST" and anonymous and _over_application_limit(request):
        form.is_valid()
        form.add_error(None, _("Too many applications from this address. Try again in an hour."))
    elif request.method == "POST" and form.is_valid():
        data, objectives = form.values()
        try:
            if add:
                email = data.pop("email")
                expert = roster.add(request.user, email, data, objectives)
            elif expert is not None:
                expert = roster.update(expert, request.user, data, objectives)
            elif anonymous:
                email = data.pop("email")
                roster.apply_without_account(email, data, objectives, get_language() or "")
            else:
                expert = roster.apply(request.user, data, objectives)
        except ValidationError as error:
            _errors_into_form(form, error)
        else:
            if anonymous:
                messages.success(
                    request,
                    _(
                        "Thank you: your application was received. The secretariat will consider "
                        "it and write to you."
                    ),
                )
                return redirect("practices:experts")
            messages.success(request, _("The profile was saved."))
            return redirect(expert)
    elif request.method == "GET" and expert is None and not add and not anonymous:
        form.initial.setdefault("name", request.user.full_name)
    return render(
        request,
        "practices/expert_form.html",
        {"form": form, "add": add, "expert": expert, "anonymous": anonymous},
    )


# --- calls ----------------------------------------------------------------------------------


def calls(request):
    return render(
        request,
        "practices/calls.html",
        {
            "calls": Call.objects.select_related("objective"),
            "today": timezone.localdate(),
            "can_open": request.user.has_perm("practices.open_call"),
        },
    )


def call_detail(request, pk):
    call = get_object_or_404(Call.objects.select_related("objective"), pk=pk)
    practices = search.with_card_data(search.published().filter(call=call))
    return render(
        request,
        "practices/call.html",
        {
            "call": call,
            "cards": search.card_list(practices),
            "is_open": call.deadline >= timezone.localdate(),
        },
    )


@login_required
def call_new(request):
    if not request.user.has_perm("practices.open_call"):
        raise PermissionDenied
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            call = form.save(commit=False)
            call.opened_by = request.user
            call._history_user = request.user
            call.save()
        return redirect(call)
    return render(request, "practices/call_form.html", {"form": form})


def reverse_index():
    return reverse("practices:index")
