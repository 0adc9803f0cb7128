"""What team leads and FLIP facilitators may learn: team patterns, never people.

Every public function here checks the caller's role and scope, writes one audit entry, and
returns only `Figure`s (already suppressed by `disclosure`) or pooled free text that passed
the text threshold. SQL does the counting and grouping; the rows that reach Python are grouped
per month, category and person id only so that `disclosure` can count distinct people, and
they never leave this module.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import String, and_, bindparam, case, cast, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect import audit, disclosure, periods, releases
from lises_reflect.auth import Actor, require
from lises_reflect.catalogue import RESEARCH_OUTCOME_IDS, Catalogue, catalogue
from lises_reflect.db import session_scope
from lises_reflect.disclosure import Cell, Fact, Thresholds
from lises_reflect.errors import InvalidInput, NotFound, PermissionDenied
from lises_reflect.figures import Bar, Figure
from lises_reflect.i18n import t
from lises_reflect.models import (
    Assignment,
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
from lises_reflect.periods import Period
from lises_reflect.privacy import redact

__all__ = [
    "FlipPatterns",
    "TeamChoice",
    "TeamOverview",
    "facilitated_teams",
    "flip_figure_csv",
    "flip_patterns",
    "led_teams",
    "period_choices",
    "period_note",
    "release_note",
    "team_figure_csv",
    "team_overview",
]

FRAMES_CATEGORY = "frames_demands"


@dataclass(frozen=True)
class TeamChoice:
    team_id: int
    name: str
    organisation: str


@dataclass(frozen=True)
class TeamOverview:
    team_name: str
    period_label: str
    small_team: bool  # fewer than k caseworkers: an explanation instead of figures
    figures: tuple[Figure, ...]
    frames_points: tuple[str, ...]  # shared "rammer/krav" learning points, pooled, no names
    frames_enough: bool  # the pool held enough distinct caseworkers to show any text
    k: int
    k_text: int
    period_key: str = ""  # the period shown
    # On the page's first view (no period asked for), the period is the service's choice, and
    # this sentence says which one and why not a newer one (`_opening`); else "".
    opening: str = ""

    @property
    def content(self) -> tuple[Figure, ...]:
        """What the team reflects on: lenses, tags, gribning outcomes, learning categories."""
        return tuple(f for f in self.figures if f.key in CONTENT_FIGURES)

    @property
    def context(self) -> tuple[Figure, ...]:
        """How much and how it felt (sessions, participation, process), as context only."""
        return tuple(f for f in self.figures if f.key not in CONTENT_FIGURES)


@dataclass(frozen=True)
class FlipPatterns:
    period_label: str
    figures: tuple[Figure, ...]
    teams_shown: tuple[str, ...]
    teams_not_shown: int  # assigned teams left out because they are below the threshold
    k: int


# ------------------------------------------------------------------------------ scope


def _led_team_ids(s: Session, actor: Actor) -> set[int]:
    ids = s.exec(
        select(Assignment.team_id).where(
            Assignment.user_id == actor.user_id, Assignment.role == "teamlead"
        )
    ).all()
    return {i for i in (*ids, actor.team_id) if i is not None}


def facilitated_team_ids(s: Session, actor: Actor) -> set[int]:
    """The teams `actor` facilitates: assigned ones and every team of an assigned organisation.
    Checks no role (the caller has)."""
    rows = s.exec(
        select(Assignment.team_id, Assignment.organisation_id).where(
            Assignment.user_id == actor.user_id, Assignment.role == "facilitator"
        )
    ).all()
    teams = {tid for tid, _ in rows if tid is not None}
    orgs = {oid for _, oid in rows if oid is not None}
    if orgs:
        teams |= set(s.exec(select(Team.id).where(Team.organisation_id.in_(orgs))).all())
    return teams


def _choices(s: Session, team_ids: set[int]) -> list[TeamChoice]:
    if not team_ids:
        return []
    rows = s.exec(
        select(Team.id, Team.name, Organisation.name)
        .join(Organisation, Organisation.id == Team.organisation_id)
        .where(Team.id.in_(team_ids), Team.active == True)  # noqa: E712
        .order_by(Organisation.name, Team.name)
    ).all()
    return [TeamChoice(tid, name, org) for tid, name, org in rows]


def led_teams(engine: Engine, actor_id: int | None) -> list[TeamChoice]:
    """The lead's own team first, then the teams assigned to him or her."""
    with session_scope(engine) as s:
        actor = require(s, actor_id, "teamlead")
        choices = _choices(s, _led_team_ids(s, actor))
        return sorted(choices, key=lambda c: c.team_id != actor.team_id)


def facilitated_teams(engine: Engine, actor_id: int | None) -> list[TeamChoice]:
    with session_scope(engine) as s:
        actor = require(s, actor_id, "facilitator")
        return _choices(s, facilitated_team_ids(s, actor))


def period_choices(kind: str, now: datetime | None = None, count: int = 8) -> list[Period]:
    """The fixed periods offered in the period picker (no free date ranges): closed ones only,
    newest first, since nothing is released for a running period (`releases`)."""
    if kind not in periods.KINDS:
        raise InvalidInput("error.period")
    return periods.recent(kind, now or _now(), count + 1)[1:]  # type: ignore[arg-type]


