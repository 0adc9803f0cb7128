"""Database tables.

Reflection content belongs to the caseworkers who wrote it; the schema keeps who-wrote-what
only where a participant needs it (own contributions), and keeps the anonymous process check
free of any link to a person.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timezone

from sqlalchemy import JSON, Column, Index, Integer, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


ROLES: tuple[str, ...] = ("caseworker", "teamlead", "facilitator", "admin")

POOL_ORDER_MODULUS = 2_147_483_647  # 2^31 - 1, a prime (`flip.order_key`)


def random_pool_order() -> int:
    """A shared item's random place in the FLIP pool's neutral order: random, so the order
    says nothing about when, by whom or in which team it was written."""
    return secrets.randbelow(POOL_ORDER_MODULUS)


def _pool_order_column() -> Column:
    return Column(Integer, nullable=False, default=random_pool_order, server_default="0")


class Organisation(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=200, unique=True)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class Team(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("organisation_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    organisation_id: int = Field(foreign_key="organisation.id", index=True)
    name: str = Field(max_length=200)
    active: bool = True
    created_at: datetime = Field(default_factory=utcnow)


class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, unique=True, index=True)
    display_name: str = Field(max_length=200)
    email: str | None = Field(default=None, max_length=254)
    password_hash: str = Field(max_length=200)
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    active: bool = True
    must_change_password: bool = False
    created_at: datetime = Field(default_factory=utcnow)
    # The interface language the user chose ("da", "en"); None: never chosen (Danish).
    language: str | None = Field(default=None, max_length=8)


class UserRole(SQLModel, table=True):
    user_id: int = Field(foreign_key="user.id", primary_key=True, ondelete="CASCADE")
    role: str = Field(primary_key=True, max_length=20)


class ReflectionSession(SQLModel, table=True):
    """One Lån et øre session around one conversation brought by one caseworker."""

    __tablename__ = "reflection_session"
    # Every lead and facilitator figure selects by teams and a half year and counts per bringer:
    # with this index the session, tag, outcome and process figures read no table rows (which
    # hold the excerpts). Tags for 8 teams at 100k sessions: 272 -> 157 ms on SQLite.
    __table_args__ = (
        Index("ix_reflection_session_team_created", "team_id", "created_at", "bringer_id"),
        # The lead's and facilitator's figures count finished sessions by their finishing month.
        Index(
            "ix_reflection_session_team_finished", "team_id", "finished_at", "status", "bringer_id"
        ),
        # The FLIP pool (`flip.shared_pool`): a period's shared excerpts, numbered in their
        # neutral order, and the sessions whose shared learning points it lists, read from
        # these indexes alone.
        Index(
            "ix_reflection_session_pool",
            "status",
            "excerpt_shared",
            "finished_at",
            "team_id",
            "bringer_id",
            "pool_order",
        ),
        Index("ix_reflection_session_finished", "status", "finished_at", "team_id", "bringer_id"),
    )
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    bringer_id: int = Field(foreign_key="user.id", index=True)
    title: str = Field(default="", max_length=200)
    conversation_kind: str | None = Field(default=None, max_length=40)
    situation: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    excerpt: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    lenses: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    pool_order: int = Field(default_factory=random_pool_order, sa_column=_pool_order_column())
    context_wish: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    phase: int = 1
    # Step-by-step reveal while reading: None = the whole excerpt is shown; n = turns 1..n shown.
    reveal_upto: int | None = None
    # How the participants tag the turns: "open" (each sees the others' tags at once), "blind"
    # (each tags alone; nobody sees another's tags) or "revealed" (blind, then shown to all by
    # the bringer at once). Stored here so that every app replica hides the same tags.
    tagging_mode: str = Field(default="open", max_length=10)
    status: str = Field(default="open", max_length=20, index=True)  # open | finished
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None
    # The bringer's explicit choice to let FLIP facilitators read the (already screened) excerpt
    # without any name attached; withdrawn by setting it back.
    excerpt_shared: bool = Field(default=False, index=True)
    # A listener's proposal to move the group to another phase, until the bringer follows or
    # dismisses it; stored so that every app replica shows it. No foreign key: a proposal
    # must never keep an account from being deleted.
    proposed_phase: int | None = None
    proposed_by: int | None = None
    # The bringer's explicit choice to let listeners take the excerpt home in the download of
    # their own contributions (a copy cannot be taken back, unlike `excerpt_shared`).
    excerpt_for_listeners: bool = False


class Participant(SQLModel, table=True):
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="reflection_session.id", index=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="user.id", index=True)
    role: str = Field(max_length=20)  # bringer | listener
    rules_acknowledged_at: datetime | None = None
    joined_at: datetime = Field(default_factory=utcnow)
    # Last time this participant's session page asked for news: "who is here now" (issue 13).
    seen_at: datetime | None = None


class Contribution(SQLModel, table=True):
    """A participant's own text in one slot (an observation to a lens question, a reflection, …)."""

    __table_args__ = (UniqueConstraint("session_id", "author_id", "kind", "slot"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="reflection_session.id", index=True, ondelete="CASCADE")
    author_id: int = Field(foreign_key="user.id", index=True)
    kind: str = Field(max_length=30)  # observation | reflection | struck | takeaway
    slot: str = Field(default="", max_length=120)  # e.g. the lens question id
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow)


