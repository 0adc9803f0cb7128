"""The audit trail: who looked at or exported what, when, with which filter.

Written in the same transaction as the read it describes, so a view that happened is never
missing from the trail. Entries hold the filter (team, period, search terms), never content.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect.auth import Actor, require
from lises_reflect.db import session_scope
from lises_reflect.models import AuditEntry, ReflectionSession, User, utcnow
from lises_reflect.periods import LOCAL


def record(s: Session, actor: Actor | None, action: str, target: str = "", **filters: Any) -> None:
    s.add(
        AuditEntry(
            actor_id=actor.user_id if actor else None,
            actor_username=actor.username if actor else "",
            action=action[:60],
            target=str(target)[:200],
            filters={k: _plain(v) for k, v in filters.items() if v not in (None, "", [], ())},
        )
    )


OPEN_EVERY = timedelta(minutes=30)


def record_open(s: Session, actor: Actor, target: str) -> None:
    """'Opened' once per person and thing per half hour: a page reruns on every click."""
    since = utcnow() - OPEN_EVERY
    recent = s.exec(
        select(AuditEntry.id).where(
            AuditEntry.actor_id == actor.user_id,
            AuditEntry.action == "view.open",
            AuditEntry.target == target,
            AuditEntry.at >= since,
        )
    ).first()
    if recent is None:
        record(s, actor, "view.open", target)


READ_POINTS = "view.learning_points"


def record_point_reads(s: Session, actor: Actor, session_ids: Iterable[int]) -> None:
    """A lead or facilitator read the shared learning points of these sessions: each bringer
    sees it in his or her access log. One entry per reader per day at most, naming the
    sessions not yet logged for that reader that day (Danish local day): a page reruns on
    every click, and "read on 3 December" is what the owner needs to know."""
    wanted = {int(x) for x in session_ids}
    if not wanted:
        return
    day = datetime.now(LOCAL).replace(hour=0, minute=0, second=0, microsecond=0)
    for filters in s.exec(
        select(AuditEntry.filters).where(
            AuditEntry.actor_id == actor.user_id,
            AuditEntry.action == READ_POINTS,
            AuditEntry.at >= day.astimezone(timezone.utc),
        )
    ).all():
        wanted -= {int(x) for x in (filters or {}).get("sessions", [])}
    if wanted:
        record(s, actor, READ_POINTS, "learning_points", sessions=sorted(wanted))


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass(frozen=True)
class AccessRow:
    at: datetime
    who: str
    what: str  # the audit action, one of MATERIAL_ACTIONS
    title: str


# The actions on a caseworker's material that `my_material_log` lists.
MATERIAL_ACTIONS = (
    "view.open",
    "export.session",
    "export.own_contributions",
    "view.flip_pool",
    "export.seminar_pack_pdf",
    "export.seminar_pack_pptx",
    READ_POINTS,
)


def my_material_log(engine: Engine, actor_id: int | None, limit: int = 300) -> list[AccessRow]:
    """Who opened or exported the conversations a caseworker brought, newest first."""
    with session_scope(engine) as s:
        actor = require(s, actor_id)
        return material_log(s, actor.user_id, limit)


def material_log(s: Session, user_id: int, limit: int | None = 300) -> list[AccessRow]:
    """The access log of the conversations `user_id` brought; the caller has checked that it
    may read it (the person, or an admin answering an access request: `mydata`)."""
    mine = dict(
        s.exec(
            select(ReflectionSession.id, ReflectionSession.title).where(
                ReflectionSession.bringer_id == user_id
            )
        ).all()
    )
    if not mine:
        return []
    names = dict(s.exec(select(User.id, User.display_name)).all())
    rows = s.exec(
        select(AuditEntry)
        .where(AuditEntry.action.in_(MATERIAL_ACTIONS))
        .order_by(AuditEntry.id.desc())
    ).all()
    out: list[AccessRow] = []
    for e in rows:
        ids: list[int] = []
        if e.target.startswith("session:"):
            ids = [int(e.target.split(":", 1)[1])]
        ids += [int(x) for x in (e.filters or {}).get("sessions", [])]
        for sid in ids:
            if sid in mine:
                who = names.get(e.actor_id, e.actor_username or "?")
                out.append(AccessRow(e.at, who, e.action, mine[sid]))
        if limit is not None and len(out) >= limit:
            break
    return out if limit is None else out[:limit]
