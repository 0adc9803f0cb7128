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
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect import audit, freetext, insights, periods
from lises_reflect.auth import Actor, require
from lises_reflect.catalogue import Catalogue
from lises_reflect.db import session_scope
from lises_reflect.disclosure import Thresholds
from lises_reflect.errors import InvalidInput
from lises_reflect.export import ExportTurn
from lises_reflect.i18n import t
from lises_reflect.models import LearningPoint, ReflectionSession, TurnTag
from lises_reflect.periods import Period
from lises_reflect.privacy import check_free_text
from lises_reflect.sessions import catalogue
from lises_reflect.transcript import TranscriptError, parse_transcript

__all__ = ["PackRequest", "PoolExcerpt", "PoolPoint", "SharedPool", "export_pack", "shared_pool"]

_KEY = secrets.token_bytes(32)  # tokens are valid while this process runs


@dataclass(frozen=True)
class PoolExcerpt:
    token: str
    heading: str  # "Uddrag 1", … in the pool's neutral order
    kind: str
    lens_ids: tuple[str, ...]
    lenses: tuple[str, ...]
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
    excerpts: tuple[PoolExcerpt, ...]
    points: tuple[PoolPoint, ...]


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


def _token(session_id: int) -> str:
    return hmac.new(_KEY, str(session_id).encode(), hashlib.sha256).hexdigest()[:20]


def _order(salt: str, item_id: int) -> str:
    return hashlib.sha256(f"{salt}:{item_id}".encode()).hexdigest()


def _role_label(speaker: str, lang: str) -> str:
    return t(f"flip.speaker.{speaker}", lang)


# Keyed by the text itself, so an edited excerpt is simply a new key: nothing to invalidate.
# Parsing was over half of a pool load (1,211 excerpts at 10k sessions: 0.53 s of 0.96 s).
@lru_cache(maxsize=4096)
def _turns(excerpt: str, lang: str) -> tuple[ExportTurn, ...]:
    try:
        turns = parse_transcript(excerpt)
    except TranscriptError:
        return ()
    return tuple(
        ExportTurn(x.number, x.speaker, _role_label(x.speaker, lang), x.text) for x in turns
    )


def _label(get: Callable[[str], object], item_id: str, lang: str) -> str:
    try:
        obj = get(item_id)
    except KeyError:
        return item_id
    text = getattr(obj, "title", None) or getattr(obj, "label", None)
    return text.get(lang) if text is not None else item_id  # type: ignore[union-attr]


def _in_scope(s: Session, actor: Actor, p: Period):  # type: ignore[no-untyped-def]
    teams = insights._facilitated_team_ids(s, actor)
    return (
        ReflectionSession.team_id.in_(list(teams) or [-1]),
        ReflectionSession.created_at >= p.start(),
        ReflectionSession.created_at < p.end(),
    )


def _load_pool(
    s: Session, actor: Actor, p: Period, lang: str, k_text: int, cat: Catalogue
) -> tuple[SharedPool, dict[str, int]]:
    """The pool, and which conversation each token stands for (for the audit trail only)."""
    scope = _in_scope(s, actor, p)
    sessions = s.exec(
        select(
            ReflectionSession.id,
            ReflectionSession.bringer_id,
            ReflectionSession.excerpt,
            ReflectionSession.lenses,
            ReflectionSession.conversation_kind,
        ).where(*scope, ReflectionSession.excerpt_shared == True)  # noqa: E712
    ).all()
    points = s.exec(
        select(
            LearningPoint.id,
            LearningPoint.session_id,
            ReflectionSession.bringer_id,
            LearningPoint.text,
            LearningPoint.category,
            ReflectionSession.lenses,
        )
        .join(ReflectionSession, ReflectionSession.id == LearningPoint.session_id)
        .where(*scope, LearningPoint.shared == True)  # noqa: E712
    ).all()
    points = [row for row in points if row[3].strip()]
    excerpts_enough = len({row[1] for row in sessions}) >= k_text
    points_enough = len({row[2] for row in points}) >= k_text
    salt = f"flip:{actor.user_id}:{p.key}"
    excerpt_items: list[PoolExcerpt] = []
    if excerpts_enough:
        ids = [row[0] for row in sessions]
        tag_rows = s.exec(
            select(TurnTag.session_id, TurnTag.tag_id)
            .where(TurnTag.session_id.in_(ids))
            .group_by(TurnTag.session_id, TurnTag.tag_id)
        ).all()
        tags_of: dict[int, set[str]] = {}
        for sid, tag in tag_rows:
            tags_of.setdefault(sid, set()).add(tag)
        shared_of: dict[int, list[tuple[str, str, str]]] = {}
        for _pid, sid, _b, text, category, _l in points:
            label = _label(cat.learning_category, category, lang) if category else ""
            shared_of.setdefault(sid, []).append((category or "", label, text))
        ordered = sorted(sessions, key=lambda r: _order(salt, r[0]))
        for n, (sid, _b, excerpt, lenses, kind) in enumerate(ordered, start=1):
            tag_ids = tuple(tid for tid in cat.tag_ids() if tid in tags_of.get(sid, set()))
            lens_ids = tuple(lenses or [])
            excerpt_items.append(
                PoolExcerpt(
                    token=_token(sid),
                    heading=t("flip.excerpt_heading", lang, n=n),
                    kind=_label(cat.conversation_kind, kind, lang) if kind else "",
                    lens_ids=lens_ids,
                    lenses=tuple(_label(cat.lens, x, lang) for x in lens_ids),
                    tag_ids=tag_ids,
                    tags=tuple(_label(cat.tag, x, lang) for x in tag_ids),
                    turns=_turns(excerpt, lang),
                    learning_points=tuple(shared_of.get(sid, [])),
                )
            )
    point_items: list[PoolPoint] = []
    if points_enough:
        for _pid, _sid, _b, text, category, lenses in sorted(
            points, key=lambda r: _order(salt, r[0])
        ):
            point_items.append(
                PoolPoint(
                    category_id=category or "",
                    category=_label(cat.learning_category, category, lang) if category else "",
                    text=text,
                    lens_ids=tuple(lenses or []),
                )
            )
    pool = SharedPool(
        p.label(lang),
        k_text,
        excerpts_enough,
        points_enough,
        tuple(excerpt_items),
        tuple(point_items),
    )
    return pool, {_token(row[0]): row[0] for row in sessions}