def period_note(kind: str, lang: str, now: datetime | None = None) -> str:
    """Under the period picker: the running period, and from when its figures are shown."""
    if kind not in periods.KINDS:
        raise InvalidInput("error.period")
    current = periods.containing(now or _now(), kind)  # type: ignore[arg-type]
    nxt = periods.containing(current.end(), "month")
    return t("period.closed_only", lang, period=current.label(lang), next=nxt.label(lang))


def parse_period(period_key: str) -> Period:
    """The period a key names (`periods.parse`); InvalidInput for anything else."""
    try:
        return periods.parse(period_key)
    except ValueError:
        raise InvalidInput("error.period") from None


# ------------------------------------------------------------------------------ facts (SQL)


# The statements are built once, with bound parameters for the teams and the half year: building
# the SQL expressions anew on every call took as long as running them (profiled at 1k sessions:
# 2.1 ms per figure against 0.19 ms for the same hand-written query).
_RS = ReflectionSession
_HALF_MONTHS = 6
# A session counts once it is finished, in the month it was finished (issue 14: leads saw
# unfinished sessions, whose lenses and tags could still change under a released figure).
# A portable CASE that turns that moment into its local month key within one half year.
_BUCKET = case(
    *[
        (_RS.finished_at < bindparam(f"end{i}"), bindparam(f"key{i}", type_=String))
        for i in range(_HALF_MONTHS - 1)
    ],
    else_=bindparam(f"key{_HALF_MONTHS - 1}", type_=String),
)
# The end of the month a session counts in: a learning point counts only if it was shared (and
# last changed) before then, as the frames pool does (issue 14).
_MONTH_END = case(
    *[
        (_RS.finished_at < bindparam(f"end{i}"), bindparam(f"end{i}"))
        for i in range(_HALF_MONTHS - 1)
    ],
    else_=bindparam(f"end{_HALF_MONTHS - 1}"),
)
_SCOPE = and_(
    _RS.team_id.in_(bindparam("teams", expanding=True)),
    _RS.status == "finished",
    _RS.finished_at >= bindparam("start"),
    _RS.finished_at < bindparam("end"),
)


def _scope(team_ids: Sequence[int], half: Period) -> dict[str, object]:
    return {"teams": list(team_ids), **_half_params(half)}


@lru_cache(maxsize=64)
def _half_params(half: Period) -> dict[str, object]:
    # Month boundaries in local time took a third of a figure's query at 1k sessions (115 of
    # 356 us); a half year's boundaries never change. Callers get a copy (see _scope).
    months = half.months
    assert len(months) == _HALF_MONTHS, half.key
    params: dict[str, object] = {
        "start": half.start(),
        "end": half.end(),
        "months": [m.key for m in months],
    }
    for i, m in enumerate(months):
        params[f"key{i}"] = m.key
        params[f"end{i}"] = m.end()
    return params


def _rows(s: Session, statement: Any, team_ids: Sequence[int], half: Period) -> Sequence[Any]:
    return s.connection().execute(statement, _scope(team_ids, half)).all()


# Every query groups by team as well: the facilitator's comparison asks for several teams, and
# one query per measure for all of them replaced one per measure and team (60 teams: 240
# queries a page run).
Facts = dict[int, list[Fact]]


def _by_team(rows: Iterable[tuple[int, Fact]]) -> Facts:
    out: Facts = {}
    for team_id, fact in rows:
        out.setdefault(team_id, []).append(fact)
    return out


@cache
def _bringer_statement(lens_ids: tuple[str, ...]) -> Any:
    """Per team, month and bringer: the sessions with each lens, or all sessions (no lenses)."""
    text = cast(_RS.lenses, String)
    counts = [
        func.sum(case((text.contains(f'"{lid}"', autoescape=True), 1), else_=0)) for lid in lens_ids
    ]
    return (
        select(_RS.team_id, _BUCKET, _RS.bringer_id, *(counts or [func.count()]))
        .where(_SCOPE)
        .group_by(_RS.team_id, _BUCKET, _RS.bringer_id)
    )


def _facts_sessions(s: Session, team_ids: Sequence[int], half: Period) -> Facts:
    rows = _rows(s, _bringer_statement(()), team_ids, half)
    return _by_team((team, Fact(m, "", (float(n),), (b,))) for team, m, b, n in rows)


def _facts_lenses(
    s: Session, team_ids: Sequence[int], half: Period, lens_ids: Sequence[str]
) -> Facts:
    rows = _rows(s, _bringer_statement(tuple(lens_ids)), team_ids, half)
    return _by_team(
        (team, Fact(m, lid, (float(n),), (b,)))
        for team, m, b, *counts in rows
        for lid, n in zip(lens_ids, counts, strict=True)
        if n
    )


