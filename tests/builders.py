"""Test data shared by test modules: direct inserts with chosen dates, for tests of what leads
and facilitators see (`busy_team`); sessions set up through the service (`prepared`,
`at_phase`, `at_describe`); an uploaded Word file (`make_docx`); a seminar pack (`pack`,
`excerpt`, `FIG`); a transcription tool's file (`TEAMS_VTT`)."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import docx
from sqlalchemy.engine import Engine

from lises_reflect import accounts, auth, periods
from lises_reflect import sessions as S
from lises_reflect.db import session_scope
from lises_reflect.export import ExportTurn
from lises_reflect.figures import Bar, Figure
from lises_reflect.models import (
    Assignment,
    GribningLink,
    LearningPoint,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
    Team,
    TurnTag,
)
from lises_reflect.seminar import PackExcerpt, SeminarPack
from tests.conftest import PASSWORD, Org


def caseworkers(engine: Engine, team_id: int, n: int, prefix: str) -> list[int]:
    return [
        accounts.create_user(
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


def facilitate(engine: Engine, facilitator: int, team_id: int) -> int:
    """Make `facilitator` the facilitator of the organisation `team_id` belongs to; its id."""
    with session_scope(engine) as s:
        org_id = s.get(Team, team_id).organisation_id
    assign(engine, facilitator, "facilitator", org_id=org_id)
    return org_id


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


def _busy_session(_month: int, i: int, p: int, other: int) -> dict[str, Any]:
    return {
        "lenses": ("gribning",) if i % 2 else ("gribning", "institutional_turns"),
        "tags": ((p, "institutional"), (other, "institutional")),
        "links": ((other, "taken_up"),),
        "points": (("Dokumentationskravet fylder i samtalen.", "frames_demands", True),),
        "answers": ((p, 4), (other, 5)),
    }


def busy_team(
    org: Org,
    n: int = 8,
    each: Callable[[int, int, int, int], dict[str, Any]] = _busy_session,
) -> list[int]:
    """n caseworkers who each bring one conversation every month of 2026-H1, the next one
    listening. `each(month, i, bringer, listener)` gives the session's contents (`session`'s
    keyword arguments); by default lenses, tags, a taken-up link, a shared point and answers."""
    people = caseworkers(org.engine, org.team, n, "cw")
    for m in range(1, 7):
        for i, p in enumerate(people):
            other = people[(i + 1) % n]
            session(
                org.engine, org.team, p, [other], when(f"2026-0{m}", 3 + i), **each(m, i, p, other)
            )
    return people


EXCERPT = """R: Hvordan er det gået i praktikken?
B: Det er gået okay (.) jeg kan godt lide at køre truck, faktisk.
R: Godt. Du skal huske, at praktikken er 13 uger, og jeg skal have din timeseddel.
B: Ja (1.2) men jeg tænkte, om jeg kunne få et truckkort?
R: Det kan vi se på. Hvad sagde din mentor?
Mentor: Han er stabil og kommer til tiden."""


def at_describe(org) -> int:
    e = org.engine
    sid = S.create_session(e, org.bringer, "Truck")
    S.set_listeners(e, org.bringer, sid, [org.listener, org.listener2])
    S.update_choices(
        e, org.bringer, sid, conversation_kind="internship_follow_up", lenses=["gribning"]
    )
    S.update_text(e, org.bringer, sid, "excerpt", EXCERPT, "")
    S.set_phase(e, org.bringer, sid, 2)
    for uid in (org.bringer, org.listener, org.listener2):
        S.acknowledge_rules(e, uid, sid)
    S.set_phase(e, org.bringer, sid, 4)
    return sid


# ---------------------------------------------------------------- a session through the service

SESSION_EXCERPT = "R: Hvordan går det i praktikken?\nB: Det går fint (.) jeg kan godt lide lageret."
# A Teams recording's .vtt: a caseworker and a citizen by name, a generic third voice that
# overlaps the citizen, names inside the text (one in the genitive).
TEAMS_VTT = """WEBVTT

