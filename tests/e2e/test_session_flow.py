"""Acceptance: a demo bringer and a demo listener complete a session from two browsers.

One real-browser walk through all eight phases of a Lån et øre session. Browser A is the
bringer (demo account ``mette``), browser B the listener (``jonas``, same team); each has its
own browser context, so its own cookies and its own Streamlit session. Everything is driven
through the UI with the Danish labels of ``lises_reflect/i18n.py`` and ``prompts/``.

Along the way it checks what the group relies on:

* the DEMO banner on the login page and in the app;
* invitation: the listener finds the new session under "Mine refleksioner" and opens it;
* phase moves are seen by the other browser through the polling fragment ("Gruppen er gået til
  fasen …" shown by itself, no click);
* the ground-rules gate: nobody moves past "Rammesætning" until everybody has confirmed, with
  the Danish reason shown;
* autosave on blur ("✓ Gemt kl. …") and that saved texts reach the other browser;
* the personal-data guard: an observation with a CPR number is refused with a Danish message
  naming the number, stays in the field and is not stored; without it, it is stored;
* refresh-and-resume: reloading the tab keeps the login, the session, the phase and the text;
* privacy of the bringer's "Det tager jeg med mig" note;
* learning point with category and the bringer's sharing choice, the anonymous process check,
  and finishing the session, seen as finished in both browsers.

Known app defects that the flow has to work around are reported as ``KnownAppBug`` warnings
(pytest's warnings summary) instead of being hidden. Screenshots of milestones go to
``test-results/session-flow-*.png``; ``pytest -s`` prints the time each step took.
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
    element_container,
    expect_phase,
    follow,
    news_arrived,
    open_tab,
    patient_expect,
)

DEMO_BANNER = "DEMO – alle personer, samtaler og refleksioner her er opdigtede."
EXCERPT = "\n".join(
    [
        "R: Hvordan er det gået i praktikken siden sidst?",
        "B: Det er gået okay … jeg kan godt lide at være der om morgenen.",
        "R: Godt. Du skal jo være der i 13 uger, og vi skal have underskrevet aftalen.",
        "B: Ja … måske kunne jeg også hjælpe i køkkenet en dag.",
        "R: Lad os lige få papirerne på plads først.",
    ]
)
CONTEXT_WISH = "Jeg vil gerne høre, om jeg griber det, borgeren siger om køkkenet."
CPR = "010190-1234"
OBSERVATION_WITH_CPR = f"Borgeren {CPR} siger, at hun godt kan lide at være der om morgenen."
OBSERVATION = (
    "I linje 4 siger borgeren, at hun måske kunne hjælpe i køkkenet. "
    "Næste taletur handler om papirerne."
)
REFLECTION = "Jeg bliver nysgerrig på, hvad der var sket, hvis køkkenet var blevet fulgt op."
STRUCK = "Det gjorde indtryk, at jeg slet ikke hørte køkkenet første gang."
TAKEAWAY = "Privat note: spørg ind til det, borgeren siger i bisætninger."
LEARNING_POINT = "Vi vil lytte efter ønsker, der bliver sagt i en bisætning, og spørge ind."


class KnownAppBug(UserWarning):
    """A known app defect the flow works around; shown in pytest's warnings summary."""


# --------------------------------------------------------------------------- helpers


def shot(page: Page, name: str) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / f"session-flow-{name}.png"), full_page=True)


# Counts the script runs of the page (transitions of stApp's script state to "running") and
# remembers when the state last changed; installed before every navigation of a page.
def login(page: Page, base_url: str, username: str, display_name: str, wait) -> None:
    flow.login(page, base_url, username, display_name, wait)
    # A caseworker lands on "Mine refleksioner"; the DEMO banner stays on every page.
    expect(page.get_by_role("heading", name="Mine refleksioner")).to_be_visible()
    expect(page.get_by_text(DEMO_BANNER)).to_be_visible()


def textarea(page: Page, label: str, nth: int = 0) -> Locator:
    return page.get_by_role("textbox", name=label, exact=True).nth(nth)


def caption_after(field: Locator, text: str | re.Pattern) -> Locator:
    """A message Streamlit renders in the next few elements after a widget (autosave status)."""
    siblings = element_container(field).locator(
        'xpath=following-sibling::div[@data-testid="stElementContainer"][position() <= 3]'
    )
    return siblings.filter(has_text=text)