@cache
def _annotations_statement(model: Any, category: str) -> Any:
    category_col = getattr(model, category)
    return (
        select(_RS.team_id, _BUCKET, category_col, _RS.bringer_id, model.annotator_id, func.count())
        .join(_RS, _RS.id == model.session_id)
        .where(_SCOPE)
        .group_by(_RS.team_id, _BUCKET, category_col, _RS.bringer_id, model.annotator_id)
    )


def _facts_annotations(
    s: Session, team_ids: Sequence[int], half: Period, model: Any, category: str
) -> Facts:
    rows = _rows(s, _annotations_statement(model, category), team_ids, half)
    return _by_team((team, Fact(m, c, (float(n),), (b, a))) for team, m, c, b, a, n in rows)


@cache
def _learning_statement() -> Any:
    """Per team, month, category and bringer: the learning points the bringer shared (what
    leaves the room at all), by category. The points are the group's; the bringer decides."""
    lp = LearningPoint
    return (
        select(_RS.team_id, _BUCKET, lp.category, _RS.bringer_id, func.count())
        .join(_RS, _RS.id == lp.session_id)
        .where(
            _SCOPE,
            lp.shared == True,  # noqa: E712
            lp.updated_at < _MONTH_END,
            lp.category.is_not(None),
            func.length(func.trim(lp.text)) > 0,
        )
        .group_by(_RS.team_id, _BUCKET, lp.category, _RS.bringer_id)
    )


def _facts_learning(s: Session, team_ids: Sequence[int], half: Period) -> Facts:
    rows = _rows(s, _learning_statement(), team_ids, half)
    return _by_team((team, Fact(m, c, (float(n),), (b,))) for team, m, c, b, n in rows)


@cache
def _process_statements() -> tuple[Any, Any]:
    pc = ProcessCheck
    answers = (
        select(pc.team_id, pc.period, func.sum(pc.safe_frame), func.count())
        .where(
            pc.team_id.in_(bindparam("teams", expanding=True)),
            pc.period.in_(bindparam("months", expanding=True)),
        )
        .group_by(pc.team_id, pc.period)
    )
    receipts = (
        select(_RS.team_id, _BUCKET, ProcessCheckReceipt.user_id)
        .join(_RS, _RS.id == ProcessCheckReceipt.session_id)
        .where(_SCOPE)
        .group_by(_RS.team_id, _BUCKET, ProcessCheckReceipt.user_id)
    )
    return answers, receipts


def _facts_process(s: Session, team_ids: Sequence[int], half: Period) -> Facts:
    """Answers are anonymous; the month's receipts say how many people stand behind them."""
    answers_statement, receipts_statement = _process_statements()
    answers = _rows(s, answers_statement, team_ids, half)
    people: dict[tuple[int, str], list[int]] = {}
    for team, m, uid in _rows(s, receipts_statement, team_ids, half):
        people.setdefault((team, m), []).append(uid)
    out = []
    for team, m, total, n in answers:
        ids = people.get((team, m)) or [-1]  # answers without receipts: counts as nobody known
        out.append((team, Fact(m, "", (float(total or 0), float(n)), (ids[0],))))
        out.extend((team, Fact(m, "", (0.0, 0.0), (uid,))) for uid in ids[1:])
    return _by_team(out)


def finished_in(team_ids: Iterable[int], p: Period) -> tuple[Any, ...]:
    """The sessions that count for `p`: the teams' finished ones, by the month they were
    finished (issue 14: an unfinished session could still change under a released figure)."""
    return (
        _RS.team_id.in_(list(team_ids)),
        _RS.status == "finished",
        _RS.finished_at >= p.start(),
        _RS.finished_at < p.end(),
    )


def _participants(s: Session, team_ids: Sequence[int], p: Period) -> dict[int, int]:
    rows = s.exec(
        select(_RS.team_id, func.count(func.distinct(Participant.user_id)))
        .join(_RS, _RS.id == Participant.session_id)
        .where(*finished_in(team_ids, p))
        .group_by(_RS.team_id)
    ).all()
    return {team: int(n) for team, n in rows}


def _team_sizes(s: Session, team_ids: Sequence[int]) -> dict[int, int]:
    rows = s.exec(
        select(User.team_id, func.count(func.distinct(User.id)))
        .join(UserRole, UserRole.user_id == User.id)
        .where(
            User.team_id.in_(list(team_ids)),
            User.active == True,  # noqa: E712
            UserRole.role == "caseworker",
        )
        .group_by(User.team_id)
    ).all()
    return {team: int(n) for team, n in rows}


# ------------------------------------------------------------------------------ figures


def label(get: Callable[[str], object], item_id: str, lang: str) -> str:
    """A catalogue item's title or label; its id once the catalogue no longer has it."""
    try:
        obj = get(item_id)
    except KeyError:
        return item_id
    text = getattr(obj, "title", None) or getattr(obj, "label", None)
    return text.get(lang) if text is not None else item_id  # type: ignore[union-attr]


@dataclass(frozen=True)
class _Measure:
    key: str
    categories: Callable[[Catalogue], Sequence[str]]
    lookup: Callable[[Catalogue], Callable[[str], object]] | None = None  # per category
    roles: int = 1
    width: int = 1
    marginal: bool = False
    series: bool = False  # bars per month of the period, instead of per category


