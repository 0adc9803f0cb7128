"""Acceptance: blind tagging, the reveal, "Tal om denne tur", and the gribning choices.

Browser A is the bringer (demo ``mette``), browser B the listener (``jonas``), each in its own
browser context. The session is set up through the service layer (the walk through the
preparation phases is covered by test_talk_flow.py); everything after that is driven through
the UI with the Danish labels:

* the bringer switches to blind tagging; both tag the same caseworker turn differently and
  get "✓ Gemt" next to it; neither sees the other's tag, not even after the page has redrawn itself, and the
  differences tab waits for the reveal;
* the bringer shows everyone's tags at once; both now see the other's tag next to the turn,
  and "Tal om forskellene" holds that turn only, under "Tal om denne tur", with who chose what;
* on "Gribninger" the transcript is at hand; after choosing citizen turn 8 the list of turns
  after offers exactly turns 9 and 10 with speaker and text; after saving, a confirmation is
  shown and the choices are empty again.

Screenshots of milestones go to ``test-results/blind-flow-*.png``.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from bench.propagation import prepare_session
from lises_reflect.config import load_settings
from lises_reflect.db import make_engine
from tests.e2e import flow
from tests.e2e.conftest import RESULTS_DIR
from tests.e2e.flow import (  # noqa: F401  (patient_expect: autouse fixture)
    BRINGER,
    LISTENER,
    Steps,
    choose,
    element_container,
    expect_phase,
    news_arrived,
    open_tab,
    patient_expect,
)

TURNS = [
    ("R", "Hvordan går det i praktikken?"),  # 1
    ("B", "Fint."),  # 2
    ("R", "Du skal huske timesedlen, praktikken er 13 uger."),  # 3
    ("B", "Ja."),  # 4
    ("R", "Og mødetiderne?"),  # 5
    ("B", "Dem holder jeg."),  # 6
    ("R", "Godt."),  # 7
    ("B", "Men jeg kunne faktisk godt tænke mig at køre truck."),  # 8
    ("R", "Det må vi se på senere, først skal praktikken være slut."),  # 9
    ("Mentor", "Han møder stabilt."),  # 10
]
EXCERPT = "\n".join(f"{label}: {text}" for label, text in TURNS)
TAGGED_TURN = 3
TAG_INSTITUTIONAL = "Institutionel taletur"
TAG_TAKES_UP = "Tager op og bygger videre"
OUTCOME = "Overhalet af institutionel tale"
SOURCE = "Tur 8 · B · borger: Men jeg kunne faktisk godt tænke mig at køre truck."
LATER = [
    "Tur 9 · R · rådgiver: Det må vi se på senere, først skal praktikken være slut.",
    "Tur 10 · Mentor · anden: Han møder stabilt.",
]


def shot(page: Page, name: str, focus: Locator | None = None) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    if focus is not None:
        focus.scroll_into_view_if_needed()
    page.screenshot(path=str(RESULTS_DIR / f"blind-flow-{name}.png"), full_page=True)


def session_in_phase_4(data_dir, title: str) -> int:
    """Mette's session with Jonas, rules confirmed, in "Beskrivende runde"."""
    url = load_settings({"LISES_DEMO": "1", "LISES_DATA_DIR": str(data_dir)}).database_url
    engine = make_engine(url)
    try:
        return prepare_session(engine, *(BRINGER[0], LISTENER[0]), 4, title=title, excerpt=EXCERPT)
    finally:
        engine.dispose()


def open_session(page: Page, title: str, wait) -> None:
    page.get_by_role("link", name="Mine refleksioner").click()
    wait(page)
    card = (
        page.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_text(title, exact=True))
        .filter(has=page.get_by_role("button", name="Fortsæt"))
        .last
    )
    card.get_by_role("button", name="Fortsæt").click()
    wait(page)
    expect(page.get_by_role("heading", name=title)).to_be_visible()
    expect_phase(page, 4, "Beskrivende runde")


