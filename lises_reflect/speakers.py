"""From a transcription tool's file to an excerpt that names roles, never people.

A recording's transcript names its speakers ("Mette Hansen", "Speaker 2", "Ahmed"). Before
anything is stored, the bringer says who is the caseworker, the citizen or someone else; the
excerpt is then written in the tool's own form (``[00:01:12] SB: …``) with role labels only,
and the speakers' names are found inside the turns and replaced by the role in brackets, as
conversation-analytic transcripts anonymise ("[borgeren]"). The names live only in the
browser session while the bringer chooses; `transcript.check_storable` refuses a text still in
a tool's format, so no path stores them.

Our own design, not the research's: which labels are written (SB, B, Deltager 1…) and that
consecutive cues of one speaker are one turn (`transcript`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from lises_reflect.errors import InvalidInput
from lises_reflect.freetext import LIMITS
from lises_reflect.i18n import Message, t, whole_number
from lises_reflect.transcript import (
    CASEWORKER,
    CITIZEN,
    MAX_TURNS,
    OTHER,
    Source,
    TranscriptError,
    Turn,
    detect_format,
    parse_transcript,
)

ROLES = (CASEWORKER, CITIZEN, OTHER)
# The labels the excerpt is written with: the ones caseworkers use in their own transcripts.
_LABEL = {CASEWORKER: "SB", CITIZEN: "B"}
MAX_CHARS = LIMITS["excerpt"]
_PLACEHOLDER = {
    CASEWORKER: "speakers.placeholder_caseworker",
    CITIZEN: "speakers.placeholder_citizen",
}
FORMAT_NAMES = {
    "vtt": "speakers.format_vtt",
    "srt": "speakers.format_srt",
    "teams": "speakers.format_teams",
    "chat": "speakers.format_chat",
}


@dataclass(frozen=True)
class NameHit:
    """A speaker's name found in the text of turn `turn` (numbered as in the excerpt)."""

    turn: int
    name: str


@dataclass(frozen=True)
class Excerpt:
    text: str  # the excerpt as it will be stored: role labels, no speaker names
    turns: int
    replaced: tuple[NameHit, ...]  # the names that were replaced by a role


def check_storable(text: str) -> None:
    """Only the tool's own form is stored: a file straight from a transcription tool still
    names the speakers, so it must go through the speaker step first."""
    found = detect_format(text)
    if found != "lines":
        raise InvalidInput("speakers.needs_roles", format=Message(FORMAT_NAMES[found]))


