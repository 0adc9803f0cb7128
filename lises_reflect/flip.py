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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from sqlalchemy import String, cast
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
from lises_reflect.insights import label, neutral_order
from lises_reflect.models import LearningPoint, ReflectionSession, TurnTag
from lises_reflect.paging import page_of
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


def _token(session_id: int) -> str:
    return hmac.new(_KEY, str(session_id).encode(), hashlib.sha256).hexdigest()[:20]


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


# The pool is read in two steps. First an index of light rows (ids, who shared, lenses, kind,
# category) for everything shared in scope: enough to apply the threshold, number the excerpts in
# their neutral order, filter and page. Then the texts of only the page that is shown. Loading
# every text of a half year for 10 shown excerpts took 2.9 s a rerun at 100k sessions (13,683
# shared excerpts, 43,275 shared learning points).
EXCERPTS_PER_PAGE = 10
POINTS_PER_PAGE = 20


@dataclass(frozen=True)
class _Index:
    # Lens ids stay the column's JSON text ('["gribning", ...]'): decoding 70,000 of them was
    # the largest part of a pool load at 100k sessions; only the shown page is decoded.
    excerpts: list[tuple[int, Any]]  # (n, (session id, bringer id, lenses JSON, kind)) in order
    points: list[Any]  # (point id, session id, bringer id, category, lenses JSON) in order
    excerpts_enough: bool
    points_enough: bool
    scope: tuple[Any, ...]  # the facilitator's teams and the period the index was read in


# A learning point in the pool: shared by the bringer, and not left empty.
_SHARED_POINT = (LearningPoint.shared == True, func.trim(LearningPoint.text) != "")  # noqa: E712


def _index(s: Session, actor: Actor, p: Period, k_text: int, points: bool = True) -> _Index:
    # Finished sessions only, by the month they were finished, as the figures (issue 14).
    scope = insights.finished_in(insights.facilitated_team_ids(s, actor) or [-1], p)
    lenses_text = cast(ReflectionSession.lenses, String)
    sessions = s.exec(
        select(
            ReflectionSession.id,
            ReflectionSession.bringer_id,
            lenses_text,
            ReflectionSession.conversation_kind,
        ).where(*scope, ReflectionSession.excerpt_shared == True)  # noqa: E712
    ).all()
    point_rows: list[Any] = []
    if points:
        point_rows = list(
            s.exec(
                select(
                    LearningPoint.id,
                    LearningPoint.session_id,
                    ReflectionSession.bringer_id,
                    LearningPoint.category,
                    lenses_text,
                )
                .join(ReflectionSession, ReflectionSession.id == LearningPoint.session_id)
                .where(*scope, *_SHARED_POINT)
            ).all()
        )
    salt = f"flip:{actor.user_id}:{p.key}"  # each facilitator and period its own order
    return _Index(
        excerpts=_numbered(salt, sessions),
        points=[row for _n, row in _numbered(salt, point_rows)],
        excerpts_enough=len({row[1] for row in sessions}) >= k_text,
        points_enough=len({row[2] for row in point_rows}) >= k_text,
        scope=scope,
    )


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


def _points(s: Session, rows: Sequence[Any], lang: str, cat: Catalogue) -> list[PoolPoint]:
    texts = dict(
        s.exec(
            select(LearningPoint.id, LearningPoint.text).where(
                LearningPoint.id.in_([row[0] for row in rows] or [-1])
            )
        ).all()
    )
    return [
        PoolPoint(
            category_id=category or "",
            category=label(cat.learning_category, category, lang) if category else "",
            text=redact(texts.get(pid, "")),
            lens_ids=_lens_ids(lenses),
        )
        for pid, _sid, _b, category, lenses in rows
    ]


@lru_cache(maxsize=256)
def _lens_ids(lenses_json: str | None) -> tuple[str, ...]:
    """A session's lens ids from the column's JSON text; a few hundred distinct choices."""
    value = json.loads(lenses_json) if lenses_json else []
    return tuple(str(x) for x in value) if isinstance(value, list) else ()


def _search(
    s: Session,
    index: _Index,
    lens: str | None,
    tag: str | None,
    category: str | None,
) -> tuple[list[tuple[int, Any]], list[Any]]:
    """The excerpts and learning points that match, in the pool's order; none of a kind
    shared by too few caseworkers."""
    wanted = f'"{lens}"'  # how the lens id appears in the column's JSON text
    excerpts = [x for x in index.excerpts if not lens or wanted in (x[1][2] or "")]
    if not index.excerpts_enough:
        excerpts = []
    if category:
        with_category = {row[1] for row in index.points if row[3] == category}
        excerpts = [x for x in excerpts if x[1][0] in with_category]
    if tag and excerpts:
        tagged = set(
            s.exec(
                select(TurnTag.session_id)
                .join(ReflectionSession, ReflectionSession.id == TurnTag.session_id)
                .where(
                    *index.scope,
                    ReflectionSession.excerpt_shared == True,  # noqa: E712
                    TurnTag.tag_id == tag,
                )
                .distinct()
            ).all()
        )
        excerpts = [x for x in excerpts if x[1][0] in tagged]
    points = [
        row
        for row in index.points
        if (not lens or wanted in (row[4] or "")) and (not category or row[3] == category)
    ]
    if tag or not index.points_enough:
        points = []  # tags belong to excerpts; a learning point has none
    return excerpts, points


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
        index = _index(s, actor, p, th.text)
        excerpts, points = _search(s, index, lens, tag, category)
        excerpt_page, shown = page_of(excerpts, excerpt_page, EXCERPTS_PER_PAGE)
        point_page, shown_points = page_of(points, point_page, POINTS_PER_PAGE)
        pool = SharedPool(
            p.label(lang),
            th.text,
            index.excerpts_enough,
            index.points_enough,
            tuple(_excerpts(s, shown, lang, cat)),
            tuple(_points(s, shown_points, lang, cat)),
            excerpts_total=len(excerpts),
            points_total=len(points),
            excerpt_page=excerpt_page,
            point_page=point_page,
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


def _numbered(salt: str, rows: Sequence[Any]) -> list[tuple[int, Any]]:
    """The pool's neutral order (a keyed hash, never time or team) and its "Uddrag n" numbers,
    the same in the pool tab and in the pack's list."""
    return list(enumerate(sorted(rows, key=lambda r: neutral_order(salt, r[0])), start=1))


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
        index = _index(s, actor, p, th.text, points=False)
    if not index.excerpts_enough:
        return ()
    if tokens is None:
        return tuple(_choice(n, row, lang, cat) for n, row in index.excerpts)
    by_token = {_token(row[0]): (n, row) for n, row in index.excerpts}
    return tuple(_choice(*by_token[x], lang, cat) for x in dict.fromkeys(tokens) if x in by_token)


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
        index = _index(s, actor, p, th.text, points=False)
        numbered = {_token(row[0]): (n, row) for n, row in index.excerpts}
        if not index.excerpts_enough or any(x not in numbered for x in req.excerpt_tokens):
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
