"""Who may do what in a session: the checks shared by `sessions` and `tagging`.

Every write and read on a session loads the caller from the database and checks role and
participation here, whatever the page showed; a finished session is a record and refuses
changes; a change to a session moves its change stamp (`updated_at`), which the pages poll.
"""

from __future__ import annotations

from sqlmodel import Session, select

from lises_reflect.auth import Actor, require
from lises_reflect.errors import InvalidInput, NotFound, PermissionDenied
from lises_reflect.models import Participant, ReflectionSession, User, utcnow


def _load(s: Session, session_id: int) -> ReflectionSession:
    rs = s.get(ReflectionSession, session_id)
    if rs is None:
        raise NotFound("error.session_not_found")
    return rs


def _participant(s: Session, rs: ReflectionSession, actor: Actor) -> Participant:
    p = s.exec(
        select(Participant).where(
            Participant.session_id == rs.id, Participant.user_id == actor.user_id
        )
    ).first()
    if p is None:
        raise PermissionDenied("error.not_participant")
    return p


def participant_names(s: Session, session_id: int) -> dict[int, str]:
    """The display name of everyone taking part, by user id."""
    return dict(
        s.exec(
            select(User.id, User.display_name)
            .join(Participant, Participant.user_id == User.id)
            .where(Participant.session_id == session_id)
        ).all()
    )


def as_participant(
    s: Session, actor_id: int | None, session_id: int, *, editable: bool = False
) -> tuple[Actor, ReflectionSession, Participant]:
    """The caller, the session and the caller's place in it; refused unless the caller is an
    active caseworker taking part in the session (and, if `editable`, the session is open)."""
    actor = require(s, actor_id, "caseworker")
    rs = _load(s, session_id)
    p = _participant(s, rs, actor)
    if editable:
        require_editable(rs)
    return actor, rs, p


def as_bringer(
    s: Session, actor_id: int | None, session_id: int, *, editable: bool = False
) -> tuple[Actor, ReflectionSession]:
    """The caller and the session; refused unless the caller brought the session (and, if
    `editable`, the session is open)."""
    actor, rs, p = as_participant(s, actor_id, session_id)
    if p.role != "bringer":
        raise PermissionDenied("error.bringer_only")
    if editable:
        require_editable(rs)
    return actor, rs


def require_editable(rs: ReflectionSession) -> None:
    """Refuses any change to a finished session."""
    if rs.status == "finished":
        raise InvalidInput("error.session_finished")


def touch(s: Session, rs: ReflectionSession) -> None:
    """Moves the session's change stamp, so that the others' pages fetch the change."""
    rs.updated_at = utcnow()
    s.add(rs)
