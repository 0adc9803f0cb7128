"""FLIP preparation: the pool of shared material, and the seminar pack built from it.

Only what a bringer explicitly shared enters the pool (`excerpt_shared`, `LearningPoint.shared`),
only from teams the facilitator is assigned to, and only when the pool holds at least
`Thresholds.text` distinct caseworkers. Items carry no name, no date, no team and no
session number: an opaque token (HMAC with a per-process key) lets the facilitator pick an
excerpt for the pack without learning which conversation it was. Speaker labels are replaced
by role names, since a transcript may label a turn with a person's name.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, String, cast, literal_column
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from lises_reflect import audit, freetext, insights, provenance
from lises_reflect.auth import Actor, require
from lises_reflect.catalogue import Catalogue, catalogue
from lises_reflect.db import session_scope
from lises_reflect.disclosure import Thresholds
from lises_reflect.errors import InvalidInput
from lises_reflect.export import ExportTurn
from lises_reflect.i18n import t
from lises_reflect.insights import label
from lises_reflect.models import (
    POOL_ORDER_MODULUS,
    LearningPoint,
    ReflectionSession,
    TurnTag,
)
from lises_reflect.paging import page_count
from lises_reflect.periods import Period
from lises_reflect.privacy import check_free_text, redact
from lises_reflect.transcript import TranscriptError, parse_transcript

__all__ = [
    "MAX_PACK_EXCERPTS",
    "PackChoice",
    "PackOutline",
    "PackRequest",
    "PoolExcerpt",
    "PoolPoint",
    "SharedPool",
    "export_pack",
    "pack_choices",
    "pack_outline",
    "prepare_pack",
    "shared_pool",
]

_KEY = secrets.token_bytes(32)  # tokens are valid while this process runs


@dataclass(frozen=True)
class PackChoice:
    """An excerpt a seminar pack can use, by its pool heading only: no text."""

    token: str
    heading: str  # "Uddrag 1", … in the pool's neutral order
    kind: str
    lenses: tuple[str, ...]


@dataclass(frozen=True)
class PoolExcerpt(PackChoice):
    """An excerpt in the pool: its heading as the pack lists it, and what it holds."""

    lens_ids: tuple[str, ...]
    tag_ids: tuple[str, ...]
    tags: tuple[str, ...]  # which tags occur (a set, never counts)
    turns: tuple[ExportTurn, ...]
    learning_points: tuple[tuple[str, str, str], ...]  # (category id, label, text); shared only


@dataclass(frozen=True)
class PoolPoint:
    category_id: str
    category: str
    text: str
    lens_ids: tuple[str, ...]


@dataclass(frozen=True)
class SharedPool:
    period_label: str
    k_text: int
    excerpts_enough: bool
    points_enough: bool
    excerpts: tuple[PoolExcerpt, ...]  # the page shown
    points: tuple[PoolPoint, ...]  # the page shown
    excerpts_total: int = 0  # how many match the search, on all pages
    points_total: int = 0
    excerpt_page: int = 1  # the page shown, kept within the pages there are
    point_page: int = 1


@dataclass(frozen=True)
class PackRequest:
    title: str
    hours: int
    participants: int
    period_key: str
    excerpt_tokens: tuple[str, ...]
    figure_keys: tuple[str, ...] = ()
    lens_ids: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    intro: str = ""
    team_ids: tuple[int, ...] | None = None  # the teams compared on the page; None: its default


# The tokens this process has handed out, and the session each names: a token comes back from
# the page only after the pool (or the pack's list) showed it, so the pack finds its excerpts
# without computing the token of every excerpt in the pool. Bounded; at worst a very old token
# is no longer known and the pack says the excerpt is gone.
_ISSUED: OrderedDict[str, int] = OrderedDict()
_ISSUED_MAX = 100_000
_ISSUING = threading.Lock()


def _token(session_id: int) -> str:
    token = hmac.new(_KEY, str(session_id).encode(), hashlib.sha256).hexdigest()[:20]
    with _ISSUING:
        _ISSUED[token] = session_id
        _ISSUED.move_to_end(token)
        while len(_ISSUED) > _ISSUED_MAX:
            _ISSUED.popitem(last=False)
    return token


# Keyed by the text itself, so an edited excerpt is simply a new key: nothing to invalidate.
# Parsing was over half of a pool load (1,211 excerpts at 10k sessions: 0.53 s of 0.96 s).
@lru_cache(maxsize=4096)
def _turns(excerpt: str, lang: str) -> tuple[ExportTurn, ...]:
    try:
        turns = parse_transcript(excerpt)
    except TranscriptError:
        return ()
    return tuple(
        ExportTurn(
            x.number,
            x.speaker,
            t(f"flip.speaker.{x.speaker}", lang),
            redact(x.text),
            x.gap_after,
        )
        for x in turns
    )


# The pool is read in SQL, one page at a time: the threshold, the neutral order and its
# "Uddrag n" numbers, the search and the page are all worked out by the database, and only the
# shown page's rows (and then their texts) reach Python. Loading every shared excerpt and point
# of a half year to order and page them in Python took 0.69 s a rerun at 100k sessions (16,796
# excerpts, 53,547 learning points, for a facilitator of all 60 teams).
EXCERPTS_PER_PAGE = 10
POINTS_PER_PAGE = 20

# A learning point in the pool: shared by the bringer, and not left empty.
_SHARED_POINT = (LearningPoint.shared == True, func.trim(LearningPoint.text) != "")  # noqa: E712
# The same, as the pool's searches read it from an index: a shared point is never empty
# (`sessions`: sharing needs a text, and a shared text cannot be changed; migration 0014).
_IN_POOL = (LearningPoint.shared == True,)  # noqa: E712
_LENSES = cast(ReflectionSession.lenses, String)  # the JSON text ('["gribning", ...]')


def order_constants(salt: str) -> tuple[int, int]:
    """A multiplier and an offset from the salt: each facilitator and period its own order."""
    d = hashlib.sha256(salt.encode()).digest()
    m = POOL_ORDER_MODULUS
    return 1 + int.from_bytes(d[:8], "big") % (m - 1), int.from_bytes(d[8:16], "big") % m


def order_key(pool_order: Any, salt: str) -> Any:
    """The pool's neutral order as an SQL expression. Each row's `pool_order` is random (given
    when it was written), so the order says nothing about time, team or author; the salt's
    affine map (a permutation modulo a prime) gives each facilitator and period an order of
    its own. Plain integer arithmetic within 62 bits: SQLite and PostgreSQL agree."""
    a, b = order_constants(salt)
    return (cast(pool_order, BigInteger) * literal_column(str(a)) + literal_column(str(b))) % (
        literal_column(str(POOL_ORDER_MODULUS))
    )


def _salt(actor: Actor, p: Period) -> str:
    return f"flip:{actor.user_id}:{p.key}"


def _scope(s: Session, actor: Actor, p: Period) -> tuple[Any, ...]:
    """The facilitator's teams' sessions that count for `p`: finished ones, by the month they
    were finished, as the figures (issue 14)."""
    return insights.finished_in(insights.facilitated_team_ids(s, actor) or [-1], p)


def _enough(s: Session, bringers: Any, k: int) -> bool:
    """At least `k` distinct caseworkers among `bringers`; reads no more than k of them."""
    first = bringers.distinct().limit(max(k, 1)).subquery()
    return s.exec(select(func.count()).select_from(first)).one() >= k


def _numbered_excerpts(scope: tuple[Any, ...], salt: str) -> Any:
    """Every shared excerpt in scope (id) with its number (n) in the neutral order: read from
    an index alone (`ix_reflection_session_pool`), never the rows that hold the texts."""
    rs = ReflectionSession
    n = func.row_number().over(order_by=(order_key(rs.pool_order, salt), rs.id))
    return (
        select(rs.id.label("id"), n.label("n"))
        .where(*scope, rs.excerpt_shared == True)  # noqa: E712
        .subquery()
    )


def _described(s: Session, numbered: Sequence[tuple[int, int]]) -> list[tuple[int, Any]]:
    """(n, (session id, bringer id, lenses JSON, kind)) of the given numbered excerpts."""
    rs = ReflectionSession
    ids = [sid for _n, sid in numbered]
    rows = s.exec(
        select(rs.id, rs.bringer_id, _LENSES, rs.conversation_kind).where(rs.id.in_(ids or [-1]))
    ).all()
    by_id = {r[0]: tuple(r) for r in rows}
    return [(n, by_id[sid]) for n, sid in numbered if sid in by_id]


def _paged(
    s: Session, matching: Any, ordered: Any, page: int, size: int
) -> tuple[int, int, list[Any]]:
    """(page, total, rows): how many `matching` selects, and the page of `ordered` asked for,
    kept within the pages there are (a narrower search can leave it beyond the end)."""
    total = int(s.exec(select(func.count()).select_from(matching.subquery())).one())
    page = min(max(1, int(page or 1)), page_count(total, size))
    rows = s.exec(ordered.limit(size).offset((page - 1) * size)).all() if total else []
    return page, total, list(rows)


def _excerpt_page(
    s: Session,
    scope: tuple[Any, ...],
    salt: str,
    page: int,
    lens: str | None,
    tag: str | None,
    category: str | None,
) -> tuple[int, int, list[tuple[int, Any]]]:
    """One page of the shared excerpts that match, numbered as in the whole pool."""
    rs = ReflectionSession
    matching = select(rs.id).where(*scope, rs.excerpt_shared == True)  # noqa: E712
    if lens:
        matching = matching.where(_LENSES.contains(f'"{lens}"', autoescape=True))
    if category:
        matching = matching.where(
            select(LearningPoint.id)
            .where(LearningPoint.session_id == rs.id, LearningPoint.category == category)
            .where(*_IN_POOL)
            .exists()
        )
    if tag:
        matching = matching.where(
            select(TurnTag.id).where(TurnTag.session_id == rs.id, TurnTag.tag_id == tag).exists()
        )
    sub = _numbered_excerpts(scope, salt)
    ordered = select(sub.c.n, sub.c.id).order_by(sub.c.n)
    if lens or category or tag:
        ordered = ordered.where(sub.c.id.in_(matching))
    page, total, rows = _paged(s, matching, ordered, page, EXCERPTS_PER_PAGE)
    return page, total, _described(s, [(int(n), sid) for n, sid in rows])


def _point_page(
    s: Session,
    scope: tuple[Any, ...],
    salt: str,
    page: int,
    lens: str | None,
    category: str | None,
) -> tuple[int, int, list[Any]]:
    """One page of the shared learning points that match, in the neutral order:
    (point id, session id, bringer id, category, lenses JSON, text)."""
    lp, rs = LearningPoint, ReflectionSession
    matching = select(lp.id).join(rs, rs.id == lp.session_id).where(*scope, *_IN_POOL)
    if lens:
        matching = matching.where(_LENSES.contains(f'"{lens}"', autoescape=True))
    if category:
        matching = matching.where(lp.category == category)
    ordered = matching.order_by(order_key(lp.pool_order, salt), lp.id)
    page, total, rows = _paged(s, matching, ordered, page, POINTS_PER_PAGE)
    ids = [int(x) for x in rows]  # one column: sqlmodel gives the values themselves
    described = {
        r[0]: tuple(r)
        for r in s.exec(
            select(lp.id, lp.session_id, rs.bringer_id, lp.category, _LENSES, lp.text)
            .join(rs, rs.id == lp.session_id)
            .where(lp.id.in_(ids or [-1]))
        ).all()
    }
    return page, total, [described[x] for x in ids if x in described]


def _excerpts_enough(s: Session, scope: tuple[Any, ...], k: int) -> bool:
    rs = ReflectionSession
    shared = select(rs.bringer_id).where(*scope, rs.excerpt_shared == True)  # noqa: E712
    return _enough(s, shared, k)


def _points_enough(s: Session, scope: tuple[Any, ...], k: int) -> bool:
    bringers = (
        select(ReflectionSession.bringer_id)
        .join(LearningPoint, LearningPoint.session_id == ReflectionSession.id)
        .where(*scope, *_IN_POOL)
    )
    return _enough(s, bringers, k)


def _chosen(
    s: Session, scope: tuple[Any, ...], salt: str, tokens: Sequence[str] | None
) -> dict[str, tuple[int, Any]]:
    """The pool's excerpts by token, numbered as in the pool: those `tokens` name that are
    still in it, or (None) all of them."""
    sub = _numbered_excerpts(scope, salt)
    query = select(sub.c.n, sub.c.id).order_by(sub.c.n)
    if tokens is not None:
        ids = {_ISSUED[x] for x in tokens if x in _ISSUED}
        if not ids:
            return {}
        query = query.where(sub.c.id.in_(sorted(ids)))
    numbered = _described(s, [(int(n), sid) for n, sid in s.exec(query).all()])
    return {_token(row[0]): (n, row) for n, row in numbered}


def _excerpts(
    s: Session, numbered: Sequence[tuple[int, Any]], lang: str, cat: Catalogue
) -> list[PoolExcerpt]:
    """The shown excerpts with their texts, tags and shared learning points."""
    ids = [row[0] for _n, row in numbered]
    if not ids:
        return []
    texts = dict(
        s.exec(
            select(ReflectionSession.id, ReflectionSession.excerpt).where(
                ReflectionSession.id.in_(ids)
            )
        ).all()
    )
    tags_of: dict[int, set[str]] = {}
    for sid, tag in s.exec(
        select(TurnTag.session_id, TurnTag.tag_id)
        .where(TurnTag.session_id.in_(ids))
        .group_by(TurnTag.session_id, TurnTag.tag_id)
    ).all():
        tags_of.setdefault(sid, set()).add(tag)
    shared_of: dict[int, list[tuple[str, str, str]]] = {}
    for sid, text, category in s.exec(
        select(LearningPoint.session_id, LearningPoint.text, LearningPoint.category)
        .where(LearningPoint.session_id.in_(ids), *_SHARED_POINT)
        .order_by(LearningPoint.session_id, LearningPoint.position)
    ).all():
        name = label(cat.learning_category, category, lang) if category else ""
        shared_of.setdefault(sid, []).append((category or "", name, redact(text)))
    out = []
    for n, row in numbered:
        sid, _b, lenses, _kind = row
        tag_ids = tuple(tid for tid in cat.tag_ids() if tid in tags_of.get(sid, set()))
        out.append(
            PoolExcerpt(
                **vars(_choice(n, row, lang, cat)),
                lens_ids=_lens_ids(lenses),
                tag_ids=tag_ids,
                tags=tuple(label(cat.tag, x, lang) for x in tag_ids),
                turns=_turns(texts.get(sid) or "", lang),
                learning_points=tuple(shared_of.get(sid, [])),
            )
        )
    return out


def _points(rows: Sequence[Any], lang: str, cat: Catalogue) -> list[PoolPoint]:
    return [
        PoolPoint(
            category_id=category or "",
            category=label(cat.learning_category, category, lang) if category else "",
            text=redact(text or ""),
            lens_ids=_lens_ids(lenses),
        )
        for _pid, _sid, _b, category, lenses, text in rows
    ]


@lru_cache(maxsize=256)
def _lens_ids(lenses_json: str | None) -> tuple[str, ...]:
    """A session's lens ids from the column's JSON text; a few hundred distinct choices."""
    value = json.loads(lenses_json) if lenses_json else []
    return tuple(str(x) for x in value) if isinstance(value, list) else ()


def shared_pool(
    engine: Engine,
    actor_id: int | None,
    period_key: str,
    *,
    lens: str | None = None,
    tag: str | None = None,
    category: str | None = None,
    lang: str = "da",
    thresholds: Thresholds | None = None,
    excerpt_page: int = 1,
    point_page: int = 1,
) -> SharedPool:
    """One page of what bringers chose to share, searched by lens, tag and learning category."""
    th = thresholds or Thresholds()
    p = insights.parse_period(period_key)
    cat = catalogue()
    with session_scope(engine) as s:
        actor = require(s, actor_id, "facilitator")
        scope, salt = _scope(s, actor, p), _salt(actor, p)
        excerpts_enough = _excerpts_enough(s, scope, th.text)
        points_enough = _points_enough(s, scope, th.text)
        shown_page, excerpts_total, shown = 1, 0, []
        shown_point_page, points_total, shown_points = 1, 0, []
        if excerpts_enough:
            shown_page, excerpts_total, shown = _excerpt_page(
                s, scope, salt, excerpt_page, lens, tag, category
            )
        if points_enough and not tag:  # tags belong to excerpts; a learning point has none
            shown_point_page, points_total, shown_points = _point_page(
                s, scope, salt, point_page, lens, category
            )
        pool = SharedPool(
            p.label(lang),
            th.text,
            excerpts_enough,
            points_enough,
            tuple(_excerpts(s, shown, lang, cat)),
            tuple(_points(shown_points, lang, cat)),
            excerpts_total=excerpts_total,
            points_total=points_total,
            excerpt_page=shown_page,
            point_page=shown_point_page,
        )
        # Which conversations were shown, so each bringer can see it in his or her access log.
        audit.record(
            s,
            actor,
            "view.flip_pool",
            "pool",
            period=p.key,
            lens=lens,
            tag=tag,
            category=category,
            sessions=[row[0] for _n, row in shown],
        )
        # The learning points shown on their own, and those shown with the shown excerpts.
        with_points = [e for e in zip(shown, pool.excerpts, strict=True) if e[1].learning_points]
        read = [row[1] for row in shown_points] + [row[0] for (_n, row), _e in with_points]
        audit.record_point_reads(s, actor, read)
    return pool


MAX_PACK_EXCERPTS = 4  # a FLIP reads 2–4 excerpts (`seminar.problems`)


def pack_choices(
    engine: Engine,
    actor_id: int | None,
    period_key: str,
    lang: str = "da",
    thresholds: Thresholds | None = None,
    tokens: Sequence[str] | None = None,
) -> tuple[PackChoice, ...]:
    """The shared excerpts a pack can use, as the pool numbers them, without their texts;
    with `tokens`, only those of them still in the pool, in the order given.

    The pack tab lists the chosen ones on every rerun of the FLIP page (the facilitator adds
    them from the pool's page, so the page never sends the whole pool: 13,683 options at 100k
    sessions). It shows no conversation material, so it writes no audit entry: the pack that
    uses an excerpt does.
    """
    th = thresholds or Thresholds()
    p = insights.parse_period(period_key)
    cat = catalogue()
    with session_scope(engine) as s:
        actor = require(s, actor_id, "facilitator")
        scope = _scope(s, actor, p)
        if not _excerpts_enough(s, scope, th.text):
            return ()
        by_token = _chosen(s, scope, _salt(actor, p), tokens)
    order = by_token if tokens is None else dict.fromkeys(tokens)
    return tuple(_choice(*by_token[x], lang, cat) for x in order if x in by_token)


def _choice(n: int, row: Any, lang: str, cat: Catalogue) -> PackChoice:
    """An excerpt's heading as the pool and the pack both show it."""
    sid, _b, lenses, kind = row
    return PackChoice(
        token=_token(sid),
        heading=t("flip.excerpt_heading", lang, n=n),
        kind=label(cat.conversation_kind, kind, lang) if kind else "",
        lenses=tuple(label(cat.lens, x, lang) for x in _lens_ids(lenses)),
    )


