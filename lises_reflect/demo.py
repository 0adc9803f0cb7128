"""Synthetic organisations, accounts and sessions for the demo, tests and benchmarks.

Everything here is fictional (see `demo_content`). Bulk rows go in with Core inserts in batches,
so that `seed-demo --sessions 100000` finishes in minutes rather than hours.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlmodel import select

from lises_reflect import demo_content, periods
from lises_reflect.auth import hash_password
from lises_reflect.db import session_scope
from lises_reflect.models import (
    Assignment,
    Contribution,
    GribningLink,
    LearningPoint,
    Organisation,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
    Team,
    TurnTag,
    User,
    UserRole,
)

DEMO_PASSWORD = "lyt-med-demo"
DEMO_EMAIL_DOMAIN = "demo.invalid"
BATCH = 500


@dataclass(frozen=True)
class DemoAccount:
    username: str
    name: str
    roles: tuple[str, ...]
    team_index: int | None  # index into the created teams


# The accounts a newcomer logs in with; the login page lists them.
DEMO_ACCOUNTS: tuple[DemoAccount, ...] = (
    DemoAccount("mette", "Mette Kjær (demo)", ("caseworker",), 0),
    DemoAccount("jonas", "Jonas Holm (demo)", ("caseworker",), 0),
    DemoAccount("aisha", "Aisha Nielsen (demo)", ("caseworker",), 0),
    DemoAccount("hanne", "Hanne Lund (demo)", ("teamlead",), 0),
    DemoAccount("sofie", "Sofie Dahl (demo)", ("facilitator",), None),
    DemoAccount("admin", "Demo-administrator", ("admin",), None),
)


def is_demo_user(email: str | None) -> bool:
    return bool(email) and email.endswith("@" + DEMO_EMAIL_DOMAIN)


def has_demo_accounts(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return (
            s.exec(select(User.id).where(User.email.like(f"%@{DEMO_EMAIL_DOMAIN}"))).first()
            is not None
        )


def is_empty(engine: Engine) -> bool:
    with session_scope(engine) as s:
        return s.exec(select(User.id)).first() is None


Progress = Callable[[int, int], None]


def seed(
    engine: Engine,
    *,
    sessions: int = 800,
    teams: int = 5,
    seed: int = 1,
    caseworkers_per_team: int = 10,
    months: int = 12,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Fill an empty database with a fictional organisation and `sessions` reflection sessions."""
    if not is_empty(engine):
        raise RuntimeError("seed-demo needs an empty database (it found users already)")
    rng = random.Random(seed)
    now = now or datetime.now(timezone.utc)
    teams = max(1, teams)
    password_hash = hash_password(DEMO_PASSWORD)  # one hash for all: same password
    with session_scope(engine) as s:
        orgs = []
        for spec in demo_content.ORGANISATIONS:
            org = Organisation(name=spec["name"])
            s.add(org)
            orgs.append((org, list(spec["teams"])))
        s.flush()
        team_rows: list[Team] = []
        i = 0
        while len(team_rows) < teams:
            org, names = orgs[i % len(orgs)]
            n = i // len(orgs)
            base = names[n % len(names)]
            name = base if n < len(names) else f"{base} {n // len(names) + 1}"
            team = Team(organisation_id=org.id, name=name)
            s.add(team)
            team_rows.append(team)
            i += 1
        s.flush()
        team_ids = [t.id for t in team_rows]

        members: dict[int, list[int]] = {tid: [] for tid in team_ids}
        used: set[str] = set()

        def add_user(username: str, name: str, roles: tuple[str, ...], team_id: int | None) -> int:
            user = User(
                username=username,
                display_name=name,
                email=f"{username}@{DEMO_EMAIL_DOMAIN}",
                password_hash=password_hash,
                team_id=team_id,
            )
            s.add(user)
            s.flush()
            for role in roles:
                s.add(UserRole(user_id=user.id, role=role))
            used.add(username)
            if "caseworker" in roles and team_id is not None:
                members[team_id].append(user.id)
            return user.id

        for acc in DEMO_ACCOUNTS:
            tid = team_ids[acc.team_index] if acc.team_index is not None else None
            add_user(acc.username, acc.name, acc.roles, tid)
        for t_index, tid in enumerate(team_ids):
            if t_index > 0:
                add_user(
                    f"leder{t_index + 1}",
                    f"Teamleder {t_index + 1} (demo)",
                    ("teamlead",),
                    tid,
                )
            # Hanne's team is a little bigger, so her page has something in most months.
            size = caseworkers_per_team + (2 if t_index == 0 else 0)
            while len(members[tid]) < size:
                first = rng.choice(demo_content.FIRST_NAMES)
                last = rng.choice(demo_content.LAST_NAMES)
                base = _slug(first)
                username = base
                k = 2
                while username in used:
                    username = f"{base}{k}"
                    k += 1
                add_user(username, f"{first} {last} (demo)", ("caseworker",), tid)

        # A small team shows the lead and facilitator pages' "too few to show" explanation.
        small = Team(organisation_id=orgs[0][0].id, name=demo_content.SMALL_TEAM)
        s.add(small)
        s.flush()
        small_id = small.id
        members[small_id] = []
        for k in range(3):
            add_user(
                f"ung{k + 1}",
                f"{demo_content.FIRST_NAMES[k]} Ung (demo)",
                ("caseworker",),
                small_id,
            )
        hanne = s.exec(select(User.id).where(User.username == "hanne")).one()
        sofie = s.exec(select(User.id).where(User.username == "sofie")).one()
        if len(team_ids) > 1:
            s.add(Assignment(user_id=hanne, role="teamlead", team_id=team_ids[1]))
        for org, _names in orgs:
            s.add(Assignment(user_id=sofie, role="facilitator", organisation_id=org.id))

    mette = _user_id(engine, "mette")
    jonas = _user_id(engine, "jonas")
    aisha = _user_id(engine, "aisha")
    # The first sessions are the ones a newcomer meets: one finished, one under way.
    fixed = [
        (
            team_ids[0],
            mette,
            [jonas, aisha],
            demo_content.CASES[0],
            8,
            now - timedelta(days=20),
        ),
        (
            team_ids[0],
            mette,
            [jonas],
            demo_content.CASES[1],
            4,
            now - timedelta(days=2),
        ),
        (
            team_ids[0],
            jonas,
            [mette],
            demo_content.CASES[2],
            8,
            now - timedelta(days=45),
        ),
    ]
    plan = []
    for team_id, bringer, listeners, case, phase, created in fixed[: max(0, sessions)]:
        plan.append((team_id, bringer, listeners, case, phase, created))
    for _ in range(max(0, sessions - len(plan))):
        team_id = rng.choice(team_ids)
        people = members[team_id]
        bringer = rng.choice(people)
        others = [p for p in people if p != bringer]
        listeners = rng.sample(others, k=min(len(others), rng.choice((1, 1, 2, 2, 3))))
        case = demo_content.compose_case(rng)
        created = now - timedelta(days=rng.uniform(0, months * 30.4), hours=rng.uniform(0, 8))
        phase = 8 if rng.random() < 0.8 else rng.choice(demo_content.UNFINISHED_CASE_PHASES)
        plan.append((team_id, bringer, listeners, case, phase, created))
    small_people = members[small_id]
    for k in range(min(6, max(0, sessions - len(plan)))):
        bringer = small_people[k % 3]
        listeners = [p for p in small_people if p != bringer][:1]
        created = now - timedelta(days=rng.uniform(0, months * 30.4))
        plan.append((small_id, bringer, listeners, demo_content.compose_case(rng), 8, created))
    _insert_sessions(engine, plan, rng, progress)
    return {"teams": len(team_ids), "sessions": len(plan)}