MEASURES: dict[str, _Measure] = {
    "sessions": _Measure("sessions", lambda c: [""], series=True),
    "lenses": _Measure("lenses", lambda c: c.lens_ids(), lambda c: c.lens, marginal=True),
    "tags": _Measure("tags", lambda c: c.tag_ids(), lambda c: c.tag, roles=2),
    # Only the three outcomes the research names (gribes, overhøres, overhales): the tool's own
    # (partly taken up, postponed, unclear) are never pooled with them in a figure.
    "outcomes": _Measure(
        "outcomes",
        lambda c: [o.id for o in c.link_outcomes if o.id in RESEARCH_OUTCOME_IDS],
        lambda c: c.outcome,
        roles=2,
    ),
    # Shared learning points per category, among them the seven barriers to involving citizens
    # that the research says "kan håndteres lokalt i kommunerne" (003:875).
    "learning": _Measure(
        "learning",
        lambda c: [o.id for o in c.learning_categories],
        lambda c: c.learning_category,
    ),
    "process": _Measure("process", lambda c: [""], width=2, series=True),
}


def facts(s: Session, key: str, team_ids: Sequence[int], half: Period, cat: Catalogue) -> Facts:
    """One figure's (`MEASURES[key]`) counts per team over `half`, live from the data: neither
    released nor checked for permission or disclosure (`_released` does that for the pages)."""
    if key == "sessions":
        return _facts_sessions(s, team_ids, half)
    if key == "lenses":
        return _facts_lenses(s, team_ids, half, cat.lens_ids())
    if key == "tags":
        return _facts_annotations(s, team_ids, half, TurnTag, "tag_id")
    if key == "outcomes":
        return _facts_annotations(s, team_ids, half, GribningLink, "outcome")
    if key == "learning":
        return _facts_learning(s, team_ids, half)
    return _facts_process(s, team_ids, half)


def _released(
    s: Session, key: str, team_ids: Sequence[int], half: Period, cat: Catalogue, k: int
) -> dict[int, releases.Cells]:
    """The half year's cells per team, as released (see `releases`: closed periods only,
    computed once from frozen facts, never changed)."""
    m = MEASURES[key]
    return releases.release(
        s,
        key,
        team_ids,
        half,
        _now(),
        k,
        lambda teams, h: facts(s, key, teams, h, cat),
        categories=m.categories(cat),
        roles=m.roles,
        width=m.width,
        marginal=m.marginal,
    )


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _num(value: float, lang: str, decimals: int = 0) -> str:
    text = f"{value:.{decimals}f}"
    return text.replace(".", ",") if lang == "da" else text


def _bars(
    key: str,
    cells: dict[tuple[str, str], Cell],
    p: Period,
    cat: Catalogue,
    lang: str,
    group: str = "",
) -> list[Bar]:
    m = MEASURES[key]
    if m.series:
        nodes = _series(p, whole=key == "process")
        return [_bar(key, cells[(x.key, "")], _node_label(x, lang), lang, group) for x in nodes]
    lookup = m.lookup(cat) if m.lookup else None
    return [
        _bar(key, cells[(p.key, cid)], label(lookup, cid, lang) if lookup else "", lang, group)
        for cid in m.categories(cat)
    ]


def _series(p: Period, whole: bool) -> list[Period]:
    """The bars of a figure over time: the period's months so far, and the whole period
    after them when `whole` (a month is its own single bar)."""
    if p.kind == "month":
        return [p]
    return [*(x for x in p.months if x.start() < _now()), *([p] if whole else [])]


def _node_label(node: Period, lang: str) -> str:
    return node.short_label(lang) if node.kind == "month" else node.label(lang)


# Below this many answers an average is shown without its exact n: with n, a mean is a sum,
# and sums of a handful of answers can be subtracted (issue 14, item 1).
EXACT_N_FROM = 10


def _bar(key: str, cell: Cell, label: str, lang: str, group: str = "") -> Bar:
    if cell.values is None:
        return Bar(label, None, cell.status, group)
    if key == "participation":  # a quarter band
        low, high = (int(x) for x in cell.values)
        return Bar(label, float(low), "shown", group, f"{low}–{high} %")
    if key == "process":
        total, n = cell.values
        mean = total / n if n else 0.0
        count = (
            t("insights.n_exact", lang, n=_num(n, lang))
            if n >= EXACT_N_FROM
            else t("insights.n_few", lang, n=EXACT_N_FROM)
        )
        return Bar(label, round(mean, 1), "shown", group, _num(mean, lang, 1), count)
    return Bar(label, cell.values[0], "shown", group, _num(cell.values[0], lang))


