"""Accessibility: axe-core on every page for every role, in demo mode (WCAG 2.1 AA).

axe-core comes from the npm registry (tests/e2e/package.json, installed by scripts/setup.sh)
and is injected into each page by Playwright in Debian's Chromium. Every tab of a page is
opened before it is checked, because axe skips what is hidden. Zero serious or critical
violations are allowed; the failure lists each one with where it is.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lises_reflect.config import load_settings
from tests.e2e.conftest import _in_ci
from tests.e2e.flow import login, patient_expect, settle_after_load  # noqa: F401

AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = ("serious", "critical")
STATEMENT = "Tilgængelighedserklæring"  # every page's footer links to it


@pytest.fixture(scope="module")
def axe_source() -> Path:
    if not AXE.exists():
        msg = f"{AXE} missing: run bash scripts/setup.sh (npm ci in tests/e2e)"
        if _in_ci():
            pytest.fail(f"CI requires the accessibility test: {msg}", pytrace=False)
        pytest.skip(msg)
    return AXE


def axe_violations(page: Page, axe: Path) -> list[str]:
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe))
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')),
                first: (v.nodes[0].html || '').slice(0, 160) + ' | '
                    + ((v.nodes[0].any[0] || {}).message || v.nodes[0].failureSummary || '').slice(0, 240),
                count: v.nodes.length}));
        }""",
        WCAG,
    )
    return [
        f"{v['id']} ({v['impact']}, {v['count']}x): {v['help']} at {v['targets']}; "
        f"first: {v['first']}"
        for v in result
        if v["impact"] in BLOCKING
    ]


def check(page: Page, axe: Path, where: str, found: dict[str, list[str]]) -> None:
    problems = axe_violations(page, axe)
    if problems:
        found[where] = problems


def visit(page: Page, url: str, wait) -> None:
    page.goto(url)
    settle_after_load(page, wait)


def open_tabs(page: Page, axe: Path, where: str, found: dict[str, list[str]], wait) -> None:
    tabs = page.get_by_role("tab")
    for i in range(tabs.count()):
        tab = tabs.nth(i)
        name = tab.inner_text().strip()
        tab.click()
        wait(page, initial_wait=100)
        expect(tab).to_have_attribute("aria-selected", "true")
        check(page, axe, f"{where} › {name}", found)
    if not tabs.count():
        check(page, axe, where, found)


ROLES = {
    # username: (display name or None to look it up, [the pages of its navigation])
    "mette": ("Mette Kjær (demo)", ["Mine refleksioner", "Ny refleksion", "Mine data"]),
    "hanne": ("Hanne Lund (demo)", ["Forside", "Teamets refleksioner"]),
    "lederunge": (None, ["Teamets refleksioner"]),
    "sofie": ("Sofie Dahl (demo)", ["Forside", "FLIP-forberedelse"]),
    "admin": ("Demo-administrator", ["Forside", "Administration", "Mine data"]),
}


def go(page: Page, link: str, wait) -> None:
    """Through the sidebar, as a user does (an address typed after a reload lands on the
    login run first)."""
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    wait(page, initial_wait=300)


def test_every_page_for_every_role_has_no_serious_violations(
    app_server, app_data_dir, new_page, wait_for_streamlit, axe_source
):
    found: dict[str, list[str]] = {}
    page = new_page()
    visit(page, app_server, wait_for_streamlit)
    check(page, axe_source, "login", found)
    # The accessibility statement, from the login page's footer: open without logging in.
    page.get_by_role("link", name=STATEMENT, exact=True).click()
    wait_for_streamlit(page, initial_wait=300)
    expect(page.get_by_role("heading", name=STATEMENT, level=1)).to_be_visible()
    check(page, axe_source, "accessibility statement", found)
    for username, (display, links) in ROLES.items():
        page = new_page()
        login(
            page,
            app_server,
            username,
            display or _display_name(app_data_dir, username),
            wait_for_streamlit,
        )
        for link in links:
            go(page, link, wait_for_streamlit)
            expect(page.get_by_role("link", name=STATEMENT, exact=True)).to_be_visible()
            open_tabs(page, axe_source, f"{username}: {link}", found, wait_for_streamlit)
            if link == "Teamets refleksioner" and username == "hanne":
                charts_have_text_alternatives(page, "team")
            if link == "FLIP-forberedelse":
                charts_have_text_alternatives(page, "flip")
        if username == "mette":
            # An ongoing session (phase 4) and a finished one, opened from the list.
            for button in ("Fortsæt", "Åbn"):
                go(page, "Mine refleksioner", wait_for_streamlit)
                page.get_by_role("button", name=button, exact=True).first.click()
                wait_for_streamlit(page, initial_wait=300)
                expect(page.get_by_text("Fase", exact=False).first).to_be_visible()
                open_tabs(page, axe_source, f"mette: session ({button})", found, wait_for_streamlit)
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(p) for where, p in found.items())


def _display_name(data_dir: Path, username: str) -> str:
    url = load_settings({"LISES_DEMO": "1", "LISES_DATA_DIR": str(data_dir)}).database_url
    with sqlite3.connect(url.split("///", 1)[1]) as db:
        return db.execute(
            "SELECT display_name FROM user WHERE username = ?", (username,)
        ).fetchone()[0]


def charts_have_text_alternatives(page: Page, where: str) -> None:
    """Every chart is named by its reading, and a table of the same numbers is one click away."""
    if where == "flip":
        page.get_by_role("tab", name="Mønstre på tværs af team").click()
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts.first).to_be_visible()
    for i in range(charts.count()):
        named = charts.nth(i).locator("[aria-label], [role='graphics-document']").first
        label = named.get_attribute("aria-label") or ""
        assert len(label.strip()) > 20, f"chart {i} on {where} has no reading as its name"
    tables = page.get_by_text("Vis tallene som tabel")
    assert tables.count() >= charts.count()