def _filtered(
    pool: SharedPool, lens: str | None, tag: str | None, category: str | None
) -> SharedPool:
    excerpts = [
        e
        for e in pool.excerpts
        if (not lens or lens in e.lens_ids)
        and (not tag or tag in e.tag_ids)
        and (not category or any(c == category for c, _l, _t in e.learning_points))
    ]
    points = [
        x
        for x in pool.points
        if (not lens or lens in x.lens_ids) and (not category or x.category_id == category)
    ]
    if tag:
        points = []  # tags belong to excerpts; a learning point has none
    return SharedPool(
        pool.period_label,
        pool.k_text,
        pool.excerpts_enough,
        pool.points_enough,
        tuple(excerpts),
        tuple(points),
    )


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
) -> SharedPool:
    th = thresholds or Thresholds()
    p = insights._period(period_key)
    with session_scope(engine) as s:
        actor = require(s, actor_id, "facilitator")
        everything, session_of = _load_pool(s, actor, p, lang, th.text, catalogue())
        pool = _filtered(everything, lens, tag, category)
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
            sessions=[session_of[e.token] for e in pool.excerpts],
        )
    return pool


def _clean_request(req: PackRequest) -> PackRequest:
    """Screen everything typed for personal data before it goes into a file."""
    title = freetext.normalise(req.title).strip()
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
    p = insights._period(req.period_key)
    cat = catalogue()
    with session_scope(engine) as s:
        actor = require(s, actor_id, "facilitator")
        pool, session_of = _load_pool(s, actor, p, lang, th.text, cat)
        by_token = {e.token: e for e in pool.excerpts}
        missing = [x for x in req.excerpt_tokens if x not in by_token]
        if missing:
            raise InvalidInput("error.pack_excerpt_gone")
        figures = [
            f
            for f in insights.facilitated_figures(s, actor, p, lang, th.figures)
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
            sessions=[session_of[x] for x in req.excerpt_tokens],
        )
    prompts = []
    for lid in req.lens_ids:
        try:
            lens = cat.lens(lid)
        except KeyError:
            raise InvalidInput("error.invalid") from None
        prompts.append((lens.title.get(lang), tuple(q.text.get(lang) for q in lens.questions)))
    excerpts = []
    for n, token in enumerate(req.excerpt_tokens):
        e = by_token[token]
        excerpts.append(
            seminar.PackExcerpt(
                heading=t("flip.pack_excerpt_heading", lang, letter="ABCD"[n] if n < 4 else n + 1),
                kind=e.kind,
                turns=e.turns,
                lenses=e.lenses,
                learning_points=tuple(text for _c, _l, text in e.learning_points),
            )
        )
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
    )
    problems = seminar.problems(pack)
    if problems:
        raise InvalidInput(problems[0])
    if fmt == "pdf":
        return seminar.pack_pdf(pack, progress)
    return seminar.pack_pptx(pack, progress)


def period_label(period_key: str, lang: str) -> str:
    return periods.parse(period_key).label(lang)
