"""The whole review cycle of a practice in a real browser."""

import re

from gcmhub.practices.models import Expert, Practice, State
from tests.factories import SecretariatFactory, StakeholderFactory
from tests.practices.factories import PDF, make_expert


def _as(page, login, user):
    page.context.clear_cookies()
    login(user)


def _download(page, link_name):
    """Fetch a link's target with the page's cookies: (status, body)."""
    href = page.get_by_role("link", name=link_name).first.get_attribute("href")
    assert not href.startswith("/media/")
    response = page.request.get(href)
    return response.status, response.body()


def _review(page, practice_id, recommendation, check_attachment=False):
    page.goto("/en/practices/reviews/")
    page.locator(f"a[href='/en/practices/{practice_id}/review/']").click()
    # Wait for the review page itself: either the conflict declaration or the review form.
    page.wait_for_url(f"**/en/practices/{practice_id}/review/")
    heading = page.get_by_role("heading", level=1)
    heading.wait_for()
    if heading.inner_text().startswith("Declare any conflict of interest"):
        page.get_by_label("I have no conflict of interest with this practice").check()
        page.get_by_role("button", name="Send declaration").click()
        page.get_by_role("heading", name=re.compile(r"^Review: ")).wait_for()
    if check_attachment:
        assert _download(page, "results.pdf") == (200, PDF)
    for name in (
        "relevance",
        "principles",
        "evidence",
        "innovation",
        "replicability",
        "sustainability",
    ):
        page.locator(f"#id_{name}").select_option("4")
    page.get_by_label(recommendation, exact=True).check()
    page.locator("#id_comments").fill(f"{recommendation}: the results section is the key part.")
    page.get_by_role("button", name="Submit review").click()
    page.get_by_text("Thank you: your review was recorded.").wait_for()


def _decide(page, practice_id, decision, reasons):
    page.goto(f"/en/practices/{practice_id}/manage/")
    page.get_by_label(decision, exact=True).check()
    page.locator("#id_reasons").fill(reasons)
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("The decision was recorded.").wait_for()