def turn_row(page: Page, number: int) -> Locator:
    return (
        page.get_by_test_id("stHorizontalBlock")
        .filter(has=page.get_by_role("combobox", name=f"Mine markeringer af tur {number}"))
        .last
    )


def tag_turn(page: Page, number: int, label: str, wait) -> None:
    row = turn_row(page, number)
    choose(page, row.get_by_role("combobox", name=f"Mine markeringer af tur {number}"), label, wait)
    chip = row.get_by_test_id("stMultiSelect").get_by_text(label, exact=True)
    expect(chip).to_be_visible()
    expect(row.get_by_text("✓ Gemt", exact=True)).to_be_visible()
    # the whole tag name is readable in its chip (not cut to "… ×")
    assert chip.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), label


def others_caption(page: Page, number: int) -> Locator:
    return (
        turn_row(page, number)
        .get_by_test_id("stCaptionContainer")
        .filter(
            has_text=":"  # "Navn: markering" (the "✓ Gemt" caption has no colon)
        )
    )


def test_blind_tagging_reveal_differences_and_gribning_choices(
    app_server, app_data_dir, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    step = Steps()
    title = f"E2E blind {uuid.uuid4().hex[:6]}"
    a, b = new_page(), new_page()
    flow.login(a, app_server, *BRINGER, wait)
    flow.login(b, app_server, *LISTENER, wait)
    session_in_phase_4(app_data_dir, title)
    open_session(a, title, wait)
    open_session(b, title, wait)
    step("both in phase 4")

    # 1. The bringer switches to blind tagging; the listener has no such button ------------
    expect(b.get_by_role("button", name="Markér blindt")).to_have_count(0)
    a.get_by_role("button", name="Markér blindt").click()
    wait(a)
    expect(a.get_by_text("Blind markering: I markerer hver for sig.")).to_be_visible()
    news_arrived(b, wait)
    expect(b.get_by_text(f"før {BRINGER[1]} viser dem alle på én gang")).to_be_visible()
    expect(b.get_by_role("button", name="Vis alles markeringer")).to_have_count(0)
    step("1 blind")

    # 2. Each tags alone ------------------------------------------------------------------
    tag_turn(b, TAGGED_TURN, TAG_INSTITUTIONAL, wait)
    tag_turn(a, TAGGED_TURN, TAG_TAKES_UP, wait)
    shot(a, "01-bringer-tags-blind", turn_row(a, TAGGED_TURN))
    shot(b, "02-listener-tags-blind", turn_row(b, TAGGED_TURN))
    for pg in (a, b):
        news_arrived(pg, wait)
        open_tab(pg, "Udskrift og markeringer", wait)
        expect(turn_row(pg, TAGGED_TURN)).to_be_visible()
        expect(others_caption(pg, TAGGED_TURN)).to_have_count(0)
        expect(pg.get_by_text(f"{BRINGER[1]}: ")).to_have_count(0)
        expect(pg.get_by_text(f"{LISTENER[1]}: ")).to_have_count(0)
    open_tab(b, "Tal om forskellene", wait)
    expect(
        b.get_by_text("Forskellene vises, når bringeren har vist alles markeringer.")
    ).to_be_visible()
    shot(b, "03-listener-differences-wait")
    step("2 tagged blind, nothing of the other's shown")

    # 3. The bringer reveals everyone's tags at once ---------------------------------------
    open_tab(a, "Udskrift og markeringer", wait)
    a.get_by_role("button", name="Vis alles markeringer").click()
    wait(a)
    expect(a.get_by_test_id("stAlertContentSuccess")).to_contain_text("Alles markeringer er vist.")
    expect(others_caption(a, TAGGED_TURN)).to_have_text(f"{LISTENER[1]}: {TAG_INSTITUTIONAL}")
    news_arrived(b, wait)
    open_tab(b, "Udskrift og markeringer", wait)
    expect(others_caption(b, TAGGED_TURN)).to_have_text(f"{BRINGER[1]}: {TAG_TAKES_UP}")
    for pg in (a, b):
        open_tab(pg, "Tal om forskellene", wait)
        panel = pg.get_by_role("tabpanel", name="Tal om forskellene")
        heading = panel.get_by_text("Tal om denne tur")
        expect(heading).to_have_count(1)  # only the turn where the tags differ
        card = panel.get_by_test_id("stVerticalBlock").filter(has_text="Tal om denne tur").last
        expect(card).to_contain_text(TURNS[TAGGED_TURN - 1][1])
        expect(card.get_by_text(f"{BRINGER[1]}: {TAG_TAKES_UP}", exact=True)).to_be_visible()
        expect(card.get_by_text(f"{LISTENER[1]}: {TAG_INSTITUTIONAL}", exact=True)).to_be_visible()
        expect(panel).not_to_contain_text("%")
        shot(pg, f"04-{'bringer' if pg is a else 'listener'}-talk-about-this-turn", card)
    step("3 revealed, differences shown")

    # 4. The gribning choices follow the chosen citizen turn -------------------------------
    open_tab(b, "Gribninger", wait)
    panel = b.get_by_role("tabpanel", name="Gribninger")
    transcript = panel.get_by_text("Udskriften, som I har læst den", exact=True)
    expect(transcript).to_be_visible()  # the transcript is at hand, every turn of it
    for number, (label, text) in enumerate(TURNS, start=1):
        speaker = {"R": "rådgiver", "B": "borger"}.get(label, "anden")
        expect(
            panel.get_by_text(f"{number} {label} · {speaker} {text}", exact=True)
        ).to_be_visible()
    source = panel.get_by_role("combobox", name="Borgerens tur", exact=True)
    targets = panel.get_by_role("combobox", name="Turen/turene efter", exact=True)
    save = panel.get_by_role("button", name="Gem gribning")
    expect(save).to_be_disabled()
    flow.pick(b, source, SOURCE, wait)
    expect(targets).to_be_enabled()
    options = b.get_by_role("listbox").get_by_role("option")
    flow.open_menu(targets, options)
    # exactly the later turns (besides Streamlit's own "Select all")
    expect(options.filter(has_text=re.compile(r"^Tur "))).to_have_text(LATER)
    shot(b, "05-listener-gribning-choices", panel)
    b.keyboard.press("Escape")  # a multiselect keeps nothing to clear: this closes the menu
    flow.open_menu(targets, options)  # (the screenshot may have closed it)
    options.filter(has_text=LATER[0]).click()
    wait(b)
    b.keyboard.press("Escape")
    expect(element_container(targets)).to_contain_text(LATER[0])
    panel.get_by_text(OUTCOME, exact=True).click()
    wait(b)
    expect(panel.get_by_role("radio", name=OUTCOME)).to_be_checked()
    expect(save).to_be_enabled()
    save.click()
    wait(b)
    if b.get_by_role("tab", name="Gribninger").get_attribute("aria-selected") != "true":
        open_tab(b, "Gribninger", wait)
    expect(panel.get_by_text("✓ Gribningen er gemt: tur 8 → 9.")).to_be_visible()
    expect(panel.get_by_text(f"Tur 8 → 9: {OUTCOME} · {LISTENER[1]}", exact=True)).to_be_visible()
    # the inputs are empty again
    expect(source).to_have_value("")
    expect(source).to_have_attribute("placeholder", "Vælg en borgertur …")
    expect(targets).to_have_attribute("placeholder", "Vælg først borgerens tur")
    expect(panel.get_by_role("radio", name=OUTCOME)).not_to_be_checked()
    expect(save).to_be_disabled()
    shot(b, "06-listener-gribning-saved", panel)
    step("4 gribning saved, form cleared")
