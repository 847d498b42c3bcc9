import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gcmhub.practices.models import Attachment, Call, Practice, State
from tests.factories import SecretariatFactory, StakeholderFactory
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _form(**overrides):
    data = {
        "title": "Mobile legal clinics for seasonal workers",
        "summary": "Lawyers visit farms to advise workers on contracts.",
        "description": "Run with the Farmworkers Legal Network (FLN).",
        "primary_objective": "6",
        "objectives": ["16"],
        "scope": "national",
        "countries": [],
        "implementing_entity": "Farmworkers Legal Network",
        "start_date": "2019-05-01",
        "implementation_status": "completed",
        "results": "1,200 workers advised; wage claims recovered.",
        "contact_name": "Sam Lee",
        "contact_email": "sam@example.org",
        "language": "en",
        "target_groups": ["migrant_workers"],
    }
    data.update(overrides)
    return data


def _country_id(iso3):
    from gcmhub.framework.models import Country

    return str(Country.objects.get(iso3=iso3).pk)


def test_submit_form_creates_submitted_practice(client):
    user = StakeholderFactory()
    client.force_login(user)
    response = client.post("/en/practices/new/", _form(countries=[_country_id("ESP")], submit="1"))
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert practice.state == State.SUBMITTED
    assert sorted(practice.objectives.values_list("number", flat=True)) == [6, 16]
    assert practice.regions.filter(name="Europe").exists()
    assert list(practice.target_groups.values_list("group", flat=True)) == ["migrant_workers"]


def test_save_draft_allows_incomplete_practice(client):
    client.force_login(StakeholderFactory())
    response = client.post(
        "/en/practices/new/", {"title": "Half written", "language": "en", "save": "1"}
    )
    assert response.status_code == 302
    practice = Practice.objects.get()
    assert practice.state == State.DRAFT
    page = client.get(f"/en/practices/{practice.pk}/edit/").content.decode()
    assert "Choose at least one GCM objective" in page


def test_submit_without_objectives_shows_error_and_saves_nothing(client):
    client.force_login(StakeholderFactory())
    response = client.post(
        "/en/practices/new/",
        _form(primary_objective="", objectives=[], countries=[_country_id("ESP")], submit="1"),
    )
    assert response.status_code == 200
    assert "Choose at least one GCM objective" in response.content.decode()
    assert not Practice.objects.exists()