def test_practice_full_review_cycle(page, login, monkeypatch):
    from gcmhub.practices import tagging

    # The real classifier takes seconds to load; the seam then shows no suggestions.
    monkeypatch.setattr(tagging, "CLASSIFIER_MODULE", "gcmhub.practices.no_classifier_here")
    secretariat = SecretariatFactory()
    submitter = StakeholderFactory()
    experts = [
        make_expert(is_un=True, objectives=(16,), country="CHE", gender="man", name="Una Internal"),
        make_expert(objectives=(16,), country="SEN", gender="woman", name="Ext One"),
        make_expert(objectives=(16, 15), country="BRA", gender="man", name="Ext Two"),
    ]

    # A stakeholder submits.
    _as(page, login, submitter)
    page.goto("/en/practices/new/")
    page.locator("#id_title").fill("Library cards for every newcomer")
    page.locator("#id_summary").fill("Public libraries give newcomers a card and a guided visit.")
    page.locator("#id_description").fill(
        "Librarians of the LPL welcome new residents in their language."
    )
    page.locator("#id_primary_objective").select_option(label="16. Inclusion and social cohesion")
    page.locator("#id_scope").select_option("local")
    page.locator("#id_countries").select_option(label="Kenya")
    page.locator("#id_implementing_entity").fill("Lakeside Public Libraries")
    page.locator("#id_start_date").fill("2020-02-01")
    page.locator("#id_implementation_status").select_option("completed")
    page.locator("#id_results").fill("Card holders doubled among new residents.")
    page.locator("#id_contact_name").fill("Robin Reader")
    page.locator("#id_contact_email").fill("robin@example.org")
    page.locator("#id_attachments").set_input_files(
        files=[{"name": "results.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_role("button", name="Submit for review").click()
    page.get_by_text("your practice was submitted for review").wait_for()
    # The acronym warning does not block the submission, and is not lost either.
    page.get_by_text("The acronym “LPL” is used without being spelled out").wait_for()
    practice = Practice.objects.get(title="Library cards for every newcomer")
    assert practice.state == State.SUBMITTED
    assert _download(page, "results.pdf") == (200, PDF)

    # The secretariat screens and assigns from the suggestions.
    _as(page, login, secretariat)
    page.goto("/en/practices/manage/")
    page.get_by_role("link", name="Library cards for every newcomer").click()
    page.get_by_role("button", name="Screening").click()
    page.get_by_text("The practice's state was changed.").wait_for()
    for expert in experts:
        page.get_by_role("button", name=f"Assign {expert.name}").click()
        page.get_by_text(f"{expert.name} was invited to review.").wait_for()
    page.get_by_role("button", name="In review").click()
    page.get_by_text("The practice's state was changed.").wait_for()

    # Three reviewers declare no conflict (then see the attachment) and ask for changes.
    for expert in experts:
        _as(page, login, expert.user)
        _review(page, practice.pk, "Revise", check_attachment=True)
    _as(page, login, secretariat)
    _decide(page, practice.pk, "Revise", "Add figures to the results.")

    # The submitter revises and resubmits; reviewer names stay hidden.
    _as(page, login, submitter)
    page.goto(f"/en/practices/{practice.pk}/")
    assert page.get_by_text("Reviewer 1").count() == 1
    assert page.get_by_text("Una Internal").count() == 0
    page.get_by_role("link", name="Revise and resubmit").click()
    page.locator("#id_results").fill("Card holders rose from 800 to 1,700 in two years.")
    page.get_by_role("button", name="Resubmit for review").click()
    page.get_by_text("your practice was submitted for review").wait_for()

    # The reviewers approve the revised version and the secretariat publishes it.
    for expert in experts:
        _as(page, login, expert.user)
        _review(page, practice.pk, "Approve")
    _as(page, login, secretariat)
    _decide(page, practice.pk, "Approve", "All reviewers approve the revised version.")
    practice.refresh_from_db()
    assert (practice.state, practice.review_round) == (State.APPROVED, 2)

    # Anyone finds it in the repository and on its objective page.
    page.context.clear_cookies()
    page.goto("/en/practices/?q=library")
    page.get_by_role("link", name="Library cards for every newcomer").first.wait_for()
    page.goto("/en/framework/objectives/16/")
    link = page.get_by_role("link", name="Library cards for every newcomer")
    assert link.count() == 1
    link.click()
    page.wait_for_url(re.compile(rf"/en/practices/{practice.pk}/$"))
    assert page.get_by_text("How to cite").count() == 1
    assert _download(page, "results.pdf") == (200, PDF)


def test_visitor_applies_to_the_roster_and_gets_an_account(page, login):
    from django.core import mail

    secretariat = SecretariatFactory()

    # A visitor without an account applies.
    page.goto("/en/practices/experts/")
    page.get_by_role("link", name="Apply to join the roster").click()
    page.locator("#id_name").fill("Vera Visitor")
    page.locator("#id_email").fill("vera.visitor@example.org")
    page.locator("#id_country").select_option(label="Peru")
    page.locator("#id_gender").select_option("woman")
    page.locator("#id_years_experience").fill("12")
    page.locator("input[name=objectives]").first.check()
    page.locator("input[name=language_choices][value=es]").check()
    page.get_by_role("button", name="Save").click()
    page.get_by_text("Thank you: your application was received.").wait_for()
    expert = Expert.objects.get(email="vera.visitor@example.org")
    assert (expert.status, expert.user) == (Expert.Status.APPLIED, None)

    # The secretariat approves it.
    _as(page, login, secretariat)
    page.goto("/en/practices/experts/?status=applied")
    page.get_by_role("link", name="Vera Visitor").click()
    page.locator("#expert-status").select_option("approved")
    page.get_by_role("button", name="Save status").click()
    page.get_by_text("The expert's status was changed.").wait_for()

    # The email's link lets her choose a password; she logs in as an external reviewer.
    [message] = [m for m in mail.outbox if m.to == ["vera.visitor@example.org"]]
    path = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)
    page.context.clear_cookies()
    page.goto(path)
    page.locator("#id_new_password1").fill("violet-harbour-2931")
    page.locator("#id_new_password2").fill("violet-harbour-2931")
    page.get_by_role("button", name="Save the new password").click()
    page.wait_for_url("**/reset/done/")
    expert.refresh_from_db()
    login(expert.user, "violet-harbour-2931")
    page.goto("/en/practices/reviews/")
    assert page.get_by_role("heading", level=1).inner_text() == "My reviews"
    assert expert.user.role == "external_reviewer"