class LearningPoint(SQLModel, table=True):
    __tablename__ = "learning_point"
    __table_args__ = (
        UniqueConstraint("session_id", "position"),
        Index("ix_learning_point_pool", "session_id", "shared", "category", "pool_order"),
    )
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="reflection_session.id", index=True, ondelete="CASCADE")
    position: int  # 1..3
    text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    category: str | None = Field(default=None, max_length=40)
    shared: bool | None = None  # None until the bringer has explicitly chosen
    pool_order: int = Field(default_factory=random_pool_order, sa_column=_pool_order_column())
    version: int = 1
    updated_at: datetime = Field(default_factory=utcnow)


class ProcessCheck(SQLModel, table=True):
    """Anonymous: no user, no timestamp finer than the month, so it cannot be tied to a person.

    `period` is the month the session was held (not the day of answering), so the receipts of
    that month's sessions tell how many distinct people stand behind a month's answers.
    """

    __tablename__ = "process_check"
    id: int | None = Field(default=None, primary_key=True)
    team_id: int = Field(foreign_key="team.id", index=True)
    period: str = Field(max_length=7, index=True)  # YYYY-MM
    safe_frame: int  # 1..5 "Rammen føltes tryg"


class ProcessCheckReceipt(SQLModel, table=True):
    """Who has answered a session's process check (never what they answered)."""

    __tablename__ = "process_check_receipt"
    session_id: int = Field(
        foreign_key="reflection_session.id", primary_key=True, ondelete="CASCADE"
    )
    user_id: int = Field(foreign_key="user.id", primary_key=True)


class TurnTag(SQLModel, table=True):
    """One participant's descriptive tag on one turn; disagreement between participants is kept."""

    __tablename__ = "turn_tag"
    __table_args__ = (UniqueConstraint("session_id", "annotator_id", "turn_number", "tag_id"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="reflection_session.id", index=True, ondelete="CASCADE")
    annotator_id: int = Field(foreign_key="user.id", index=True)
    turn_number: int
    speaker: str = Field(max_length=20)  # caseworker | citizen | other (for pooled counts)
    tag_id: str = Field(max_length=60, index=True)
    created_at: datetime = Field(default_factory=utcnow)


class GribningLink(SQLModel, table=True):
    """A citizen's meaning-making turn and what happened in the turn(s) after it."""

    __tablename__ = "gribning_link"
    __table_args__ = (UniqueConstraint("session_id", "annotator_id", "from_turn"),)
    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="reflection_session.id", index=True, ondelete="CASCADE")
    annotator_id: int = Field(foreign_key="user.id", index=True)
    from_turn: int
    to_turns: list[int] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    outcome: str = Field(max_length=40, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class Assignment(SQLModel, table=True):
    """Which teams a team lead leads, and which teams or municipalities a facilitator serves.

    A team lead's own `User.team_id` counts as led as well; an organisation assignment covers
    every team in it.
    """

    __table_args__ = (UniqueConstraint("user_id", "role", "team_id", "organisation_id"),)
    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    role: str = Field(max_length=20)  # teamlead | facilitator
    team_id: int | None = Field(default=None, foreign_key="team.id", index=True)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)


class AuditEntry(SQLModel, table=True):
    """Who looked at or exported what, with which filter. Kept apart from content on purpose:
    no foreign key, so the trail outlives a deleted account."""

    __tablename__ = "audit_entry"
    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    actor_id: int | None = Field(default=None, index=True)
    actor_username: str = Field(default="", max_length=100)
    action: str = Field(max_length=60, index=True)
    target: str = Field(default="", max_length=200)
    filters: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class LoginAttempt(SQLModel, table=True):
    """Every login try, by username as typed and by client, so lock-outs hold across reruns,
    restarts and replicas. Unknown usernames are counted the same way as known ones."""

    __tablename__ = "login_attempt"
    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=100, index=True)
    client: str = Field(default="", max_length=100, index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    success: bool = False


class LoginSession(SQLModel, table=True):
    """The server side of a login: the cookie alone opens nothing once this row has ended,
    gone idle (30 min) or grown old (12 h)."""

    __tablename__ = "login_session"
    id: int | None = Field(default=None, primary_key=True)
    key_hash: str = Field(max_length=64, unique=True, index=True)
    user_id: int = Field(foreign_key="user.id", index=True, ondelete="CASCADE")
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    ended_reason: str = Field(default="", max_length=20)


class FrozenMonth(SQLModel, table=True):
    """One closed month's grouped facts of one team and measure, taken once (issue 14).

    Every figure for leads and facilitators is computed from these, never from live rows, so
    data that arrives or is deleted after a month closed can never be found by subtracting a
    later figure from an earlier one. `facts` is JSON: [[category, [values], [person ids]]]; the
    ids serve distinct counts only. Deleted once the whole half year has been released."""

    __tablename__ = "frozen_month"
    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    measure: str = Field(max_length=20, primary_key=True)
    month: str = Field(max_length=7, primary_key=True)  # YYYY-MM
    facts: str = Field(sa_column=Column(Text, nullable=False))
    frozen_at: datetime = Field(default_factory=utcnow)


class ReleasedCell(SQLModel, table=True):
    """A figure as it was first released: shown with its values, or hidden and why. Never
    changed afterwards (issue 14: the adversary reads every figure at every moment)."""

    __tablename__ = "released_cell"
    team_id: int = Field(foreign_key="team.id", primary_key=True, ondelete="CASCADE")
    measure: str = Field(max_length=30, primary_key=True)  # e.g. lenses, lenses:total
    k: int = Field(primary_key=True)
    period: str = Field(max_length=7, primary_key=True)  # 2026-11, 2026-Q4, 2026-H2
    category: str = Field(max_length=60, primary_key=True)
    status: str = Field(max_length=12)  # shown | too_few | complement
    cell_values: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    released_at: datetime = Field(default_factory=utcnow)
