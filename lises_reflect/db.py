"""Engine and short-lived sessions; schema comes from Alembic migrations."""

from __future__ import annotations

import functools
import logging
import random
import sqlite3
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, create_engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # WAL lets readers continue while a participant autosaves; FULL sync so an acknowledged
    # save survives a power cut; busy_timeout turns lock contention into a short wait.
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA synchronous=FULL")
    # Deleted rows are overwritten, not left in free space: a copy of the file must not show
    # what was deleted (purged sessions, or the earlier order of process-check answers).
    cur.execute("PRAGMA secure_delete=ON")
    cur.close()


class WriteGate:
    """One SQLite writer at a time, queued first come, first served, inside this process.

    SQLite lets one connection write at a time; the others wait in its busy handler, which
    sleeps in growing steps (up to 100 ms) and wakes in no order. With 20 people autosaving at
    once that gave a slow tail (p95 178 ms) and the occasional starved writer. Here a writer
    waits for the gate from its first write statement until its connection goes back to the
    pool (after the commit or rollback), and the gate is handed straight to the next in line.
    Other processes (the CLI, a backup) still meet SQLite's own lock and its busy_timeout.
    """

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self._mutex = threading.Lock()
        self._queue: deque[tuple[int, threading.Lock]] = deque()
        self._owner: int | None = None
        self._depth = 0  # connections of the owning thread that hold the gate

    def acquire(self) -> None:
        me = threading.get_ident()
        with self._mutex:
            if self._owner is None:
                self._owner, self._depth = me, 1
                return
            if self._owner == me:  # a second connection of the same thread
                self._depth += 1
                return
            waiter = (me, threading.Lock())
            waiter[1].acquire()
            self._queue.append(waiter)
        if waiter[1].acquire(timeout=self.timeout):
            return  # handed over by release(), owner and depth set for us
        with self._mutex:
            if waiter in self._queue:
                self._queue.remove(waiter)
                raise sqlite3.OperationalError("database is locked")  # transient: retried
        # Handed over in the very moment the wait ran out: the gate is ours.

    def hold(self, info: dict) -> None:
        """Take the gate for the pool connection whose `info` this is, unless it has it; the
        pool's checkin releases it."""
        if not info.get("gate"):
            self.acquire()
            info["gate"] = True

    def release(self) -> None:
        with self._mutex:
            self._depth -= 1
            if self._depth > 0:
                return
            if self._queue:
                owner, turn = self._queue.popleft()
                self._owner, self._depth = owner, 1
                turn.release()
            else:
                self._owner = None


_WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


def _install_write_gate(engine: Engine, timeout: float) -> None:
    gate = WriteGate(timeout)

    @event.listens_for(engine, "before_cursor_execute")
    def _enter(conn, _cursor, statement, _params, _context, _many) -> None:
        # Cheap test first: most statements of a writing transaction come after it has the gate.
        if not conn.info.get("gate") and statement.lstrip()[:7].upper().startswith(_WRITES):
            gate.hold(conn.info)

    def _leave(_dbapi_connection, record) -> None:
        if record.info.pop("gate", False):
            gate.release()

    # On "checkin" the pool has already rolled back whatever was not committed.
    event.listen(engine.pool, "checkin", _leave)
    event.listen(engine.pool, "invalidate", lambda dbapi, record, _exc: _leave(dbapi, record))
    engine.write_gate = gate  # type: ignore[attr-defined]


