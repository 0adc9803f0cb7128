"""Rules behind the session page, kept out of its Streamlit glue (`session_ui`): how a stored
choice reads, which turns the group's texts point at, how a turn reads as Markdown, which
download files the page offers, what the phase controls are for whom, and who writes what in
which phase. Pure functions, tested without Streamlit (tests/test_session_rules.py).

Turn visibility and the gribning choices build on `turn_rules`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

from lises_reflect import export, freetext, turn_rules
from lises_reflect import state_keys as K
from lises_reflect.i18n import t
from lises_reflect.sessions import PHASE_COUNT
from lises_reflect.speakers import clock
from lises_reflect.tagging import turn_references

# A speaker is named in the badge as well as coloured: colour alone says nothing to some.
SPEAKER_BADGE = {"caseworker": "blue", "citizen": "orange", "other": "gray"}
NO_CHOICE = "—"


class Labelled(Protocol):
    id: str
    label: object  # a catalogue text with .get(lang)


class TextLike(Protocol):
    kind: str
    text: str


# ---------------------------------------------------------------- stored choices and turns


def option_label(options: Iterable[Labelled], option_id: str | None, lang: str) -> str:
    """The label of a catalogue option in `lang`; "—" for no choice or an unknown id (an
    option removed from the catalogue after it was chosen)."""
    for o in options:
        if o.id == option_id:
            return o.label.get(lang)  # type: ignore[attr-defined]
    return NO_CHOICE


def referenced_turns(contributions: Iterable[TextLike], turn_count: int) -> set[int]:
    """The turns the group's observations and reflections point at ("i tur 12", "ture 3–5"),
    within the excerpt; other texts (the bringer's response, the private note) never mark."""
    texts = [c.text for c in contributions if c.kind in ("observation", "reflection")]
    return turn_references("\n".join(texts), max_turn=turn_count)


def turns_to_read(
    turns: Iterable[turn_rules.TurnLike], reveal_upto: int | None, finished: bool
) -> list[turn_rules.TurnLike]:
    """The turns a reader sees: the group's step-by-step reading while the session is open,
    every turn in the finished record."""
    return turn_rules.visible(turns, None if finished else reveal_upto)


def turn_markdown(turn: turn_rules.TurnLike, lang: str) -> str:
    """One turn as Markdown: number, a coloured badge with the speaker (named, not colour
    alone), and the user's text escaped so that it can never become markup."""
    speaker = t(f"speaker.{turn.speaker}", lang)
    colour = SPEAKER_BADGE.get(turn.speaker, "gray")
    badge = f":{colour}-badge[{freetext.md_escape(turn.label)} · {speaker}]"
    start = getattr(turn, "start", None)
    time = f":gray[{clock(start)}] " if start is not None else ""
    shown = f"**{turn.number}** {time}{badge} {freetext.md_escape(turn.text)}"
    gap = getattr(turn, "gap_after", "")
    if gap:  # a silence between two speakers belongs to neither turn: a line of its own
        shown += f"\n\n:gray[{freetext.md_escape(gap)} · {t('talk.gap', lang)}]"
    return shown


@dataclass(frozen=True)
class LinkChoice:
    """What the gribning form may offer now: the citizen turns to start from, the chosen
    start if it still fits, the turns after it, and the chosen targets that still fit."""

    sources: list[int]
    source: int | None
    targets: list[int]
    picked: list[int]


def fit_link_choice(
    turns: Sequence[turn_rules.TurnLike],
    reveal_upto: int | None,
    source: int | None,
    picked: Iterable[int] | None,
) -> LinkChoice:
    """Choices from before the group restarted its step-by-step reading may no longer fit: a
    start that is no longer offered is dropped, and so are targets that are not after it."""
    sources = turn_rules.link_sources(turns, reveal_upto)
    if source is not None and source not in sources:
        source = None
    targets = turn_rules.link_targets(turns, source, reveal_upto) if source else []
    return LinkChoice(sources, source, targets, [n for n in picked or [] if n in targets])


# ---------------------------------------------------------------- downloads


@dataclass(frozen=True)
class DownloadFile:
    kind: str  # pdf | csv | json | txt
    label_key: str  # i18n key of the button
    mime: str
    file_name: str
    widget_key: str


SESSION_FILES = (("pdf", "application/pdf"), ("csv", "text/csv"), ("json", "application/json"))
OWN_FILES = (("txt", "text/plain"), ("json", "application/json"))


def session_files(title: str, created: datetime, lang: str) -> tuple[DownloadFile, ...]:
    """The bringer's downloads of the whole session. File names are known before anything
    is built (the files are built only when a button is pressed)."""
    stub = export.SessionExport(
        title=title,
        kind_label="",
        created=created.strftime("%Y-%m-%d"),
        lang=lang,
        turns=(),
        questions=(),
        tags=(),
        links=(),
    )
    return tuple(
        DownloadFile(
            kind, f"export.{kind}", mime, export.filename(stub, kind), K.item("export", kind)
        )
        for kind, mime in SESSION_FILES
    )


def own_files(created: datetime, lang: str) -> tuple[DownloadFile, ...]:
    """A listener's downloads of his or her own contributions to a finished session: the
    file name carries no title (the title may not be the listener's to take along)."""
    stub = export.ContributionsExport(
        "", "", created.strftime("%Y-%m-%d"), lang, False, (), (), (), (), (), ()
    )
    return tuple(
        DownloadFile(
            kind,
            f"record.own_{kind}",
            mime,
            export.contributions_filename(stub, kind),
            K.item("own_export", kind),
        )
        for kind, mime in OWN_FILES
    )


# ---------------------------------------------------------------- who does what, where

Controls = Literal["record", "lead", "propose"]


def phase_controls(finished: bool, is_bringer: bool) -> Controls:
    """The phase controls a participant gets: in the finished record each reader picks the
    phase to read; in an open session the bringer moves the group and a listener proposes."""
    if finished:
        return "record"
    return "lead" if is_bringer else "propose"


def next_proposal(phase: int, proposed_phase: int | None, proposed_by_me: bool) -> tuple[int, bool]:
    """The phase a listener may propose (the next one) and whether proposing it makes sense:
    not past the last phase, and not again once he or she has proposed it."""
    wanted = phase + 1
    allowed = wanted <= PHASE_COUNT and not (proposed_by_me and proposed_phase == wanted)
    return wanted, allowed


def neighbours(phase: int) -> tuple[int | None, int | None]:
    """The phases the bringer can step to from `phase`: (previous, next), None at the ends."""
    return (phase - 1 if phase > 1 else None, phase + 1 if phase < PHASE_COUNT else None)


# Which texts a participant writes in which phase; everyone else reads them (or, for the
# bringer's private note, nobody else). Phase 1 (the bringer's preparation) is shown to
# listeners read-only, as a summary of the bringer's choices with the excerpt.
WRITES: dict[int, dict[str, tuple[str, ...]]] = {
    1: {"bringer": ("title", "excerpt"), "listener": ()},
    3: {"bringer": ("context_wish",), "listener": ()},
    4: {"bringer": (), "listener": ("observation",)},
    5: {"bringer": (), "listener": ("reflection",)},
    6: {"bringer": ("struck", "takeaway"), "listener": ()},
    7: {"bringer": ("learning_point",), "listener": ("learning_point",)},
}


def writes(phase: int, is_bringer: bool) -> tuple[str, ...]:
    """The texts this participant writes in `phase` (in the finished record the same fields
    are shown, locked)."""
    return WRITES.get(phase, {}).get("bringer" if is_bringer else "listener", ())


def prepares(phase: int, is_bringer: bool) -> bool:
    """Whether the phase shows the bringer's preparation form (else a read-only summary)."""
    return phase == 1 and is_bringer