NOTE optaget med borgerens samtykke

1
00:00:01.000 --> 00:00:04.200
<v Mette Hansen>Hej Ahmed, godt at se dig.</v>

2
00:00:04.500 --> 00:00:06.000
<v Mette Hansen>Hvordan er det gået med praktikken?</v>

3
00:00:06.400 --> 00:00:09.000
<v Ahmed>Det er gået okay. Mette, jeg har talt med Ahmeds mester.</v>

4
00:00:08.800 --> 00:00:10.000
<v Speaker 3>Må jeg lige sige noget?</v>

5
00:00:10.100 --> 00:00:11.000
<v Ahmed>Ja.</v>
"""
QUESTION = "gribning.q1"  # the first question of the gribning lens


def prepared(org, listeners=None) -> int:
    """A session ready to leave the preparation phase."""
    e = org.engine
    sid = S.create_session(e, org.bringer, "Opfølgning")
    S.set_listeners(e, org.bringer, sid, listeners or [org.listener])
    S.update_choices(
        e,
        org.bringer,
        sid,
        conversation_kind="follow_up",
        situation=["activity_ready"],
        lenses=["gribning"],
    )
    S.update_text(e, org.bringer, sid, "excerpt", SESSION_EXCERPT, "")
    return sid


def at_phase(org, phase: int, listeners=None) -> int:
    sid = prepared(org, listeners)
    e = org.engine
    if phase >= 2:
        S.set_phase(e, org.bringer, sid, 2)
    if phase >= 3:
        for uid in [org.bringer, *(listeners or [org.listener])]:
            S.acknowledge_rules(e, uid, sid)
        S.set_phase(e, org.bringer, sid, phase)
    return sid


# ---------------------------------------------------------------- an uploaded Word file


def make_docx(
    paragraphs: list[str], table: list[list[str]] | None = None, after: tuple[str, ...] = ()
) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table is not None:
        grid = document.add_table(rows=len(table), cols=max(len(row) for row in table))
        for r, row in enumerate(table):
            for c, text in enumerate(row):
                grid.cell(r, c).text = text
    for text in after:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- a seminar pack, for the pack's own tests and the trust tests ---------------------------


def excerpt(letter: str, turns: int = 8, long: bool = False) -> PackExcerpt:
    filler = " Og så sagde jeg, at det med ryggen gør det svært at stå op hele dagen." * 6
    rows = tuple(
        ExportTurn(
            i,
            "caseworker" if i % 2 else "citizen",
            "Sagsbehandler" if i % 2 else "Borger",
            f"Tur {i} i uddrag {letter}: æøå og (.) en pause [overlap]" + (filler if long else ""),
        )
        for i in range(1, turns + 1)
    )
    return PackExcerpt(
        f"Uddrag {letter}",
        "Opfølgningssamtale",
        rows,
        ("Gribning",),
        ("Tidsfristen fylder i samtalen.",),
    )


FIG = Figure(
    "tags",
    "Markeringer i udskrifterne",
    "Den hyppigste markering var gribning.",
    "Markering",
    "Antal",
    (Bar("Gribning", 12.0), Bar("Institutionel", None, "too_few"), Bar("Arbejde", 7.0)),
)


def pack(**changes) -> SeminarPack:
    base = SeminarPack(
        title="FLIP: Samtalen som faglig kerne",
        hours=3,
        participants=6,
        excerpts=(excerpt("A"), excerpt("B")),
        figures=(FIG,),
        prompts=(
            ("Gribning", ("Hvad sker der så?", "Hvem tager tråden op?")),
            ("Arbejdsmarkedsperspektiv", ("Hvem nævner et konkret job?",)),
        ),
        questions=("Hvad hører I borgeren sige om arbejde?", "Hvad vil I prøve?"),
    )
    return replace(base, **changes)
