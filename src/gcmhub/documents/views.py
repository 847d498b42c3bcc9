from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from gcmhub.core.files import file_response
from gcmhub.core.history import history_entries
from gcmhub.documents import ingestion, queries, tagging, workflow
from gcmhub.documents.forms import TagReviewForm, UploadForm
from gcmhub.documents.models import LANGUAGES, Document, Kind, Paragraph
from gcmhub.documents.search import query_from_params, search
from gcmhub.framework.models import Country, GuidingPrinciple, Objective, Region


def _document_for(request, pk) -> Document:
    document = get_object_or_404(queries.visible_documents(request.user), pk=pk)
    if not request.user.has_perm("documents.view_document", document):
        raise PermissionDenied
    return document


def index(request):
    documents = queries.visible_documents(request.user).filter(is_current=True)
    kind = request.GET.get("kind", "")
    if kind in Kind.values:
        documents = documents.filter(kind=kind)
    page = Paginator(documents.order_by("-date", "-pk"), 30).get_page(request.GET.get("page"))
    mine = []
    if request.user.is_authenticated:
        mine = list(Document.objects.filter(uploaded_by=request.user).order_by("-uploaded_at")[:10])
    return render(
        request,
        "documents/index.html",
        {"page": page, "kinds": Kind.choices, "kind": kind, "mine": mine},
    )


@login_required
def upload(request):
    if not request.user.has_perm("documents.add_document"):
        raise PermissionDenied
    form = UploadForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        initial={"version_of": request.GET.get("version_of", "")},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = ingestion.submit(
                data["file"],
                by=request.user,
                title=data["title"],
                kind=data["kind"],
                country=data["country"],
                region=data["region"],
                organization=data["organization"],
                date=data["date"],
                language=data["language"],
                source_url=data["source_url"],
                on_duplicate=data["on_duplicate"],
                version_of=data["version_of"],
            )
        except ValidationError as exc:
            form.add_error("file", exc)
        except PermissionDenied as exc:
            form.add_error("version_of" if data["version_of"] else "file", str(exc))
            status = 403
        else:
            messages.success(request, _("The document was uploaded."))
            return redirect(document)
    if form.errors and status == 200:
        status = 400
    return render(request, "documents/upload.html", {"form": form}, status=status)


def original(request, pk):
    """The uploaded file itself, for those who may see the document."""
    document = _document_for(request, pk)
    return file_response(document.file, document.file_name or None)


def detail(request, pk):
    document = _document_for(request, pk)
    user = request.user
    versions = (
        list(queries.versions_of(document))
        if document.first_version_id or document.later_versions.exists()
        else []
    )
    context = {
        "document": document,
        "paragraphs": queries.paragraphs_with_details(document),
        "versions": versions,
        "current": next((v for v in versions if v.is_current), None),
        "can_publish": user.has_perm("documents.publish_document", document),
        "can_withdraw": user.has_perm("documents.withdraw_document", document),
        "can_add_version": user.has_perm("documents.add_document")
        and user.has_perm("documents.add_version", document.first_version or document),
        "can_review": user.has_perm("documents.review_tags", document),
        "history": history_entries(document)
        if user.has_perm("documents.view_history", document)
        else None,
    }
    return render(request, "documents/detail.html", context)


@require_POST
def publish(request, pk):
    document = _document_for(request, pk)
    try:
        workflow.publish(document, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The document is published."))
    return redirect(document)


@require_POST
def withdraw(request, pk):
    document = _document_for(request, pk)
    workflow.withdraw(document, by=request.user)
    messages.success(request, _("The document was withdrawn."))
    return redirect(document)


@login_required
def review_tags(request, pk):
    paragraph = get_object_or_404(Paragraph.objects.select_related("document"), pk=pk)
    document = _document_for(request, paragraph.document_id)
    if not request.user.has_perm("documents.review_tags", document):
        raise PermissionDenied
    tags = list(paragraph.tags.select_related("objective", "principle"))
    initial = {
        "objectives": [t.objective for t in tags if t.objective_id],
        "principles": [t.principle for t in tags if t.principle_id],
    }
    form = TagReviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        tagging.review(
            paragraph,
            objectives=[o.number for o in form.cleaned_data["objectives"]],
            principles=[p.slug for p in form.cleaned_data["principles"]],
            note=form.cleaned_data["note"],
            by=request.user,
        )
        messages.success(request, _("The tags were saved."))
        return redirect(paragraph.get_absolute_url())
    return render(
        request,
        "documents/review.html",
        {"paragraph": paragraph, "document": document, "form": form},
        status=400 if form.errors else 200,
    )


def search_page(request):
    results = None
    error = ""
    if request.GET.get("q"):
        try:
            results = search(query_from_params(request.GET))
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            kinds = dict(Kind.choices)
            for hit in results.hits:
                hit.kind_label = kinds.get(hit.kind, hit.kind)
    facets = _facet_links(request.GET, results.facets if results else {})
    active = [
        {
            "key": key,
            "value": value,
            "title": FACET_TITLES[key],
            "label": _filter_label(key, value),
            "url": _with(request.GET, key, None),
        }
        for key, value in request.GET.items()
        if key in FACET_KEYS and value
    ]
    return render(
        request,
        "documents/search.html",
        {
            "results": results,
            "error": error,
            "q": request.GET.get("q", ""),
            "facets": facets,
            "active": active,
        },
    )


FACET_TITLES = {
    "objective": _lazy("Objective"),
    "principle": _lazy("Guiding principle"),
    "kind": _lazy("Kind"),
    "country": _lazy("Country"),
    "region": _lazy("Region"),
    "language": _lazy("Language"),
    "year": _lazy("Year"),
}
FACET_KEYS = tuple(FACET_TITLES)


def _filter_label(key, value) -> str:
    """A chosen filter as people read it, in the page's language."""
    if key == "kind":
        return str(dict(Kind.choices).get(value, value))
    if key == "language":
        return dict(LANGUAGES).get(value, value)
    if key == "principle":
        principle = GuidingPrinciple.objects.filter(slug=value).first()
        return principle.localized("name", get_language())[0] if principle else value
    if key == "country":
        country = Country.objects.filter(iso3=value.upper()).first()
        return str(country) if country else value
    if key == "region":
        region = Region.objects.filter(m49=value).first()
        return str(region) if region else value
    return value


def _with(params, key, value) -> str:
    query = params.copy()
    query.pop("offset", None)
    if value is None:
        query.pop(key, None)
    else:
        query[key] = value
    return "?" + query.urlencode()


def _facet_links(params, facets) -> list[dict]:
    kinds = dict(Kind.choices)
    languages = dict(LANGUAGES)
    groups = []
    for key, title in FACET_TITLES.items():
        items = []
        for item in facets.get(key, [])[:12]:
            label = item["label"]
            if key == "kind":
                label = kinds.get(label, label)
            elif key == "language":
                label = languages.get(label, label)
            elif key == "objective":
                label = f"{item['value']}. {label}"
            items.append(
                {
                    "label": label,
                    "fallback": item.get("fallback", False),
                    "count": item["count"],
                    "url": _with(params, key, item["value"]),
                    "selected": str(params.get(key, "")) == str(item["value"]),
                }
            )
        if items:
            groups.append({"key": key, "title": title, "items": items})
    return groups


def objective_commitments(request, number):
    objective = get_object_or_404(Objective, number=number)
    return render(
        request,
        "documents/commitments.html",
        {"objective": objective, "commitments": queries.commitments_for_objective(objective)},
    )
