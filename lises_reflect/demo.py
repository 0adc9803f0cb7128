"""Synthetic organisations, accounts and sessions for the demo, tests and benchmarks.

Everything here is fictional (see `demo_content`). Bulk rows go in with Core inserts in batches,
so that `seed-demo --sessions 100000` finishes in minutes rather than hours.
"""

from __future__ import annotations

import itertools
import random
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import insert
from sqlalchemy.engine import Connection, Engine
from sqlmodel import select

from lises_reflect import demo_content, periods, retention
from lises_reflect.auth import hash_password
from lises_reflect.db import session_scope
from lises_reflect.demo_content import Case
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

_AFTER_INSTITUTIONAL = ("overtaken_institutional",) * 5 + ("postponed",)
_AFTER_OTHER = ("taken_up",) * 3 + ("passed_over",) * 3 + ("partly_taken_up", "unclear")
FRAMES = "frames_demands"
_BARRIER = 0.3  # chance that a point beyond "frames" names a barrier to citizen involvement
# The demo's own rhythm when no session count is asked for: sessions per team and month.
_PER_MONTH = (8, 12)
_SMALL_PER_MONTH = (0, 1, 1, 2)
_RECENT = timedelta(days=14)  # sessions younger than this are often still under way
_SHARE_POINT = 0.5  # chance that a learning point (beyond a bringer's first) is shared
_SHARE_EXCERPT = 0.35  # chance that a finished session's excerpt is shared with FLIP
_ANSWER_CHECK = 0.8  # chance that a participant answers the process check
# Phases (1..8) at which some demo sessions are left unfinished: a session that has only its
# excerpt, one waiting for the round of observations, one in the middle of reflections, and so on.
_UNFINISHED_PHASES = (1, 3, 4, 5, 7)


@dataclass
class _Org:
    team_ids: list[int]  # the normal teams; index 0 is mette's (led by hanne)
    small_id: int
    members: dict[int, list[int]]  # team id -> its caseworkers
    users: dict[str, int]  # demo account username -> user id


@dataclass(frozen=True)
class _Window:
    """One local calendar month, cut at the ends of the seeded range."""

    start: datetime
    end: datetime
    share: float  # the part of the whole month inside the range


class _Spec(NamedTuple):
    team_id: int
    bringer: int
    listeners: list[int]
    case: Case
    lenses: list[str]
    phase: int
    created: datetime
    points: list[tuple[str, str, bool | None]]  # text, category, shared
    excerpt_shared: bool


