"""Direct inserts with chosen dates, for tests of what leads and facilitators see."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy.engine import Engine

from lises_reflect import auth, periods
from lises_reflect.db import session_scope
from lises_reflect.models import (
    Assignment,
    GribningLink,
    LearningPoint,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
    TurnTag,
)
from tests.conftest import PASSWORD


def caseworkers(engine: Engine, team_id: int, n: int, prefix: str) -> list[int]:
    return [
        auth.create_user(
            engine,
            auth.OPERATOR,
            f"{prefix}{i}",
            f"{prefix.title()} {i}",
            PASSWORD,
            ["caseworker"],
            team_id,
        )
        for i in range(n)
    ]


def assign(
    engine: Engine, user_id: int, role: str, team_id: int | None = None, org_id: int | None = None
) -> None:
    with session_scope(engine) as s:
        s.add(Assignment(user_id=user_id, role=role, team_id=team_id, organisation_id=org_id))


def when(month_key: str, day: int = 10) -> datetime:
    p = periods.parse(month_key)
    return p.start() + timedelta(days=day - 1, hours=10)


def session(
    engine: Engine,
    team_id: int,
    bringer: int,
    listeners: list[int],
    at: datetime,
    *,
    lenses: tuple[str, ...] = ("gribning",),
    tags: tuple[tuple[int, str], ...] = (),  # (annotator, tag id)
    links: tuple[tuple[int, str], ...] = (),  # (annotator, outcome)
    points: tuple[tuple[str, str, bool], ...] = (),  # (text, category, shared)
    answers: tuple[tuple[int, int], ...] = (),  # (user, safe_frame)
    excerpt: str = "R: Hvordan går det?\nB: Det går lidt bedre.\nR: Fortæl mere.",
    shared_excerpt: bool = False,
) -> int:
    with session_scope(engine) as s:
        rs = ReflectionSession(
            team_id=team_id,
            bringer_id=bringer,
            title="Opfølgning",
            conversation_kind="follow_up",
            excerpt=excerpt,
            lenses=list(lenses),
            status="finished",
            phase=8,
            created_at=at,
            updated_at=at,
            finished_at=at.astimezone(timezone.utc),
            excerpt_shared=shared_excerpt,
        )
        s.add(rs)
        s.flush()
        s.add(Participant(session_id=rs.id, user_id=bringer, role="bringer"))
        for u in listeners:
            s.add(Participant(session_id=rs.id, user_id=u, role="listener"))
        for i, (annotator, tag) in enumerate(tags):
            s.add(
                TurnTag(
                    session_id=rs.id,
                    annotator_id=annotator,
                    turn_number=1 + i % 3,
                    speaker="caseworker",
                    tag_id=tag,
                )
            )
        for i, (annotator, outcome) in enumerate(links):
            s.add(
                GribningLink(
                    session_id=rs.id,
                    annotator_id=annotator,
                    from_turn=2 + 10 * i,
                    to_turns=[3],
                    outcome=outcome,
                )
            )
        for i, (text, category, shared) in enumerate(points, start=1):
            s.add(
                LearningPoint(
                    session_id=rs.id,
                    position=i,
                    text=text,
                    category=category,
                    shared=shared,
                    updated_at=at,  # written and shared in the session, as people do
                )
            )
        for user, score in answers:
            s.add(ProcessCheckReceipt(session_id=rs.id, user_id=user))
            s.add(ProcessCheck(team_id=team_id, period=periods.month_key(at), safe_frame=score))
        return rs.id
