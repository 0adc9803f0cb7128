"""The Lån et øre session: a bringer's conversation, one to three listeners, eight phases.

Every function here loads the caller from the database and checks role, team and participation
itself: hiding a page is not a permission check. Texts pass `freetext.clean` before storage, and
every shared text is saved with optimistic versioning so that two people never silently
overwrite each other.
"""

from __future__ import annotations

import secrets
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import bindparam, delete, func, insert, or_, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from lises_reflect import audit, freetext, paging, periods, retention, speakers
from lises_reflect.access import (
    as_bringer,
    as_participant,
    participant_names,
    require_editable,
    touch,
)
from lises_reflect.auth import Actor, require
from lises_reflect.catalogue import catalogue
from lises_reflect.db import retry_transient, serialize, session_scope
from lises_reflect.errors import Conflict, InvalidInput, PermissionDenied, WouldClear
from lises_reflect.models import (
    Contribution,
    GribningLink,
    LearningPoint,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
    Team,
    TurnTag,
    User,
    UserRole,
    utcnow,
)
from lises_reflect.tagging import check_excerpt_change

PHASE_COUNT = 8
MAX_LISTENERS = 3
MAX_LEARNING_POINTS = 3
LISTENER_KINDS = ("observation", "reflection")
BRINGER_KINDS = ("struck", "takeaway")
# Who reads a contribution: everyone in the session, or only its author.
PRIVATE_KINDS = ("takeaway",)
TEXT_FIELDS = ("title", "excerpt", "context_wish")


# ---------------------------------------------------------------- views handed to pages


@dataclass(frozen=True)
class ParticipantView:
    user_id: int
    name: str
    role: str
    acknowledged: bool


@dataclass(frozen=True)
class ContributionView:
    id: int
    author_id: int
    author_name: str
    kind: str
    slot: str
    text: str
    version: int


@dataclass(frozen=True)
class LearningPointView:
    position: int
    text: str
    category: str | None
    shared: bool | None
    version: int


@dataclass(frozen=True)
class SessionView:
    id: int
    title: str
    team_name: str
    bringer_id: int
    bringer_name: str
    conversation_kind: str | None
    situation: list[str]
    excerpt: str
    lenses: list[str]
    context_wish: str
    phase: int
    status: str
    created_at: datetime
    updated_at: datetime
    my_user_id: int
    my_role: str
    participants: list[ParticipantView]
    contributions: list[ContributionView]
    learning_points: list[LearningPointView]
    process_check_done: bool
    excerpt_shared: bool = False
    # A listener's pending proposal to move the group (see `propose_phase`).
    proposed_phase: int | None = None
    proposed_by_name: str = ""
    proposed_by_me: bool = False
    excerpt_for_listeners: bool = False

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    @property
    def is_bringer(self) -> bool:
        return self.my_role == "bringer"

    def mine(self, kind: str, slot: str = "") -> ContributionView | None:
        for c in self.contributions:
            if c.author_id == self.my_user_id and c.kind == kind and c.slot == slot:
                return c
        return None

    def others(self, kind: str) -> list[ContributionView]:
        return [c for c in self.contributions if c.kind == kind and c.author_id != self.my_user_id]

    def learning_point(self, position: int) -> LearningPointView | None:
        for lp in self.learning_points:
            if lp.position == position:
                return lp
        return None


@dataclass(frozen=True)
class SessionSummary:
    id: int
    title: str
    my_role: str
    bringer_name: str
    others: list[str]
    phase: int
    status: str
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class PracticeView:
    """A caseworker's own practice over time: compared only with his or her own earlier self."""

    by_month: list[tuple[str, int, int]]  # (YYYY-MM, as bringer, as listener)
    lenses: list[tuple[str, int]]  # lens id, sessions I brought with it
    takeaways: list[tuple[datetime, str, str]]  # (date, session title, my take-away)
    total_brought: int
    total_listened: int
    this_quarter: int
    previous_quarter: int


# ---------------------------------------------------------------- starting and inviting


def create_session(engine: Engine, actor_id: int | None, title: str = "") -> int:
    with session_scope(engine) as s:
        actor = require(s, actor_id, "caseworker")
        if actor.team_id is None:
            raise InvalidInput("error.no_team")
        rs = ReflectionSession(
            team_id=actor.team_id,
            bringer_id=actor.user_id,
            title=freetext.clean("title", title),
        )
        s.add(rs)
        s.flush()
        s.add(Participant(session_id=rs.id, user_id=actor.user_id, role="bringer"))
        return rs.id


def _caseworkers(team_id: int | None) -> Any:
    """(id, name) of the team's active caseworkers: the only people who may listen."""
    return (
        select(User.id, User.display_name)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.team_id == team_id,
            User.active == True,  # noqa: E712
            UserRole.role == "caseworker",
        )
        .order_by(User.display_name)
    )


