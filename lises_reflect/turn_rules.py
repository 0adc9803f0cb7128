"""Rules behind the talk tabs, kept out of the page: which turns are visible, which can be
linked as a gribning ("hvad sker der så?"), how a turn reads as an option, and where the
participants' tags differ. Pure functions on anything shaped like a turn.

Visibility follows the group's step-by-step reading (`reveal_upto`: None shows every turn,
n shows turns 1..n): what the group has not read yet can be neither linked nor compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from lises_reflect.errors import InvalidInput
from lises_reflect.i18n import t

SNIPPET_WIDTH = 60


class TurnLike(Protocol):
    number: int
    speaker: str  # caseworker | citizen | other
    label: str
    text: str


def is_visible(number: int, reveal_upto: int | None) -> bool:
    return reveal_upto is None or number <= reveal_upto


def visible(turns: Iterable[TurnLike], reveal_upto: int | None) -> list[TurnLike]:
    """The turns the group has read so far."""
    return [turn for turn in turns if is_visible(turn.number, reveal_upto)]


def link_targets(turns: Sequence[TurnLike], source: int, reveal_upto: int | None) -> list[int]:
    """The turns a gribning from `source` may point at: the visible turns after it."""
    return [t.number for t in visible(turns, reveal_upto) if t.number > source]


def link_sources(turns: Sequence[TurnLike], reveal_upto: int | None) -> list[int]:
    """Visible citizen turns with at least one visible turn after them (a citizen's last word
    has nothing after it yet to catch, overhear or overtake it)."""
    return [
        t.number
        for t in visible(turns, reveal_upto)
        if t.speaker == "citizen" and link_targets(turns, t.number, reveal_upto)
    ]


def check_link(
    turns: Sequence[TurnLike], source: int, targets: Iterable[int], reveal_upto: int | None
) -> list[int]:
    """The targets, sorted, if a gribning from `source` to them is allowed; else InvalidInput
    with a message that says what to choose instead."""
    by_number = {t.number: t for t in turns}
    origin = by_number.get(source)
    if origin is None:
        raise InvalidInput("error.unknown_turn", turn=source)
    if origin.speaker != "citizen":
        raise InvalidInput("error.link_from_citizen")
    if not is_visible(source, reveal_upto):
        raise InvalidInput("error.turn_not_shown", turn=source)
    chosen = sorted({int(n) for n in targets})
    if not chosen:
        raise InvalidInput("error.link_targets", turn=source)
    for n in chosen:
        if n not in by_number:
            raise InvalidInput("error.unknown_turn", turn=n)
        if n <= source:
            raise InvalidInput("error.link_not_after", turn=source, target=n)
        if not is_visible(n, reveal_upto):
            raise InvalidInput("error.turn_not_shown", turn=n)
    return chosen


def snippet(text: str, width: int = SNIPPET_WIDTH) -> str:
    """The start of a turn's text on one line, cut at a word and marked with "…"."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    if " " in cut[width // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,.;:–-") + "…"


def speaker_text(turn: TurnLike, lang: str) -> str:
    """The speaker as "B · borger", or just "Borger" when the label already says it."""
    role = t(f"speaker.{turn.speaker}", lang)
    label = (turn.label or "").strip()
    if not label or label.casefold() == role.casefold():
        return label or role
    return f"{label} · {role}"


def option_label(turn: TurnLike, lang: str, width: int = SNIPPET_WIDTH) -> str:
    """A turn as a choice in a list: "Tur 9 · B · borger: Det er gået okay …"."""
    head = f"{t('talk.turn', lang)} {turn.number} · {speaker_text(turn, lang)}"
    text = snippet(turn.text, width)
    return f"{head}: {text}" if text else head


# ---------------------------------------------------------------- differences in tags


@dataclass(frozen=True)
class TagDifference:
    """One turn where the participants' tags are not the same: who chose what, nothing more
    (no counts of agreement, no scores)."""

    number: int
    choices: tuple[tuple[str, tuple[str, ...]], ...]  # (participant name, tags), by name


def differing_turns(
    turns: Iterable[TurnLike],
    tags: Mapping[int, Mapping[str, Iterable[str]]],
    annotators: Iterable[str],
) -> tuple[TagDifference, ...]:
    """The turns where the tags of the participants who have tagged (`annotators`: anyone
    with at least one tag in the excerpt) are not all the same. Leaving a turn untagged is a
    choice too once one has tagged elsewhere: "I heard nothing there" is worth talking about.
    With fewer than two annotators nothing differs."""
    people = sorted(set(annotators), key=str.casefold)
    if len(people) < 2:
        return ()
    found = []
    for turn in turns:
        per = tags.get(turn.number, {})
        chosen = [(name, tuple(sorted(set(per.get(name, ()))))) for name in people]
        if any(ts for _n, ts in chosen) and len({ts for _n, ts in chosen}) > 1:
            found.append(TagDifference(turn.number, tuple(chosen)))
    return tuple(found)
