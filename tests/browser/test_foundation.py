import re

from playwright.sync_api import expect

from tests.factories import FocalPointFactory


def test_home_page_in_english_leads_to_the_framework(page):
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Framework").click()
    expect(page).to_have_url(re.compile(r"/en/framework/$"))
    expect(page.get_by_role("heading", name="Objectives")).to_be_visible()


def test_home_page_in_arabic_is_right_to_left(page):
    page.goto("/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    # Logical CSS: the header tools sit at the inline end, which is the left in Arabic.
    brand = page.locator(".brand").bounding_box()
    tools = page.locator(".header-tools").bounding_box()
    assert brand["x"] > tools["x"]


def test_objective_page_shows_actions_and_keyboard_navigation(page):
    page.goto("/en/framework/objectives/20/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("remittances")
    expect(page.locator("#action-c")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()


def test_login_and_logout(page, login):
    user = FocalPointFactory()
    login(user)
    expect(page.locator(".who")).to_contain_text(user.email)
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_login_with_a_wrong_password_shows_an_error(page):
    user = FocalPointFactory()
    page.goto("/en/accounts/login/")
    page.get_by_label("Email address").fill(user.email)
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("correct email address and password")


def test_language_switcher_keeps_the_page(page):
    page.goto("/en/framework/objectives/8/")
    page.get_by_label("Language").select_option("fr")
    page.wait_for_url(re.compile(r"/fr/framework/objectives/8/$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label(re.compile("Langue|Language")).select_option("ar")
    page.wait_for_url(re.compile(r"/ar/framework/objectives/8/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_api_docs_render_under_the_content_security_policy(page):
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("gcmhub API")
    expect(page.get_by_text("/api/v1/pledges/", exact=True).first).to_be_visible()