def colleagues(engine: Engine, actor_id: int | None) -> list[tuple[int, str]]:
    """Active caseworkers of the caller's own team, whom the caller may invite."""
    with session_scope(engine) as s:
        actor = require(s, actor_id, "caseworker")
        rows = s.exec(_caseworkers(actor.team_id).where(User.id != actor.user_id)).all()
        return [(r[0], r[1]) for r in rows]


def set_listeners(
    engine: Engine, actor_id: int | None, session_id: int, user_ids: list[int]
) -> None:
    wanted = list(dict.fromkeys(int(u) for u in user_ids))
    if len(wanted) > MAX_LISTENERS:
        raise InvalidInput("error.too_many_listeners", maximum=MAX_LISTENERS)
    with session_scope(engine) as s:
        actor, rs = as_bringer(s, actor_id, session_id, editable=True)
        allowed = {uid for uid, _name in s.exec(_caseworkers(rs.team_id)).all()}
        for uid in wanted:
            if uid == actor.user_id or uid not in allowed:
                raise PermissionDenied("error.listener_not_in_team")
        current = {
            p.user_id: p
            for p in s.exec(
                select(Participant).where(
                    Participant.session_id == rs.id, Participant.role == "listener"
                )
            ).all()
        }
        for uid, p in current.items():
            if uid in wanted:
                continue
            written = s.exec(
                select(func.count())
                .select_from(Contribution)
                .where(
                    Contribution.session_id == rs.id,
                    Contribution.author_id == uid,
                    Contribution.text != "",
                )
            ).one()
            if written:
                raise InvalidInput("error.listener_has_contributions")
            s.delete(p)
        for uid in wanted:
            if uid not in current:
                s.add(Participant(session_id=rs.id, user_id=uid, role="listener"))
        touch(s, rs)


# ---------------------------------------------------------------- preparation (bringer)


def update_text(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    name: str,
    text: str,
    base: str,
    *,
    clear: bool = False,
) -> str:
    """Save one of the session's own texts if nobody changed it since `base` was loaded.

    Emptying a stored text takes `clear=True` (see `errors.WouldClear`)."""
    if name not in TEXT_FIELDS:
        raise InvalidInput("error.invalid")
    value = freetext.clean(name, text)
    if name == "excerpt":
        speakers.check_storable(value)
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id, editable=True)
        stored = getattr(rs, name) or ""
        if not value.strip() and not clear:
            if not stored.strip():
                return stored
            raise WouldClear()
        if name == "excerpt":
            check_excerpt_change(s, rs, value)
        column = getattr(ReflectionSession, name)
        result = s.exec(
            update(ReflectionSession)
            # A text stored before the current fold may differ from its folded form.
            .where(ReflectionSession.id == rs.id, column.in_({base, freetext.normalise(base)}))
            .values(
                {
                    name: value,
                    "updated_at": utcnow(),
                    "version": ReflectionSession.version + 1,
                }
            )
        )
        if result.rowcount != 1:
            s.refresh(rs)
            current = getattr(rs, name)
            if current == value:
                return value
            raise Conflict(current_text=current)
        return value


def update_choices(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    *,
    conversation_kind: str | None = None,
    situation: list[str] | None = None,
    lenses: list[str] | None = None,
) -> None:
    cat = catalogue()
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id, editable=True)
        if conversation_kind is not None:
            if conversation_kind not in {o.id for o in cat.conversation_kinds}:
                raise InvalidInput("error.unknown_option")
            rs.conversation_kind = conversation_kind
        for name, chosen, options in (
            ("situation", situation, cat.situation_categories),
            ("lenses", lenses, cat.lenses),
        ):
            if chosen is not None:
                if not set(chosen) <= {o.id for o in options}:
                    raise InvalidInput("error.unknown_option")
                setattr(rs, name, list(dict.fromkeys(chosen)))
        touch(s, rs)


# ---------------------------------------------------------------- moving through the phases


def acknowledge_rules(engine: Engine, actor_id: int | None, session_id: int) -> None:
    with session_scope(engine) as s:
        _actor, rs, p = as_participant(s, actor_id, session_id)
        if p.rules_acknowledged_at is None:
            p.rules_acknowledged_at = utcnow()
            s.add(p)
            touch(s, rs)


def _phase_blockers(s: Session, rs: ReflectionSession, target: int) -> list[str]:
    """Why the group cannot move on yet: each item an i18n key, none means go."""
    blockers: list[str] = []
    if target > 1:
        listeners = s.exec(
            select(func.count())
            .select_from(Participant)
            .where(Participant.session_id == rs.id, Participant.role == "listener")
        ).one()
        if not listeners:
            blockers.append("block.no_listeners")
        if not rs.conversation_kind:
            blockers.append("block.no_kind")
        if not rs.excerpt.strip():
            blockers.append("block.no_excerpt")
        if not rs.lenses:
            blockers.append("block.no_lenses")
    if target > 2:
        missing = s.exec(
            select(func.count())
            .select_from(Participant)
            .where(
                Participant.session_id == rs.id,
                Participant.rules_acknowledged_at.is_(None),
            )
        ).one()
        if missing:
            blockers.append("block.rules_not_acknowledged")
    return blockers


