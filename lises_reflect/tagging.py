"""Turn-level work on the excerpt: tags, gribning links, the descriptive summary, exports.

Each participant tags on his or her own; nothing is merged or voted on, because disagreement
is where the talk in the group starts. The summary describes the talk of the excerpt; it is
computed when asked for and never stored, least of all per person.

Blind tagging: the bringer can let everyone tag alone. While the session is blind, every
read here (the talk view, the summary, the export) holds the caller's own tags and links only,
so no page and no replica can show another's; the bringer then reveals all tags at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect import audit, export, i18n
from lises_reflect.access import (
    as_bringer,
    as_participant,
    participant_names,
    touch,
)
from lises_reflect.auth import Actor
from lises_reflect.catalogue import LINK_SOURCE_TAGS, Catalogue, catalogue
from lises_reflect.db import retry_transient, session_scope
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import (
    Contribution,
    GribningLink,
    LearningPoint,
    Participant,
    ReflectionSession,
    TurnTag,
    utcnow,
)
from lises_reflect.transcript import TranscriptError, Turn, parse_transcript
from lises_reflect.turn_rules import TagDifference, check_link, differing_turns, visible

MEANING_MAKING, CITIZEN_CONCRETE_LM = LINK_SOURCE_TAGS
INSTITUTIONAL = "institutional"

# "tur 12", "ture 3-5", "turene 3 og 4", "t. 7", "linje 12" is not a turn reference.
_TURN_REF = re.compile(
    r"\b(?:tur(?:e|en|ene)?|turn?s?|t\.)\s*(\d{1,3})(?:\s*(?:-|–|til|og|and|to)\s*(\d{1,3}))?",
    re.IGNORECASE,
)


def turn_references(text: str, max_turn: int | None = None) -> set[int]:
    """Turn numbers a text refers to ("i tur 12", "ture 3–5"), so they can be highlighted."""
    found: set[int] = set()
    for m in _TURN_REF.finditer(text or ""):
        first = int(m.group(1))
        last = int(m.group(2)) if m.group(2) else first
        if last < first or last - first > 50:
            last = first
        found.update(range(first, last + 1))
    if max_turn is not None:
        found = {n for n in found if 1 <= n <= max_turn}
    return found


def turns_of(excerpt: str) -> list[Turn]:
    """The excerpt as turns; an excerpt that cannot be parsed (old notes) has none."""
    try:
        return parse_transcript(excerpt) if excerpt.strip() else []
    except TranscriptError:
        return []


@dataclass(frozen=True)
class TurnView:
    number: int
    speaker: str
    label: str
    text: str
    my_tags: tuple[str, ...]
    others: dict[str, tuple[str, ...]]  # participant name -> tags
    start: float | None = None  # seconds into the recording, where the transcript says
    gap_after: str = ""  # a pause between this turn and the next speaker's


@dataclass(frozen=True)
class LinkView:
    annotator: str
    mine: bool
    from_turn: int
    to_turns: tuple[int, ...]
    outcome: str


@dataclass(frozen=True)
class ExcerptSummary:
    """Description of the talk in this excerpt, as the group has tagged it."""

    turns: int
    citizen_turns: int
    caseworker_turns: int
    # Citizen turns a gribning can start from: tagged meaning-making or the citizen's concrete
    # labour-market perspective, or linked.
    meaning_making_turns: tuple[int, ...]
    after: dict[int, tuple[str, ...]]  # such a turn -> outcomes the participants chose
    institutional_turns: int
    institutional_share: float | None  # of the caseworker turns; None without caseworker turns


@dataclass(frozen=True)
class TalkView:
    turns: tuple[TurnView, ...]
    links: tuple[LinkView, ...]
    summary: ExcerptSummary
    annotators: tuple[str, ...]
    reveal_upto: int | None
    parse_error: bool
    me: str = ""
    tagging_mode: str = "open"
    # True while blind: the view holds the caller's own tags and links only.
    tags_hidden: bool = False
    # Visible turns where the participants' tags differ (empty while blind).
    differences: tuple[TagDifference, ...] = ()


def summarise(
    turns: list[Turn], tags: list[tuple[int, str]], links: list[tuple[int, str]]
) -> ExcerptSummary:
    """Pure: from (turn, tag) pairs and (from_turn, outcome) pairs of all participants."""
    speakers = {t.number: t.speaker for t in turns}
    meaning = sorted(
        {n for n, tag in tags if tag in LINK_SOURCE_TAGS and speakers.get(n) == "citizen"}
        | {n for n, _ in links if speakers.get(n) == "citizen"}
    )
    after: dict[int, list[str]] = {n: [] for n in meaning}
    for n, outcome in sorted(links):
        after.setdefault(n, []).append(outcome)
    caseworker = [t.number for t in turns if t.speaker == "caseworker"]
    institutional = {
        n for n, tag in tags if tag == INSTITUTIONAL and speakers.get(n) == "caseworker"
    }
    return ExcerptSummary(
        turns=len(turns),
        citizen_turns=sum(t.speaker == "citizen" for t in turns),
        caseworker_turns=len(caseworker),
        meaning_making_turns=tuple(meaning),
        after={n: tuple(v) for n, v in sorted(after.items())},
        institutional_turns=len(institutional),
        institutional_share=(len(institutional) / len(caseworker)) if caseworker else None,
    )


def tags_hidden(rs: ReflectionSession) -> bool:
    """Blind and not yet revealed; a finished session can always be read back in full."""
    return rs.tagging_mode == "blind" and rs.status != "finished"


def _annotations(
    s: Session, rs: ReflectionSession, actor: Actor, *, own: bool = False
) -> tuple[list[TurnTag], list[GribningLink]]:
    """The session's tags and gribning links in turn order, as far as the caller may read
    them: everyone's, or only the caller's own when `own` or while the session is blind."""
    tags = (
        select(TurnTag)
        .where(TurnTag.session_id == rs.id)
        .order_by(TurnTag.turn_number, TurnTag.annotator_id, TurnTag.tag_id)
    )
    links = (
        select(GribningLink)
        .where(GribningLink.session_id == rs.id)
        .order_by(GribningLink.from_turn, GribningLink.annotator_id)
    )
    if own or tags_hidden(rs):
        tags = tags.where(TurnTag.annotator_id == actor.user_id)
        links = links.where(GribningLink.annotator_id == actor.user_id)
    return list(s.exec(tags).all()), list(s.exec(links).all())


@retry_transient
def talk_view(engine: Engine, actor_id: int | None, session_id: int) -> TalkView:
    with session_scope(engine) as s:
        actor, rs, _p = as_participant(s, actor_id, session_id)
        names = participant_names(s, rs.id)
        turns = turns_of(rs.excerpt)
        tags, links = _annotations(s, rs, actor)
        by_turn: dict[int, dict[int, list[str]]] = {}
        for tag in tags:
            by_turn.setdefault(tag.turn_number, {}).setdefault(tag.annotator_id, []).append(
                tag.tag_id
            )
        by_name = {
            number: {names.get(a, "?"): ids for a, ids in per.items()}
            for number, per in by_turn.items()
        }
        taggers = {names.get(tag.annotator_id, "?") for tag in tags}
        hidden = tags_hidden(rs)
        return TalkView(
            turns=tuple(
                TurnView(
                    number=t.number,
                    speaker=t.speaker,
                    label=t.label,
                    text=t.text,
                    start=t.start,
                    gap_after=t.gap_after,
                    my_tags=tuple(by_turn.get(t.number, {}).get(actor.user_id, [])),
                    others={
                        names.get(a, "?"): tuple(ids)
                        for a, ids in by_turn.get(t.number, {}).items()
                        if a != actor.user_id
                    },
                )
                for t in turns
            ),
            links=tuple(
                LinkView(
                    annotator=names.get(link.annotator_id, "?"),
                    mine=link.annotator_id == actor.user_id,
                    from_turn=link.from_turn,
                    to_turns=tuple(link.to_turns or []),
                    outcome=link.outcome,
                )
                for link in links
            ),
            summary=summarise(
                turns,
                [(tag.turn_number, tag.tag_id) for tag in tags],
                [(link.from_turn, link.outcome) for link in links],
            ),
            annotators=tuple(sorted(taggers | {names.get(x.annotator_id, "?") for x in links})),
            reveal_upto=rs.reveal_upto,
            parse_error=bool(rs.excerpt.strip()) and not turns,
            me=names.get(actor.user_id, "?"),
            tagging_mode=rs.tagging_mode,
            tags_hidden=hidden,
            differences=()
            if hidden
            else differing_turns(visible(turns, rs.reveal_upto), by_name, taggers),
        )


def _own(model: type[TurnTag] | type[GribningLink], rs: ReflectionSession, actor: Actor) -> tuple:
    """Where the caller's own tags or links in the session are: nobody changes another's."""
    return (model.session_id == rs.id, model.annotator_id == actor.user_id)


def _turn(rs: ReflectionSession, number: int) -> Turn:
    for t in turns_of(rs.excerpt):
        if t.number == number:
            return t
    raise InvalidInput("error.unknown_turn", turn=number)


def set_turn_tags(
    engine: Engine, actor_id: int | None, session_id: int, turn_number: int, tag_ids: list[str]
) -> None:
    """Replace the caller's own tags on one turn."""
    cat = catalogue()
    with session_scope(engine) as s:
        actor, rs, _p = as_participant(s, actor_id, session_id, editable=True)
        turn = _turn(rs, int(turn_number))
        allowed = {t.id for t in cat.tags_for(turn.speaker)}
        wanted = list(dict.fromkeys(tag_ids))
        if not set(wanted) <= allowed:
            raise InvalidInput("error.tag_not_for_speaker")
        s.exec(delete(TurnTag).where(*_own(TurnTag, rs, actor), TurnTag.turn_number == turn.number))
        for tag in wanted:
            s.add(
                TurnTag(
                    session_id=rs.id,
                    annotator_id=actor.user_id,
                    turn_number=turn.number,
                    speaker=turn.speaker,
                    tag_id=tag,
                )
            )
        _touch_unless_blind(s, rs)


