"""Acceptance: the talk itself – an excerpt as turns, tags from two participants, a gribning link.

A real-browser walk through the turn-level work of a Lån et øre session. Browser A is the
bringer (demo account ``mette``), browser B the listener (``jonas``, same team); each has its
own browser context, so its own cookies and its own Streamlit session. Everything is driven
through the UI with the Danish labels of ``lises_reflect/i18n.py`` and ``prompts/tags.yaml``.

It proves that a session can be walked with an excerpt, tags from two participants, a
gribning link and a refused CPR number:

* Forberedelse: an excerpt with a CPR number is refused with a Danish message naming the
  number, and the text stays in the field; a clean transcript with the labels ``R:``, ``B:`` and
  ``Mentor:`` (and a ``[00:01:12]`` timestamp) is saved ("✓ Gemt kl. …");
* the ground rules are confirmed by both, and the bringer jumps to phase 4 with the phase
  selectbox; the listener's page follows by itself;
* "Udskrift og markeringer": the turns are numbered and the speaker is named on each
  (``R · rådgiver``, ``B · borger``, ``Mentor · anden``), the timestamp shows as the turn's
  start, not in its text; A and B tag the same caseworker turn differently and each sees the
  other's tag next to the turn after the page redraws itself (caption "Navn: label");
* "Gribninger": B links a citizen turn to the next turn with "Overhalet af institutionel tale";
  it is listed for B and, once the page has redrawn, for A, and B's link marks the citizen turn as
  meaning-making;
* "Beskrivende opsummering" names the meaning-making turn with what happened after it and the
  share of institutional caseworker turns;
* the CPR number never reaches the other browser.

Screenshots of milestones go to ``test-results/talk-flow-*.png``.
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from tests.e2e import flow
from tests.e2e.conftest import RESULTS_DIR
from tests.e2e.flow import (  # noqa: F401  (patient_expect: autouse fixture)
    BRINGER,
    LISTENER,
    Steps,
    choose,
    element_container,
    expect_phase,
    follow,
    news_arrived,
    open_tab,
    patient_expect,
)

CPR = "010190-1234"
EXCERPT_WITH_CPR = "\n".join(
    [
        "R: Hvordan er det gået i praktikken siden sidst?",
        f"B: mit cpr er {CPR}",
    ]
)
# Seven turns: caseworker 1, 3, 5, 7; citizen 2, 4; other (Mentor) 6.
TURNS = [
    ("R", "rådgiver", "Hvordan er det gået i praktikken siden sidst?"),
    ("B", "borger", "Det er gået okay … jeg kan godt lide at være der om morgenen."),
    ("R", "rådgiver", "Godt. Du skal jo være der i 13 uger, og vi skal have underskrevet aftalen."),
    ("B", "borger", "Ja … måske kunne jeg også hjælpe i køkkenet en dag."),
    ("R", "rådgiver", "Lad os lige få papirerne på plads først."),
    ("Mentor", "anden", "Hun møder altid til tiden, det er jeg glad for."),
    ("R", "rådgiver", "Fint, så skriver jeg det ind i planen."),
]
TIMESTAMP = "[00:01:12]"
EXCERPT = "\n".join(
    (f"{TIMESTAMP} " if number == 3 else "") + f"{label}: {text}"
    for number, (label, _speaker, text) in enumerate(TURNS, start=1)
)

# Exact labels from prompts/tags.yaml.
TAG_INSTITUTIONAL = "Institutionel taletur"
TAG_TAKES_UP = "Tager op og bygger videre"
TAG_MEANING_MAKING = "Meningsskabende ytring"
OUTCOME_OVERTAKEN = "Overhalet af institutionel tale"

CITIZEN_TURN = 4  # "… hjælpe i køkkenet en dag."
TAGGED_TURN = 5  # "Lad os lige få papirerne på plads først." (caseworker)


# --------------------------------------------------------------------------- helpers


def shot(page: Page, name: str, focus: Locator | None = None) -> None:
    """Screenshot of a milestone; `focus` is scrolled into view first (the app's main area
    scrolls inside its own container, so a full-page shot does not reach below the fold)."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    if focus is not None:
        focus.scroll_into_view_if_needed()
    page.screenshot(path=str(RESULTS_DIR / f"talk-flow-{name}.png"), full_page=True)