def _slug(name: str) -> str:
    table = str.maketrans(
        {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"}
    )
    return "".join(ch for ch in name.lower().translate(table) if ch.isalnum())


def _user_id(engine: Engine, username: str) -> int:
    with session_scope(engine) as s:
        return s.exec(select(User.id).where(User.username == username)).one()


def _insert_sessions(
    engine: Engine, plan: list[tuple], rng: random.Random, progress: Progress | None
) -> None:
    total = len(plan)
    done = 0
    for start in range(0, total, BATCH):
        chunk = plan[start : start + BATCH]
        with engine.begin() as conn:
            rows = []
            for team_id, bringer, _listeners, case, phase, created in chunk:
                finished = phase == 8
                rows.append(
                    {
                        "team_id": team_id,
                        "bringer_id": bringer,
                        "title": case["title"],
                        "conversation_kind": case["conversation_kind"],
                        "situation": case["situation"],
                        "excerpt": case["excerpt"] if phase >= 1 else "",
                        "lenses": case["lenses"],
                        "context_wish": case["context_wish"] if phase >= 3 else "",
                        "phase": phase,
                        "status": "finished" if finished else "open",
                        "version": 1,
                        "created_at": created,
                        "updated_at": created + timedelta(minutes=50),
                        "finished_at": created + timedelta(minutes=55) if finished else None,
                        # About a third of finished conversations are shared with FLIP.
                        "excerpt_shared": finished and rng.random() < 0.35,
                    }
                )
            ids = list(
                conn.execute(
                    insert(ReflectionSession).returning(
                        ReflectionSession.id, sort_by_parameter_order=True
                    ),
                    rows,
                ).scalars()
            )
            parts, lps, checks, receipts, tags, links = [], [], [], [], [], []
            contribs: dict[tuple, dict] = {}
            for sid, (team_id, bringer, listeners, case, phase, created) in zip(
                ids, chunk, strict=True
            ):
                ack = created + timedelta(minutes=5) if phase >= 3 else None
                parts.append(
                    {
                        "session_id": sid,
                        "user_id": bringer,
                        "role": "bringer",
                        "rules_acknowledged_at": ack,
                        "joined_at": created,
                    }
                )
                for uid in listeners:
                    parts.append(
                        {
                            "session_id": sid,
                            "user_id": uid,
                            "role": "listener",
                            "rules_acknowledged_at": ack,
                            "joined_at": created,
                        }
                    )
                stamp = created + timedelta(minutes=30)
                if phase >= 4:
                    _observations(case, listeners, sid, stamp, rng, contribs)
                    _annotations(case["excerpt"], listeners, sid, stamp, rng, tags, links)
                if phase >= 5:
                    for i, text in enumerate(case["reflections"]):
                        _contribution(
                            contribs,
                            sid,
                            listeners[i % len(listeners)],
                            "reflection",
                            "",
                            text,
                            stamp,
                        )
                if phase >= 6:
                    _contribution(contribs, sid, bringer, "struck", "", case["struck"], stamp)
                    _contribution(contribs, sid, bringer, "takeaway", "", case["takeaway"], stamp)
                if phase >= 7:
                    for pos, lp in enumerate(case["learning_points"][:3], start=1):
                        lps.append(
                            {
                                "session_id": sid,
                                "position": pos,
                                "text": lp["text"],
                                "category": lp["category"],
                                "shared": bool(lp["share"]) if phase == 8 else None,
                                "version": 1,
                                "updated_at": stamp,
                            }
                        )
                if phase == 8:
                    period = periods.month_key(created)  # the session's month, local time
                    for uid in [bringer, *listeners]:
                        if rng.random() < 0.85:
                            checks.append(
                                {
                                    "team_id": team_id,
                                    "period": period,
                                    "safe_frame": rng.choices((2, 3, 4, 5), weights=(1, 3, 6, 5))[
                                        0
                                    ],
                                }
                            )
                            receipts.append({"session_id": sid, "user_id": uid})
            for model, data in (
                (Participant, parts),
                (Contribution, list(contribs.values())),
                (LearningPoint, lps),
                (ProcessCheck, checks),
                (ProcessCheckReceipt, receipts),
                (TurnTag, tags),
                (GribningLink, links),
            ):
                if data:
                    conn.execute(insert(model), data)
        done += len(chunk)
        if progress:
            progress(done, total)


def _contribution(
    out: dict[tuple, dict],
    sid: int,
    author: int,
    kind: str,
    slot: str,
    text: str,
    stamp: datetime,
) -> None:
    """One row per (session, author, kind, slot): a second text for the same slot is appended."""
    key = (sid, author, kind, slot)
    if key in out:
        out[key]["text"] += "\n\n" + text
        return
    out[key] = {
        "session_id": sid,
        "author_id": author,
        "kind": kind,
        "slot": slot,
        "text": text,
        "version": 1,
        "updated_at": stamp,
    }


def _observations(
    case: dict,
    listeners: list[int],
    sid: int,
    stamp: datetime,
    rng: random.Random,
    out: dict,
) -> None:
    from lises_reflect.sessions import catalogue

    cat = catalogue()
    for i, obs in enumerate(case["observations"]):
        lens_id = obs["lens"] if obs["lens"] in case["lenses"] else case["lenses"][0]
        lens = cat.lens(lens_id)
        question = lens.questions[rng.randrange(len(lens.questions))]
        _contribution(
            out,
            sid,
            listeners[i % len(listeners)],
            "observation",
            question.id,
            obs["text"],
            stamp,
        )


# Cues for plausible demo tags. They only make the fictional demo look lived-in; real tags are
# always a person's own reading of the talk.
_MEANING = (
    "gerne",
    "måske",
    "faktisk",
    "bange for",
    "lave noget",
    "kunne man",
    "vil bare",
    "drøm",
    "har lyst",
    "glad for",
    "savner",
    "bekymr",
    "rigtig godt",
)
_WORK = (
    "arbejde",
    "job",
    "praktik",
    "uddannelse",
    "lager",
    "butik",
    "værksted",
    "truck",
    "timer",
    "kollega",
    "chef",
    "elev",
)
_RESERVE = ("ved ikke", "ikke sikker", "nej", "orker", "kan ikke")
_INSTITUTIONAL = (
    "skal ",
    "krav",
    "uger",
    "dokument",
    "attest",
    "rehabiliteringsteam",
    "jobplan",
    "min plan",
    "regler",
    "frist",
    "ydelse",
    "sanktion",
    "lovgivning",
    "ressourceforløb",
    "aktivitetsparat",
    "samtale hver",
)
_LM_CONCRETE = (
    "lager",
    "butik",
    "netto",
    "værksted",
    "tømrer",
    "plejecenter",
    "børnehave",
    "truck",
    "timer om ugen",
)


@lru_cache(maxsize=256)
def _turns(excerpt: str) -> tuple:
    from lises_reflect.tagging import turns_of

    return tuple(turns_of(excerpt))


def _cue_tags(turn) -> list[str]:
    low = turn.text.lower()
    if turn.speaker == "citizen":
        if len(low) < 30:
            return ["reservation"] if any(c in low for c in _RESERVE) else []
        found = [
            tag
            for tag, cues in (
                ("meaning_making", _MEANING),
                ("work_talk", _WORK),
                ("reservation", _RESERVE),
            )
            if any(c in low for c in cues)
        ]
        return found
    found = []
    if any(c in low for c in _INSTITUTIONAL):
        found.append("institutional")
    if any(c in low for c in _LM_CONCRETE):
        found.append("concrete_lm")
    if "?" in turn.text:
        found.append("involves" if "du" in low else "assesses")
    return found or ["informs"]


def _annotations(
    excerpt: str,
    listeners: list[int],
    sid: int,
    stamp: datetime,
    rng: random.Random,
    tags: list[dict],
    links: list[dict],
) -> None:
    turns = _turns(excerpt)
    for uid in listeners:
        for turn in turns:
            chosen = [tag for tag in _cue_tags(turn) if rng.random() < 0.75]
            for tag in chosen:
                tags.append(
                    {
                        "session_id": sid,
                        "annotator_id": uid,
                        "turn_number": turn.number,
                        "speaker": turn.speaker,
                        "tag_id": tag,
                        "created_at": stamp,
                    }
                )
            if "meaning_making" in chosen and turn.number < len(turns):
                nxt = turns[turn.number]  # the turn after (numbers are 1-based)
                if "institutional" in _cue_tags(nxt):
                    outcome = rng.choice(
                        ("overtaken_institutional", "overtaken_institutional", "postponed")
                    )
                else:
                    outcome = rng.choice(("taken_up", "partly_taken_up", "passed_over", "unclear"))
                links.append(
                    {
                        "session_id": sid,
                        "annotator_id": uid,
                        "from_turn": turn.number,
                        "to_turns": [nxt.number],
                        "outcome": outcome,
                        "updated_at": stamp,
                    }
                )