def clock(seconds: float) -> str:
    """A turn's start as the excerpt writes it (whole seconds, hours always shown)."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def span_fits(source: Source, first: int, last: int) -> bool:
    """Turns first..last (1-based, inclusive) make an excerpt within the limits."""
    turns = source.turns[first - 1 : last]
    chars = sum(len(x.text) + len(x.label) + 14 for x in turns)  # "[hh:mm:ss] SB: "
    return 0 < len(turns) <= MAX_TURNS and chars <= MAX_CHARS


def default_span(source: Source) -> tuple[int, int]:
    """From the first turn to the last that still fits: the whole file when it is short."""
    last = 1
    while last < len(source.turns) and span_fits(source, 1, last + 1):
        last += 1
    return 1, last


def speakers_in(source: Source, first: int, last: int) -> list[str]:
    """The keys of the speakers who talk in turns first..last, in order of appearance."""
    return list(dict.fromkeys(x.label for x in source.turns[first - 1 : last]))


def to_excerpt(
    source: Source, roles: Mapping[str, str], first: int, last: int, lang: str
) -> Excerpt:
    """The chosen turns as an excerpt with role labels; raises InvalidInput saying what is
    missing (a speaker without a role) or too much (more than the limits allow)."""
    if not 1 <= first <= last <= len(source.turns):
        raise InvalidInput("speakers.bad_span", total=len(source.turns))
    keys = speakers_in(source, first, last)
    names = {sp.key: sp.name for sp in source.speakers}
    missing = [names.get(k, k) for k in keys if roles.get(k) not in ROLES]
    if missing:
        raise InvalidInput("speakers.unmapped", names=", ".join(f"»{n}«" for n in missing))
    labels = _labels(source, keys, roles)
    # A speaker outside the chosen turns may be named inside them: "[navn]" then.
    placeholder = {k: _placeholder(roles[k], labels[k], lang) for k in keys}
    pattern, owner = _name_pattern(source)
    by_word = {
        word: placeholder.get(key) or t("speakers.placeholder_name", lang)
        for word, key in owner.items()
    }
    chosen = source.turns[first - 1 : last]
    hits: list[NameHit] = []
    lines: list[str] = []
    for number, turn in enumerate(chosen, start=1):
        text = turn.text
        if pattern is not None:
            text, found = _replace_names(text, pattern, by_word)
            hits.extend(NameHit(number, name) for name in found)
        lines.extend(_turn_lines(turn, labels[turn.label], text))
    excerpt = "\n".join(lines)
    if len(excerpt) > MAX_CHARS:
        raise InvalidInput(
            "speakers.too_long",
            length=whole_number(len(excerpt), lang),
            limit=whole_number(MAX_CHARS, lang),
        )
    return Excerpt(excerpt, len(chosen), tuple(hits))


def _labels(source: Source, keys: Sequence[str], roles: Mapping[str, str]) -> dict[str, str]:
    """SB and B for the roles; someone else keeps a role word the source gave ("Tolk"), a
    person is "Deltager 1", "Deltager 2" … in order of appearance."""
    generic = {sp.key for sp in source.speakers if not sp.names}
    labels: dict[str, str] = {}
    others = 0
    for key in keys:
        role = roles[key]
        if role in _LABEL:
            labels[key] = _LABEL[role]
        elif key in generic and _reads_as_other_label(key):
            labels[key] = key
        else:
            others += 1
            labels[key] = f"Deltager {others}"
    return labels


def _reads_as_other_label(key: str) -> bool:
    try:
        turns = parse_transcript(f"{key}: x")
    except TranscriptError:
        return False
    return len(turns) == 1 and turns[0].speaker == OTHER and turns[0].label == key


def _placeholder(role: str, label: str, lang: str) -> str:
    if role == OTHER:
        return f"[{label}]"
    return t(_PLACEHOLDER[role], lang)


def _name_pattern(source: Source) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Every name word of the source's speakers, as a whole word, also in the genitive
    ("Ahmeds"), and whose it is. Longest first, so "Anne-Marie" wins over "Anne"."""
    owner: dict[str, str] = {}
    for sp in source.speakers:
        for word in sp.names:
            if len(word) >= 2:
                owner.setdefault(word, sp.key)
    if not owner:
        return None, owner
    alternatives = "|".join(re.escape(w) for w in sorted(owner, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?P<name>{alternatives})(?:s)?(?![\w-])"), owner


def _replace_names(
    text: str, pattern: re.Pattern[str], placeholder: Mapping[str, str]
) -> tuple[str, list[str]]:
    """`placeholder` maps each name word to what replaces it."""
    found: list[str] = []

    def swap(match: re.Match[str]) -> str:
        found.append(match.group(0))
        genitive = "s" if len(match.group(0)) > len(match.group("name")) else ""
        return placeholder[match.group("name")] + genitive

    return pattern.sub(swap, text), found


def _turn_lines(turn: Turn, label: str, text: str) -> list[str]:
    """One turn in the excerpt's form. A line of the turn that the parser would read as a turn
    of its own (or as a gap) is joined to the line before, so the turns stay as they were."""
    head = f"[{clock(turn.start)}] " if turn.start is not None else ""
    first, *rest = text.split("\n")
    lines = [f"{head}{label}: {first}".rstrip()]
    for line in rest:
        if _stays_continuation(line):
            lines.append(line)
        else:
            lines[-1] = f"{lines[-1]} {line.strip()}".rstrip()
    return lines


def _stays_continuation(line: str) -> bool:
    if not line.strip():
        return False
    try:
        turns = parse_transcript(f"B: x\n{line}\nSB: y")
    except TranscriptError:
        return False
    return len(turns) == 2 and not turns[0].gap_after and turns[0].text.endswith(line.strip())