def make_engine(url: str) -> Engine:
    """A new engine; prefer `get_engine`, which keeps one per process and URL."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # One connection per thread that needs one (Streamlit runs every browser session in its
        # own thread): a SQLite connection is cheap, and a capped pool made writers queue for
        # a connection instead of for the database's own write lock.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 10},
            pool_size=10,
            max_overflow=-1,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        _install_write_gate(engine, timeout=10.0)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=10)


def get_engine(url: str) -> Engine:
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = make_engine(url)
        return engine


def dispose_engine(url: str) -> None:
    with _lock:
        engine = _engines.pop(url, None)
    if engine is not None:
        engine.dispose()


# SQLSTATEs after which the same transaction, run again, can succeed: the server went away
# or is starting (08xxx, 57P01-03), or the transaction lost a race (40001, 40P01).
_TRANSIENT_SQLSTATES = ("08", "57P01", "57P02", "57P03", "40001", "40P01")
# A failed connection attempt carries no SQLSTATE, only the server's words.
_TRANSIENT_MESSAGES = (
    "database is locked",
    "database table is locked",
    "connection refused",
    "connection failed",
    "the database system is shutting down",
    "the database system is starting up",
    "server closed the connection unexpectedly",
    "terminating connection due to administrator command",
)
RETRY_FOR_SECONDS = 20.0
_log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


def is_transient(err: BaseException) -> bool:
    """True for a database error that says "try again", not "this is wrong"."""
    if not isinstance(err, DBAPIError):
        return False
    if err.connection_invalidated:
        return True
    sqlstate = getattr(err.orig, "sqlstate", None) or ""
    if sqlstate.startswith(_TRANSIENT_SQLSTATES):
        return True
    message = str(err.orig).lower()
    return any(m in message for m in _TRANSIENT_MESSAGES)


def retry_transient(fn: Callable[P, R]) -> Callable[P, R]:
    """Run a whole service call again after a transient database error.

    Only for calls that are safe to repeat: reads, and autosaves (a retried autosave stores the
    same text, and saving the stored text again is a success). A button's one-off action is
    not retried: after a lost answer nobody knows whether it landed. The user sees a message only when the database stays
    away for longer than RETRY_FOR_SECONDS (a PostgreSQL restart takes a few seconds).
    """

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        deadline = time.monotonic() + RETRY_FOR_SECONDS
        pause = 0.02
        while True:
            try:
                return fn(*args, **kwargs)
            except DBAPIError as err:
                if not is_transient(err) or time.monotonic() + pause > deadline:
                    raise
                _log.info("retrying %s after %s", fn.__name__, err.__class__.__name__)
                with _lock:
                    retries[fn.__name__] += 1
            time.sleep(pause * random.uniform(0.5, 1.5))
            pause = min(pause * 2, 1.0)

    return wrapper


# Retries per service function in this process: read by the fault-injection tests and the
# benchmark, and worth a look in a support case.
retries: Counter[str] = Counter()


@contextmanager
def session_scope(engine: Engine, *, writes: bool = False) -> Iterator[Session]:
    """One short transaction per user action: commit on success, roll back on any error.

    `writes=True` for a transaction that reads in order to write (an autosave checks who may
    write, then writes): on SQLite it queues for the write gate before the first read instead
    of at the first write. With 20 people autosaving at once, the writer holding the gate then
    never competes for the interpreter with others who are still busy reading (and who wait for
    the gate without using the CPU), so the gate is held for the shortest time. 20 writers x 200
    saves, four runs each on a quiet 2-core machine: p95 29.0-36.0 ms before, 27.1-28.1 ms
    after. On PostgreSQL it changes nothing.
    """
    with Session(engine, expire_on_commit=False) as session:
        try:
            if writes:
                _hold_write_gate(session)
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def _hold_write_gate(session: Session) -> None:
    conn = session.connection()
    gate = getattr(conn.engine, "write_gate", None)
    if gate is not None:
        gate.hold(conn.info)


def serialize(session: Session, *keys: str) -> None:
    """Make the rest of this transaction the only one, for these keys, that reads and writes:
    a read that decides a write (count the failures, then record the attempt) becomes one
    atomic step, so parallel callers cannot all read the same old state.

    PostgreSQL: a transaction-level advisory lock per key (held until commit or rollback; keys
    need no row, so an unknown username locks as well as a known one). Take keys in the same
    order everywhere. SQLite: the in-process write gate, then an immediate write transaction,
    which also holds off other processes (the CLI, another replica) until commit.
    """
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        for key in keys:
            conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": key})
        return
    if conn.dialect.name == "sqlite":
        _hold_write_gate(session)
        dbapi = conn.connection.dbapi_connection
        # The driver opens a transaction only at the first write; a transaction that has
        # written already holds SQLite's write lock.
        if not dbapi.in_transaction:  # type: ignore[union-attr]
            conn.exec_driver_sql("BEGIN IMMEDIATE")


def _alembic_config(engine: Engine):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def migrate(engine: Engine, revision: str = "head") -> None:
    """Bring the schema up to `revision`; safe to call at every start-up."""
    from alembic import command

    command.upgrade(_alembic_config(engine), revision)


def current_revision(engine: Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
