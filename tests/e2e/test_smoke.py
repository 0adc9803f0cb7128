"""Smoke test: the demo app starts, renders the DEMO banner and a login form."""

from playwright.sync_api import expect


def test_app_shows_demo_banner_and_login_form(app_server, page, wait_for_streamlit):
    page.goto(app_server)
    wait_for_streamlit(page)

    expect(page.get_by_text("DEMO").first).to_be_visible()
    expect(page.get_by_label("Brugernavn")).to_be_visible()
