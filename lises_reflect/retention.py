"""Deleting what is no longer needed: data protection by default, not by a yearly clean-up.

Reflection sessions go after `LISES_RETENTION_MONTHS` (default 12) without activity, with
everything attached to them; the anonymous process checks of the same age go with them;
audit entries go after `LISES_AUDIT_RETENTION_MONTHS` (default 6). Every app process checks
once an hour whether a purge is due and runs at most one a day (the last run is itself an
audit entry, so replicas agree); `python -m lises_reflect purge` runs one now.
"""

from __future__ import annotations

import calendar
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from lises_reflect import periods
from lises_reflect.db import session_scope
from lises_reflect.models import (
    AuditEntry,
    Contribution,
    GribningLink,
    LearningPoint,
    LoginAttempt,
    LoginSession,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
    TurnTag,
)

PURGE_ACTION = "system.purge"


@dataclass(frozen=True)
class Retention:
    session_months: int = 12
    audit_months: int = 6

    def __post_init__(self) -> None:
        if self.session_months < 1 or self.audit_months < 1:
            raise ValueError("retention periods are whole months, at least 1")


@dataclass(frozen=True)
class PurgeReport:
    sessions: int
    process_checks: int
    audit_entries: int
    session_cutoff: datetime
    audit_cutoff: datetime


SESSION_CHILDREN = (
    TurnTag,
    GribningLink,
    Contribution,
    LearningPoint,
    ProcessCheckReceipt,
    Participant,
)


def delete_sessions(s: Session, ids) -> int:
    """Real deletion, used by retention and by a bringer deleting a session: every row that
    belongs to the sessions goes explicitly (not only by ON DELETE CASCADE, so it holds on
    every backend), then the sessions. Returns how many sessions went."""
    for model in SESSION_CHILDREN:
        s.exec(delete(model).where(model.session_id.in_(ids)))
    return s.exec(delete(ReflectionSession).where(ReflectionSession.id.in_(ids))).rowcount


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def purge(
    engine: Engine, retention: Retention | None = None, now: datetime | None = None
) -> PurgeReport:
    r = retention or Retention()
    now = now or datetime.now(timezone.utc)
    session_cutoff = months_before(now, r.session_months)
    audit_cutoff = months_before(now, r.audit_months)
    old_month = periods.month_key(session_cutoff)
    with session_scope(engine) as s:
        old = select(ReflectionSession.id).where(
            func.coalesce(ReflectionSession.updated_at, ReflectionSession.created_at)
            < session_cutoff
        )
        sessions = delete_sessions(s, old)
        checks = s.exec(delete(ProcessCheck).where(ProcessCheck.period < old_month)).rowcount
        audits = s.exec(delete(AuditEntry).where(AuditEntry.at < audit_cutoff)).rowcount
        # Login traces (usernames as typed, client addresses) are kept no longer than the log.
        s.exec(delete(LoginAttempt).where(LoginAttempt.at < audit_cutoff))
        s.exec(delete(LoginSession).where(LoginSession.last_seen_at < audit_cutoff))
        s.add(
            AuditEntry(
                action=PURGE_ACTION,
                at=now,  # the clock this run worked by, which purge_if_due compares with
                target="retention",
                filters={
                    "sessions": sessions,
                    "process_checks": checks,
                    "audit_entries": audits,
                    "session_months": r.session_months,
                    "audit_months": r.audit_months,
                },
            )
        )
    return PurgeReport(sessions, checks, audits, session_cutoff, audit_cutoff)


def purge_if_due(
    engine: Engine, retention: Retention | None = None, now: datetime | None = None
) -> PurgeReport | None:
    now = now or datetime.now(timezone.utc)
    with session_scope(engine) as s:
        last = s.exec(
            select(func.max(AuditEntry.at)).where(AuditEntry.action == PURGE_ACTION)
        ).scalar_one_or_none()
    if last is not None:
        last = last if last.tzinfo else last.replace(tzinfo=timezone.utc)
        if now - last < timedelta(hours=23):
            return None
    return purge(engine, retention, now)


_started: set[str] = set()
_lock = threading.Lock()


def start_daily(
    engine: Engine, retention: Retention | None = None, every_seconds: float = 3600
) -> threading.Event | None:
    """A daemon thread per process and database. Returns the event that stops it (None
    when one runs already)."""
    key = engine.url.render_as_string(hide_password=True)
    with _lock:
        if key in _started:
            return None
        _started.add(key)
    stop = threading.Event()

    def loop() -> None:
        try:
            while not stop.is_set():
                try:
                    purge_if_due(engine, retention)
                except Exception:
                    import logging

                    logging.getLogger(__name__).exception("retention purge failed")
                stop.wait(every_seconds)
        finally:
            with _lock:
                _started.discard(key)

    threading.Thread(target=loop, name="lises-retention", daemon=True).start()
    return stop