def autosave(page: Page, label: str, text: str, wait, nth: int = 0) -> Locator:
    """Type into an autosaving text area, leave it (blur saves) and wait for "✓ Gemt kl."."""
    field = textarea(page, label, nth)
    field.fill(text)
    field.press("Tab")  # blur: Streamlit commits the value, the on_change callback saves it
    wait(page)
    expect(caption_after(field, re.compile(r"✓ Gemt kl\. \d\d:\d\d:\d\d"))).to_be_visible()
    expect(field).to_have_value(text)
    return field


def choose(page: Page, label: str, option: str, wait) -> None:
    flow.choose(page, page.get_by_role("combobox", name=label, exact=True), option, wait)


def next_phase(page: Page, wait) -> None:
    page.get_by_role("button", name="Næste fase ▶").click()
    wait(page)


def move_together(a: Page, b: Page, number: int, name: str, wait) -> None:
    next_phase(a, wait)
    expect_phase(a, number, name)
    follow(b, number, name, wait)


def session_card(page: Page, title: str) -> Locator:
    """The bordered card for one session on "Mine refleksioner" (innermost block with the title)."""
    return (
        page.get_by_test_id("stVerticalBlock")
        .filter(has=page.get_by_text(title, exact=True))
        .filter(has=page.get_by_role("button", name=re.compile("^(Fortsæt|Åbn)$")))
        .last
    )


# --------------------------------------------------------------------------- shared steps


def start_prepared_session(a: Page, title: str, wait) -> str:
    """Bringer A: "Ny refleksion" → phase 1 fully prepared; returns the session's URL."""
    a.get_by_role("link", name="Ny refleksion").click()
    wait(a)
    expect(a.get_by_role("heading", name="Ny refleksion")).to_be_visible()
    a.get_by_role("textbox", name="Arbejdstitel (valgfri)", exact=True).fill(title)
    a.get_by_role("button", name="Start refleksion").click()
    wait(a)
    expect(a).to_have_url(re.compile(r"/refleksion\?s=\d+$"))
    expect(a.get_by_role("heading", name=title)).to_be_visible()
    expect_phase(a, 1, "Forberedelse")
    expect(a.get_by_text("du er Bringer")).to_be_visible()

    flow.choose_stored(
        a,
        a.get_by_role("combobox", name="Lyttere (1–3 kolleger fra dit team)", exact=True),
        LISTENER[1],
        a.get_by_text(f"{LISTENER[1]} (Lytter)"),  # the header shows a stored listener
        wait,
    )
    choose(a, "Slags samtale", "Opfølgning på virksomhedspraktik", wait)
    choose(a, "Borgerens situation (brede kategorier)", "Aktivitetsparat", wait)
    choose(a, "Linser", "Gribning", wait)
    autosave(a, "Uddrag eller noter fra samtalen", EXCERPT, wait)
    return a.url


def accept_invitation(b: Page, title: str, session_url: str, phase: tuple[int, str], wait):
    """Listener B finds the invitation under "Mine refleksioner" and opens it ("Fortsæt")."""
    b.get_by_role("link", name="Mine refleksioner").click()
    wait(b)
    card = session_card(b, title)
    expect(card).to_be_visible()
    expect(card.get_by_text(re.compile(r"^Lytter · "))).to_be_visible()
    expect(card.get_by_text(f"Fase {phase[0]}: {phase[1]} · Med: {BRINGER[1]}")).to_be_visible()
    card.get_by_role("button", name="Fortsæt").click()
    wait(b)
    expect(b).to_have_url(session_url)
    expect(b.get_by_role("heading", name=title)).to_be_visible()
    expect(b.get_by_text("du er Lytter")).to_be_visible()
    expect_phase(b, *phase)


def acknowledge_rules(page: Page, wait) -> None:
    page.get_by_role("button", name="Jeg bekræfter spillereglerne").click()
    wait(page)
    expect(page.get_by_text("Du har bekræftet spillereglerne.")).to_be_visible()


# --------------------------------------------------------------------------- the tests