_TEXTS = {  # figure: (title, label axis, value axis)
    "sessions": ("insights.sessions", "insights.axis.month", "insights.axis.sessions"),
    "participation": ("insights.participation", "insights.axis.period", "insights.axis.share"),
    "lenses": ("insights.lenses", "insights.axis.lens", "insights.axis.sessions_with"),
    "tags": ("insights.tags", "insights.axis.tag", "insights.axis.tagged_turns"),
    "outcomes": ("insights.outcomes", "insights.axis.outcome", "insights.axis.links"),
    "learning": ("insights.learning", "insights.axis.category", "insights.axis.points"),
    "process": ("insights.process", "insights.axis.period", "insights.axis.mean"),
}


def _figure(
    key: str, bars: Sequence[Bar], p: Period, lang: str, k: int, grouped: bool = False
) -> Figure:
    title_key, label_key, value_key = _TEXTS[key]
    notes = []
    if any(b.status == "too_few" for b in bars):
        notes.append(t("insights.note.too_few", lang, k=k))
    if any(b.status == "complement" for b in bars):
        notes.append(t("insights.note.complement", lang))
    if any(b.status == "open" for b in bars):
        notes.append(release_note(lang))
    if key == "outcomes":
        notes.append(t("insights.note.research_outcomes", lang))
    return Figure(
        key=key,
        title=t(title_key, lang),
        reading=_reading(key, bars, p, lang, k, grouped),
        label_title=t(label_key, lang),
        value_title=t(value_key, lang),
        bars=tuple(bars),
        period_label=p.label(lang),
        grouped=grouped,
        lang=lang,
        scale_max=5.0 if key == "process" else (100.0 if key == "participation" else None),
        k=k,
        notes=tuple(notes),
    )


def _reading(key: str, bars: Sequence[Bar], p: Period, lang: str, k: int, grouped: bool) -> str:
    shown = [b for b in bars if b.status == "shown" and b.value is not None]
    period = p.label(lang)
    if not shown:
        return _why_hidden(bars, p, lang, k)
    if grouped:
        return _grouped_reading(key, shown, p, lang)
    if key == "sessions":
        total = sum(b.value or 0 for b in shown)
        hidden = len(bars) - len(shown)
        base = t("insights.reading.sessions", lang, period=period, n=_num(total, lang))
        return base + (" " + t("insights.reading.some_hidden", lang) if hidden else "")
    if key in ("participation", "process"):  # the last bar is the whole period
        if bars[-1].status != "shown":
            return t("insights.reading.whole_hidden", lang, period=period)
        last = bars[-1]
        value = f"{last.text} ({last.note})" if last.note else last.text
        return t(f"insights.reading.{key}", lang, period=period, value=value)
    top = max(shown, key=lambda b: b.value or 0)
    return t(f"insights.reading.{key}", lang, period=period, top=top.label, n=top.text)


def _why_hidden(bars: Sequence[Bar], p: Period, lang: str, k: int) -> str:
    """Why a figure shows no number at all, in one plain sentence (the page shows it instead
    of a chart of hidden bars): too few people behind every number, or some hidden with them
    so that they cannot be worked out by subtraction."""
    period = p.label(lang)
    statuses = {b.status for b in bars}
    if statuses == {"open"}:
        return t("insights.reading.open", lang, period=period)
    if "complement" in statuses:
        return t("insights.reading.none_complement", lang, period=period, k=k)
    return t("insights.reading.none", lang, period=period, k=k)


# A comparison's reading names a category, never a team: which category was the most frequent
# one in most of the teams shown (a league table of teams is what the research warns against).
_GROUPED_READINGS = {
    "lenses": "insights.reading.grouped_lenses",
    "tags": "insights.reading.grouped_tags",
    "outcomes": "insights.reading.grouped_outcomes",
    "learning": "insights.reading.grouped_learning",
}


def _grouped_reading(key: str, shown: Sequence[Bar], p: Period, lang: str) -> str:
    period = p.label(lang)
    teams = list(dict.fromkeys(b.group for b in shown))
    if key == "process":  # the whole period's average per team, as a range
        whole = [b for b in shown if b.label == _node_label(p, lang)]
        if not whole:
            return t("insights.reading.grouped", lang, period=period, n=len(teams))
        low, high = (min(b.value or 0.0 for b in whole), max(b.value or 0.0 for b in whole))
        return t(
            "insights.reading.grouped_process",
            lang,
            period=period,
            low=_num(low, lang, 1),
            high=_num(high, lang, 1),
            n=len(whole),
        )
    if key not in _GROUPED_READINGS:
        return t("insights.reading.grouped", lang, period=period, n=len(teams))
    tops: dict[str, int] = {}  # category -> the number of teams in which it is the most frequent
    for team in teams:
        mine = [b for b in shown if b.group == team]
        most = max(b.value or 0.0 for b in mine)
        for b in mine:
            if b.value == most:
                tops[b.label] = tops.get(b.label, 0) + 1
    top = max(tops, key=lambda label: tops[label])  # the first of equals: catalogue order
    return t(_GROUPED_READINGS[key], lang, period=period, top=top, n=tops[top], m=len(teams))