def login(page: Page, base_url: str, username: str, display_name: str, wait) -> None:
    flow.login(page, base_url, username, display_name, wait)
    expect(page.get_by_role("heading", name="Mine refleksioner")).to_be_visible()


def after_field(field: Locator, text: str | re.Pattern) -> Locator:
    """A message Streamlit renders in the next few elements after a widget (autosave status)."""
    siblings = element_container(field).locator(
        'xpath=following-sibling::div[@data-testid="stElementContainer"][position() <= 3]'
    )
    return siblings.filter(has_text=text)


SAVED = re.compile(r"✓ Gemt kl\. \d\d:\d\d:\d\d")


def type_and_leave(page: Page, field: Locator, text: str, wait) -> None:
    """Fill an autosaving text area and leave it: the blur commits the value and saves it."""
    field.fill(text)
    field.press("Tab")
    wait(page)


def combobox(scope: Page | Locator, label: str) -> Locator:
    return scope.get_by_role("combobox", name=label, exact=True)


def turn_row(page: Page, number: int) -> Locator:
    """One turn on "Udskrift og markeringer": the columns row with its own tag multiselect."""
    return (
        page.get_by_test_id("stHorizontalBlock")
        .filter(has=page.get_by_role("combobox", name=f"Mine markeringer af tur {number}"))
        .last
    )


def tag_turn(page: Page, number: int, label: str, wait) -> None:
    box = combobox(turn_row(page, number), f"Mine markeringer af tur {number}")
    expect(box).to_have_attribute("placeholder", f"Markér tur {number} …")
    choose(page, box, label, wait)
    # The chosen tag is shown as a chip in the turn's own multiselect.
    expect(my_tag_chip(page, number, label)).to_be_visible()


def my_tag_chip(page: Page, number: int, label: str) -> Locator:
    return turn_row(page, number).get_by_test_id("stMultiSelect").get_by_text(label, exact=True)


def others_caption(page: Page, number: int) -> Locator:
    """The caption "Navn: tag, …" with the other participants' tags, next to the turn."""
    return (
        turn_row(page, number)
        .get_by_test_id("stCaptionContainer")
        .filter(has_text=":")  # not the "✓ Gemt" after one's own change
    )


# --------------------------------------------------------------------------- the test