def _clean_request(req: PackRequest) -> PackRequest:
    """Screen everything typed for personal data before it goes into a file."""
    from lises_reflect import seminar

    title = freetext.normalise(req.title).strip()
    if len(title) > seminar.MAX_TITLE:  # refused before screening or building anything
        raise InvalidInput("pack.error.title_long", maximum=seminar.MAX_TITLE)
    check_free_text(title, field="pack_title")
    intro = freetext.normalise(req.intro).strip()
    check_free_text(intro, field="pack_intro")
    questions = tuple(q for q in (freetext.normalise(x).strip() for x in req.questions) if q)
    for q in questions:
        check_free_text(q, field="pack_question")
    return PackRequest(
        title,
        int(req.hours),
        int(req.participants),
        req.period_key,
        tuple(dict.fromkeys(req.excerpt_tokens)),
        tuple(dict.fromkeys(req.figure_keys)),
        tuple(dict.fromkeys(req.lens_ids)),
        questions,
        intro,
        None if req.team_ids is None else tuple(dict.fromkeys(int(x) for x in req.team_ids)),
    )


def export_pack(
    engine: Engine,
    actor_id: int | None,
    request: PackRequest,
    fmt: str,
    *,
    lang: str = "da",
    thresholds: Thresholds | None = None,
    progress: Callable[[float, str], None] | None = None,
) -> bytes:
    """The seminar pack as PDF or PowerPoint; refused with the first problem found."""
    from lises_reflect import seminar

    if fmt not in ("pdf", "pptx"):
        raise InvalidInput("error.invalid")
    th = thresholds or Thresholds()
    req = _clean_request(request)
    p = insights.parse_period(req.period_key)
    cat = catalogue()
    with session_scope(engine) as s:
        actor = require(s, actor_id, "facilitator")
        scope = _scope(s, actor, p)
        numbered = _chosen(s, scope, _salt(actor, p), req.excerpt_tokens)
        enough = _excerpts_enough(s, scope, th.text)
        if not enough or any(x not in numbered for x in req.excerpt_tokens):
            raise InvalidInput("error.pack_excerpt_gone")
        chosen = _excerpts(s, [numbered[x] for x in req.excerpt_tokens], lang, cat)
        figures = [
            f
            for f in insights.facilitated_figures(s, actor, p, lang, th.figures, req.team_ids)
            if f.key in req.figure_keys
        ]
        audit.record(
            s,
            actor,
            f"export.seminar_pack_{fmt}",
            "pack",
            period=p.key,
            excerpts=len(req.excerpt_tokens),
            figures=list(req.figure_keys),
            lenses=list(req.lens_ids),
            sessions=[numbered[x][1][0] for x in req.excerpt_tokens],
        )
    research = _research(cat, req, lang)
    prompts = []
    for lid in req.lens_ids:
        lens = cat.lens(lid)
        prompts.append((lens.title.get(lang), tuple(q.text.get(lang) for q in lens.questions)))
    excerpts = [
        seminar.PackExcerpt(
            heading=_pack_heading(n, lang),
            kind=e.kind,
            turns=e.turns,
            lenses=e.lenses,
            learning_points=tuple(text for _c, _l, text in e.learning_points),
        )
        for n, e in enumerate(chosen)  # in the order chosen (`_clean_request` dropped repeats)
    ]
    pack = seminar.SeminarPack(
        title=req.title,
        hours=req.hours,
        participants=req.participants,
        excerpts=tuple(excerpts),
        figures=tuple(figures),
        prompts=tuple(prompts),
        questions=req.questions,
        lang=lang,
        intro=req.intro,
        theme=research.theme,
        research=research.notes,
    )
    problems = seminar.problems(pack)
    if problems:
        raise InvalidInput(problems[0])
    if fmt == "pdf":
        return seminar.pack_pdf(pack, progress)
    return seminar.pack_pptx(pack, progress)