def test_bringer_and_listener_complete_a_session_from_two_browsers(
    app_server, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    step = Steps()
    title = f"E2E praktikopfølgning {uuid.uuid4().hex[:6]}"

    # 1. Two browsers, two demo users -----------------------------------------------------
    a = new_page()
    b = new_page()
    login(a, app_server, *BRINGER, wait)
    login(b, app_server, *LISTENER, wait)

    step("1 logged in (A mette, B jonas)")
    # 2. A starts a session and prepares it ----------------------------------------------
    session_url = start_prepared_session(a, title, wait)
    shot(a, "01-bringer-preparation")

    step("2 session started and prepared")
    # 3. A moves on; B finds the invitation under "Mine refleksioner" ---------------------
    next_phase(a, wait)
    expect_phase(a, 2, "Rammesætning")
    accept_invitation(b, title, session_url, (2, "Rammesætning"), wait)

    step("3 invitation accepted")
    # 4. Ground rules: nobody passes until everybody has confirmed ------------------------
    acknowledge_rules(a, wait)
    expect(a.get_by_text(f"Venter på: {LISTENER[1]}")).to_be_visible()
    next_phase(a, wait)
    blocker = a.get_by_test_id("stAlertContentError").filter(
        has_text="Gruppen kan ikke gå videre endnu:"
    )
    expect(blocker).to_be_visible()
    expect(blocker).to_contain_text("Alle deltagere skal bekræfte spillereglerne.")
    expect_phase(a, 2, "Rammesætning")
    shot(a, "02-bringer-blocked-by-ground-rules")

    acknowledge_rules(b, wait)
    expect(b.get_by_text("Venter på:")).to_have_count(0)

    step("4 ground rules")
    # 5. Phase 3: A's request reaches B ----------------------------------------------------
    move_together(a, b, 3, "Kontekst og ønske", wait)
    expect(a.get_by_role("heading", name="Hvad vil du gerne låne vores ører til?")).to_be_visible()
    autosave(a, "Dit svar", CONTEXT_WISH, wait)
    news_arrived(b, wait)
    expect(b.get_by_text(f"{BRINGER[1]}s svar:")).to_be_visible()
    expect(b.get_by_text(CONTEXT_WISH, exact=True)).to_be_visible()
    expect(textarea(b, "Dit svar")).to_have_count(0)  # only the bringer answers

    step("5 phase 3 context")
    # 6. Phase 4: the CPR guard, then a stored observation --------------------------------
    move_together(a, b, 4, "Beskrivende runde", wait)
    open_tab(b, "Iagttagelser", wait)
    expect(b.get_by_role("heading", name="Gribning")).to_be_visible()
    observation = textarea(b, "Min iagttagelse", 0)
    observation.fill(OBSERVATION_WITH_CPR)
    observation.press("Tab")
    wait(b)
    refusal = caption_after(observation, "Teksten er ikke gemt")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("personoplysninger")
    expect(refusal).to_contain_text(f'Fjern CPR-nummeret "{CPR}"')
    expect(observation).to_have_value(OBSERVATION_WITH_CPR)  # nothing typed is lost
    expect(caption_after(observation, "✓ Gemt kl.")).to_have_count(0)
    shot(b, "03-listener-cpr-refused")

    news_arrived(a, wait)  # nothing was stored: the bringer does not see it
    expect_phase(a, 4, "Beskrivende runde")
    open_tab(a, "Iagttagelser", wait)
    expect(a.get_by_text("Du lytter: lytterne beskriver")).to_be_visible()
    expect(a.get_by_text(CPR)).to_have_count(0)
    expect(a.get_by_text("siger, at hun godt kan lide")).to_have_count(0)

    autosave(b, "Min iagttagelse", OBSERVATION, wait)
    expect(caption_after(observation, "Teksten er ikke gemt")).to_have_count(0)
    news_arrived(a, wait)
    open_tab(a, "Iagttagelser", wait)
    expect(a.get_by_text(OBSERVATION, exact=True)).to_be_visible()
    expect(a.get_by_text(CPR)).to_have_count(0)
    expect(a.get_by_role("textbox", name="Min iagttagelse")).to_have_count(0)

    step("6 phase 4 CPR guard + observation")
    # 7. Refresh-and-resume: B reloads the tab: still logged in, same session and phase,
    #    the saved observation back in its field.
    b.reload()
    flow.settle_after_load(b, wait)
    expect(b.get_by_text(f"Logget ind som {LISTENER[1]}")).to_be_visible()
    expect(b.get_by_role("button", name="Log ind", exact=True)).to_have_count(0)
    expect(b).to_have_url(session_url)
    expect(b.get_by_role("heading", name=title)).to_be_visible()
    expect(b.get_by_text("du er Lytter")).to_be_visible()
    expect_phase(b, 4, "Beskrivende runde")
    open_tab(b, "Iagttagelser", wait)
    expect(textarea(b, "Min iagttagelse", 0)).to_have_value(OBSERVATION)
    shot(b, "04-listener-after-reload")

    step("7 reload and resume")
    # 8. Phase 5: B reflects, A reads ------------------------------------------------------
    move_together(a, b, 5, "Reflekterende runde", wait)
    autosave(b, "Min refleksion", REFLECTION, wait)
    expect(a.get_by_text("Du læser med, mens lytterne reflekterer.")).to_be_visible()
    news_arrived(a, wait)
    expect(a.get_by_text(REFLECTION, exact=True)).to_be_visible()

    step("phase 5 reflection")
    # Phase 6: A responds; the take-along note stays private ------------------------------
    move_together(a, b, 6, "Bringerens svar", wait)
    autosave(a, "Det gjorde indtryk på mig", STRUCK, wait)
    autosave(a, "Det tager jeg med mig", TAKEAWAY, wait)
    expect(
        caption_after(textarea(a, "Det tager jeg med mig"), "Kun synligt for dig")
    ).to_be_visible()
    news_arrived(b, wait)
    expect(b.get_by_text(f"Det gjorde indtryk på {BRINGER[1]}:")).to_be_visible()
    expect(b.get_by_text(STRUCK, exact=True)).to_be_visible()
    expect(b.get_by_text(TAKEAWAY)).to_have_count(0)
    expect(b.get_by_role("textbox", name="Det tager jeg med mig")).to_have_count(0)
    shot(b, "05-listener-sees-struck-not-takeaway")

    step("phase 6 response")
    # Phase 7: a learning point with a category and the bringer's sharing choice ----------
    move_together(a, b, 7, "Fælles læring", wait)
    autosave(a, "Læringspunkt", LEARNING_POINT, wait, nth=0)
    first_point = (
        a.get_by_test_id("stVerticalBlock")
        .filter(has=a.get_by_text("Læringspunkt 1", exact=True))
        .filter(has=textarea(a, "Læringspunkt"))
        .last
    )
    category = first_point.get_by_role("combobox", name="Kategori", exact=True)
    expect(category).to_be_enabled()  # enabled once the point has text
    category.click()
    a.get_by_role("option", name="Praksismønster", exact=True).click()
    wait(a)
    expect(category).to_have_value("Praksismønster")
    first_point.get_by_text("Ja, del anonymt", exact=True).click()
    wait(a)
    expect(first_point.get_by_role("radio", name="Ja, del anonymt")).to_be_checked()

    news_arrived(b, wait)
    expect(textarea(b, "Læringspunkt", 0)).to_have_value(LEARNING_POINT)
    expect(b.get_by_text("Del med teamets FLIP-pulje: Ja, del anonymt")).to_be_visible()
    b_category = b.get_by_role("combobox", name="Kategori", exact=True).first
    # A choice made by another participant shows by itself (live_updates, ui.synced).
    expect(b_category).to_have_value("Praksismønster")
    shot(a, "06-bringer-learning-point")

    step("phase 7 learning point")
    # Phase 8: both send the anonymous process check; A finishes --------------------------
    move_together(a, b, 8, "Afslutning", wait)
    for pg, value in ((a, "4"), (b, "5 – i høj grad")):
        check = pg.get_by_test_id("stForm")
        expect(check.get_by_text("Rammen føltes tryg")).to_be_visible()
        check.get_by_text(value, exact=True).click()
        check.get_by_role("button", name="Send anonymt").click()
        wait(pg)
        expect(pg.get_by_text("Tak – dit svar er gemt anonymt.")).to_be_visible()
        expect(pg.get_by_role("button", name="Send anonymt")).to_have_count(0)
    expect(b.get_by_role("button", name="Afslut sessionen")).to_have_count(0)  # bringer only

    a.get_by_role("button", name="Afslut sessionen").click()
    wait(a)
    a.get_by_role("button", name="Ja, afslut sessionen").click()  # finishing asks first
    wait(a)
    finished = "Sessionen er afsluttet. Du kan læse den, men ikke ændre den."
    expect(a.get_by_text(finished)).to_be_visible()
    # A finished session is a record: a local phase picker instead of the group's navigation.
    expect(a.get_by_role("button", name="Næste fase ▶")).to_have_count(0)
    expect(a.get_by_role("combobox", name="Læs fase", exact=True)).to_be_visible()
    news_arrived(b, wait)
    expect(b.get_by_text(finished)).to_be_visible()
    expect(b.get_by_role("button", name="◀ Forrige fase")).to_have_count(0)
    expect(b.get_by_role("combobox", name="Læs fase", exact=True)).to_be_visible()
    shot(b, "07-listener-finished")

    # Both see it as finished under "Mine refleksioner".
    for pg in (a, b):
        pg.get_by_role("link", name="Mine refleksioner").click()
        wait(pg)
        card = session_card(pg, title)
        expect(card.get_by_text(re.compile(r"^Afsluttet · Med: "))).to_be_visible()
        expect(card.get_by_role("button", name="Åbn")).to_be_visible()

    step("finished in both browsers")
