"""Shared fixtures: a migrated database on each backend, a small organisation in it, and the
site the page tests run the app on (helpers for those are in tests/pages.py)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from lises_reflect import accounts, auth
from lises_reflect.db import make_engine, migrate
from tests import pg

PG_ADMIN_URL = os.environ.get(
    "LISES_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(autouse=True)
def _fast_bcrypt(monkeypatch: pytest.MonkeyPatch) -> None:
    # Production cost (12) is asserted in test_auth; everywhere else speed matters more.
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 4)


def _pg_reachable() -> str | None:
    """None when reachable, else the reason."""
    try:
        import psycopg

        with psycopg.connect(
            PG_ADMIN_URL.replace("postgresql+psycopg", "postgresql"), connect_timeout=3
        ):
            return None
    except Exception as err:  # noqa: BLE001
        return f"PostgreSQL not reachable at {PG_ADMIN_URL}: {err.__class__.__name__}"


def throwaway_pg_database(prefix: str) -> contextlib.AbstractContextManager[str]:
    """A new, empty PostgreSQL database for the duration of the block; its URL."""
    return pg.throwaway_pg_database(PG_ADMIN_URL, prefix)


@contextlib.contextmanager
def migrated_pg_database(prefix: str) -> Iterator[str]:
    """A new PostgreSQL database with the schema, for the block; the test is skipped when no
    server answers."""
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    with throwaway_pg_database(prefix) as url:
        engine = make_engine(url)
        migrate(engine)
        engine.dispose()
        yield url


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    with migrated_pg_database("lises_test") as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        eng = make_engine(f"sqlite:///{tmp_path / 'test.sqlite3'}")
        migrate(eng)
    else:
        url = request.getfixturevalue("pg_database")
        eng = make_engine(url)
        with eng.begin() as conn:
            tables = ", ".join(f'"{t.name}"' for t in SQLModel.metadata.sorted_tables)
            conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    yield eng
    eng.dispose()


@dataclass
class Org:
    engine: Engine
    team: int
    other_team: int
    bringer: int
    listener: int
    listener2: int
    colleague: int  # same team, not invited
    outsider: int  # caseworker in another team
    lead: int
    facilitator: int
    admin: int


PASSWORD = "correct horse battery"
COOKIE_KEY = "k" * 8 + "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture
def org(engine: Engine) -> Org:
    return make_org(engine)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Org:
    url = f"sqlite:///{tmp_path / 'pages.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LISES_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.delenv("LISES_DEMO", raising=False)
    engine = make_engine(url)
    migrate(engine)
    return make_org(engine)


def make_org(engine: Engine) -> Org:
    o = accounts.create_organisation(engine, auth.OPERATOR, "Jobcenter Test")
    team = accounts.create_team(engine, auth.OPERATOR, o, "Team A")
    other = accounts.create_team(engine, auth.OPERATOR, o, "Team B")

    def user(name: str, roles: list[str], team_id: int | None) -> int:
        return accounts.create_user(
            engine, auth.OPERATOR, name, name.title(), PASSWORD, roles, team_id
        )

    return Org(
        engine=engine,
        team=team,
        other_team=other,
        bringer=user("bringer", ["caseworker"], team),
        listener=user("listener", ["caseworker"], team),
        listener2=user("listener2", ["caseworker"], team),
        colleague=user("colleague", ["caseworker"], team),
        outsider=user("outsider", ["caseworker"], other),
        lead=user("lead", ["teamlead"], team),
        facilitator=user("facilitator", ["facilitator"], None),
        admin=user("admin", ["admin"], None),
    )


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def empty_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:
    """A database with no schema at all, on each backend (for migrations, backup, restore)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.sqlite3'}"
        return
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    with throwaway_pg_database("lises_empty") as url:
        yield url