def test_excerpt_tags_from_two_participants_gribning_link_and_refused_cpr(
    app_server, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    step = Steps()
    title = f"E2E taleture {uuid.uuid4().hex[:6]}"

    a = new_page()
    b = new_page()
    login(a, app_server, *BRINGER, wait)
    login(b, app_server, *LISTENER, wait)
    step("logged in (A mette, B jonas)")

    # 1. A starts a session -------------------------------------------------------------
    a.get_by_role("link", name="Ny refleksion").click()
    wait(a)
    expect(a.get_by_role("heading", name="Ny refleksion")).to_be_visible()
    a.get_by_role("textbox", name="Arbejdstitel (valgfri)", exact=True).fill(title)
    a.get_by_role("button", name="Start refleksion").click()
    wait(a)
    expect(a).to_have_url(re.compile(r"/refleksion\?s=\d+$"))
    session_url = a.url
    expect(a.get_by_role("heading", name=title)).to_be_visible()
    expect_phase(a, 1, "Forberedelse")

    # An excerpt with a CPR number is refused, named, and stays in the field.
    excerpt = a.get_by_role("textbox", name="Uddrag eller noter fra samtalen", exact=True)
    type_and_leave(a, excerpt, EXCERPT_WITH_CPR, wait)
    refusal = after_field(excerpt, "Teksten er ikke gemt")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("personoplysninger")
    expect(refusal).to_contain_text("Den står stadig i feltet.")
    expect(refusal).to_contain_text(f'Fjern CPR-nummeret "{CPR}"')
    expect(excerpt).to_have_value(EXCERPT_WITH_CPR)
    expect(after_field(excerpt, SAVED)).to_have_count(0)
    shot(a, "01-bringer-cpr-refused", refusal)

    # The clean transcript is saved.
    type_and_leave(a, excerpt, EXCERPT, wait)
    expect(after_field(excerpt, SAVED)).to_be_visible()
    expect(after_field(excerpt, "Teksten er ikke gemt")).to_have_count(0)
    expect(excerpt).to_have_value(EXCERPT)
    step("1 excerpt: CPR refused, clean transcript saved")

    # Invite Jonas, choose kind and the lens "Gribning".
    flow.choose_stored(
        a,
        combobox(a, "Lyttere (1–3 kolleger fra dit team)"),
        LISTENER[1],
        a.get_by_text(f"{LISTENER[1]} (Lytter)"),  # stored: the header shows it
        wait,
    )
    choose(a, combobox(a, "Slags samtale"), "Opfølgning på virksomhedspraktik", wait)
    choose(a, combobox(a, "Linser"), "Gribning", wait)
    shot(a, "02-bringer-prepared")
    step("1 prepared")

    # 2. Ground rules; B finds the invitation -------------------------------------------
    a.get_by_role("button", name="Næste fase ▶").click()
    wait(a)
    expect_phase(a, 2, "Rammesætning")

    b.get_by_role("link", name="Mine refleksioner").click()
    wait(b)
    card = (
        b.get_by_test_id("stVerticalBlock")
        .filter(has=b.get_by_text(title, exact=True))
        .filter(has=b.get_by_role("button", name="Fortsæt"))
        .last
    )
    card.get_by_role("button", name="Fortsæt").click()
    wait(b)
    expect(b).to_have_url(session_url)
    expect(b.get_by_text("du er Lytter")).to_be_visible()
    expect_phase(b, 2, "Rammesætning")

    for pg in (a, b):
        pg.get_by_role("button", name="Jeg bekræfter spillereglerne").click()
        wait(pg)
        expect(pg.get_by_text("Du har bekræftet spillereglerne.")).to_be_visible()
    step("2 ground rules confirmed by both")

    # A jumps straight to phase 4 with the phase selectbox; B follows by itself.
    choose(a, combobox(a, "Gå til fase"), "4. Beskrivende runde", wait)
    expect_phase(a, 4, "Beskrivende runde")
    follow(b, 4, "Beskrivende runde", wait)
    step("2 both in phase 4")

    # 3. The excerpt as numbered turns with the speaker named ----------------------------
    for pg in (a, b):
        expect(pg.get_by_role("tab", name="Udskrift og markeringer")).to_have_attribute(
            "aria-selected", "true"
        )
        for number, (label, speaker, text) in enumerate(TURNS, start=1):
            turn = turn_row(pg, number).get_by_test_id("stMarkdown").first
            # the timestamp is the turn's start, shown once beside its number (issue 15)
            time = f"{TIMESTAMP.strip('[]')} " if number == 3 else ""
            expect(turn).to_have_text(
                f"{number} {time}{label} · {speaker} {text}", use_inner_text=True
            )
            expect(turn.get_by_text(f"{label} · {speaker}", exact=True)).to_be_visible()
        turns_panel = pg.get_by_role("tabpanel", name="Udskrift og markeringer")
        expect(turns_panel.get_by_text(TIMESTAMP)).to_have_count(0)  # not glued to the text
        expect(pg.get_by_text(CPR)).to_have_count(0)  # the refused text was never stored
    step("3 numbered turns with speakers in both browsers")

    # 4. Tags from two participants on the same caseworker turn -------------------------
    tag_turn(b, TAGGED_TURN, TAG_INSTITUTIONAL, wait)
    expect(others_caption(b, TAGGED_TURN)).to_have_count(0)

    news_arrived(a, wait)
    open_tab(a, "Udskrift og markeringer", wait)
    expect(others_caption(a, TAGGED_TURN)).to_have_text(f"{LISTENER[1]}: {TAG_INSTITUTIONAL}")
    tag_turn(a, TAGGED_TURN, TAG_TAKES_UP, wait)
    expect(others_caption(a, TAGGED_TURN)).to_have_text(f"{LISTENER[1]}: {TAG_INSTITUTIONAL}")
    # Each keeps his or her own tags: A's multiselect does not hold B's tag.
    expect(my_tag_chip(a, TAGGED_TURN, TAG_INSTITUTIONAL)).to_have_count(0)

    news_arrived(b, wait)
    open_tab(b, "Udskrift og markeringer", wait)
    expect(others_caption(b, TAGGED_TURN)).to_have_text(f"{BRINGER[1]}: {TAG_TAKES_UP}")
    expect(my_tag_chip(b, TAGGED_TURN, TAG_INSTITUTIONAL)).to_be_visible()
    expect(my_tag_chip(b, TAGGED_TURN, TAG_TAKES_UP)).to_have_count(0)
    shot(a, "03-bringer-sees-both-tags", turn_row(a, TAGGED_TURN))
    shot(b, "04-listener-sees-both-tags", turn_row(b, TAGGED_TURN))
    step("4 tags side by side")

    # 5. B links the citizen turn to the next turn -------------------------------------
    open_tab(b, "Gribninger", wait)
    form = b.get_by_role("tabpanel", name="Gribninger")
    source = combobox(form, "Borgerens tur")
    targets = combobox(form, "Turen/turene efter")

    def option(number: int) -> str:
        label, speaker, text = TURNS[number - 1]
        return f"Tur {number} · {label} · {speaker}: {text}"

    flow.pick(b, source, option(CITIZEN_TURN), wait)  # no Escape: it would empty it
    choose(b, targets, option(CITIZEN_TURN + 1), wait)
    form.get_by_text(OUTCOME_OVERTAKEN, exact=True).click()
    wait(b)
    expect(form.get_by_role("radio", name=OUTCOME_OVERTAKEN)).to_be_checked()
    save_link = form.get_by_role("button", name="Gem gribning")
    save_link.click()
    wait(b)
    link_line = f"Tur {CITIZEN_TURN} → {CITIZEN_TURN + 1}: {OUTCOME_OVERTAKEN} · {LISTENER[1]}"
    listed = b.get_by_text(link_line, exact=True)
    targets_lost = b.get_by_test_id("stAlertContentError").filter(
        has_text=f"Vælg en eller flere ture efter tur {CITIZEN_TURN}."
    )
    if b.get_by_role("tab", name="Gribninger").get_attribute("aria-selected") != "true":
        open_tab(b, "Gribninger", wait)
    expect(listed).to_be_visible()
    expect(targets_lost).to_have_count(0)
    expect(b.get_by_role("button", name="Slet")).to_be_visible()  # B's own link
    shot(b, "05-listener-gribning-saved", listed)

    # The link marks the citizen turn as meaning-making for B.
    open_tab(b, "Udskrift og markeringer", wait)
    expect(my_tag_chip(b, CITIZEN_TURN, TAG_MEANING_MAKING)).to_be_visible()

    news_arrived(a, wait)
    open_tab(a, "Gribninger", wait)
    expect(a.get_by_text(link_line, exact=True)).to_be_visible()
    expect(a.get_by_role("button", name="Slet")).to_have_count(0)  # not A's link
    open_tab(a, "Udskrift og markeringer", wait)
    expect(others_caption(a, CITIZEN_TURN)).to_have_text(f"{LISTENER[1]}: {TAG_MEANING_MAKING}")
    step("5 gribning link seen by both")

    # 6. The descriptive summary ---------------------------------------------------------
    for pg in (a, b):
        open_tab(pg, "Beskrivende opsummering", wait)
        summary = pg.get_by_role("tabpanel", name="Beskrivende opsummering")
        expect(
            summary.get_by_text("Uddraget har 7 ture: 2 borgerture og 4 rådgiverture.")
        ).to_be_visible()
        expect(
            summary.get_by_text(
                "1 borgertur er markeret som meningsskabende eller som borgerens konkrete "
                f"arbejdsmarkedsperspektiv (tur {CITIZEN_TURN})."
            )
        ).to_be_visible()
        expect(
            summary.get_by_text(f"Tur {CITIZEN_TURN}: {OUTCOME_OVERTAKEN.lower()}", exact=True)
        ).to_be_visible()
        expect(
            summary.get_by_text(
                "1 af 4 rådgiverture (25 %) er markeret som institutionelle taleture."
            )
        ).to_be_visible()
        shot(pg, f"06-{'bringer' if pg is a else 'listener'}-summary", summary)
    step("6 summary")
