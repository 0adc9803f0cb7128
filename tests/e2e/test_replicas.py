"""Two app processes on two ports against one PostgreSQL, as behind nginx with sticky sessions.

A session started on replica A is continued on replica B with nothing lost, and a lock-out
earned on A holds on B: both live in the database, not in a process.
"""

from __future__ import annotations

import pytest

from lises_reflect import auth
from lises_reflect.db import make_engine, migrate
from tests.conftest import _pg_reachable, throwaway_pg_database
from tests.e2e.conftest import running_app

PASSWORD = "replika kodeord 2026"
COOKIE_KEY = "r" * 8 + "0123456789abcdefghijklmnopqrstuvwxyz"


@pytest.fixture(scope="module")
def replicas(tmp_path_factory):
    reason = _pg_reachable()
    if reason:
        pytest.skip(reason)
    with throwaway_pg_database("lises_replicas") as url:
        yield from _two_apps(url, tmp_path_factory)


def _two_apps(url: str, tmp_path_factory):
    engine = make_engine(url)
    migrate(engine)
    org = auth.create_organisation(engine, None, "Jobcenter Replika")
    team = auth.create_team(engine, None, org, "Team Drift")
    for user in ("bente", "lars"):
        auth.create_user(engine, None, user, user.title(), PASSWORD, ["caseworker"], team)
    auth.create_user(engine, None, "ida", "Ida", PASSWORD, ["admin"], None)
    engine.dispose()
    env = {"DATABASE_URL": url, "LISES_COOKIE_KEY": COOKIE_KEY, "LISES_DEMO": "0"}
    with (
        running_app(env, tmp_path_factory.mktemp("replica-a")) as a,
        running_app(env, tmp_path_factory.mktemp("replica-b")) as b,
    ):
        yield a, b