def save_link(
    engine: Engine,
    actor_id: int | None,
    session_id: int,
    from_turn: int,
    to_turns: list[int],
    outcome: str,
) -> None:
    """Link a citizen's meaning-making turn, or one with the citizen's concrete labour-market
    perspective, to what came after it ("hvad sker der så?")."""
    if outcome not in {o.id for o in catalogue().link_outcomes}:
        raise InvalidInput("error.unknown_option")
    with session_scope(engine) as s:
        actor, rs, _p = as_participant(s, actor_id, session_id, editable=True)
        source = _turn(rs, int(from_turn))
        # The same rule that builds the page's choices: later turns the group has read.
        targets = check_link(turns_of(rs.excerpt), source.number, to_turns, rs.reveal_upto)
        link = s.exec(
            select(GribningLink).where(
                *_own(GribningLink, rs, actor), GribningLink.from_turn == source.number
            )
        ).first()
        if link is None:
            link = GribningLink(
                session_id=rs.id,
                annotator_id=actor.user_id,
                from_turn=source.number,
                outcome=outcome,
            )
        link.to_turns = targets
        link.outcome = outcome
        link.updated_at = utcnow()
        s.add(link)
        # Linking a turn says the caller hears it as meaning-making: tag it so, visibly, unless
        # the caller already tagged it as one of the turns a gribning starts from.
        has_tag = s.exec(
            select(TurnTag.id).where(
                *_own(TurnTag, rs, actor),
                TurnTag.turn_number == source.number,
                TurnTag.tag_id.in_(LINK_SOURCE_TAGS),
            )
        ).first()
        if has_tag is None:
            s.add(
                TurnTag(
                    session_id=rs.id,
                    annotator_id=actor.user_id,
                    turn_number=source.number,
                    speaker="citizen",
                    tag_id=MEANING_MAKING,
                )
            )
        _touch_unless_blind(s, rs)


