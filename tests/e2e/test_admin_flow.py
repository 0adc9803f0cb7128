"""A real browser: the admin stays in the tab he or she works in, with what was typed.

Seen walking the admin page: after "Opret team" the page redrew on the first tab ("Brugere"),
and after a refused "Opret bruger" that followed, again: the notice that comes and goes above
the tabs gave them a new place in the page, and untracked tabs start over on the first.
"""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from tests.e2e import flow
from tests.e2e.flow import patient_expect  # noqa: F401  (autouse fixture)


def form_with(page: Page, button: str):
    return page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name=button))


def test_the_admin_stays_in_the_tab_after_a_save_and_a_refusal(
    app_server, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    page = new_page()
    flow.login(page, app_server, "admin", "Demo-administrator", wait)
    page.get_by_role("link", name="Administration").click()
    wait(page)

    flow.open_tab(page, "Organisationer og teams", wait)
    team = f"Team Gangbro {uuid.uuid4().hex[:4]}"
    form = form_with(page, "Opret team")
    form.get_by_role("textbox", name="Team").fill(team)
    form.get_by_role("button", name="Opret team").click()
    wait(page)
    expect(page.get_by_text(f"{team} er oprettet.")).to_be_visible()
    tab = page.get_by_role("tab", name="Organisationer og teams")
    expect(tab).to_have_attribute("aria-selected", "true")

    flow.open_tab(page, "Ny bruger", wait)
    form = form_with(page, "Opret bruger")
    form.get_by_role("textbox", name="Brugernavn").fill("Karl Uden Regler")
    form.get_by_role("textbox", name="Navn", exact=True).fill("Karl Krog")
    form.get_by_role("button", name="Opret bruger").click()
    wait(page)
    expect(page.get_by_role("tab", name="Ny bruger")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_text("Brugernavnet må kun indeholde små bogstaver")).to_be_visible()
    expect(form.get_by_role("textbox", name="Navn", exact=True)).to_have_value("Karl Krog")
