"""Retention: old sessions and audit entries go, with everything attached; recent ones stay."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from lises_reflect import retention
from lises_reflect.cli import main
from lises_reflect.config import load_settings
from lises_reflect.db import session_scope
from lises_reflect.models import (
    AuditEntry,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
    TurnTag,
)
from tests import builders as b
from tests.conftest import Org

NOW = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)


def count(engine, model) -> int:
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(model)).scalar_one()


def test_purge_deletes_what_is_past_retention(org: Org):
    e = org.engine
    for days, tag in ((400, True), (380, True), (30, True)):
        b.session(
            e,
            org.team,
            org.bringer,
            [org.listener],
            NOW - timedelta(days=days),
            tags=((org.listener, "institutional"),) if tag else (),
            answers=((org.bringer, 4),),
        )
    with session_scope(e) as s:
        s.add(AuditEntry(action="view.team_overview", at=NOW - timedelta(days=200)))
        s.add(AuditEntry(action="view.team_overview", at=NOW - timedelta(days=20)))
    from lises_reflect import login
    from lises_reflect.models import LoginAttempt

    login.attempt(e, "bringer", "wrong password!", "1.2.3.4", NOW - timedelta(days=200))
    login.attempt(e, "bringer", "wrong password!", "1.2.3.4", NOW - timedelta(days=2))
    report = retention.purge(e, now=NOW)
    assert count(e, LoginAttempt) == 1
    # Process checks are kept by month: the one of a partly retained month stays with it.
    assert (report.sessions, report.process_checks, report.audit_entries) == (2, 1, 1)
    assert count(e, ReflectionSession) == 1
    assert count(e, Participant) == 2 and count(e, TurnTag) == 1
    assert count(e, ProcessCheck) == 2 and count(e, ProcessCheckReceipt) == 1
    assert retention.purge_if_due(e, now=NOW + timedelta(hours=2)) is None  # once a day
    assert retention.purge_if_due(e, now=NOW + timedelta(days=1)) is not None


def test_months_and_configuration():
    assert retention.months_before(datetime(2026, 3, 31, tzinfo=timezone.utc), 1).day == 28
    assert retention.months_before(NOW, 12).year == 2025
    settings = load_settings({"LISES_RETENTION_MONTHS": "24", "LISES_AUDIT_RETENTION_MONTHS": "3"})
    assert settings.retention == retention.Retention(24, 3)
    with pytest.raises(ValueError, match="LISES_RETENTION_MONTHS"):
        load_settings({"LISES_RETENTION_MONTHS": "0"})


def test_cli_purge_reports(org: Org, capsys):
    url = org.engine.url.render_as_string(hide_password=False)
    assert main(["--database-url", url, "purge"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Purged 0 reflection sessions")


def test_the_app_purges_by_itself(org: Org):
    import time

    stop = retention.start_daily(org.engine, every_seconds=0.05)
    assert stop is not None
    assert retention.start_daily(org.engine) is None  # one loop per process and database
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        with session_scope(org.engine) as s:
            done = s.exec(
                select(func.count()).where(AuditEntry.action == retention.PURGE_ACTION)
            ).scalar_one()
        if done:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    stop.set()
    with session_scope(org.engine) as s:
        total = s.exec(
            select(func.count()).where(AuditEntry.action == retention.PURGE_ACTION)
        ).scalar_one()
    assert done == 1 and total == 1  # and only once a day, however often the loop wakes
