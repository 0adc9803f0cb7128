"""Fault injection: PostgreSQL restarted, and stopped, while the app runs.

Runs where the test can control the server (pg_ctlcluster as root, as on the CI machine); under
CI it must run. A restart takes the server away for a second or two: the service retries what
may be repeated, the pool reconnects, and no acknowledged save is lost. A server that stays
away longer gives the user a clear message, and the text being typed is kept for "Gem igen".
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from lises_reflect import db, sessions
from lises_reflect.catalogue import catalogue
from lises_reflect.db import make_engine, migrate
from lises_reflect.i18n import t
from tests.conftest import COOKIE_KEY, Org, _pg_reachable, make_org, throwaway_pg_database
from tests.pages import EXCERPT, app, texts

pytestmark = pytest.mark.postgres


def _cluster() -> list[str] | None:
    """The pg_ctlcluster arguments of the local server, if this test may restart it."""
    if shutil.which("pg_ctlcluster") is None or os.geteuid() != 0:
        return None
    versions = (
        sorted(Path("/etc/postgresql").glob("*/main")) if Path("/etc/postgresql").is_dir() else []
    )
    if not versions:
        return None
    return ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1].parent.name, "main"]


def _server(action: str) -> None:
    cluster = _cluster()
    assert cluster is not None
    subprocess.run([*cluster, action], check=True, capture_output=True, timeout=120)


def _wait_until_up() -> None:
    deadline = time.monotonic() + 60
    while _pg_reachable() is not None:
        assert time.monotonic() < deadline, "PostgreSQL did not come back"
        time.sleep(0.2)


def _ensure_running() -> None:
    if _pg_reachable() is not None:
        subprocess.run([*_cluster(), "start"], capture_output=True, timeout=120)  # type: ignore[misc]
        _wait_until_up()


@pytest.fixture
def controlled_pg() -> Iterator[str]:
    reason = _pg_reachable()
    if reason is None and _cluster() is None:
        reason = (
            "PostgreSQL runs here, but this test may not restart it (needs pg_ctlcluster as root)"
        )
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must be able to restart PostgreSQL: {reason}")
        pytest.skip(reason)
    with throwaway_pg_database("lises_restart") as url:
        try:
            yield url
        finally:
            _ensure_running()  # whatever happened, leave the server up for the next tests


def _session_with_listener(org: Org) -> int:
    """A session in phase 4, where the listener writes observations to every lens."""
    e = org.engine
    lenses = [lens.id for lens in catalogue().lenses]
    sid = sessions.create_session(e, org.bringer, "Samtale om praktik")
    sessions.update_text(e, org.bringer, sid, "excerpt", EXCERPT, "")
    sessions.update_choices(
        e, org.bringer, sid, conversation_kind="internship_follow_up", lenses=lenses
    )
    sessions.set_listeners(e, org.bringer, sid, [org.listener])
    sessions.set_phase(e, org.bringer, sid, 2)
    for uid in (org.bringer, org.listener):
        sessions.acknowledge_rules(e, uid, sid)
    sessions.set_phase(e, org.bringer, sid, 4)
    return sid


def test_autosaves_go_on_through_a_restart_and_nothing_acknowledged_is_lost(
    controlled_pg: str,
) -> None:
    engine = make_engine(controlled_pg)
    migrate(engine)
    org = make_org(engine)
    sid = _session_with_listener(org)
    slots = [q.id for lens in catalogue().lenses for q in lens.questions][:4]
    acknowledged: dict[str, tuple[str, int]] = {}
    failures: list[str] = []
    after_restart = threading.Event()
    saves_after_restart = 0
    stop = threading.Event()

    def write() -> None:
        nonlocal saves_after_restart
        n = 0
        while not stop.is_set():
            slot = slots[n % len(slots)]
            text_now = f"observation {n}"
            base = acknowledged.get(slot, ("", 0))[1]
            try:
                version = sessions.save_contribution(
                    engine, org.listener, sid, "observation", slot, text_now, base
                )
            except Exception as err:  # noqa: BLE001 - anything here would reach the user
                failures.append(repr(err))
                return
            acknowledged[slot] = (text_now, version)
            if after_restart.is_set():
                saves_after_restart += 1
            n += 1

    retries_before = sum(db.retries.values())
    writer = threading.Thread(target=write)
    writer.start()
    time.sleep(0.5)
    _server("restart")
    after_restart.set()
    deadline = time.monotonic() + 60
    while saves_after_restart < 50 and writer.is_alive() and time.monotonic() < deadline:
        time.sleep(0.05)
    stop.set()
    writer.join(60)

    assert not failures, failures
    assert saves_after_restart >= 50, "the app did not reconnect after the restart"
    assert sum(db.retries.values()) > retries_before, "the restart was never noticed"
    with engine.connect() as conn:
        stored = dict(
            conn.execute(
                text("SELECT slot, text || '|' || version FROM contribution WHERE session_id = :s"),
                {"s": sid},
            ).all()
        )
    assert stored == {slot: f"{txt}|{v}" for slot, (txt, v) in acknowledged.items()}
    engine.dispose()


def test_the_page_survives_a_restart_and_a_stopped_server_keeps_the_typed_text(
    controlled_pg: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", controlled_pg)
    monkeypatch.setenv("LISES_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.delenv("LISES_DEMO", raising=False)
    monkeypatch.setattr(db, "RETRY_FOR_SECONDS", 2.0)  # the stopped server stays away longer
    engine = make_engine(controlled_pg)
    migrate(engine)
    org = make_org(engine)
    sid = _session_with_listener(org)

    at = app("listener")
    at.query_params["s"] = str(sid)
    at.switch_page("pages/session.py").run()
    assert not at.exception
    assert "Samtale om praktik" in texts(at)

    _server("restart")
    _wait_until_up()
    at.run()  # the pool's connections died with the server: the app reconnects by itself
    assert not at.exception, [e.value for e in at.exception]
    assert "Samtale om praktik" in texts(at)
    assert t("error.database", "da") not in texts(at)

    area = next(a for a in at.text_area if a.key.startswith(f"w:{sid}:observation:"))
    key = area.key
    _server("stop")
    try:
        area.input("Borgeren tøvede før svaret.").run()
        assert not at.exception, [e.value for e in at.exception]
        assert t("error.database", "da") in texts(at)
    finally:
        _ensure_running()
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.text_area(key=key).value == "Borgeren tøvede før svaret."  # nothing typed is lost
    assert t("ui.unsaved", "da") in texts(at)
    again = next(b for b in at.button if b.label == t("ui.save_again", "da"))
    again.click().run()
    assert not at.exception
    with engine.connect() as conn:
        saved = (
            conn.execute(
                text("SELECT text FROM contribution WHERE session_id = :s AND author_id = :a"),
                {"s": sid, "a": org.listener},
            )
            .scalars()
            .all()
        )
    assert saved == ["Borgeren tøvede før svaret."]
    engine.dispose()
