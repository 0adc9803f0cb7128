"""Issue 13: a save in one browser appears in the other without any click (one app, SQLite).

The time each change took is printed (`pytest -s`), never asserted: `bench/propagation.py`
reports the 95th percentile. Across two replicas on PostgreSQL: `test_replicas.py`."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import expect

from bench.propagation import measure, prepare_session
from lises_reflect.db import make_engine
from tests.e2e import flow
from tests.e2e.flow import BRINGER, LISTENER, patient_expect  # noqa: F401


def test_a_save_shows_on_the_other_screen_by_itself(
    app_server, app_data_dir: Path, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    a, b = new_page(), new_page()
    flow.login(a, app_server, *BRINGER, wait)
    flow.login(b, app_server, *LISTENER, wait)
    engine = make_engine(f"sqlite:///{app_data_dir / 'demo.sqlite3'}")
    try:
        sid = prepare_session(engine)
    finally:
        engine.dispose()
    for page in (a, b):
        page.goto(f"{app_server}/refleksion?s={sid}")
        flow.settle_after_load(page, wait)
        expect(page.get_by_text("Fase 6 af 8: Bringerens svar", exact=True)).to_be_visible()
    times = measure(a, b, 5, wait)
    print(f"\npropagation, ms: {[round(t) for t in times]}")
    assert len(times) == 5
    # Nothing was clicked on the listener's page, and it holds the last text.
    expect(b.get_by_text("Indtryk 4:", exact=False)).to_be_visible()
