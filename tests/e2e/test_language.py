"""Acceptance: a caseworker's choice of English holds across page switches and reloads.

Demo caseworker ``mette`` logs in, picks English in the sidebar, opens one of her sessions
from "My reflections" (``st.switch_page``, which used to drop the selector's state and show the
session page in Danish), reloads the tab (a new Streamlit session: the login comes back from
the cookie, the language from her account) and goes to other pages through the menu. Every
page must be in English. A second browser shows the login page in Danish (nobody is known
yet) and, once mette has logged in there, English. Screenshots of the walk go to
``test-results/language-*.png``.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from lises_reflect.demo import DEMO_PASSWORD
from tests.e2e import flow
from tests.e2e.conftest import RESULTS_DIR
from tests.e2e.flow import BRINGER, patient_expect  # noqa: F401  (autouse fixture)

PHASE_EN = re.compile(r"^Phase \d of 8: ")
PHASE_DA = re.compile(r"^Fase \d af 8: ")


def shot(page: Page, name: str) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / f"language-{name}.png"), full_page=True)


def language_box(page: Page):
    return page.get_by_role("combobox", name="Sprog / Language", exact=True)


def main(page: Page):
    return page.get_by_test_id("stMain")


def expect_english(page: Page, heading: str | re.Pattern) -> None:
    """The page and the frame around it speak English, and the selector says so."""
    expect(main(page).get_by_role("heading", name=heading).first).to_be_visible()
    expect(page.get_by_text(f"Logged in as {BRINGER[1]}")).to_be_visible()
    expect(page.get_by_role("link", name="My reflections")).to_be_visible()
    expect(page.get_by_text("DEMO – all people, conversations and reflections")).to_be_visible()
    expect(language_box(page)).to_have_value("English")
    expect(page.get_by_text("Logget ind som")).to_have_count(0)


def expect_english_session(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/refleksion\?s=\d+$"))
    expect(main(page).get_by_text(PHASE_EN)).to_be_visible()
    expect(main(page).get_by_text(re.compile(r"you are (Bringer|Listener)"))).to_be_visible()
    expect(main(page).get_by_text(PHASE_DA)).to_have_count(0)
    expect(main(page).get_by_text(re.compile(r"du er (Bringer|Lytter)"))).to_have_count(0)
    expect_english(page, re.compile(".+"))


def test_english_holds_across_a_session_a_reload_and_the_menu(
    app_server, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    page = new_page()
    flow.login(page, app_server, *BRINGER, wait)
    expect(main(page).get_by_role("heading", name="Mine refleksioner")).to_be_visible()

    # English on "Mine refleksioner": the page answers in English at once.
    flow.choose(page, language_box(page), "English", wait)
    expect_english(page, "My reflections")

    # Open a session from "My reflections" (st.switch_page): still English.
    main(page).get_by_role("button", name=re.compile(r"^(Continue|Open)$")).first.click()
    wait(page)
    expect_english_session(page)
    shot(page, "1-session")

    # Reload: a new Streamlit session, logged in again by the cookie; English from the account.
    session_url = page.url
    page.reload()
    flow.settle_after_load(page, wait)
    expect(page).to_have_url(session_url)
    expect_english_session(page)
    shot(page, "2-reloaded")

    # Through the menu to other pages: still English.
    page.get_by_role("link", name="New reflection").click()
    wait(page)
    expect_english(page, "New reflection")
    page.get_by_role("link", name="My reflections").click()
    wait(page)
    expect_english(page, "My reflections")
    shot(page, "3-menu")

    # Another browser: the login page speaks Danish (nobody is known yet), and the app
    # English as soon as mette has logged in.
    other = new_page()
    other.add_init_script(flow._RUN_TRACKER)
    other.goto(app_server)
    flow.settle_after_load(other, wait)
    expect(language_box(other)).to_have_value("Dansk")
    other.get_by_role("textbox", name="Brugernavn", exact=True).fill(BRINGER[0])
    other.get_by_role("textbox", name="Adgangskode", exact=True).fill(DEMO_PASSWORD)
    other.get_by_role("button", name="Log ind", exact=True).click()
    wait(other)
    expect_english(other, "My reflections")
    shot(other, "4-other-browser")

    # Back to Danish: stored too, the first browser gets it at its next reload.
    flow.choose(other, language_box(other), "Dansk", wait)
    expect(main(other).get_by_role("heading", name="Mine refleksioner")).to_be_visible()
    page.reload()
    flow.settle_after_load(page, wait)
    expect(main(page).get_by_role("heading", name="Mine refleksioner")).to_be_visible()
    expect(language_box(page)).to_have_value("Dansk")
    expect(page.get_by_text(f"Logget ind som {BRINGER[1]}")).to_be_visible()


# ---------------------------------------------------------------- Streamlit's own texts (issue 16)

# Whole texts and parts of texts Streamlit's frontend draws in English.
ENGLISH_EXACT = {
    "Upload",
    "Select all",
    "Choose options",
    "Choose an option",
    "No results",
    "Clear all",
    "Browse files",
    "Download as CSV",
    "Search",
    "Fullscreen",
    "Collapse sidebar",
    "Expand sidebar",
    "Running...",
    "Open",
    "Skip to main content",
    "Sidebar",
    "App pages",
}
ENGLISH_PARTS = (
    "per file",
    "Drag and drop",
    "You can only select up to",
    "Press Enter",
    "Help for",
    "file upload",
)

# Every text node and every aria-label, title and placeholder of the document.
_READABLE = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim();
    if (text && !n.parentElement.closest('script,style')) out.push(text);
  }
  for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) out.push(value.trim());
    }
  }
  return out;
}"""