def phase_blockers(engine: Engine, actor_id: int | None, session_id: int, target: int) -> list[str]:
    with session_scope(engine) as s:
        _actor, rs, _p = as_participant(s, actor_id, session_id)
        return _phase_blockers(s, rs, target)


def _check_forward(s: Session, rs: ReflectionSession, phase: int) -> None:
    """A move (or a proposal) forward only when the ground is laid; back is always allowed."""
    if phase > rs.phase:
        blockers = _phase_blockers(s, rs, phase)
        if blockers:
            raise InvalidInput("error.phase_blocked", blockers=blockers)


def _as_mover(
    s: Session, actor_id: int | None, session_id: int, phase: int, role: str, refusal: str
) -> tuple[Actor, ReflectionSession]:
    """The caller who moves (`role` bringer) or proposes (listener) a move to `phase`, in an
    open session."""
    if not 1 <= int(phase) <= PHASE_COUNT:
        raise InvalidInput("error.invalid")
    actor, rs, p = as_participant(s, actor_id, session_id)
    if p.role != role:
        raise PermissionDenied(refusal)
    require_editable(rs)
    return actor, rs


def set_phase(engine: Engine, actor_id: int | None, session_id: int, phase: int) -> int:
    """The bringer leads: only he or she moves the group back and forth, forward only when
    the ground is laid. It is his or her conversation on the table, so the bringer sets the
    pace; a listener proposes (`propose_phase`) instead. A finished session stays where it
    ended. Any move answers a pending proposal, so it is cleared."""
    with session_scope(engine) as s:
        _actor, rs = _as_mover(
            s, actor_id, session_id, phase, "bringer", "error.phase_bringer_only"
        )
        _check_forward(s, rs, int(phase))
        rs.phase = int(phase)
        rs.proposed_phase = None
        rs.proposed_by = None
        touch(s, rs)
        return rs.phase


@dataclass(frozen=True)
class PhaseProposal:
    phase: int
    by_name: str
    by_me: bool


def _proposal(rs: ReflectionSession, actor: Actor, names: dict[int, str]) -> PhaseProposal | None:
    """The pending proposal, if it still means something: the session is open, its author
    still takes part (`names`: the participants) and the group is not already there."""
    if rs.status == "finished" or rs.proposed_phase in (None, rs.phase):
        return None
    if rs.proposed_by not in names:
        return None
    return PhaseProposal(rs.proposed_phase, names[rs.proposed_by], rs.proposed_by == actor.user_id)


def propose_phase(engine: Engine, actor_id: int | None, session_id: int, phase: int) -> None:
    """A listener asks the bringer to move the group; the bringer sees it and follows or not.

    Stored in the session row (not in the listener's browser), so the bringer sees it whichever
    app replica serves him or her. A newer proposal replaces an older one. A forward proposal
    is refused for the same reasons a move would be, so the listener learns what is missing.
    """
    with session_scope(engine) as s:
        actor, rs = _as_mover(
            s, actor_id, session_id, phase, "listener", "error.propose_listener_only"
        )
        if int(phase) == rs.phase:
            raise InvalidInput("error.proposal_same_phase")
        _check_forward(s, rs, int(phase))
        rs.proposed_phase = int(phase)
        rs.proposed_by = actor.user_id
        s.add(rs)


def phase_proposal(engine: Engine, actor_id: int | None, session_id: int) -> PhaseProposal | None:
    """The pending proposal on its own (the session view carries it too)."""
    with session_scope(engine) as s:
        actor, rs, _p = as_participant(s, actor_id, session_id)
        return _proposal(rs, actor, participant_names(s, rs.id))


def dismiss_proposal(engine: Engine, actor_id: int | None, session_id: int) -> None:
    """The bringer answers "not yet": the proposal goes away, the phase stays."""
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id)
        rs.proposed_phase = None
        rs.proposed_by = None
        s.add(rs)


def set_excerpt_for_listeners(
    engine: Engine, actor_id: int | None, session_id: int, shared: bool
) -> None:
    """The bringer alone lets listeners take the excerpt home with their own contributions.

    Separate from `set_excerpt_sharing`: that lets FLIP facilitators read it in the app, and
    can be withdrawn; a downloaded copy cannot. Changing it later only affects later downloads.
    """
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id)
        rs.excerpt_for_listeners = bool(shared)
        touch(s, rs)