def delete_link(engine: Engine, actor_id: int | None, session_id: int, from_turn: int) -> None:
    with session_scope(engine) as s:
        actor, rs, _p = as_participant(s, actor_id, session_id, editable=True)
        s.exec(
            delete(GribningLink).where(
                *_own(GribningLink, rs, actor), GribningLink.from_turn == int(from_turn)
            )
        )
        _touch_unless_blind(s, rs)


def set_reveal(engine: Engine, actor_id: int | None, session_id: int, upto: int | None) -> None:
    """Step-by-step reading is shared, so the group stops at the same citizen turn together."""
    with session_scope(engine) as s:
        # A finished session is a record: its reading is not moved any more.
        _actor, rs, _p = as_participant(s, actor_id, session_id, editable=True)
        count = len(turns_of(rs.excerpt))
        if upto is not None and not 1 <= int(upto) <= max(count, 1):
            raise InvalidInput("error.invalid")
        rs.reveal_upto = None if upto is None or int(upto) >= count else int(upto)
        touch(s, rs)


def _touch_unless_blind(s: Session, rs: ReflectionSession) -> None:
    """A change the others can see tells them there is news; while blind they could not see
    it, so they are not told (that someone is tagging is not theirs to follow either)."""
    if not tags_hidden(rs):
        touch(s, rs)


