"""Fault injection: 20 people autosaving at once against one SQLite file.

20 threads (Streamlit runs every browser session in a thread of one process) each make 500
autosaves of new observations through the real service: exactly 10,000 rows must land, each
with its own text, and no save may fail. SQLite's "database is locked" is the one error that is
allowed to happen, and only inside the service, which retries it by itself.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy.exc import OperationalError

from lises_reflect import accounts, auth, db, sessions
from lises_reflect.catalogue import catalogue
from lises_reflect.db import WriteGate, is_transient, make_engine, migrate, retry_transient

THREADS = 20
SAVES = 500
SESSIONS_PER_PAIR = 20  # two listeners share a session; 20 sessions x 25 slots = 500 saves each
PASSWORD = "correct horse battery"


def _slots() -> list[str]:
    cat = catalogue()
    questions = sorted(q.id for lens in cat.lenses for q in lens.questions)
    slots = questions + [f"{lens.id}.free" for lens in cat.lenses]
    assert len(slots) * SESSIONS_PER_PAIR >= SAVES, "the catalogue has too few questions"
    return slots[: SAVES // SESSIONS_PER_PAIR]


def test_twenty_threads_times_500_autosaves_give_exactly_10000_rows(tmp_path: Path) -> None:
    path = tmp_path / "concurrent.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    org = accounts.create_organisation(engine, auth.OPERATOR, "Jobcenter Samtidig")
    team = accounts.create_team(engine, auth.OPERATOR, org, "Team Samtidig")

    def caseworker(name: str) -> int:
        return accounts.create_user(
            engine, auth.OPERATOR, name, name.title(), PASSWORD, ["caseworker"], team
        )

    listeners = [caseworker(f"lytter{i:02d}") for i in range(THREADS)]
    lenses = [lens.id for lens in catalogue().lenses]
    plan: dict[int, list[int]] = {}
    for pair in range(THREADS // 2):
        bringer = caseworker(f"fortaeller{pair:02d}")
        pair_sessions = []
        for k in range(SESSIONS_PER_PAIR):
            sid = sessions.create_session(engine, bringer, f"Samtale {pair}-{k}")
            sessions.update_choices(engine, bringer, sid, lenses=lenses)
            sessions.set_listeners(engine, bringer, sid, listeners[2 * pair : 2 * pair + 2])
            pair_sessions.append(sid)
        plan[listeners[2 * pair]] = plan[listeners[2 * pair + 1]] = pair_sessions
    slots = _slots()
    failures: list[str] = []
    latencies: list[float] = []
    retries_before = sum(db.retries.values())
    start = threading.Barrier(THREADS)

    def write(uid: int) -> None:
        start.wait()  # all at once, not one after the other as the threads start
        for sid in plan[uid]:
            for slot in slots:
                began = time.perf_counter()
                try:
                    version = sessions.save_contribution(
                        engine, uid, sid, "observation", slot, f"{uid}/{sid}/{slot}", 0
                    )
                    if version != 1:
                        failures.append(f"{uid}/{sid}/{slot}: version {version}")
                except Exception as err:  # noqa: BLE001 - any error here would reach a user
                    failures.append(f"{uid}/{sid}/{slot}: {err!r}")
                latencies.append(time.perf_counter() - began)

    threads = [threading.Thread(target=write, args=(uid,)) for uid in listeners]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    engine.dispose()

    assert not failures, failures[:5]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT author_id, session_id, slot, text, version FROM contribution")
        stored = rows.fetchall()
    assert len(stored) == THREADS * SAVES == 10_000
    assert all(text == f"{a}/{s}/{slot}" and v == 1 for a, s, slot, text, v in stored)
    latencies.sort()
    print(
        f"\n{len(latencies)} autosaves in {elapsed:.1f} s by {THREADS} threads: "
        f"median {latencies[len(latencies) // 2] * 1000:.1f} ms, "
        f"p95 {latencies[int(len(latencies) * 0.95)] * 1000:.1f} ms, "
        f"retried {sum(db.retries.values()) - retries_before}"
    )


def test_the_write_gate_serves_writers_in_order_and_lets_a_thread_in_twice() -> None:
    gate = WriteGate(timeout=5)
    order: list[int] = []
    gate.acquire()
    gate.acquire()  # a second connection of the same thread passes
    waiting = []
    for n in range(5):
        t = threading.Thread(target=lambda n=n: (gate.acquire(), order.append(n), gate.release()))
        t.start()
        waiting.append(t)
        time.sleep(0.05)  # queue them in a known order
    gate.release()
    time.sleep(0.05)
    assert order == []  # still held by the first connection
    gate.release()
    for t in waiting:
        t.join(5)
    assert order == [0, 1, 2, 3, 4]


def test_a_writer_that_waits_too_long_gets_a_retriable_error() -> None:
    gate = WriteGate(timeout=0.1)
    gate.acquire()
    caught: list[BaseException] = []

    def wait() -> None:
        try:
            gate.acquire()
        except sqlite3.OperationalError as err:
            caught.append(err)

    t = threading.Thread(target=wait)
    t.start()
    t.join(5)
    assert caught and "database is locked" in str(caught[0])
    gate.release()
    gate.acquire()  # the one that gave up left the queue: the gate is free again
    gate.release()


def test_retry_transient_repeats_only_what_may_be_repeated() -> None:
    calls: list[int] = []
    locked = OperationalError("UPDATE", {}, sqlite3.OperationalError("database is locked"))
    wrong = OperationalError("UPDATE", {}, sqlite3.OperationalError("no such column: x"))
    assert is_transient(locked) and not is_transient(wrong)

    @retry_transient
    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise locked
        return "saved"

    assert flaky() == "saved" and len(calls) == 3

    @retry_transient
    def broken() -> None:
        calls.append(1)
        raise wrong

    calls.clear()
    with pytest.raises(OperationalError):
        broken()
    assert len(calls) == 1