def finish_session(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    excerpt_for_listeners: bool | None = None,
) -> None:
    """The bringer closes the session for good: nothing can be edited afterwards, everyone can
    still read it. `excerpt_for_listeners`, when given, is stored in the same transaction."""
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id, editable=True)
        for lp in s.exec(select(LearningPoint).where(LearningPoint.session_id == rs.id)).all():
            if lp.text.strip() and (lp.category is None or lp.shared is None):
                raise InvalidInput("error.learning_point_incomplete", position=lp.position)
        if excerpt_for_listeners is not None:
            rs.excerpt_for_listeners = bool(excerpt_for_listeners)
        rs.status = "finished"
        rs.phase = PHASE_COUNT
        rs.proposed_phase = None
        rs.proposed_by = None
        rs.finished_at = utcnow()
        touch(s, rs)


# ---------------------------------------------------------------- contributions


def _check_slot(lenses: list[str], kind: str, slot: str) -> None:
    if kind == "observation":
        questions = {
            q.id for lens in catalogue().lenses if lens.id in lenses for q in lens.questions
        }
        free = {f"{lens_id}.free" for lens_id in lenses}
        if slot not in questions | free:
            raise InvalidInput("error.unknown_question")
    elif slot != "":
        raise InvalidInput("error.invalid")


# The autosave's statements, built once with bound parameters: an autosave fires on every pause
# in typing, so it is the app's most frequent write, and building the SQL expressions anew on
# each call cost more than running them.
def _as_participant_statement(*columns: Any) -> Any:
    """`columns` of the caller's participation, in one query as strict as `as_participant`
    (an active caseworker invited to the session); no row means "not allowed"."""
    return (
        select(*columns)
        .join(ReflectionSession, ReflectionSession.id == Participant.session_id)
        .join(User, User.id == Participant.user_id)
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            Participant.session_id == bindparam("session_id"),
            Participant.user_id == bindparam("actor_id"),
            User.active == True,  # noqa: E712
            UserRole.role == "caseworker",
        )
    )


_WRITER = _as_participant_statement(
    Participant.role, ReflectionSession.status, ReflectionSession.lenses
)
_TOUCH = (
    update(ReflectionSession)
    .where(ReflectionSession.id == bindparam("k_session_id"))
    .values(updated_at=bindparam("now"))
)


@dataclass(frozen=True)
class _Versioned:
    """Statements for a text that is saved with optimistic versioning, by its key columns."""

    update: Any
    current: Any
    insert: Any


def _versioned(
    model: type[Contribution] | type[LearningPoint], *key: str, guard: Any = None
) -> _Versioned:
    """`guard`: a further condition the row must meet for the update to land."""
    # Bound parameters are named k_<column>: SQLAlchemy reserves the bare column names of an
    # UPDATE's SET clause.
    where = [getattr(model, name) == bindparam(f"k_{name}") for name in key]
    guards = [] if guard is None else [guard]
    return _Versioned(
        update=update(model)
        .where(
            *where,
            *guards,
            model.version == bindparam("expected"),
            model.text != bindparam("text"),
        )
        .values(text=bindparam("text"), version=model.version + 1, updated_at=bindparam("now")),
        current=select(model.text, model.version).where(*where),
        insert=insert(model).values(
            **{name: bindparam(f"k_{name}") for name in key},
            text=bindparam("text"),
            version=1,
            updated_at=bindparam("now"),
        ),
    )


_CONTRIBUTION = _versioned(Contribution, "session_id", "author_id", "kind", "slot")
# A shared learning point's text is frozen: the update never lands on it (issue 14, item 7).
_LEARNING_POINT = _versioned(
    LearningPoint,
    "session_id",
    "position",
    guard=or_(LearningPoint.shared.is_(None), LearningPoint.shared == False),  # noqa: E712
)
_LEARNING_POINT_SHARED = select(LearningPoint.shared, LearningPoint.text).where(
    LearningPoint.session_id == bindparam("k_session_id"),
    LearningPoint.position == bindparam("k_position"),
)


def _open_writer(s: Session, actor_id: int | None, session_id: int) -> tuple[str, list[str]]:
    """The autosave's permission check in one query, as strict as `as_participant` (when it
    finds nothing, the full check runs to name the reason), in an open session: the caller's
    role and the session's lenses."""
    row = s.connection().execute(_WRITER, {"session_id": session_id, "actor_id": actor_id}).first()
    if row is None:
        _actor, rs, p = as_participant(s, actor_id, session_id)
        row = (p.role, rs.status, rs.lenses)
    role, status, lenses = row
    if status == "finished":
        raise InvalidInput("error.session_finished")
    return role, list(lenses or [])


