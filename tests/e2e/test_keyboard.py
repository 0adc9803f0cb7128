"""Keyboard only: a session from login to a saved observation without a mouse.

Two demo users (mette brings, jonas listens) log in, start and prepare a session, confirm the
ground rules, move through the phases and write an observation, using nothing but Tab,
Shift+Tab, Enter, Escape and typing (`page.keyboard`): no click, no fill. Where focus lands on
a button or link, it must be visible (an outline or a focus ring).
"""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from lises_reflect.demo import DEMO_PASSWORD
from tests.e2e.flow import (  # noqa: F401  (patient_expect: autouse fixture)
    _RUN_TRACKER,
    BRINGER,
    LISTENER,
    expect_phase,
    patient_expect,
    settle_after_load,
)

MAX_TABS = 120


def focused(locator: Locator) -> bool:
    return bool(
        locator.evaluate("e => e === document.activeElement || e.contains(document.activeElement)")
    )


def tab_to(page: Page, target: Locator, backwards: bool = False) -> None:
    """Press Tab until the target has focus, as a keyboard user would."""
    expect(target).to_be_visible()
    for _ in range(MAX_TABS):
        if focused(target):
            return
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{target} cannot be reached with {'Shift+' if backwards else ''}Tab")


def focus_is_visible(page: Page) -> bool:
    return bool(
        page.evaluate(
            """() => {
                let e = document.activeElement;
                for (let i = 0; e && i < 3; i++, e = e.parentElement) {
                    const s = getComputedStyle(e);
                    if ((s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)
                        || (s.boxShadow && s.boxShadow !== 'none')) return true;
                }
                return false;
            }"""
        )
    )


def press_button(page: Page, name: str, wait, scope: Locator | None = None) -> None:
    button = (scope or page).get_by_role("button", name=name, exact=True).first
    tab_to(page, button)
    assert focus_is_visible(page), f"focus on the button {name!r} is not visible"
    page.keyboard.press("Enter")
    wait(page)


def follow_link(page: Page, name: str, wait) -> None:
    link = page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True)
    tab_to(page, link)
    assert focus_is_visible(page), f"focus on the link {name!r} is not visible: " + page.evaluate(
        "() => { const e = document.activeElement; const s = getComputedStyle(e); "
        "return e.outerHTML.slice(0, 200) + ' outline=' + s.outline + ' shadow=' + s.boxShadow "
        "+ ' bg=' + s.backgroundColor + ' focusvisible=' + e.matches(':focus-visible'); }"
    )
    page.keyboard.press("Enter")
    wait(page, initial_wait=300)


def type_into(page: Page, label: str, text: str, wait) -> Locator:
    box = page.get_by_role("textbox", name=label, exact=True).first
    tab_to(page, box)
    page.keyboard.type(text)
    page.keyboard.press("Tab")  # leaving the field commits it (and autosaves)
    wait(page)
    return box


def pick(page: Page, label: str, option: str, wait, multi: bool = False) -> None:
    """A selectbox or multiselect: focus it, type to filter, Enter takes the first match."""
    box = page.get_by_role("combobox", name=label, exact=True)
    tab_to(page, box)
    page.keyboard.type(option)
    expect(page.get_by_role("option", name=option, exact=True)).to_be_visible()
    page.keyboard.press("Enter")
    if multi:
        page.keyboard.press("Escape")  # a multiselect stays open for more choices
    wait(page)
    if not multi:
        expect(box).to_have_value(option)


def keyboard_login(page: Page, base_url: str, username: str, display: str, wait) -> None:
    page.add_init_script(_RUN_TRACKER)
    page.goto(base_url)
    settle_after_load(page, wait)
    tab_to(page, page.get_by_role("textbox", name="Brugernavn", exact=True))
    page.keyboard.type(username)
    tab_to(page, page.get_by_role("textbox", name="Adgangskode", exact=True))
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")  # submits the form
    wait(page)
    expect(page.get_by_text(f"Logget ind som {display}")).to_be_visible()


