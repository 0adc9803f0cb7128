"""Fault injection: a writer killed with SIGKILL at random moments loses nothing it confirmed.

The parent forks a writer 200 times (fork, so the imports are paid once). Each writer opens its
own engine and saves new sessions through the real service in a loop, reporting every save the
service confirmed on a pipe. The parent kills it at a random moment with SIGKILL, then checks
that SQLite's integrity check passes and that every confirmed save is in the database.
"""

from __future__ import annotations

import os
import random
import select
import signal
import sqlite3
import sys
import time
from pathlib import Path

import pytest

from lises_reflect import sessions
from lises_reflect.db import make_engine, migrate
from tests.conftest import make_org

KILLS = 200


def _writer(url: str, actor: int, fd: int, start: int) -> None:  # pragma: no cover - child
    engine = make_engine(url)
    n = start
    while True:
        sid = sessions.create_session(engine, actor, f"gemt {n}")
        os.write(fd, f"{sid} {n}\n".encode())  # only after the service returned: confirmed
        n += 1


@pytest.mark.skipif(sys.platform != "linux", reason="fork and SIGKILL as on the servers")
def test_sigkill_at_random_moments_loses_nothing_confirmed(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'faults.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    actor = make_org(engine).bringer
    engine.dispose()
    rng = random.Random(7)
    confirmed: dict[int, str] = {}
    counter = 0
    for _ in range(KILLS):
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # the writer
            os.close(read_fd)
            try:
                _writer(url, actor, write_fd, counter)
            finally:
                os._exit(0)
        os.close(write_fd)
        buffer = b""
        deadline = time.monotonic() + rng.uniform(0.05, 0.4)
        while time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], 0.01)
            if ready:
                buffer += os.read(read_fd, 65536)
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        while chunk := os.read(read_fd, 65536):
            buffer += chunk
        os.close(read_fd)
        for line in buffer.decode().splitlines():
            if line.count(" ") == 1:
                sid, n = line.split()
                confirmed[int(sid)] = f"gemt {n}"
                counter = max(counter, int(n) + 1)
        with sqlite3.connect(tmp_path / "faults.sqlite3") as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    with sqlite3.connect(tmp_path / "faults.sqlite3") as db:
        stored = dict(db.execute("SELECT id, title FROM reflection_session").fetchall())
        participants = db.execute("SELECT COUNT(*) FROM participant").fetchone()[0]
    assert len(confirmed) > KILLS  # the writers got real work done between the kills
    missing = {sid: title for sid, title in confirmed.items() if stored.get(sid) != title}
    assert not missing
    # A session is written with its bringer in one transaction: never one without the other.
    assert participants == len(stored)
