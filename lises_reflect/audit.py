"""The audit trail: who looked at or exported what, when, with which filter.

Written in the same transaction as the read it describes, so a view that happened is never
missing from the trail. Entries hold the filter (team, period, search terms), never content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect.auth import Actor, require
from lises_reflect.db import session_scope
from lises_reflect.models import AuditEntry


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