def _save_versioned(
    s: Session,
    statements: _Versioned,
    key: dict[str, object],
    value: str,
    expected_version: int,
    clear: bool = False,
) -> int:
    """Optimistic versioning: the write lands only on the version the writer last saw.

    Saving the text that is already stored is a success whatever the version, so a save that
    is retried after a lost answer (a dropped connection) does not turn into a conflict.
    An empty text never replaces a stored one unless `clear` says the person chose to delete
    it, and never creates an empty row.
    """
    conn = s.connection()
    keys = {f"k_{name}": v for name, v in key.items()}
    if not value.strip() and not clear:
        current = conn.execute(statements.current, keys).first()
        if current is None:
            return 0
        if not current[0].strip():
            return current[1]
        raise WouldClear()
    params = {**keys, "text": value, "now": utcnow(), "expected": expected_version}
    touch = {"k_session_id": key["session_id"], "now": params["now"]}
    if expected_version > 0 and conn.execute(statements.update, params).rowcount == 1:
        conn.execute(_TOUCH, touch)
        return expected_version + 1
    current = conn.execute(statements.current, keys).first()
    if current is None:
        if expected_version != 0:
            raise Conflict(current_text="", current_version=0)
        try:
            conn.execute(statements.insert, params)
        except IntegrityError:
            # Someone (or the same person in another tab) created it a moment ago.
            raise Conflict(current_text="", current_version=None) from None
        conn.execute(_TOUCH, touch)
        return 1
    if current[0] == value:
        return current[1]
    raise Conflict(current_text=current[0], current_version=current[1])


@retry_transient
def save_contribution(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    kind: str,
    slot: str,
    text: str,
    expected_version: int,
    *,
    clear: bool = False,
) -> int:
    """Autosave one of the caller's own texts; returns the new version (0 = not yet saved)."""
    if kind not in LISTENER_KINDS + BRINGER_KINDS:
        raise InvalidInput("error.invalid")
    value = freetext.clean(kind, text)
    with session_scope(engine, writes=True) as s:
        role, lenses = _open_writer(s, actor_id, session_id)
        if kind in LISTENER_KINDS and role != "listener":
            raise PermissionDenied("error.listener_only")
        if kind in BRINGER_KINDS and role != "bringer":
            raise PermissionDenied("error.bringer_only")
        _check_slot(lenses, kind, slot)
        key = {"session_id": session_id, "author_id": actor_id, "kind": kind, "slot": slot}
        return _save_versioned(s, _CONTRIBUTION, key, value, expected_version, clear)


def _written_learning_point(s: Session, rs: ReflectionSession, position: int) -> LearningPoint:
    """A category or a yes to sharing is about a text: refused while there is none."""
    lp = s.exec(
        select(LearningPoint).where(
            LearningPoint.session_id == rs.id, LearningPoint.position == position
        )
    ).first()
    if lp is None or not lp.text.strip():
        raise InvalidInput("error.learning_point_empty")
    return lp


@retry_transient
def save_learning_point(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    position: int,
    text: str,
    expected_version: int,
    *,
    clear: bool = False,
) -> int:
    """The group formulates learning points together, so any participant may edit the text,
    but not while it is shared: the bringer said yes to that exact text, so a change (by anyone,
    the bringer too) waits until the bringer has withdrawn the sharing. Refused rather than
    silently unshared, so nobody's yes is changed behind his or her back."""
    if not 1 <= int(position) <= MAX_LEARNING_POINTS:
        raise InvalidInput("error.invalid")
    value = freetext.clean("learning_point", text)
    with session_scope(engine, writes=True) as s:
        _open_writer(s, actor_id, session_id)
        key = {"session_id": session_id, "position": int(position)}
        params = {f"k_{name}": v for name, v in key.items()}
        current = s.connection().execute(_LEARNING_POINT_SHARED, params).first()
        if current is not None and current[0] is True and current[1] != value:
            raise InvalidInput("error.learning_point_shared")
        return _save_versioned(s, _LEARNING_POINT, key, value, expected_version, clear)


def set_learning_point_category(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    position: int,
    category: str | None,
) -> None:
    if category is not None and category not in {o.id for o in catalogue().learning_categories}:
        raise InvalidInput("error.unknown_option")
    with session_scope(engine) as s:
        _actor, rs, _p = as_participant(s, actor_id, session_id, editable=True)
        lp = _written_learning_point(s, rs, position)
        if lp.shared and lp.category != category:  # the category decides where it is read
            raise InvalidInput("error.learning_point_shared")
        lp.category = category
        lp.updated_at = utcnow()
        s.add(lp)
        touch(s, rs)


def set_learning_point_sharing(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    position: int,
    shared: bool,
    version: int | None = None,
) -> None:
    """Only the bringer decides what leaves the room: the conversation material is his or hers.

    `version`, the text's version the bringer saw: a yes given to one text never shares a text
    someone changed a moment before (refused, the page then shows the new text)."""
    with session_scope(engine, writes=True) as s:
        _actor, rs = as_bringer(s, actor_id, session_id, editable=True)
        lp = _written_learning_point(s, rs, position)
        if shared and version is not None and lp.version != version:
            raise InvalidInput("error.learning_point_changed")
        lp.shared = bool(shared)
        lp.updated_at = utcnow()
        s.add(lp)
        touch(s, rs)