def _participation(s: Session, team_id: int, p: Period, size: int, lang: str, k: int) -> list[Bar]:
    """Share of the team that took part at least once, as a quarter band; hidden when fewer
    than k took part or the team is so small that the band would name everyone. Released
    once per closed period, like every figure here."""
    bars = []
    for node in _series(p, whole=True):

        def compute(node: Period = node) -> Cell:
            took_part = _participants(s, [team_id], node).get(team_id, 0)
            if took_part < k or size <= k:
                return Cell(node.key, "", None, "too_few")
            band = disclosure.band(min(1.0, took_part / size))
            low, high = (float(x) for x in band.split("-"))
            return Cell(node.key, "", (low, high), "shown")

        cell = releases.released_value(s, "participation", team_id, node, k, _now(), compute)
        bars.append(_bar("participation", cell, _node_label(node, lang), lang))
    return bars


def release_note(lang: str, now: datetime | None = None) -> str:
    """When the figures of the running month become visible, in one sentence."""
    current = periods.containing(now or _now(), "month")
    nxt = periods.containing(current.end(), "month")
    return t("insights.note.open", lang, period=current.label(lang), next=nxt.label(lang))


# ------------------------------------------------------------------------------ team lead


def _lead_scope(
    s: Session, actor_id: int | None, team_id: int, action: str, **filters: Any
) -> tuple[Actor, Team, int]:
    """The lead and the team after the permission check and the audit entry, and the number
    of caseworkers in the team (below the threshold nothing is shown)."""
    actor, team, size = _lead_team(s, actor_id, team_id)
    audit.record(s, actor, action, f"team:{team.id}", **filters)
    return actor, team, size


def _lead_team(s: Session, actor_id: int | None, team_id: int) -> tuple[Actor, Team, int]:
    """`_lead_scope` without the audit entry, for a caller that records it itself."""
    actor = require(s, actor_id, "teamlead")
    if int(team_id) not in _led_team_ids(s, actor):
        raise PermissionDenied("error.not_your_team")
    team = s.get(Team, int(team_id))
    if team is None or team.id is None or not team.active:
        raise NotFound()
    return actor, team, _team_sizes(s, [team.id]).get(team.id, 0)


def _frames_points(
    s: Session, team_ids: Sequence[int], p: Period, k_text: int, salt: str
) -> tuple[tuple[str, ...], bool, set[int]]:
    """The pooled texts, whether there were enough people behind them, and the sessions whose
    points were shown (for the bringers' access logs)."""
    rows = s.exec(
        select(
            ReflectionSession.bringer_id,
            LearningPoint.text,
            LearningPoint.id,
            LearningPoint.session_id,
        )
        .join(ReflectionSession, ReflectionSession.id == LearningPoint.session_id)
        .where(
            *finished_in(team_ids, p),
            # Shared or changed after the period closed: not in that period's pool, which
            # would otherwise grow by one text on the day someone shares (issue 14).
            LearningPoint.updated_at < p.end(),
            LearningPoint.shared == True,  # noqa: E712
            LearningPoint.category == FRAMES_CATEGORY,
            func.length(func.trim(LearningPoint.text)) > 0,
        )
    ).all()
    if len({r[0] for r in rows}) < k_text:
        return (), False, set()
    # The same wording shared twice is shown once: the list is about themes, not counts.
    ordered = (redact(r[1].strip()) for r in sorted(rows, key=lambda r: neutral_order(salt, r[2])))
    return tuple(dict.fromkeys(ordered)), True, {r[3] for r in rows}


def neutral_order(salt: str, item_id: int) -> str:
    """A stable order that says nothing about time, team or author."""
    return hashlib.sha256(f"{salt}:{item_id}".encode()).hexdigest()


# What the team reflects on comes first; how much (sessions, participation) and how it felt
# (process) follow as context: the research warns "at opfyldelse af måltal ikke må blive et mål i
# sig selv" (003:654), so volume is never the headline.
CONTENT_FIGURES = ("lenses", "tags", "outcomes", "learning")
CONTEXT_FIGURES = ("sessions", "participation", "process")
TEAM_FIGURES = (*CONTENT_FIGURES, *CONTEXT_FIGURES)
COMPARED_FIGURES = ("lenses", "tags", "outcomes", "process")  # per team, side by side
# Side by side, a comparison stays readable (and each chart small) up to this many teams; a
# facilitator chooses which, and the seminar pack compares the same ones.
MAX_COMPARED_TEAMS = 8


def _team_figures(
    s: Session,
    team_id: int,
    p: Period,
    cat: Catalogue,
    lang: str,
    k: int,
    size: int,
    keys: Sequence[str] = TEAM_FIGURES,
) -> list[Figure]:
    """The team's figures in page order; `keys` limits the work to the figures needed."""
    figures = []
    for key in keys:
        if key == "participation":
            bars = _participation(s, team_id, p, size, lang, k)
        else:
            cells = _released(s, key, [team_id], p.half, cat, k)[team_id]
            bars = _bars(key, cells, p, cat, lang)
        figures.append(_figure(key, bars, p, lang, k))
    return figures