_PREPARED: set[tuple[Any, ...]] = set()  # (database, who, period, figures, language, k, teams)
_PREPARING = threading.Lock()


def prepare_pack(
    engine: Engine,
    actor_id: int | None,
    period_key: str,
    figure_keys: Sequence[str],
    *,
    lang: str = "da",
    thresholds: Thresholds | None = None,
    team_ids: Sequence[int] | None = None,
) -> threading.Thread | None:
    """Draw the pack's charts in the background while the facilitator is still choosing, so
    that "Lav PDF" finds them drawn (they were most of a build: 2 of 2.5 s at demo scale).
    Once per facilitator, period and choice of figures in this process; the thread, or None
    when there is nothing new to draw. Nothing is shown or exported, so nothing is audited:
    the pack's export is. Any refusal is left to the build, which reports it."""
    from lises_reflect import seminar

    th = thresholds or Thresholds()
    wanted = tuple(sorted(set(figure_keys)))
    teams = None if team_ids is None else tuple(sorted({int(x) for x in team_ids}))
    key = (engine.url.render_as_string(), actor_id, period_key, wanted, lang, th.figures, teams)
    with _PREPARING:
        if not wanted or key in _PREPARED:
            return None
        if len(_PREPARED) > 1024:  # a long-running process: forget, at worst draw again
            _PREPARED.clear()
        _PREPARED.add(key)

    def draw() -> None:
        try:
            p = insights.parse_period(period_key)
            with session_scope(engine) as s:
                actor = require(s, actor_id, "facilitator")
                figures = insights.facilitated_figures(s, actor, p, lang, th.figures, teams)
            for slide in (False, True):  # the handout's pictures first, then the deck's
                for fig in figures:
                    if fig.key in wanted:
                        seminar.chart_png(fig, seminar.PNG_SCALE, slide=slide)
        except Exception:  # noqa: BLE001 - the build itself says what is wrong
            with _PREPARING:
                _PREPARED.discard(key)

    thread = threading.Thread(target=draw, name="pack-charts", daemon=True)
    thread.start()
    return thread


