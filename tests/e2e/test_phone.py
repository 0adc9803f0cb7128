"""The session page on a phone (390×844, the viewport of a common phone): a listener in
"Beskrivende runde" sees the phase and the first turn of the transcript on the first screen,
and nothing is wider than the screen (no horizontal scrolling).

Screenshots go to ``test-results/phone-*.png``: look at them when the page's top changes.
"""

from __future__ import annotations

import uuid

from playwright.sync_api import Page, expect

from bench.propagation import prepare_session
from lises_reflect.config import load_settings
from lises_reflect.db import make_engine
from tests.e2e import flow
from tests.e2e.conftest import RESULTS_DIR
from tests.e2e.flow import BRINGER, LISTENER, patient_expect  # noqa: F401  (autouse fixture)

PHONE = {"width": 390, "height": 844}
TURNS = [
    ("R", "Hvordan går det i praktikken?"),
    ("B", "Fint. Men jeg kunne faktisk godt tænke mig at køre truck."),
    ("R", "Du skal huske timesedlen, praktikken er 13 uger."),
]


def session_in_phase_4(data_dir, title: str) -> int:
    """Mette's session with Jonas, rules confirmed, in "Beskrivende runde"."""
    url = load_settings({"LISES_DEMO": "1", "LISES_DATA_DIR": str(data_dir)}).database_url
    engine = make_engine(url)
    try:
        return prepare_session(
            engine,
            *(BRINGER[0], LISTENER[0]),
            4,
            title=title,
            excerpt="\n".join(f"{label}: {text}" for label, text in TURNS),
        )
    finally:
        engine.dispose()


def first_screen(page: Page, text: str) -> bool:
    """Whether the element with this text lies wholly within the first screen."""
    box = page.get_by_text(text).first.bounding_box()
    assert box is not None, text
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def no_horizontal_scroll(page: Page) -> bool:
    return page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_phase_4_on_a_phone_for_a_listener(app_server, app_data_dir, new_page, wait_for_streamlit):
    wait = wait_for_streamlit
    title = f"Telefon {uuid.uuid4().hex[:6]}"
    page = new_page()
    flow.login(page, app_server, *LISTENER, wait)  # the login checks the (desktop) sidebar
    sid = session_in_phase_4(app_data_dir, title)
    page.set_viewport_size(PHONE)
    page.goto(f"{app_server}/refleksion?s={sid}")
    flow.settle_after_load(page, wait)
    phase = "Fase 4 af 8: Beskrivende runde"
    expect(page.get_by_text(phase, exact=True)).to_be_visible()
    first_turn = TURNS[0][1]
    expect(page.get_by_text(first_turn).first).to_be_visible()
    page.wait_for_timeout(500)  # the presence line and fonts settle
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS_DIR / "phone-listener-phase-4.png"))
    assert no_horizontal_scroll(page), page.evaluate(
        "() => [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert first_screen(page, phase), "the phase is not on the first screen"
    assert first_screen(page, first_turn), "the first turn is not on the first screen"
    # Every tab is whole on the screen: the row wraps instead of scrolling sideways.
    tabs = page.get_by_role("tab")
    assert tabs.count() == 5
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (
            tabs.nth(i).inner_text(),
            box,
        )
    assert page.evaluate(
        """() => [...document.querySelectorAll('[data-baseweb="tab-list"]')]
                 .every(e => e.scrollWidth <= e.clientWidth + 1)"""
    )
    # A tab on the second row opens as any other.
    flow.open_tab(page, "Beskrivende opsummering", wait)
    flow.open_tab(page, "Udskrift og markeringer", wait)
    # The whole page, for a look (the app scrolls inside its main area, not the document).
    page.set_viewport_size({"width": PHONE["width"], "height": 3200})
    page.wait_for_timeout(500)
    page.screenshot(path=str(RESULTS_DIR / "phone-listener-phase-4-whole.png"))