def seed(
    engine: Engine,
    *,
    sessions: int | None = None,
    teams: int = 5,
    seed: int = 1,
    caseworkers_per_team: int | None = None,
    months: int = 12,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> dict[str, int]:
    """Fill an empty database with a fictional organisation and its reflection sessions.

    `teams` normal teams alternate between the two fictional municipalities; team 0 (mette,
    jonas, aisha; led by hanne, who also leads team 1) has 12 caseworkers, team 1 10–12, the
    others 8–12 (or `caseworkers_per_team` each, team 0 two more). A small team of three shows
    the "too few to show" case. Without `sessions`, every normal team holds 8–12 sessions a
    month over the `months` months before `now` and the small team a few; with `sessions`,
    exactly that many are spread evenly over the normal teams and months (the command line and
    benchmarks). The same `seed` and `now` give the same data. Returns the number of normal
    teams and of sessions.
    """
    if not is_empty(engine):
        raise RuntimeError("seed-demo needs an empty database (it found users already)")
    demo_content.content()  # a broken data file stops the seeding before it writes anything
    rng = random.Random(seed)
    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    windows = _months(now, max(1, months))
    since = windows[0].start - timedelta(days=1)  # the accounts exist before the first session
    org = _create_people(engine, rng, max(1, teams), caseworkers_per_team, since)
    fixed = _showcase(org, now)
    if sessions is None:
        counts = {
            tid: [round(rng.randint(*_PER_MONTH) * w.share) for w in windows]
            for tid in org.team_ids
        }
        counts[org.small_id] = [round(rng.choice(_SMALL_PER_MONTH) * w.share) for w in windows]
    else:
        fixed = fixed[: max(0, sessions)]
        counts = _spread(max(0, sessions - len(fixed)), org.team_ids, windows, rng)
    total = len(fixed) + sum(sum(c) for c in counts.values())
    plan = _Planner(rng, org, now)
    specs = itertools.chain((plan.showcase(*f) for f in fixed), plan.stream(windows, counts))
    _insert_sessions(engine, specs, total, rng, progress)
    return {"teams": len(org.team_ids), "sessions": total}


def _slug(name: str) -> str:
    table = str.maketrans(
        {"æ": "ae", "ø": "oe", "å": "aa", "é": "e", "ü": "u", "ö": "oe", "ä": "ae"}
    )
    return "".join(ch for ch in name.lower().translate(table) if ch.isalnum())


def _insert_ids(conn: Connection, model: type, rows: list[dict], **common: object) -> list[int]:
    """Insert `rows`, each with the `common` values, and return their new ids in order."""
    if not rows:
        return []
    stmt = insert(model).returning(model.id, sort_by_parameter_order=True)
    return list(conn.execute(stmt, [{**common, **row} for row in rows]).scalars())


def _create_people(
    engine: Engine, rng: random.Random, teams: int, per_team: int | None, stamp: datetime
) -> _Org:
    """Municipalities, teams, accounts, roles and assignments, in a few bulk inserts."""
    # One hash for all: the same password.
    hashed = {"password_hash": hash_password(DEMO_PASSWORD), "must_change_password": False}
    taken_first = {acc.name.split()[0] for acc in DEMO_ACCOUNTS}
    data = demo_content.content()
    first_names = [n for n in data.first_names if n not in taken_first]
    with engine.begin() as conn:
        specs = data.organisations
        created = {"active": True, "created_at": stamp}
        org_ids = _insert_ids(conn, Organisation, [{"name": o.name} for o in specs], **created)
        named: list[tuple[int, str]] = []
        for i in range(teams):
            names = specs[i % len(specs)].teams
            n = i // len(specs)
            base = names[n % len(names)]
            name = base if n < len(names) else f"{base} {n // len(names) + 1}"
            named.append((org_ids[i % len(specs)], name))
        # A small team shows the lead and facilitator pages' "too few to show" explanation.
        named.append((org_ids[0], data.small_team))
        team_rows = [{"organisation_id": oid, "name": name} for oid, name in named]
        ids = _insert_ids(conn, Team, team_rows, **created)
        team_ids, small_id = ids[:-1], ids[-1]

        people: list[tuple[str, str, tuple[str, ...], int | None]] = []
        used: set[str] = set()
        size_of: dict[int | None, int] = {}

        def person(username: str, name: str, roles: tuple[str, ...], team_id: int | None):
            people.append((username, name, roles, team_id))
            used.add(username)
            if "caseworker" in roles:
                size_of[team_id] = size_of.get(team_id, 0) + 1

        def caseworker(team_id: int, username: str | None = None) -> None:
            first = rng.choice(first_names)
            last = rng.choice(data.last_names)
            if username is None:
                base = _slug(first)
                username, k = base, 2
                while username in used:
                    username, k = f"{base}{k}", k + 1
            person(username, f"{first} {last} (demo)", ("caseworker",), team_id)

        for acc in DEMO_ACCOUNTS:
            tid = team_ids[acc.team_index] if acc.team_index is not None else None
            person(acc.username, acc.name, acc.roles, tid)
        for t_index, tid in enumerate(team_ids):
            if t_index > 0:
                person(f"leder{t_index + 1}", f"Teamleder {t_index + 1} (demo)", ("teamlead",), tid)
            if per_team is not None:
                size = per_team + (2 if t_index == 0 else 0)
            elif t_index == 0:
                size = 12
            else:  # team 1 is hanne's second team: big enough for shared text
                size = rng.randint(10, 12) if t_index == 1 else rng.randint(*_PER_MONTH)
            for _ in range(size - size_of.get(tid, 0)):
                caseworker(tid)
        person("lederunge", "Teamleder Ungeindsatsen (demo)", ("teamlead",), small_id)
        for k in range(3):
            caseworker(small_id, f"ung{k + 1}")

        user_rows = [
            {
                "username": u,
                "display_name": name,
                "email": f"{u}@{DEMO_EMAIL_DOMAIN}",
                "team_id": tid,
            }
            for u, name, _roles, tid in people
        ]
        user_ids = _insert_ids(conn, User, user_rows, **created, **hashed)
        conn.execute(
            insert(UserRole),
            [
                {"user_id": uid, "role": role}
                for uid, (_u, _n, roles, _t) in zip(user_ids, people, strict=True)
                for role in roles
            ],
        )
        members: dict[int, list[int]] = {tid: [] for tid in ids}
        users: dict[str, int] = {}
        assignments = []
        for uid, (username, _name, roles, tid) in zip(user_ids, people, strict=True):
            users[username] = uid
            if "caseworker" in roles and tid is not None:
                members[tid].append(uid)
            if "teamlead" in roles and tid is not None:
                assignments.append({"user_id": uid, "role": "teamlead", "team_id": tid})
        if len(team_ids) > 1:  # hanne leads two teams, so the lead page has a team choice
            assignments.append(
                {"user_id": users["hanne"], "role": "teamlead", "team_id": team_ids[1]}
            )
        for oid in org_ids:  # sofie prepares FLIPs for both municipalities
            assignments.append(
                {"user_id": users["sofie"], "role": "facilitator", "organisation_id": oid}
            )
        conn.execute(
            insert(Assignment),
            [{"team_id": None, "organisation_id": None, **a} for a in assignments],
        )
    return _Org(list(team_ids), small_id, members, users)


def _months(now: datetime, months: int) -> list[_Window]:
    """The local calendar months of the range, oldest first.

    The range starts a day inside the retention period, so a fresh demo loses nothing to the
    daily purge."""
    first = retention.months_before(now, months) + timedelta(days=1)
    out = []
    p = periods.containing(first, "month")
    while p.start() < now:
        a, b = max(p.start(), first), min(p.end(), now)
        if b > a:
            out.append(_Window(a, b, (b - a) / (p.end() - p.start())))
        p = periods.Period(p.year + p.index // 12, "month", p.index % 12 + 1)
    return out


def _spread(
    total: int, team_ids: list[int], windows: list[_Window], rng: random.Random
) -> dict[int, list[int]]:
    """`total` sessions over teams and months, in proportion to each month's part of the range."""
    cells = [(tid, i) for tid in team_ids for i in range(len(windows))]
    weight = sum(w.share for w in windows) * len(team_ids)
    exact = [total * windows[i].share / weight for _tid, i in cells]
    counts = {tid: [0] * len(windows) for tid in team_ids}
    for (tid, i), x in zip(cells, exact, strict=True):
        counts[tid][i] = int(x)
    rest = total - sum(int(x) for x in exact)
    ties = [rng.random() for _ in cells]
    order = sorted(range(len(cells)), key=lambda j: (int(exact[j]) - exact[j], ties[j]))
    for j in order[:rest]:
        tid, i = cells[j]
        counts[tid][i] += 1
    return counts


def _showcase(org: _Org, now: datetime) -> list[tuple]:
    """The sessions a newcomer meets first: one finished, one under way, one of jonas'."""
    mette, jonas, aisha = (org.users[u] for u in ("mette", "jonas", "aisha"))
    team = org.team_ids[0]
    cases = demo_content.content().cases
    return [
        (team, mette, [jonas, aisha], cases[0], 8, now - timedelta(days=20)),
        (team, mette, [jonas], cases[1], 4, now - timedelta(days=2)),
        (team, jonas, [mette], cases[2], 8, now - timedelta(days=45)),
    ]


class _Planner:
    """Decides who brings what and how each session went, one session at a time.

    Bringers come from a shuffled deck per team and quarter, so that a month's sessions are
    spread over most of the team, as in a team that has made reflection a habit. A bringer's
    first finished session in a quarter always shares a "Rammer/krav" learning point, so that
    the lead's list of frames passes the threshold for free text in every quarter with enough
    sessions (and so in every half year); the other points keep "Rammer/krav" near a third of
    all shared points."""

    def __init__(self, rng: random.Random, org: _Org, now: datetime) -> None:
        self.rng = rng
        self.org = org
        self.now = now
        self.decks: dict[tuple[int, str], list[int]] = {}
        self.sharers: dict[tuple[int, str], set[int]] = {}
        self.shared = 0  # shared learning points so far
        self.shared_frames = 0  # ... of which "Rammer/krav"
        # The catalogue's barriers to citizen involvement (ids barrier_*), and the rest.
        drawn = [c for c in demo_content.content().learning_points if c != FRAMES]
        self.barriers = [c for c in drawn if c.startswith("barrier_")]
        self.others = [c for c in drawn if not c.startswith("barrier_")]

    def stream(self, windows: list[_Window], counts: dict[int, list[int]]) -> Iterator[_Spec]:
        for i, w in enumerate(windows):
            moments = [(self._moment(w), tid) for tid, per in counts.items() for _ in range(per[i])]
            moments.sort()
            for created, tid in moments:
                yield self._session(tid, created)

    def showcase(
        self,
        team_id: int,
        bringer: int,
        listeners: list[int],
        case: Case,
        phase: int,
        created: datetime,
    ) -> _Spec:
        finished = phase == 8
        written = case.learning_points[:3] if phase >= 7 else ()
        points = [(lp.text, lp.category, lp.share if finished else None) for lp in written]
        self._note_frames(team_id, periods.containing(created, "quarter").key, bringer, points)
        lenses = list(case.lenses[:2])
        return _Spec(team_id, bringer, listeners, case, lenses, phase, created, points, finished)

    def _moment(self, w: _Window) -> datetime:
        """A weekday working hour inside the window (local time), if there is one."""
        rng = self.rng
        span = (w.end - w.start).total_seconds()
        for _ in range(6):
            moment = w.start + timedelta(seconds=rng.uniform(0, span))
            local = moment.astimezone(periods.LOCAL)
            if local.weekday() >= 5:
                continue
            minutes = rng.randint(8 * 60, 15 * 60)
            local = local.replace(hour=minutes // 60, minute=minutes % 60, second=0)
            moment = local.astimezone(timezone.utc)
            if w.start <= moment < w.end:
                return moment
        return w.start + timedelta(seconds=rng.uniform(0, span))

    def _bringer(self, team_id: int, quarter: str) -> int:
        deck = self.decks.get((team_id, quarter))
        if not deck:
            deck = list(self.org.members[team_id])
            self.rng.shuffle(deck)
            self.decks[(team_id, quarter)] = deck
        return deck.pop()

    def _session(self, team_id: int, created: datetime) -> _Spec:
        rng = self.rng
        quarter = periods.containing(created, "quarter").key
        bringer = self._bringer(team_id, quarter)
        others = [p for p in self.org.members[team_id] if p != bringer]
        listeners = rng.sample(others, k=min(len(others), rng.choices((1, 2, 3), (9, 8, 3))[0]))
        case = demo_content.compose_case(rng)
        lenses = case.lenses
        chosen = [lenses[0]]
        if len(lenses) > 1 and rng.random() < 0.6:
            chosen.append(rng.choice(lenses[1:]))
        recent = self.now - created < _RECENT
        finished = rng.random() < (0.55 if recent else 0.96)
        phase = 8 if finished else rng.choice(_UNFINISHED_PHASES)
        points = self._points(case, team_id, quarter, bringer, phase) if phase >= 7 else []
        shared = finished and rng.random() < _SHARE_EXCERPT
        return _Spec(team_id, bringer, listeners, case, chosen, phase, created, points, shared)

    def _points(
        self, case: Case, team_id: int, quarter: str, bringer: int, phase: int
    ) -> list[tuple[str, str, bool | None]]:
        """1–3 learning points: the case's own and general ones, about 60 % shared."""
        rng = self.rng
        finished = phase == 8
        own: dict[str, list[str]] = {}
        for lp in case.learning_points:
            own.setdefault(lp.category, []).append(lp.text)
        count = rng.choices((1, 2, 3), weights=(2, 4, 4))[0]
        points: list[tuple[str, str, bool | None]] = []
        if finished and bringer not in self.sharers.get((team_id, quarter), ()):
            first = self._text(FRAMES, own, points)
            assert first is not None  # nothing is taken yet
            points.append((first, FRAMES, True))
        while len(points) < count:
            behind = 3 * self.shared_frames < self.shared
            frames = rng.random() < (0.35 if behind else 0.02)
            if frames:
                category = FRAMES
            elif self.barriers and rng.random() < _BARRIER:
                category = rng.choice(self.barriers)
            else:
                category = rng.choice(self.others)
            text = self._text(category, own, points)
            if text is None:  # every text of a small category is taken: draw another
                continue
            points.append((text, category, rng.random() < _SHARE_POINT))
        rng.shuffle(points)
        if not finished:  # sharing is chosen when the session is finished
            return [(text, category, None) for text, category, _ in points]
        self._note_frames(team_id, quarter, bringer, points)
        return points

    def _note_frames(self, team_id: int, quarter: str, bringer: int, points: list[tuple]) -> None:
        self.shared += sum(1 for *_t, shared in points if shared)
        frames = sum(1 for _t, c, shared in points if c == FRAMES and shared)
        self.shared_frames += frames
        if frames:
            self.sharers.setdefault((team_id, quarter), set()).add(bringer)

    def _text(self, category: str, own: dict[str, list[str]], taken: list[tuple]) -> str | None:
        used = {t for t, *_ in taken}
        mine = [t for t in own.get(category, []) if t not in used]
        if mine and self.rng.random() < 0.4:
            return self.rng.choice(mine)
        left = [t for t in demo_content.content().learning_points[category] if t not in used]
        return self.rng.choice(left) if left else None


def _insert_sessions(
    engine: Engine,
    specs: Iterator[_Spec],
    total: int,
    rng: random.Random,
    progress: Progress | None,
) -> None:
    done = 0
    while chunk := list(itertools.islice(specs, BATCH)):
        with engine.begin() as conn:
            rows = []
            for spec in chunk:
                case, phase, created = spec.case, spec.phase, spec.created
                finished = phase == 8
                rows.append(
                    {
                        "team_id": spec.team_id,
                        "bringer_id": spec.bringer,
                        "title": case.title,
                        "conversation_kind": case.conversation_kind,
                        "situation": list(case.situation),
                        "excerpt": case.excerpt if phase >= 1 else "",
                        "lenses": spec.lenses,
                        "context_wish": case.context_wish if phase >= 3 else "",
                        "phase": phase,
                        "status": "finished" if finished else "open",
                        "version": 1,
                        "created_at": created,
                        "updated_at": created + timedelta(minutes=50),
                        "finished_at": created + timedelta(minutes=55) if finished else None,
                        "excerpt_shared": spec.excerpt_shared,
                    }
                )
            ids = _insert_ids(conn, ReflectionSession, rows)
            parts, lps, checks, receipts, tags, links = [], [], [], [], [], []
            contribs: dict[tuple, dict] = {}
            for sid, spec in zip(ids, chunk, strict=True):
                case, phase, created = spec.case, spec.phase, spec.created
                bringer, listeners = spec.bringer, spec.listeners
                ack = created + timedelta(minutes=5) if phase >= 3 else None
                for uid, role in [(bringer, "bringer"), *((u, "listener") for u in listeners)]:
                    parts.append(
                        {
                            "session_id": sid,
                            "user_id": uid,
                            "role": role,
                            "rules_acknowledged_at": ack,
                            "joined_at": created,
                        }
                    )
                stamp = created + timedelta(minutes=30)
                if phase >= 4:
                    _observations(case, spec.lenses, listeners, sid, stamp, rng, contribs)
                    # Mostly the listeners tag the talk; now and then the bringer does too.
                    annotators = [*listeners, *([bringer] if rng.random() < 0.3 else [])]
                    _annotations(case.excerpt, annotators, sid, stamp, rng, tags, links)
                if phase >= 5:
                    for i, text in enumerate(case.reflections):
                        author = listeners[i % len(listeners)]
                        _contribution(contribs, sid, author, "reflection", "", text, stamp)
                if phase >= 6:
                    _contribution(contribs, sid, bringer, "struck", "", case.struck, stamp)
                    _contribution(contribs, sid, bringer, "takeaway", "", case.takeaway, stamp)
                for pos, (text, category, shared) in enumerate(spec.points, start=1):
                    lps.append(
                        {
                            "session_id": sid,
                            "position": pos,
                            "text": text,
                            "category": category,
                            "shared": shared,
                            "version": 1,
                            "updated_at": stamp,
                        }
                    )
                if phase == 8:
                    # The month it was finished (local time), as the figures count it.
                    period = periods.month_key(created + timedelta(minutes=55))
                    for uid in [bringer, *listeners]:
                        if rng.random() < _ANSWER_CHECK:
                            checks.append(
                                {
                                    "team_id": spec.team_id,
                                    "period": period,
                                    "safe_frame": rng.choices((1, 2, 3, 4, 5), (1, 2, 6, 10, 7))[0],
                                }
                            )
                            receipts.append({"session_id": sid, "user_id": uid})
            # Synthetic answers, still not in their receipts' order (see store_process_answer).
            secrets.SystemRandom().shuffle(checks)
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
    case: Case,
    lenses: list[str],
    listeners: list[int],
    sid: int,
    stamp: datetime,
    rng: random.Random,
    out: dict,
) -> None:
    from lises_reflect.catalogue import catalogue

    cat = catalogue()
    # Observations to the lenses chosen; a case seen through another lens keeps two of its own.
    chosen = [o for o in case.observations if o.lens in lenses] or case.observations[:2]
    for i, obs in enumerate(chosen):
        lens_id = obs.lens if obs.lens in lenses else lenses[0]
        questions = cat.lens(lens_id).questions
        slot = questions[rng.randrange(len(questions))].id
        author = listeners[i % len(listeners)]
        _contribution(out, sid, author, "observation", slot, obs.text, stamp)


@lru_cache(maxsize=256)
def _turns(excerpt: str) -> tuple:
    from lises_reflect.tagging import turns_of

    return tuple(turns_of(excerpt))


@lru_cache(maxsize=256)
def _replies(excerpt: str) -> dict:
    """For each turn number, what the caseworker does next: the first caseworker turn after
    it (the citizen or an interpreter may speak in between), or None."""
    turns = _turns(excerpt)
    return {
        t.number: next((u for u in turns[t.number :] if u.speaker == "caseworker"), None)
        for t in turns
    }


def _cue_tags(turn) -> list[str]:
    """Plausible tags for a turn, from the cues in general.yaml; they only make the fictional
    demo look lived-in, as real tags are always a person's own reading of the talk. A third
    speaker's turns (an interpreter, a mentor) get none: the demo's cues are for the citizen's
    and the caseworker's words."""
    if turn.speaker not in ("citizen", "caseworker"):
        return []
    low = turn.text.lower()
    cues = demo_content.content().tag_cues
    by_tag = cues.citizen if turn.speaker == "citizen" else cues.caseworker
    found = [tag for tag, words in by_tag.items() if any(w in low for w in words)]
    if turn.speaker == "citizen":
        return found if len(low) >= 30 else [tag for tag in found if tag == "reservation"]
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
    replies = _replies(excerpt)
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
            nxt = replies[turn.number]
            if "meaning_making" in chosen and nxt is not None:
                # Mostly the research's three outcomes (the ones a lead's figure counts), now
                # and then one of the tool's own.
                if "institutional" in _cue_tags(nxt):
                    outcome = rng.choice(_AFTER_INSTITUTIONAL)
                else:
                    outcome = rng.choice(_AFTER_OTHER)
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
