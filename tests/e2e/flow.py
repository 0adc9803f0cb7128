"""Steps shared by the browser tests: following the group through a session."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect

# How long the other browser may take to notice a change: the session page polls every 4 s.
POLL_TIMEOUT_MS = 15_000


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
    """The other browser is told that the group moved on, presses "Opdater" and follows."""
    expect(page.get_by_text(f"Gruppen er gået til fasen »{name}«. Tryk Opdater")).to_be_visible(
        timeout=POLL_TIMEOUT_MS
    )
    refresh(page, wait)
    expect_phase(page, number, name)


def refresh(page: Page, wait) -> None:
    page.get_by_role("button", name="Opdater").click()
    wait(page)


def refresh_on_news(page: Page, wait) -> None:
    """Wait until polling reports news from the others, then refresh."""
    expect(page.get_by_text("Der er nyt fra de andre i sessionen.")).to_be_visible(
        timeout=POLL_TIMEOUT_MS
    )
    refresh(page, wait)