def team_overview(
    engine: Engine,
    actor_id: int | None,
    team_id: int,
    period_key: str | None,
    lang: str = "da",
    thresholds: Thresholds | None = None,
) -> TeamOverview:
    """The team's figures for a period. `period_key=None` is the page's first view: the
    service chooses the newest closed period whose figures can be shown (`_opening`) and says
    which in `opening`."""
    th = thresholds or Thresholds()
    asked = parse_period(period_key) if period_key is not None else None
    with session_scope(engine) as s:
        actor, team, size = _lead_team(s, actor_id, team_id)
        cat = catalogue()
        if size < th.figures:  # nothing is computed for a team this small
            p = asked or period_choices("quarter", _now())[0]
            audit.record(s, actor, "view.team_overview", f"team:{team.id}", period=p.key)
            return TeamOverview(
                team.name, p.label(lang), True, (), (), False, th.figures, th.text, p.key
            )
        if asked is None:
            p, content, opening = _opening(s, team.id, cat, lang, th.figures, size)
            figures = [
                *content,
                *_team_figures(s, team.id, p, cat, lang, th.figures, size, CONTEXT_FIGURES),
            ]
        else:
            p, opening = asked, ""
            figures = _team_figures(s, team.id, p, cat, lang, th.figures, size)
        filters = {"period": p.key, "first_view": True if asked is None else None}
        audit.record(s, actor, "view.team_overview", f"team:{team.id}", **filters)
        points, enough, read = _frames_points(s, [team.id], p, th.text, f"lead:{actor.user_id}")
        audit.record_point_reads(s, actor, read)
        return TeamOverview(
            team.name,
            p.label(lang),
            False,
            tuple(figures),
            points,
            enough,
            th.figures,
            th.text,
            p.key,
            opening,
        )


# ------------------------------------------------------------------------------ first view
# A lead's first look is the newest period that can be shown (issue 16: the page opened on a
# quarter whose every figure said "skjult", while the half year around it showed them). Only
# the periods the picker offers are tried, closed ones, each released as any view releases it.


def _opening_groups(now: datetime) -> list[list[Period]]:
    """The closed quarters and half years the picker offers (half years as far back as the
    quarters go), grouped by the moment they end, newest first; in a group the quarter first."""
    quarters = period_choices("quarter", now)
    halves = [h for h in period_choices("half", now) if h.start() >= quarters[-1].start()]
    groups: dict[datetime, list[Period]] = {}
    for p in (*quarters, *halves):
        groups.setdefault(p.end(), []).append(p)
    return [groups[end] for end in sorted(groups, reverse=True)]


def _opening(
    s: Session, team_id: int, cat: Catalogue, lang: str, k: int, size: int
) -> tuple[Period, list[Figure], str]:
    """The period a lead's page opens on, its content figures, and the sentence saying which
    period it is and why not a newer one.

    Newest first, per moment of ending (a quarter, and the half year that ends with it): the
    first period in which the figures on what the team reflects on are not all hidden. In a
    group, the period whose first figure (the lenses, what the page opens with) shows a number,
    then the one with fewer figures entirely hidden; the quarter when the half year shows no
    more. A newer period whose every figure is hidden is passed over, and the sentence names it.
    """
    now = _now()
    groups = _opening_groups(now)
    content: dict[Period, list[Figure]] = {}

    def score(p: Period) -> tuple[bool, bool, int]:
        if p not in content:
            content[p] = _team_figures(s, team_id, p, cat, lang, k, size, CONTENT_FIGURES)
        with_numbers = sum(f.has_values for f in content[p])
        return with_numbers > 0, content[p][0].has_values, with_numbers

    for n, group in enumerate(groups):
        best = max(group, key=score)  # max keeps the first of equals: the quarter
        if score(best)[0]:
            return best, content[best], _opening_text(best, group, groups[0][0], n, lang, k, now)
    p = groups[0][0]  # nothing to show in any: the newest quarter, whose figures say why
    return p, content[p], _opening_text(p, [p], p, -1, lang, k, now)


def _opening_text(
    p: Period,
    group: Sequence[Period],
    newest: Period,
    skipped: int,
    lang: str,
    k: int,
    now: datetime,
) -> str:
    """One sentence: the period shown, and why not a newer one (`skipped`: how many newer
    groups of periods were passed over; -1 when none could be shown)."""
    running = periods.containing(now, p.kind)
    nxt = periods.containing(running.end(), "month")
    common = {"period": p.label(lang), "running": running.label(lang), "next": nxt.label(lang)}
    if skipped < 0:
        return t("team.opening.none", lang, k=k, **common)
    if skipped:
        return t("team.opening.skipped", lang, newer=newest.label(lang), k=k, **common)
    if p != group[0]:  # the half year, because the quarter ending with it hides more
        return t("team.opening.fuller", lang, quarter=group[0].label(lang), **common)
    return t("team.opening.latest", lang, **common)


