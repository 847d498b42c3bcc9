"""A focal point makes a pledge well with the guidance, a partner confirms its part through the
emailed link (no account needed), progress is reported twice, and the dashboard, the objective
page and the progress report reflect it."""

import io
import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from docx import Document

from tests.factories import FocalPointFactory, country
from tests.pledges.factories import FORUM, first_id

WEAK = (
    "We reaffirm our commitment to the Global Compact and will strive to promote safe, orderly "
    "and regular migration in the region, and we encourage all partners to advance its "
    "objectives together with us. We remain committed to dialogue and hope to contribute to the "
    "shared effort over the years ahead, with all the actors concerned."
)
CONCRETE = (
    "We will open four one-stop centres where returning migrant workers register for social "
    "protection, have their skills recognised and get advice on finding work. The centres will "
    "be staffed jointly by the labour and social ministries, and Kenya will train the staff of "
    "two of them. We will publish each year how many people every centre served."
)


def _logout(page):
    with page.expect_navigation():
        page.get_by_role("button", name="Log out").click()


def test_pledge_journey(page, login, live_server, settings):
    settings.GCMHUB_BASE_URL = live_server.url
    focal = FocalPointFactory(country=country("MEX"), email="focal@mx.example")
    today = timezone.localdate()
    pledge_id = first_id(FORUM)

    login(focal)
    page.goto("/en/pledges/new/")
    page.locator("#id_title").fill("One-stop centres for returning migrants")
    page.locator("#id_description").fill(WEAK)
    page.locator("#id_pledge_type").select_option("process")
    page.locator("#id_form").select_option("partnership")
    page.locator("input[name=objectives][value='21']").check()
    page.locator("#id_level").select_option("national")
    page.locator("#id_forum_year").select_option(str(FORUM))
    page.locator("#id_participants-0-name").fill("Kenya")
    page.locator("#id_participants-0-email").fill("partner@ke.example")
    page.locator("#id_participants-0-country").select_option("KEN")
    page.locator("#id_participants-0-part").fill("Trains the staff of two centres.")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the pledge").click()

    guidance = page.locator("#guidance")
    assert "There is no target" in guidance.inner_text()
    assert "names no action" in guidance.inner_text() or "intentions" in guidance.inner_text()

    page.locator("#id_description").fill(CONCRETE)
    page.locator("#id_targets-0-indicator").fill("One-stop centres open")
    page.locator("#id_targets-0-baseline").fill("0")
    page.locator("#id_targets-0-target_value").fill("4")
    page.locator("#id_targets-0-unit").fill("centres")
    page.locator("#id_targets-0-due_date").fill((today + timedelta(days=500)).isoformat())
    with page.expect_navigation():
        page.get_by_role("button", name="Submit the pledge").click()
    heading = page.locator("h1").inner_text()
    assert pledge_id in heading
    pledge_url = page.url
    _logout(page)

    # The partner has no account: it answers through the link in its invitation email.
    invitation = next(m for m in mail.outbox if m.to == ["partner@ke.example"])
    link = re.search(rf"{re.escape(live_server.url)}/\S+/invitation/\S+/", invitation.body)
    page.goto(link.group(0))
    assert "Trains the staff of two centres." in page.locator("article").inner_text()
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm our part").click()
    assert "Confirmed" in page.locator(".participant-status").inner_text()
    page.goto(pledge_url)
    assert "Confirmed" in page.locator(".participant").inner_text()

    login(focal)
    for value, status in (("2", "in_progress"), ("4", "completed")):
        page.goto(pledge_url)
        page.get_by_role("link", name="File a progress report").click()
        page.locator("#id_status").select_option(status)
        page.get_by_label("One-stop centres open: value reached (centres)", exact=False).fill(value)
        page.locator("#id_narrative").fill(f"{value} centres are open.")
        with page.expect_navigation():
            page.get_by_role("button", name="File the report").click()
    assert page.locator(".timeline .report").count() == 2
    assert "Completed" in page.locator("article.pledge").inner_text()

    page.goto("/en/pledges/dashboard/")
    assert page.locator("#kpi-total").inner_text() == "1"
    objective_row = page.locator("#table-objective tr", has_text="21.")
    assert objective_row.locator("td").inner_text() == "1"

    page.goto("/en/framework/objectives/21/")
    assert pledge_id in page.locator("#pledges-panel-title").locator("..").inner_text()

    start = (today - timedelta(days=30)).isoformat()
    page.goto(f"/en/pledges/report/?start={start}&end={today.isoformat()}")
    assert pledge_id in page.content()
    response = page.request.get(
        f"/en/pledges/report/document.docx?start={start}&end={today.isoformat()}"
    )
    document = Document(io.BytesIO(response.body()))
    cells = " ".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert pledge_id in cells
    assert "4.00 of 4.00 centres" in cells
