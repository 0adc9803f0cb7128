"""Steps shared by the browser tests: following the group through a session."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from lises_reflect.demo import DEMO_PASSWORD

# How long the other browser may take to show a change by itself: the page asks every second.
POLL_TIMEOUT_MS = 15_000

BRINGER = ("mette", "Mette Kjær (demo)")
LISTENER = ("jonas", "Jonas Holm (demo)")


@pytest.fixture(autouse=True)
def patient_expect():
    """Give assertions the harness's 20 s instead of Playwright's 5 s default (autouse in
    the modules that import it).

    ``wait_for_streamlit`` can return before a slow rerun has even started (the first login
    imports pandas and Altair for "Mine refleksioner"), so assertions must be able to wait.
    """
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


class Steps:
    """Prints how long each step of a flow took (shown with ``pytest -s``)."""

    def __init__(self) -> None:
        self.start = self.last = time.monotonic()

    def __call__(self, name: str) -> None:
        now = time.monotonic()
        print(f"  [{now - self.start:6.1f} s] +{now - self.last:5.1f} s  {name}")
        self.last = now


def element_container(locator: Locator) -> Locator:
    return locator.locator('xpath=ancestor::div[@data-testid="stElementContainer"][1]')


def open_tab(page: Page, name: str, wait) -> None:
    tab = page.get_by_role("tab", name=name, exact=True)
    tab.click()
    wait(page, initial_wait=0)
    expect(tab).to_have_attribute("aria-selected", "true")


def expect_phase(page: Page, number: int, name: str) -> None:
    expect(page.get_by_text(f"Fase {number} af 8: {name}", exact=True)).to_be_visible()


def follow(page: Page, number: int, name: str, wait) -> None:
    """The other browser follows the group's phase by itself: no click (issue 13)."""
    expect(page.get_by_text(f"Fase {number} af 8: {name}", exact=True)).to_be_visible(
        timeout=POLL_TIMEOUT_MS
    )
    wait(page)


def news_arrived(page: Page, wait) -> None:
    """Give the other browser's page the second it takes to notice a change and redraw
    itself (the live fragment asks every second); assertions after this still wait."""
    page.wait_for_timeout(1_500)
    wait(page)


# Counts the script runs of the page and remembers when the state last changed.
_RUN_TRACKER = """
(() => {
  window.__stRuns = 0;
  window.__stLastChange = performance.now();
  let last = null;
  new MutationObserver(() => {
    const app = document.querySelector('[data-testid="stApp"]');
    const state = app && app.getAttribute('data-test-script-state');
    if (state !== last) {
      last = state;
      window.__stLastChange = performance.now();
      if (state === 'running') window.__stRuns += 1;
    }
  }).observe(document, {subtree: true, childList: true, attributes: true});
})();
"""


def settle_after_load(page: Page, wait) -> None:
    """Wait for the cookie manager's rerun after a fresh load before clicking anything."""
    wait(page)
    try:
        page.wait_for_function(
            """() => window.__stRuns >= 2
                  && performance.now() - window.__stLastChange > 500
                  && document.querySelector('[data-testid="stApp"]')
                       ?.getAttribute('data-test-script-state') === 'notRunning'""",
            timeout=8_000,
            polling=100,
        )
    except PlaywrightTimeoutError:
        pass
    wait(page)


def submit_login(page: Page, base_url: str, username: str, password: str, wait) -> None:
    """Open the app and send the login form, whatever comes of it (a refusal is tested too)."""
    page.add_init_script(_RUN_TRACKER)
    page.goto(base_url)
    settle_after_load(page, wait)
    page.get_by_role("textbox", name="Brugernavn", exact=True).fill(username)
    page.get_by_role("textbox", name="Adgangskode", exact=True).fill(password)
    page.get_by_role("button", name="Log ind", exact=True).click()
    wait(page)


def login(page: Page, base_url: str, username: str, display_name: str, wait) -> None:
    """Log a demo account in through the form, after the cookie component has settled."""
    submit_login(page, base_url, username, DEMO_PASSWORD, wait)
    expect(page.get_by_text(f"Logget ind som {display_name}")).to_be_visible()
    # The login writes its cookie through a browser component, whose answer reruns the page
    # once more; a menu click inside that rerun is taken back by it (CI: the lead's first
    # click on "Teamets refleksioner" stayed on "Forside"). A person clicks again; the tests
    # wait for the page to settle instead.
    settle_after_load(page, wait)


def choose(page: Page, box: Locator, option: str, wait) -> None:
    """Pick one option of a Streamlit selectbox or multiselect (a combobox + listbox)."""
    wanted = page.get_by_role("listbox").get_by_role("option", name=option, exact=True)
    for attempt in range(3):
        # Right after a rerun the first click sometimes only focuses the box; open it again.
        box.click()
        try:
            wanted.wait_for(state="visible", timeout=4_000)
            wanted.click(timeout=4_000)
            break
        except PlaywrightTimeoutError:
            print(f"\nchoose({option!r}): menu closed, attempt {attempt + 1}")
            page.keyboard.press("Escape")
            wait(page)
    else:
        raise AssertionError(f"could not choose {option!r}")
    wait(page)
    page.keyboard.press("Escape")  # a multiselect keeps its menu open
    expect(page.get_by_role("listbox")).to_have_count(0)


def choose_stored(page: Page, box: Locator, option: str, stored: Locator, wait) -> None:
    """Choose, then wait until the page shows the choice as stored (`stored`). A rerun that
    lands together with the click (cookie component, live update) can drop the choice; then
    choose again."""
    for attempt in range(3):
        try:
            choose(page, box, option, wait)
        except AssertionError:  # chosen after all: the option has left the list
            pass
        try:
            expect(stored).to_be_visible(timeout=6_000)
            return
        except AssertionError:
            print(f"\nchoice {option!r} not stored, attempt {attempt + 1}")
            wait(page)
    expect(stored).to_be_visible()


def open_menu(box: Locator, options: Locator) -> None:
    for _attempt in range(3):  # the first click after a rerun may only focus the box
        box.click()
        try:
            expect(options.first).to_be_visible(timeout=4_000)
            return
        except AssertionError:
            box.blur()
    expect(options.first).to_be_visible()


def pick(page: Page, box: Locator, option: str, wait) -> None:
    """Choose in a selectbox that may be emptied again: no Escape afterwards (choose()
    presses it for multiselects), as Escape on such a box clears the choice."""
    options = page.get_by_role("listbox").get_by_role("option")
    open_menu(box, options)
    options.filter(has_text=option).first.click()
    wait(page)
    expect(box).to_have_value(option)