def test_a_session_by_keyboard_alone(app_server, new_page, wait_for_streamlit):
    wait = wait_for_streamlit
    title = f"Tastatur {uuid.uuid4().hex[:6]}"
    a, b = new_page(), new_page()
    keyboard_login(a, app_server, *BRINGER, wait)
    keyboard_login(b, app_server, *LISTENER, wait)

    # The bringer starts and prepares a session.
    follow_link(a, "Ny refleksion", wait)
    type_into(a, "Arbejdstitel (valgfri)", title, wait)
    press_button(a, "Start refleksion", wait)
    expect(a).to_have_url(re.compile(r"/refleksion\?s=\d+$"))
    expect_phase(a, 1, "Forberedelse")
    pick(a, "Lyttere (1–3 kolleger fra dit team)", LISTENER[1], wait, multi=True)
    expect(a.get_by_text(f"{LISTENER[1]} (Lytter)")).to_be_visible()
    pick(a, "Slags samtale", "Opfølgning på virksomhedspraktik", wait)
    pick(a, "Borgerens situation (brede kategorier)", "Aktivitetsparat", wait, multi=True)
    pick(a, "Linser", "Gribning", wait, multi=True)
    excerpt = type_into(
        a,
        "Uddrag eller noter fra samtalen",
        "R: Hvordan går det i praktikken?\nB: Godt … måske kunne jeg hjælpe i køkkenet.",
        wait,
    )
    expect(a.get_by_text(re.compile(r"✓ Gemt kl\. \d\d:\d\d:\d\d")).first).to_be_visible()
    expect(excerpt).to_have_value(re.compile("køkkenet"))
    press_button(a, "Næste fase ▶", wait)
    expect_phase(a, 2, "Rammesætning")
    press_button(a, "Jeg bekræfter spillereglerne", wait)

    # The listener finds the invitation and joins, by keyboard too.
    card = (
        b.get_by_test_id("stVerticalBlock")
        .filter(has=b.get_by_text(title, exact=True))
        .filter(has=b.get_by_role("button", name="Fortsæt"))
        .last
    )
    follow_link(b, "Mine refleksioner", wait)
    press_button(b, "Fortsæt", wait, scope=card)
    expect(b.get_by_text("du er Lytter")).to_be_visible()
    press_button(b, "Jeg bekræfter spillereglerne", wait)

    # Through phase 3 to the descriptive round; the listener writes an observation.
    press_button(a, "Næste fase ▶", wait)
    expect_phase(a, 3, "Kontekst og ønske")
    press_button(a, "Næste fase ▶", wait)
    expect_phase(a, 4, "Beskrivende runde")
    b.reload()
    settle_after_load(b, wait)
    expect_phase(b, 4, "Beskrivende runde")
    tab = b.get_by_role("tab", name="Iagttagelser", exact=True)
    tab_to(b, b.get_by_role("tab").first)
    for _ in range(6):  # tabs are one Tab stop; the arrow keys move between them
        if tab.get_attribute("aria-selected") == "true":
            break
        b.keyboard.press("ArrowRight")
        b.keyboard.press("Enter")
        wait(b, initial_wait=100)
    expect(tab).to_have_attribute("aria-selected", "true")
    note = "Borgeren nævner køkkenet i en bisætning."
    type_into(b, "Min iagttagelse", note, wait)
    expect(b.get_by_text(re.compile(r"✓ Gemt kl\.")).first).to_be_visible()

    # Saved for real: after a reload the observation is still there.
    b.reload()
    settle_after_load(b, wait)
    tab_to(b, b.get_by_role("tab").first)
    for _ in range(6):
        if tab.get_attribute("aria-selected") == "true":
            break
        b.keyboard.press("ArrowRight")
        b.keyboard.press("Enter")
        wait(b, initial_wait=100)
    expect(b.get_by_role("textbox", name="Min iagttagelse", exact=True).first).to_have_value(note)
