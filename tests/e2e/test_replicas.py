"""Two app processes on two ports against one PostgreSQL, as behind nginx with sticky sessions.

A session started on replica A is continued on replica B with nothing lost, a cookie copied
before logout opens nothing afterwards, and a lock-out earned on A holds on B: all of it
lives in the database, not in a process.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lises_reflect import accounts, auth
from lises_reflect.db import make_engine, migrate
from tests.conftest import _pg_reachable, throwaway_pg_database
from tests.e2e import flow
from tests.e2e.conftest import running_app

PASSWORD = "replika kodeord 2026"
COOKIE_KEY = "r" * 8 + "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def replica_db():
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    with throwaway_pg_database("lises_replicas") as url:
        yield url


@pytest.fixture(scope="module")
def replicas(replica_db, tmp_path_factory):
    yield from _two_apps(replica_db, tmp_path_factory)


def _two_apps(url: str, tmp_path_factory):
    engine = make_engine(url)
    migrate(engine)
    org = accounts.create_organisation(engine, auth.OPERATOR, "Jobcenter Replika")
    team = accounts.create_team(engine, auth.OPERATOR, org, "Team Drift")
    for user in ("bente", "lars", "mads", "nina"):
        accounts.create_user(
            engine, auth.OPERATOR, user, user.title(), PASSWORD, ["caseworker"], team
        )
    accounts.create_user(engine, auth.OPERATOR, "ida", "Ida", PASSWORD, ["admin"], None)
    engine.dispose()
    env = {"DATABASE_URL": url, "LISES_COOKIE_KEY": COOKIE_KEY, "LISES_DEMO": "0"}
    with (
        running_app(env, tmp_path_factory.mktemp("replica-a")) as a,
        running_app(env, tmp_path_factory.mktemp("replica-b")) as b,
    ):
        yield a, b


def log_in(page, base: str, username: str, wait) -> None:
    flow.submit_login(page, base, username, PASSWORD, wait)


def test_a_session_moves_between_replicas_and_a_lockout_holds(
    replicas, new_page, wait_for_streamlit
):
    wait = wait_for_streamlit
    a_url, b_url = replicas
    a = new_page()
    log_in(a, a_url, "bente", wait)
    expect(a.get_by_role("heading", name="Mine refleksioner")).to_be_visible()
    a.get_by_role("link", name="Ny refleksion").click()
    wait(a)
    expect(a.get_by_role("heading", name="Ny refleksion")).to_be_visible()
    a.get_by_role("textbox", name="Arbejdstitel (valgfri)", exact=True).fill(
        "Opfølgning på tværs af maskiner"
    )
    a.get_by_role("button", name="Start refleksion").click()
    wait(a)
    expect(a.get_by_role("heading", name="Opfølgning på tværs af maskiner")).to_be_visible()

    excerpt = a.get_by_role("textbox", name="Uddrag eller noter fra samtalen", exact=True)
    words = "R: Hvad kunne du tænke dig?\nB: Måske noget med dyr."
    excerpt.fill(words)
    excerpt.press("Tab")  # leaving the field saves it
    wait(a)
    expect(a.get_by_text("✓ Gemt kl.").first).to_be_visible()
    session_path = a.url.split("/", 3)[3]  # e.g. refleksion?s=1

    b = new_page()  # another machine: its own browser, its own Streamlit process
    log_in(b, b_url, "bente", wait)
    expect(b.get_by_text("Opfølgning på tværs af maskiner")).to_be_visible()
    b.goto(f"{b_url}/{session_path}")
    flow.settle_after_load(b, wait)
    expect(b.get_by_role("heading", name="Opfølgning på tværs af maskiner")).to_be_visible()
    expect(
        b.get_by_role("textbox", name="Uddrag eller noter fra samtalen", exact=True)
    ).to_have_value(words)

    # Logging out ends the session on the server: a copy of the cookie opens nothing.
    cookies = b.context.cookies()
    assert any(c["name"] == "lises_auth" for c in cookies)
    b.get_by_role("button", name="Log ud").click()
    wait(b)
    thief = new_page()
    thief.context.add_cookies(cookies)
    thief.add_init_script(flow._RUN_TRACKER)
    thief.goto(a_url)
    flow.settle_after_load(thief, wait)
    expect(thief.get_by_role("textbox", name="Brugernavn", exact=True)).to_be_visible()
    expect(thief.get_by_role("heading", name="Mine refleksioner")).to_have_count(0)

    # Five wrong passwords on replica A lock "lars" on replica B too.
    c = new_page()
    c.add_init_script(flow._RUN_TRACKER)
    c.goto(a_url)
    flow.settle_after_load(c, wait)
    for _ in range(5):
        c.get_by_role("textbox", name="Brugernavn", exact=True).fill("lars")
        c.get_by_role("textbox", name="Adgangskode", exact=True).fill("forkert kodeord!")
        c.get_by_role("button", name="Log ind", exact=True).click()
        wait(c)
        expect(c.get_by_text("Brugernavn eller adgangskode er forkert.")).to_be_visible()
    d = new_page()
    log_in(d, b_url, "lars", wait)
    expect(d.get_by_text("For mange forsøg. Prøv igen om 15 minutter")).to_be_visible()
    expect(d.get_by_role("heading", name="Mine refleksioner")).to_have_count(0)


def test_a_save_on_one_replica_shows_on_the_other_without_a_click(
    replicas, replica_db, new_page, wait_for_streamlit
):
    """Issue 13: the bringer on replica A, the listener on replica B; every change the bringer
    commits appears on the listener's screen by itself. The time each took is printed
    (`pytest -s`); the benchmark (bench/propagation.py) reports its 95th percentile."""
    from bench.propagation import measure, prepare_session

    wait = wait_for_streamlit
    a_url, b_url = replicas
    a, b = new_page(), new_page()
    log_in(a, a_url, "mads", wait)  # not the pair of the test above ("lars" is locked out)
    log_in(b, b_url, "nina", wait)
    engine = make_engine(replica_db)
    try:
        sid = prepare_session(engine, "mads", "nina")
    finally:
        engine.dispose()
    for page, base in ((a, a_url), (b, b_url)):
        page.goto(f"{base}/refleksion?s={sid}")
        flow.settle_after_load(page, wait)
        expect(page.get_by_text("Fase 6 af 8: Bringerens svar", exact=True)).to_be_visible()
    times = measure(a, b, 5, wait)
    print(f"\npropagation across replicas, ms: {[round(t) for t in times]}")
    assert len(times) == 5