def start_blind_tagging(engine: Engine, actor_id: int | None, session_id: int) -> None:
    """The bringer lets everyone tag alone: from now on nobody reads another's tags or links
    until the bringer reveals them. Only from open tagging: what was revealed stays shown."""
    _move_tagging_mode(engine, actor_id, session_id, "open", "blind", "error.blind_already")


def reveal_tags(engine: Engine, actor_id: int | None, session_id: int) -> None:
    """The bringer shows everyone's tags to everyone, all at once."""
    _move_tagging_mode(engine, actor_id, session_id, "blind", "revealed", "error.not_blind")


def _move_tagging_mode(
    engine: Engine, actor_id: int | None, session_id: int, start: str, to: str, refusal: str
) -> None:
    with session_scope(engine) as s:
        _actor, rs = as_bringer(s, actor_id, session_id, editable=True)
        if rs.tagging_mode != start:
            raise InvalidInput(refusal)
        rs.tagging_mode = to
        touch(s, rs)


def check_excerpt_change(s: Session, rs: ReflectionSession, new_excerpt: str) -> None:
    """Tags point at turn numbers: once there are any, the turn structure may not shift."""
    turns = parse_transcript(new_excerpt) if new_excerpt.strip() else []
    annotated = any(
        s.exec(select(m.id).where(m.session_id == rs.id)).first() is not None
        for m in (TurnTag, GribningLink)
    )
    shape = [(t.number, t.speaker) for t in turns]
    if annotated and shape != [(t.number, t.speaker) for t in turns_of(rs.excerpt)]:
        raise InvalidInput("error.excerpt_locked")


def _pseudonyms(s: Session, rs: ReflectionSession, lang: str) -> dict[int, str]:
    people = s.exec(
        select(Participant.user_id)
        .where(Participant.session_id == rs.id)
        .order_by(Participant.role, Participant.id)
    ).all()
    return {
        uid: i18n.t("export.file.pseudonym", lang, letter=chr(ord("A") + i))
        for i, uid in enumerate(people)
    }


def export_session(engine: Engine, actor_id: int | None, session_id: int, lang: str = "da"):
    """What the bringer may take home: excerpt, questions, and tags with pseudonyms only."""
    cat = catalogue()
    with session_scope(engine) as s:
        actor, rs, p = as_participant(s, actor_id, session_id)
        if p.role != "bringer":
            raise PermissionDenied("error.bringer_only")
        audit.record(s, actor, "export.session", f"session:{rs.id}")
        turns = turns_of(rs.excerpt)
        alias = _pseudonyms(s, rs, lang)
        tags, links = _annotations(s, rs, actor)  # blind: the bringer's own only
        return export.SessionExport(
            title=rs.title,
            kind_label=_kind_label(cat, rs, lang),
            created=rs.created_at.strftime("%Y-%m-%d"),
            lang=lang,
            turns=_export_turns(turns),
            questions=tuple(
                export.ExportQuestion(cat.lens(lid).title.get(lang), q.text.get(lang))
                for lid in rs.lenses
                for q in cat.lens(lid).questions
            ),
            tags=_export_tags(tags, turns, cat, lang, lambda uid: alias.get(uid, "?")),
            links=_export_links(links, cat, lang, lambda uid: alias.get(uid, "?")),
        )