def _research(cat: Catalogue, req: PackRequest, lang: str) -> provenance.PackResearch:
    """What the research says about the chosen lenses (and their tags, when the pack shows
    the tags figure); an unknown lens is refused."""
    try:
        return provenance.pack_research(cat, req.lens_ids, "tags" in req.figure_keys, lang)
    except KeyError:
        raise InvalidInput("error.invalid") from None


@dataclass(frozen=True)
class PackOutline:
    """The pack as the page previews it before the file is made: its theme, what the
    research says, the figures chosen and the plan (from the excerpts' headings only)."""

    theme: str
    research: tuple[provenance.ResearchNote, ...]
    figures: tuple[str, ...]
    agenda: tuple[tuple[str, str, int], ...]  # (from–to, label, minutes)


def pack_outline(
    request: PackRequest, choices: Sequence[PackChoice], lang: str = "da"
) -> PackOutline:
    """The outline of the pack `request` would make, in the order of the meeting. Reads no
    conversation text: the excerpts are the pool's headings (`pack_choices`)."""
    from lises_reflect import seminar

    cat = catalogue()
    research = _research(cat, request, lang)
    by_token = {c.token: c for c in choices}
    excerpts = tuple(
        seminar.PackExcerpt(
            heading=_pack_heading(n, lang),
            kind=by_token[token].kind,
            turns=(),
            lenses=by_token[token].lenses,
            learning_points=(),
        )
        for n, token in enumerate(x for x in dict.fromkeys(request.excerpt_tokens) if x in by_token)
    )
    if any(key not in insights.COMPARED_FIGURES for key in request.figure_keys):
        raise InvalidInput("error.invalid")
    figures = tuple(t(f"insights.{key}", lang) for key in dict.fromkeys(request.figure_keys))
    plan = seminar.plan(lang, request.hours, excerpts, bool(figures), bool(research.notes))
    return PackOutline(research.theme, research.notes, figures, plan)


def _pack_heading(n: int, lang: str) -> str:
    """The n-th (from 0) excerpt of a pack: "Uddrag A", never the pool's number."""
    return t("flip.pack_excerpt_heading", lang, letter="ABCD"[n] if n < 4 else n + 1)
