"""The audit trail: who looked at or exported what, when, with which filter.

Written in the same transaction as the read it describes, so a view that happened is never
missing from the trail. Entries hold the filter (team, period, search terms), never content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect.auth import Actor, require
from lises_reflect.db import session_scope
from lises_reflect.models import AuditEntry, ReflectionSession, User, utcnow


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


def _plain(value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return sorted(_plain(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass(frozen=True)
class EntryView:
    at: datetime
    actor_username: str
    action: str
    target: str
    filters: dict


def recent_entries(engine: Engine, actor_id: int | None, limit: int = 200) -> list[EntryView]:
    """For administrators and the data protection officer; newest first."""
    with session_scope(engine) as s:
        require(s, actor_id, "admin")
        rows = s.exec(select(AuditEntry).order_by(AuditEntry.id.desc()).limit(limit)).all()
        return [
            EntryView(r.at, r.actor_username, r.action, r.target, dict(r.filters)) for r in rows
        ]


@dataclass(frozen=True)
class AccessRow:
    at: datetime
    who: str
    what: str  # an audit action: view.open, export.session, view.flip_pool, export.seminar_pack_*
    title: str


_MATERIAL_ACTIONS = (
    "view.open",
    "export.session",
    "export.own_contributions",
    "view.flip_pool",
    "export.seminar_pack_pdf",
    "export.seminar_pack_pptx",
)


def my_material_log(engine: Engine, actor_id: int | None, limit: int = 300) -> list[AccessRow]:
    """Who opened or exported the conversations a caseworker brought, newest first."""
    with session_scope(engine) as s:
        actor = require(s, actor_id)
        mine = dict(
            s.exec(
                select(ReflectionSession.id, ReflectionSession.title).where(
                    ReflectionSession.bringer_id == actor.user_id
                )
            ).all()
        )
        if not mine:
            return []
        names = dict(s.exec(select(User.id, User.display_name)).all())
        rows = s.exec(
            select(AuditEntry)
            .where(AuditEntry.action.in_(_MATERIAL_ACTIONS))
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
            if len(out) >= limit:
                break
        return out[:limit]