def own_contributions(engine: Engine, actor_id: int | None, session_id: int, lang: str = "da"):
    """What a listener may take home from a finished session.

    A caseworker owns his or her conversation material and decides what is shared, so:

    * the listener's own texts go along: observations, reflections, tags and gribning links
      he or she wrote (what others wrote stays in the room);
    * learning points are written by the group together (any participant edits the same
      text, so there is no single author to tell apart), and the bringer alone decides which
      of them leave the room (`sessions.set_learning_point_sharing`): only those the bringer
      marked as shared go along, the same ones that go to the pool;
    * the excerpt, and the title the bringer gave it, only when the bringer chose so
      (`ReflectionSession.excerpt_for_listeners`): a downloaded copy cannot be taken back, so
      it needs its own explicit consent, apart from sharing with FLIP facilitators; the
      bringer's own response and private take-away never go along.

    Only for a finished session (the record is then complete and no longer changes), and only
    for listeners: the bringer has the full export (`export_session`). Each download is in the
    audit trail, which the bringer can read under "Mine refleksioner".
    """
    cat = catalogue()
    with session_scope(engine) as s:
        actor, rs, p = as_participant(s, actor_id, session_id)
        if p.role != "listener":
            raise PermissionDenied("error.own_download_listener_only")
        if rs.status != "finished":
            raise InvalidInput("error.session_not_finished")
        with_excerpt = bool(rs.excerpt_for_listeners)
        audit.record(s, actor, "export.own_contributions", f"session:{rs.id}", excerpt=with_excerpt)
        turns = turns_of(rs.excerpt)
        questions = {f"{lens.id}.free": lens.title.get(lang) for lens in cat.lenses}
        questions.update({q.id: q.text.get(lang) for lens in cat.lenses for q in lens.questions})
        mine = s.exec(
            select(Contribution)
            .where(
                Contribution.session_id == rs.id,
                Contribution.author_id == actor.user_id,
                Contribution.kind.in_(("observation", "reflection")),
                Contribution.text != "",
            )
            .order_by(Contribution.kind, Contribution.slot)
        ).all()
        tags, links = _annotations(s, rs, actor, own=True)
        points = s.exec(
            select(LearningPoint.text)
            .where(LearningPoint.session_id == rs.id, LearningPoint.shared == True)  # noqa: E712
            .order_by(LearningPoint.position)
        ).all()
        me = i18n.t("export.own.me", lang)
        return export.ContributionsExport(
            title=rs.title if with_excerpt else "",
            kind_label=_kind_label(cat, rs, lang),
            created=rs.created_at.strftime("%Y-%m-%d"),
            lang=lang,
            excerpt_included=with_excerpt,
            turns=_export_turns(turns) if with_excerpt else (),
            observations=tuple(
                export.OwnText(questions.get(c.slot, c.slot), c.text)
                for c in mine
                if c.kind == "observation"
            ),
            reflections=tuple(export.OwnText("", c.text) for c in mine if c.kind == "reflection"),
            tags=_export_tags(tags, turns, cat, lang, lambda _uid: me),
            links=_export_links(links, cat, lang, lambda _uid: me),
            learning_points=tuple(t for t in points if t.strip()),
        )


def _kind_label(cat: Catalogue, rs: ReflectionSession, lang: str) -> str:
    kind = next((o for o in cat.conversation_kinds if o.id == rs.conversation_kind), None)
    return kind.label.get(lang) if kind else ""


def _export_turns(turns: Sequence[Turn]) -> tuple[export.ExportTurn, ...]:
    return tuple(
        export.ExportTurn(t.number, t.speaker, t.label, t.text, t.gap_after) for t in turns
    )


def _export_tags(
    tags: Sequence[TurnTag],
    turns: Sequence[Turn],
    cat: Catalogue,
    lang: str,
    who: Callable[[int], str],
) -> tuple[export.ExportTag, ...]:
    """Tags as the export writes them; `who` names the annotator (a pseudonym, or "Mig")."""
    speakers = {t.number: t.speaker for t in turns}
    return tuple(
        export.ExportTag(
            t.turn_number,
            speakers.get(t.turn_number, t.speaker),
            t.tag_id,
            cat.tag(t.tag_id).label.get(lang),
            who(t.annotator_id),
        )
        for t in tags
    )


def _export_links(
    links: Sequence[GribningLink], cat: Catalogue, lang: str, who: Callable[[int], str]
) -> tuple[export.ExportLink, ...]:
    return tuple(
        export.ExportLink(
            link.from_turn,
            tuple(link.to_turns or []),
            link.outcome,
            cat.outcome(link.outcome).label.get(lang),
            who(link.annotator_id),
        )
        for link in links
    )