def english_seen(page: Page) -> list[str]:
    readable = page.evaluate(_READABLE)
    return [
        text
        for text in readable
        if text in ENGLISH_EXACT or any(part in text for part in ENGLISH_PARTS)
    ]


def test_streamlits_own_texts_are_danish_for_a_danish_reader(
    app_server, new_page, wait_for_streamlit
):
    """A file upload and choice lists as a Danish reader meets them: no English text, seen or
    read aloud, and <html lang="da">; in English the same texts come back in English."""
    wait = wait_for_streamlit
    page = new_page()
    flow.login(page, app_server, *BRINGER, wait)
    page.get_by_role("link", name="Ny refleksion").click()
    wait(page)
    page.get_by_role("button", name="Start refleksion").click()
    wait(page)
    expect(page).to_have_url(re.compile(r"/refleksion\?s=\d+$"))
    uploader = main(page).get_by_test_id("stFileUploader")
    expect(uploader).to_be_visible()

    expect(uploader.get_by_role("button", name="Vælg fil", exact=True)).to_be_visible()
    expect(uploader).to_contain_text("3MB pr. fil")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    # A choice list opened and searched: the dropdown's own texts too.
    lenses = page.get_by_role("combobox", name=re.compile("^Linser"))
    flow.open_menu(lenses, page.get_by_role("listbox").get_by_role("option"))
    expect(page.get_by_role("option", name="Select all")).to_have_count(0)
    page.keyboard.type("zzzz")
    expect(page.get_by_text("Ingen resultater")).to_be_visible()
    assert english_seen(page) == []
    shot(page, "5-danish-builtin")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")

    flow.choose(page, language_box(page), "English", wait)
    expect(main(page).get_by_text(PHASE_EN)).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    uploader = main(page).get_by_test_id("stFileUploader")
    expect(uploader.get_by_role("button", name="Upload", exact=True)).to_be_visible()
    expect(uploader).to_contain_text("3MB per file")
    shot(page, "6-english-builtin")
    flow.choose(page, language_box(page), "Dansk", wait)  # mette's account back in Danish
    expect(page.locator("html")).to_have_attribute("lang", "da")
    uploader = main(page).get_by_test_id("stFileUploader")
    expect(uploader.get_by_role("button", name="Vælg fil", exact=True)).to_be_visible()
    assert english_seen(page) == []