def set_excerpt_sharing(
    engine: Engine, actor_id: int | None, session_id: int, shared: bool
) -> None:
    """The bringer alone lets FLIP facilitators read the excerpt, without a name, and can take
    it back at any time, also after the session is finished."""
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id)
        if shared:
            if not rs.excerpt.strip():
                raise InvalidInput("error.share_empty_excerpt")
            # Screened when saved; screened again because the guard may have grown since.
            freetext.clean("excerpt", rs.excerpt)
        rs.excerpt_shared = bool(shared)
        touch(s, rs)


def submit_process_check(
    engine: Engine, actor_id: int | None, session_id: int, safe_frame: int
) -> None:
    """Stored without the person or the session, by team and month only, and in no order that
    could tie it to its receipt (see `store_process_answer`)."""
    if int(safe_frame) not in range(1, 6):
        raise InvalidInput("error.scale")
    with session_scope(engine) as s:
        actor, rs, _p = as_participant(s, actor_id, session_id)
        # The session's month (the month it was finished, as the figures count it), not
        # today's: the month's receipts then count the people behind the month's answers.
        period = periods.month_key(rs.finished_at or rs.created_at)
        # One answer at a time per team and month: the rewrite below reads, then replaces.
        serialize(s, f"process_check:{rs.team_id}:{period}")
        if s.get(ProcessCheckReceipt, (rs.id, actor.user_id)) is not None:
            raise InvalidInput("error.process_check_done")
        s.add(ProcessCheckReceipt(session_id=rs.id, user_id=actor.user_id))
        store_process_answer(s, rs.team_id, period, int(safe_frame))


_shuffler = secrets.SystemRandom()


def store_process_answer(s: Session, team_id: int, period: str, safe_frame: int) -> None:
    """Add one answer so that nothing in storage says which answer came when.

    Receipts are written in the order people answer (SQLite rowid, PostgreSQL heap order), so
    answers written the same way were linkable: pairing the two by order tied 18 of 18 answers
    to their person. Instead every answer rewrites its team's month: all of that month's
    answers are deleted and inserted again, with the new one, in a fresh random order. Their ids
    and physical order are then a random permutation, they share one transaction (PostgreSQL's
    xmin) and carry no time but the month. The caller holds `serialize` on the team and month.
    """
    where = (ProcessCheck.team_id == team_id, ProcessCheck.period == period)
    scores = [*s.exec(select(ProcessCheck.safe_frame).where(*where)).all(), int(safe_frame)]
    s.exec(delete(ProcessCheck).where(*where))
    _shuffler.shuffle(scores)
    s.connection().execute(
        insert(ProcessCheck),
        [{"team_id": team_id, "period": period, "safe_frame": x} for x in scores],
    )


# ---------------------------------------------------------------- reading


@retry_transient
def session_view(engine: Engine, actor_id: int | None, session_id: int) -> SessionView:
    with session_scope(engine) as s:
        actor, rs, me = as_participant(s, actor_id, session_id)
        audit.record_open(s, actor, f"session:{rs.id}")
        names = participant_names(s, rs.id)
        parts = s.exec(
            select(Participant)
            .where(Participant.session_id == rs.id)
            .order_by(Participant.role, Participant.id)
        ).all()
        contributions = s.exec(
            select(Contribution)
            .where(Contribution.session_id == rs.id)
            .order_by(Contribution.kind, Contribution.slot, Contribution.id)
        ).all()
        visible = [
            ContributionView(
                c.id,
                c.author_id,
                names.get(c.author_id, "?"),
                c.kind,
                c.slot,
                c.text,
                c.version,
            )
            for c in contributions
            if c.kind not in PRIVATE_KINDS or c.author_id == actor.user_id
        ]
        lps = s.exec(
            select(LearningPoint)
            .where(LearningPoint.session_id == rs.id)
            .order_by(LearningPoint.position)
        ).all()
        team = s.get(Team, rs.team_id)
        done = s.get(ProcessCheckReceipt, (rs.id, actor.user_id)) is not None
        proposal = _proposal(rs, actor, names)
        return SessionView(
            id=rs.id,
            title=rs.title,
            team_name=team.name if team else "",
            bringer_id=rs.bringer_id,
            bringer_name=names.get(rs.bringer_id, "?"),
            conversation_kind=rs.conversation_kind,
            situation=list(rs.situation or []),
            excerpt=rs.excerpt,
            lenses=list(rs.lenses or []),
            context_wish=rs.context_wish,
            phase=rs.phase,
            status=rs.status,
            created_at=rs.created_at,
            updated_at=rs.updated_at,
            my_user_id=actor.user_id,
            my_role=me.role,
            participants=[
                ParticipantView(
                    p.user_id,
                    names.get(p.user_id, "?"),
                    p.role,
                    p.rules_acknowledged_at is not None,
                )
                for p in parts
            ],
            contributions=visible,
            learning_points=[
                LearningPointView(lp.position, lp.text, lp.category, lp.shared, lp.version)
                for lp in lps
            ],
            process_check_done=done,
            excerpt_shared=bool(rs.excerpt_shared),
            proposed_phase=proposal.phase if proposal else None,
            proposed_by_name=proposal.by_name if proposal else "",
            proposed_by_me=bool(proposal and proposal.by_me),
            excerpt_for_listeners=bool(rs.excerpt_for_listeners),
        )