def test_acronym_warning_does_not_block(client):
    client.force_login(StakeholderFactory())
    client.post(
        "/en/practices/new/",
        _form(description="The NGO works with IOM.", countries=[_country_id("ESP")], save="1"),
    )
    practice = Practice.objects.get()
    page = client.get(f"/en/practices/{practice.pk}/edit/").content.decode()
    assert "“IOM”" in page
    assert "“NGO”" in page
    client.post(
        f"/en/practices/{practice.pk}/edit/",
        _form(description="The NGO works with IOM.", countries=[_country_id("ESP")], submit="1"),
    )
    assert Practice.objects.get().state == State.SUBMITTED


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.exe", b"MZ\x90\x00", "are not accepted"),
        ("fake.pdf", b"not a pdf at all", "is not PDF"),
    ],
)
def test_bad_attachment_is_refused_and_nothing_saved(client, name, content, message):
    client.force_login(StakeholderFactory())
    upload = SimpleUploadedFile(name, content)
    response = client.post(
        "/en/practices/new/",
        {**_form(countries=[_country_id("ESP")]), "attachments": upload, "save": "1"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Practice.objects.exists()
    assert not Attachment.objects.exists()


def test_oversized_attachment_is_refused(client, monkeypatch):
    monkeypatch.setattr("gcmhub.practices.submission.ATTACHMENT_MAX_BYTES", 100)
    client.force_login(StakeholderFactory())
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 200)
    response = client.post(
        "/en/practices/new/",
        {**_form(countries=[_country_id("ESP")]), "attachments": upload, "save": "1"},
    )
    assert "the limit is" in response.content.decode()
    assert not Practice.objects.exists()


def test_pdf_attachment_is_stored(client):
    client.force_login(StakeholderFactory())
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    client.post("/en/practices/new/", {**_form(), "attachments": upload, "save": "1"})
    attachment = Attachment.objects.get()
    assert attachment.name == "report.pdf"
    assert attachment.size == len(PDF)


def test_attachment_removed_is_kept_as_flag(client):
    client.force_login(StakeholderFactory())
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    client.post("/en/practices/new/", {**_form(), "attachments": upload, "save": "1"})
    attachment = Attachment.objects.get()
    url = f"/en/practices/{attachment.practice_id}/attachments/{attachment.pk}/remove/"
    client.post(url)
    attachment.refresh_from_db()
    assert attachment.removed is True
    client.force_login(StakeholderFactory())
    assert client.post(url).status_code == 403


def test_editing_submitted_practice_is_forbidden(client):
    practice = make_practice(state=State.SUBMITTED)
    client.force_login(practice.submitter)
    assert client.get(f"/en/practices/{practice.pk}/edit/").status_code == 403


def _published(count, **kwargs):
    return [
        make_practice(state=State.APPROVED, title=f"Practice {i}", **kwargs) for i in range(count)
    ]


def test_repository_filters_search_and_facets(client):
    make_practice(
        state=State.APPROVED,
        title="Digital remittance wallets",
        objectives=(20,),
        countries=("PHL",),
        description="Cheaper transfers home.",
    )
    make_practice(
        state=State.APPROVED, title="Skills passports", objectives=(18,), countries=("DEU",)
    )
    make_practice(state=State.DRAFT, title="Remittance draft", objectives=(20,))
    page = client.get("/en/practices/?q=remittance").content.decode()
    assert "Digital remittance wallets" in page
    assert "Skills passports" not in page
    assert "Remittance draft" not in page
    page = client.get("/en/practices/?objective=18&country=DEU").content.decode()
    assert "Skills passports" in page
    assert "Digital remittance" not in page
    page = client.get("/en/practices/?q=cheap").content.decode()
    assert "Digital remittance wallets" in page


def _count_queries(client, url):
    client.get(url)  # warm per-process caches (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content.decode()


def test_repository_query_count_constant(client):
    _published(1, objectives=(5, 16), countries=("KEN", "UGA"))
    url = "/en/practices/?objective=16&scope=local"
    one, page = _count_queries(client, url)
    assert page.count('class="card practice-card"') == 1
    _published(4, objectives=(5, 16), countries=("KEN", "UGA", "TZA"))
    five, page = _count_queries(client, url)
    assert page.count('class="card practice-card"') == 5
    assert one == five


def test_exports_follow_filters(client):
    make_practice(state=State.APPROVED, title="Alpha", objectives=(1,))
    make_practice(state=State.APPROVED, title="Beta", objectives=(2,))
    csv_text = b"".join(client.get("/en/practices/export.csv?objective=1").streaming_content)
    assert b"Alpha" in csv_text
    assert b"Beta" not in csv_text
    data = client.get("/en/practices/export.json?objective=2").json()
    assert [row["title"] for row in data["results"]] == ["Beta"]
    assert "contact_email" not in data["results"][0]


def test_feeds_list_new_practices(client):
    make_practice(state=State.APPROVED, title="Feed me")
    assert b"Feed me" in client.get("/en/practices/feed/").content
    atom = client.get("/en/practices/feed/atom/")
    assert b"http://www.w3.org/2005/Atom" in atom.content
    assert b"Feed me" in atom.content


def test_detail_shows_citation_and_related(client):
    practice = make_practice(state=State.APPROVED, title="Main one", objectives=(7,))
    make_practice(state=State.APPROVED, title="Sibling", objectives=(7,))
    make_practice(state=State.APPROVED, title="Stranger", objectives=(9,), countries=("BRA",))
    page = client.get(practice.get_absolute_url()).content.decode()
    assert "How to cite" in page
    assert "GCM Repository of Practices" in page
    assert "Sibling" in page
    assert "Stranger" not in page
    assert practice.contact_email not in page


def test_objective_and_country_pages_list_practices(client):
    make_practice(
        state=State.APPROVED, title="On objective seven", objectives=(7,), countries=("GHA",)
    )
    make_practice(state=State.SUBMITTED, title="Not yet", objectives=(7,), countries=("GHA",))
    page = client.get("/en/framework/objectives/7/").content.decode()
    assert "On objective seven" in page
    assert "Not yet" not in page
    page = client.get("/en/framework/countries/GHA/").content.decode()
    assert "On objective seven" in page


def test_objective_panel_query_count_constant(client):
    _published(1, objectives=(7,))
    one, page = _count_queries(client, "/en/framework/objectives/7/")
    _published(3, objectives=(7,), countries=("GHA", "NGA"))
    four, page = _count_queries(client, "/en/framework/objectives/7/")
    assert page.count('class="card practice-card"') == 4
    assert one == four


def test_calls_open_and_list_published_practices(client):
    secretariat = SecretariatFactory()
    client.force_login(secretariat)
    response = client.post(
        "/en/practices/calls/new/",
        {
            "title": "Safe return and reintegration",
            "objective": "21",
            "deadline": "2099-01-31",
            "description": "Share what helped returnees.",
        },
    )
    call = Call.objects.get()
    assert response.status_code == 302
    make_practice(state=State.APPROVED, title="Reintegration grants", call=call, objectives=(21,))
    make_practice(state=State.IN_REVIEW, title="Still reviewing", call=call, objectives=(21,))
    page = client.get(call.get_absolute_url()).content.decode()
    assert "Reintegration grants" in page
    assert "Still reviewing" not in page


def test_call_by_non_secretariat_is_forbidden(client):
    client.force_login(StakeholderFactory())
    assert client.get("/en/practices/calls/new/").status_code == 403


def test_manage_assign_by_email_and_decision_errors(client):
    from gcmhub.practices import review, submission, workflow
    from tests.practices.factories import full_panel, make_expert, review_data

    secretariat = SecretariatFactory()
    practice = make_practice()
    submission.submit(practice, practice.submitter)
    workflow.transition(practice, State.SCREENING, secretariat)
    client.force_login(secretariat)
    url = f"/en/practices/{practice.pk}/manage/"
    page = client.post(url, {"action": "assign", "email": "nobody@example.org"}, follow=True)
    assert "No expert on the roster has that email address." in page.content.decode()
    extra = make_expert(country="IND")
    client.post(url, {"action": "assign", "email": extra.user.email})
    assert practice.assignments.filter(expert=extra).exists()
    panel = full_panel(practice, secretariat)
    client.post(url, {"action": "transition", "to": "in_review"})
    practice.refresh_from_db()
    assert practice.state == State.IN_REVIEW
    review.declare(practice, extra.user, has_conflict=False)
    for assignment in [*panel]:
        review.submit_review(practice, assignment.expert.user, review_data("approve"))
    page = client.post(url, {"action": "decide", "decision": "approve", "reasons": "ok"}).content
    assert "outstanding" in page.decode()
    review.submit_review(practice, extra.user, review_data("approve"))
    client.post(url, {"action": "decide", "decision": "approve", "reasons": "All agree."})
    practice.refresh_from_db()
    assert practice.state == State.APPROVED


def test_withdraw_through_page(client):
    practice = make_practice(state=State.SUBMITTED)
    client.force_login(practice.submitter)
    client.post(f"/en/practices/{practice.pk}/withdraw/")
    practice.refresh_from_db()
    assert practice.state == State.WITHDRAWN


def test_large_result_facets_cached_until_repository_changes(monkeypatch):
    from django.http import QueryDict

    from gcmhub.practices import search

    monkeypatch.setattr(search, "IDS_INLINE_LIMIT", 0)
    search.repository_changed()  # nothing cached by earlier tests applies
    make_practice(state=State.APPROVED, objectives=(3,))
    params = QueryDict("")
    first = search.facets_for(params, search.ordered_ids(params))
    assert [item["count"] for item in first["objective"]] == [1]
    make_practice(state=State.APPROVED, objectives=(3,))
    cached = search.facets_for(params, search.ordered_ids(params))
    assert [item["count"] for item in cached["objective"]] == [1]
    search.repository_changed()
    fresh = search.facets_for(params, search.ordered_ids(params))
    assert [item["count"] for item in fresh["objective"]] == [2]


def _media_files(settings):
    from pathlib import Path

    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_failed_submit_leaves_no_file_on_disk(client, settings):
    client.force_login(StakeholderFactory())
    before = _media_files(settings)
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    response = client.post(
        "/en/practices/new/",
        {
            **_form(primary_objective="", objectives=[], countries=[_country_id("ESP")]),
            "attachments": upload,
            "submit": "1",
        },
    )
    assert response.status_code == 200
    assert "Choose at least one GCM objective" in response.content.decode()
    assert not Practice.objects.exists()
    assert not Attachment.objects.exists()
    assert _media_files(settings) == before


def test_failed_resubmit_of_a_draft_keeps_no_new_file(client, settings):
    user = StakeholderFactory()
    client.force_login(user)
    client.post("/en/practices/new/", {"title": "Half written", "language": "en", "save": "1"})
    practice = Practice.objects.get()
    before = _media_files(settings)
    upload = SimpleUploadedFile("annex.pdf", PDF, content_type="application/pdf")
    response = client.post(
        f"/en/practices/{practice.pk}/edit/",
        {"title": "Half written", "language": "en", "attachments": upload, "submit": "1"},
    )
    assert response.status_code == 200
    assert practice.attachments.count() == 0
    assert _media_files(settings) == before


def test_successful_save_keeps_its_file(client, settings):
    client.force_login(StakeholderFactory())
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    client.post("/en/practices/new/", {**_form(), "attachments": upload, "save": "1"})
    attachment = Attachment.objects.get()
    assert _media_files(settings) == [attachment.file.name]


def test_acronym_warning_shown_after_direct_submission(client):
    client.force_login(StakeholderFactory())
    response = client.post(
        "/en/practices/new/",
        _form(description="The NGO works with IOM.", countries=[_country_id("ESP")], submit="1"),
        follow=True,
    )
    practice = Practice.objects.get()
    assert practice.state == State.SUBMITTED
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == practice.get_absolute_url()
    assert "your practice was submitted for review" in page
    assert "The acronym “IOM” is used without being spelled out" in page
    assert "The acronym “NGO” is used without being spelled out" in page


def test_manage_page_shows_warnings_to_the_secretariat(client):
    practice = make_practice(description="Run by the MIO with the NGO.", state=State.SUBMITTED)
    client.force_login(SecretariatFactory())
    page = client.get(f"/en/practices/{practice.pk}/manage/").content.decode()
    assert "Points to check" in page
    assert "The acronym “NGO” is used without being spelled out" in page


def test_manage_page_without_warnings_has_no_section(client):
    practice = make_practice(state=State.SUBMITTED)
    client.force_login(SecretariatFactory())
    page = client.get(f"/en/practices/{practice.pk}/manage/").content.decode()
    assert "Points to check" not in page


def test_edit_page_title_is_plain_text(client):
    import re

    client.force_login(StakeholderFactory())
    upload = SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")
    client.post("/en/practices/new/", {**_form(), "attachments": upload, "save": "1"})
    practice = Practice.objects.get()
    page = client.get(f"/en/practices/{practice.pk}/edit/").content.decode()
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<" not in title
    assert "csrfmiddlewaretoken" not in title
    assert title.startswith("Edit practice")
    # The attached files are listed once, in the page.
    assert page.count('id="attached-title"') == 1