def team_figure_csv(
    engine: Engine,
    actor_id: int | None,
    team_id: int,
    period_key: str,
    figure_key: str,
    lang: str = "da",
    thresholds: Thresholds | None = None,
) -> bytes:
    """The CSV of exactly one figure as shown; logged as an export."""
    th = thresholds or Thresholds()
    p = parse_period(period_key)
    if figure_key not in _TEXTS:
        raise InvalidInput("error.invalid")
    with session_scope(engine) as s:
        action = "export.team_figure_csv"
        _actor, team, size = _lead_scope(
            s, actor_id, team_id, action, period=p.key, figure=figure_key
        )
        if size < th.figures:
            raise InvalidInput("error.small_team", k=th.figures)
        keys = (figure_key,)
        return _team_figures(s, team.id, p, catalogue(), lang, th.figures, size, keys=keys)[0].csv()


# ------------------------------------------------------------------------------ facilitator


def _flip_scope(
    s: Session, actor_id: int | None, team_ids: Sequence[int] | None
) -> tuple[Actor, list[TeamChoice]]:
    actor = require(s, actor_id, "facilitator")
    return actor, _compared(s, actor, team_ids)


def _compared(s: Session, actor: Actor, team_ids: Sequence[int] | None) -> list[TeamChoice]:
    """The teams asked for, each one the actor's and at most MAX_COMPARED_TEAMS; None: all."""
    allowed = facilitated_team_ids(s, actor)
    if team_ids is not None:
        wanted = {int(x) for x in team_ids}
        if len(wanted) > MAX_COMPARED_TEAMS:
            raise InvalidInput("error.too_many_teams", maximum=MAX_COMPARED_TEAMS)
        if not wanted <= allowed:
            raise PermissionDenied("error.not_your_team")
        allowed = wanted
    return _choices(s, allowed)


def _flip_figures(
    s: Session, teams: Sequence[TeamChoice], p: Period, lang: str, k: int
) -> tuple[list[Figure], list[str], int]:
    """Each team on its own tree; a team joins the comparison only when it passes itself."""
    cat = catalogue()
    ids = [team.team_id for team in teams]
    sizes, took_part = _team_sizes(s, ids), _participants(s, ids, p)
    passing = [x for x in teams if min(sizes.get(x.team_id, 0), took_part.get(x.team_id, 0)) >= k]
    shown = [f"{x.name} ({x.organisation})" for x in passing]
    figures = []
    for key in COMPARED_FIGURES:
        cells = _released(s, key, [x.team_id for x in passing], p.half, cat, k)
        per_team = [
            _bars(key, cells[x.team_id], p, cat, lang, name)
            for x, name in zip(passing, shown, strict=True)
        ]
        # Category first, then the teams side by side in a fixed order: a comparison, not a
        # ranking.
        bars = [b for row in zip(*per_team, strict=False) for b in row if b.status == "shown"]
        figures.append(_figure(key, bars, p, lang, k, grouped=True))
    return figures, shown, len(teams) - len(passing)


def flip_patterns(
    engine: Engine,
    actor_id: int | None,
    period_key: str,
    lang: str = "da",
    thresholds: Thresholds | None = None,
    team_ids: Sequence[int] | None = None,
) -> FlipPatterns:
    action = "view.flip_patterns"
    return _comparison(engine, actor_id, period_key, lang, thresholds, team_ids, action)


def _comparison(
    engine: Engine,
    actor_id: int | None,
    period_key: str,
    lang: str,
    thresholds: Thresholds | None,
    team_ids: Sequence[int] | None,
    action: str,
    figure: str | None = None,
) -> FlipPatterns:
    """The facilitator's comparison, audited as `action` (a view, or the export of `figure`)."""
    th = thresholds or Thresholds()
    p = parse_period(period_key)
    with session_scope(engine) as s:
        actor, teams = _flip_scope(s, actor_id, team_ids)
        ids = [x.team_id for x in teams]
        audit.record(s, actor, action, "teams", period=p.key, figure=figure, teams=ids)
        figures, shown, left_out = _flip_figures(s, teams, p, lang, th.figures)
        return FlipPatterns(p.label(lang), tuple(figures), tuple(shown), left_out, th.figures)


def flip_figure_csv(
    engine: Engine,
    actor_id: int | None,
    period_key: str,
    figure_key: str,
    lang: str = "da",
    thresholds: Thresholds | None = None,
    team_ids: Sequence[int] | None = None,
) -> bytes:
    """The CSV of exactly one figure of the comparison as shown; logged as an export."""
    action = "export.flip_figure_csv"
    patterns = _comparison(
        engine, actor_id, period_key, lang, thresholds, team_ids, action, figure_key
    )
    for fig in patterns.figures:
        if fig.key == figure_key:
            return fig.csv()
    raise InvalidInput("error.invalid")


def facilitated_figures(
    s: Session, actor: Actor, p: Period, lang: str, k: int, team_ids: Sequence[int] | None
) -> list[Figure]:
    """For the seminar pack (called inside flip's own permission check and audit): the teams
    compared on the page; None is the page's default, its first MAX_COMPARED_TEAMS. A pack
    over all of a facilitator's 60 teams drew 60 panels a chart (77 s at 100k)."""
    teams = _compared(s, actor, team_ids)
    if team_ids is None:
        teams = teams[:MAX_COMPARED_TEAMS]
    return _flip_figures(s, teams, p, lang, k)[0]
