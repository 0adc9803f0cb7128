"""Acceptance: a team lead and a FLIP facilitator on the demo data, in a real browser.

* hanne (team lead) opens "Teamets refleksioner": real Altair charts (rendered as canvas/SVG by
  Vega), each with its one-sentence reading and a CSV download of the data shown; she switches
  to her second team and downloads one CSV;
* sofie (facilitator) opens "FLIP-forberedelse": the cross-team patterns, the shared pool
  (searchable, without names), adds two shared excerpts to a seminar pack from the pool's
  items, and downloads the pack as PDF and as PowerPoint; the files are real (PDF magic, a
  zip with slides).
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.e2e import flow

LEAD = ("hanne", "Hanne Lund (demo)")
FACILITATOR = ("sofie", "Sofie Dahl (demo)")


def open_page(page: Page, title: str, wait) -> None:
    page.get_by_role("link", name=title).click()
    wait(page)
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def test_lead_sees_team_patterns(app_server, new_page, wait_for_streamlit):
    page = new_page()
    flow.login(page, app_server, *LEAD, wait_for_streamlit)
    open_page(page, "Teamets refleksioner", wait_for_streamlit)
    page.get_by_text("Halvår", exact=True).click()
    wait_for_streamlit(page)
    charts = page.locator('[data-testid="stVegaLiteChart"]')
    expect(charts.first).to_be_visible(timeout=20_000)
    assert charts.count() >= 4
    expect(page.get_by_text("holdt teamet").first).to_be_visible()
    expect(page.get_by_text("Rammer og krav, som fylder i samtalerne")).to_be_visible()
    # The page opens on what the team reflects on; the session counts come later, as context.
    sessions = page.get_by_test_id("stVerticalBlock").filter(
        has=page.get_by_role("heading", name="Refleksionssessioner pr. måned")
    )
    with page.expect_download() as info:
        sessions.last.get_by_role("button", name="Hent tallene (CSV)").click()
    data = Path(info.value.path()).read_bytes().decode("utf-8-sig")
    assert data.splitlines()[0].startswith("Måned;Antal sessioner")
    for name in ("Mette", "Jonas", "Aisha"):
        expect(page.get_by_text(name)).to_have_count(0)


def test_facilitator_builds_and_downloads_a_seminar_pack(app_server, new_page, wait_for_streamlit):
    wait = wait_for_streamlit
    page = new_page()
    flow.login(page, app_server, *FACILITATOR, wait)
    open_page(page, "FLIP-forberedelse", wait)
    expect(page.locator('[data-testid="stVegaLiteChart"]').first).to_be_visible(timeout=20_000)
    expect(page.get_by_text("Team i sammenligningen:")).to_be_visible()

    flow.open_tab(page, "Delt materiale", wait)
    expect(page.get_by_text("Uddrag 1", exact=False).first).to_be_visible()
    # The pack is put together from the pool's own items (issue 16: the pack tab once sent
    # every shared excerpt as an option); the pack tab lists what was added, in order.
    for n in (1, 2):
        page.get_by_role("button", name=f"Læg Uddrag {n} i seminarpakken").click()
        wait(page)
        expect(
            page.get_by_role("button", name=f"Tag Uddrag {n} ud af seminarpakken")
        ).to_be_visible()

    flow.open_tab(page, "Seminarpakke", wait)
    expect(page.get_by_text("Uddrag A: Uddrag 1 ·")).to_be_visible()
    expect(page.get_by_text("Uddrag B: Uddrag 2 ·")).to_be_visible()
    expect(page.get_by_role("combobox", name="Uddrag (vælg 2–4)")).to_have_count(0)
    page.get_by_role("textbox", name="Jeres egne diskussionsspørgsmål (ét pr. linje)").fill(
        "Hvad sker der, når borgeren nævner et job?"
    )
    page.keyboard.press("Control+Enter")
    wait(page)

    page.get_by_role("button", name="Lav PDF").click()
    wait(page, timeout=120_000)
    expect(page.get_by_text("Seminarpakken er klar.")).to_be_visible(timeout=60_000)
    with page.expect_download() as info:
        page.get_by_role("button", name="Hent seminarpakken (PDF)").click()
    assert Path(info.value.path()).read_bytes()[:5] == b"%PDF-"

    page.get_by_role("button", name="Lav PowerPoint").click()
    wait(page, timeout=120_000)
    with page.expect_download() as info:
        page.get_by_role("button", name="Hent seminarpakken (PowerPoint)").click()
    deck = zipfile.ZipFile(io.BytesIO(Path(info.value.path()).read_bytes()))
    assert any(n.startswith("ppt/slides/slide") for n in deck.namelist())
