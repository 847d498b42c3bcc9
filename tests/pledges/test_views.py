import io
from datetime import timedelta

import pytest
from django.utils import timezone
from docx import Document
from openpyxl import load_workbook

from gcmhub.pledges import services
from tests.factories import FocalPointFactory, SecretariatFactory, country
from tests.pledges.factories import FORUM, at, first_id, make_pledge, report_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported():
    today = timezone.localdate()
    pledge = make_pledge(announced_on=today - timedelta(days=60), title="Centres for returnees")
    services.file_report(pledge, report_data(pledge, 3, on=today - timedelta(days=5)), by=None)
    return pledge


def test_index_lists_and_filters(client, reported):
    make_pledge(title="Remittance costs down", pledge_type="policy")
    page = client.get("/en/pledges/").content.decode()
    assert "Centres for returnees" in page
    assert "Remittance costs down" in page
    filtered = client.get("/en/pledges/?type=policy").content.decode()
    assert "Remittance costs down" in filtered
    assert "Centres for returnees" not in filtered


def test_detail_shows_targets_timeline_and_matches(client, reported):
    matching = make_pledge(form="matching", matches=reported, title="Matching centres")
    page = client.get(reported.get_absolute_url()).content.decode()
    assert "Centres open" in page
    assert "75 %" in page
    assert "Work went ahead." in page
    assert matching.public_id in page
    other = client.get(matching.get_absolute_url()).content.decode()
    assert reported.public_id in other


def test_dashboard_shows_counts_tables_and_local_plotly(client, reported):
    page = client.get("/en/pledges/dashboard/").content.decode()
    assert "/static/vendor/plotly.min.js" in page
    assert 'id="table-objective"' in page
    assert 'id="kpi-recent">100.0 %' in page


def test_objective_and_country_pages_list_pledges(client, reported):
    objective = client.get("/en/framework/objectives/21/").content.decode()
    assert reported.public_id in objective
    assert client.get("/en/framework/objectives/1/").content.decode().count(reported.public_id) == 0
    country_page = client.get(country("MEX").get_absolute_url()).content.decode()
    assert reported.public_id in country_page


def test_exports_csv_json_xlsx(client, reported):
    make_pledge(title="Other", pledge_type="policy")
    csv_text = client.get("/en/pledges/export.csv?type=process").content.decode("utf-8-sig")
    assert csv_text.splitlines()[0].startswith("public_id,title")
    assert len(csv_text.splitlines()) == 2
    data = client.get("/en/pledges/export.json").json()
    assert {row["title"] for row in data} == {"Centres for returnees", "Other"}
    workbook = load_workbook(io.BytesIO(client.get("/en/pledges/export.xlsx").content))
    assert workbook.active.max_row == 3
    assert client.get("/en/pledges/export.exe").status_code == 404


def test_period_report_page_and_docx(client, reported):
    today = timezone.localdate()
    params = f"start={(today - timedelta(days=30)).isoformat()}&end={today.isoformat()}"
    page = client.get(f"/en/pledges/report/?{params}").content.decode()
    assert reported.public_id in page
    assert "Centres open" in page
    response = client.get(f"/en/pledges/report/document.docx?{params}")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    text = "\n".join(
        cell.text
        for table in Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    )
    assert reported.public_id in text
    assert "Centres open: 3.00 of 4.00 centres" in text


def test_monitoring_shows_overdue_and_silent_to_secretariat_only(client):
    today = timezone.localdate()
    old = make_pledge(
        **at(today - timedelta(days=800)),
        targets=[{"indicator": "Law adopted", "due_date": today - timedelta(days=10)}],
        title="Old and quiet",
    )
    client.force_login(FocalPointFactory())
    assert client.get("/en/pledges/monitoring/").status_code == 403
    client.force_login(SecretariatFactory())
    page = client.get("/en/pledges/monitoring/").content.decode()
    assert page.count(old.public_id) >= 2  # overdue and silent


def test_web_create_with_warnings_needs_acceptance(client):
    client.force_login(FocalPointFactory())
    post = {
        "contact_name": "Ana",
        "contact_email": "ana@example.org",
        "title": "Support",
        "description": "We reaffirm our commitment to promote dialogue. " * 8,
        "pledge_type": "process",
        "form": "individual",
        "objectives": ["21"],
        "level": "national",
        "forum_year": str(FORUM),
        "announced_on": timezone.localdate().isoformat(),
        "targets-TOTAL_FORMS": "1",
        "targets-INITIAL_FORMS": "0",
        "participants-TOTAL_FORMS": "0",
        "participants-INITIAL_FORMS": "0",
    }
    first = client.post("/en/pledges/new/", post)
    assert first.status_code == 200
    assert "There is no target" in first.content.decode()
    second = client.post("/en/pledges/new/", {**post, "accept_warnings": "on"})
    assert second.status_code == 302
    client.force_login(SecretariatFactory())
    monitoring = client.get("/en/pledges/monitoring/").content.decode()
    assert first_id() in monitoring


def test_history_shown_to_entity(client):
    user = FocalPointFactory(country=country("MEX"))
    pledge = make_pledge(by=user)
    services.update_pledge(pledge, {"title": "Renamed pledge"}, by=user)
    client.force_login(user)
    page = client.get(pledge.get_absolute_url()).content.decode()
    assert "Change history" in page
    assert "Renamed pledge" in page
    client.logout()
    assert "Change history" not in client.get(pledge.get_absolute_url()).content.decode()


def test_dashboard_cache_follows_every_write(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = make_pledge()
    assert 'id="kpi-total">1<' in client.get("/en/pledges/dashboard/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        make_pledge()
    assert 'id="kpi-total">2<' in client.get("/en/pledges/dashboard/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        services.withdraw_pledge(first, "Stopped.", by=None)
    page = client.get("/en/pledges/dashboard/").content.decode()
    assert 'id="kpi-total">2<' in page
    assert client.get("/api/v1/pledges/dashboard/").json()["totals"]["withdrawn"] == 1