@retry_transient
def session_stamp(engine: Engine, actor_id: int | None, session_id: int) -> tuple:
    """What changes whenever anything on the session page changes for anyone."""
    with session_scope(engine) as s:
        _actor, rs, _p = as_participant(s, actor_id, session_id)
        return _stamp(rs.phase, rs.updated_at, rs.proposed_phase, rs.status)


def _stamp(phase: int, updated_at: datetime, proposed: int | None, status: str) -> tuple:
    return (phase, _aware(updated_at).isoformat(), proposed, status)


PRESENT_SECONDS = 6  # a page asks every second; a few missed answers are not "gone"
SEEN_EVERY_SECONDS = 3  # the presence write, at most this often per participant
TYPING_SECONDS = 4
# Text kinds others may see being written; the bringer's private note is never announced.
_ANNOUNCED = ("observation", "reflection", "struck")


@dataclass(frozen=True)
class LiveState:
    """One answer a second to an open session page: has anything changed, who else is here,
    who is writing what. Presence is shown only to the session's own participants."""

    stamp: tuple
    here: tuple[str, ...]  # the other participants with the page open now
    writing: tuple[tuple[str, str], ...]  # (name, kind) of others' group texts being written


# The poll's statements, built once: every open session page asks every second.
_LIVE_ME = _as_participant_statement(
    ReflectionSession.phase,
    ReflectionSession.updated_at,
    ReflectionSession.proposed_phase,
    ReflectionSession.status,
    Participant.id,
    Participant.seen_at,
)
# The others, each with the kinds of the group texts he or she saved just now (None: none).
_LIVE_OTHERS = (
    select(User.display_name, Participant.seen_at, Contribution.kind)
    .join(User, User.id == Participant.user_id)
    .outerjoin(
        Contribution,
        (Contribution.session_id == Participant.session_id)
        & (Contribution.author_id == Participant.user_id)
        & Contribution.kind.in_(_ANNOUNCED)
        & (Contribution.updated_at > bindparam("typing_since")),
    )
    .where(
        Participant.session_id == bindparam("session_id"),
        Participant.user_id != bindparam("actor_id"),
    )
    .distinct()
)
_LIVE_SEEN = (
    update(Participant)
    .where(Participant.id == bindparam("participant_id"))
    .values(seen_at=bindparam("now"))
)


@retry_transient
def live_state(
    engine: Engine, actor_id: int | None, session_id: int, now: datetime | None = None
) -> LiveState:
    """Cheap enough for every open page every second, on every replica: the permission check
    and the stamp in one query, the others and what they are writing in a second, and a
    presence write only every few seconds."""
    moment = now or utcnow()
    params = {
        "session_id": session_id,
        "actor_id": actor_id,
        "typing_since": moment - timedelta(seconds=TYPING_SECONDS),
    }
    with session_scope(engine) as s:
        conn = s.connection()
        row = conn.execute(_LIVE_ME, params).first()
        if row is None:
            as_participant(s, actor_id, session_id)  # names the reason
            raise PermissionDenied("error.not_participant")
        *stamp, participant_id, seen = row
        others = conn.execute(_LIVE_OTHERS, params).all()
    here = sorted(
        name
        for name, at in {(name, at) for name, at, _kind in others}
        if at is not None and (moment - _aware(at)).total_seconds() < PRESENT_SECONDS
    )
    writing = sorted({(name, kind) for name, _at, kind in others if kind is not None})
    if seen is None or (moment - _aware(seen)).total_seconds() >= SEEN_EVERY_SECONDS:
        with session_scope(engine, writes=True) as s:
            s.connection().execute(_LIVE_SEEN, {"participant_id": participant_id, "now": moment})
    return LiveState(_stamp(*stamp), tuple(here), tuple(writing))


def _aware(d: datetime) -> datetime:
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


SESSIONS_PER_PAGE = 20


@dataclass(frozen=True)
class SessionPage:
    """One page of a caseworker's own sessions, newest change first."""

    items: list[SessionSummary]
    total: int
    page: int  # kept within the pages there are


@retry_transient
def my_sessions_page(
    engine: Engine, actor_id: int | None, page: int = 1, size: int = SESSIONS_PER_PAGE
) -> SessionPage:
    """A page of "Mine refleksioner": at 100k sessions a caseworker has over a thousand, and
    loading them all (excerpts included) cost 57 ms a rerun."""
    with session_scope(engine) as s:
        actor = require(s, actor_id, "caseworker")
        total = s.exec(
            select(func.count())
            .select_from(Participant)
            .where(Participant.user_id == actor.user_id)
        ).one()
        page = min(max(1, int(page or 1)), paging.page_count(int(total), size))
        items = _my_sessions(s, actor, limit=size, offset=(page - 1) * size)
        return SessionPage(items, int(total), page)


def list_my_sessions(engine: Engine, actor_id: int | None) -> list[SessionSummary]:
    with session_scope(engine) as s:
        return _my_sessions(s, require(s, actor_id, "caseworker"))


def _my_sessions(
    s: Session, actor: Actor, limit: int | None = None, offset: int = 0
) -> list[SessionSummary]:
    rs_ = ReflectionSession
    mine = s.exec(  # columns, not sessions: an excerpt is up to 20,000 characters
        select(
            rs_.id,
            rs_.title,
            Participant.role,
            rs_.bringer_id,
            rs_.phase,
            rs_.status,
            rs_.created_at,
            rs_.updated_at,
        )
        .join(Participant, Participant.session_id == rs_.id)
        .where(Participant.user_id == actor.user_id)
        .order_by(rs_.updated_at.desc(), rs_.id.desc())
        .offset(offset)
        .limit(limit)
    ).all()
    people: dict[int, dict[int, str]] = {row[0]: {} for row in mine}
    if people:
        for sid, uid, name in s.exec(
            select(Participant.session_id, User.id, User.display_name)
            .join(User, User.id == Participant.user_id)
            .where(Participant.session_id.in_(people))
        ).all():
            people[sid][uid] = name
    return [
        SessionSummary(
            id=sid,
            title=title,
            my_role=role,
            bringer_name=people[sid].get(bringer, "?"),
            others=sorted(n for uid, n in people[sid].items() if uid != actor.user_id),
            phase=phase,
            status=status,
            created_at=created,
            updated_at=updated,
        )
        for sid, title, role, bringer, phase, status, created, updated in mine
    ]


def delete_session(engine: Engine, actor_id: int | None, session_id: int) -> str:
    """The bringer deletes the whole session; a listener withdraws with his or her own texts.

    Returns "deleted" or "withdrawn". Deletion is real: rows are removed, not flagged.
    """
    with session_scope(engine) as s:
        actor, rs, p = as_participant(s, actor_id, session_id)
        if p.role == "bringer":
            retention.delete_sessions(s, [rs.id])
            return "deleted"
        s.exec(
            delete(Contribution).where(
                Contribution.session_id == rs.id,
                Contribution.author_id == actor.user_id,
            )
        )
        for model in (TurnTag, GribningLink):
            s.exec(
                delete(model).where(model.session_id == rs.id, model.annotator_id == actor.user_id)
            )
        s.exec(delete(Participant).where(Participant.id == p.id))
        touch(s, rs)
        return "withdrawn"


def _quarter(d: datetime) -> int:
    """Quarters counted on from year 0, so that the one before is always one less."""
    return d.year * 4 + (d.month - 1) // 3


def my_practice(engine: Engine, actor_id: int | None, now: datetime | None = None) -> PracticeView:
    now = now or datetime.now(timezone.utc)
    with session_scope(engine) as s:
        actor = require(s, actor_id, "caseworker")
        rows = s.exec(
            select(ReflectionSession.created_at, Participant.role, ReflectionSession.lenses)
            .join(Participant, Participant.session_id == ReflectionSession.id)
            .where(Participant.user_id == actor.user_id)
        ).all()
        # (month, brought by me) -> sessions
        months = Counter(
            (created.strftime("%Y-%m"), role == "bringer") for created, role, _ in rows
        )
        lenses = Counter(x for _, role, ids in rows if role == "bringer" for x in ids or [])
        quarters = Counter(_quarter(created) for created, _role, _lenses in rows)
        takeaways = s.exec(
            select(Contribution.updated_at, ReflectionSession.title, Contribution.text)
            .join(ReflectionSession, ReflectionSession.id == Contribution.session_id)
            .where(
                Contribution.author_id == actor.user_id,
                Contribution.kind == "takeaway",
                Contribution.text != "",
            )
            .order_by(Contribution.updated_at.desc())
        ).all()
        return PracticeView(
            by_month=[
                (m, months[m, True], months[m, False]) for m in sorted({m for m, _ in months})
            ],
            lenses=sorted(lenses.items(), key=lambda kv: (-kv[1], kv[0])),
            takeaways=[(d, t, x) for d, t, x in takeaways],
            total_brought=sum(role == "bringer" for _, role, _lenses in rows),
            total_listened=sum(role != "bringer" for _, role, _lenses in rows),
            this_quarter=quarters[_quarter(now)],
            previous_quarter=quarters[_quarter(now) - 1],
        )
