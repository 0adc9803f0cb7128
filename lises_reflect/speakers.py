"""From a transcription tool's file to an excerpt that names roles, never people.

A recording's transcript names its speakers ("Mette Hansen", "Speaker 2", "Ahmed"). Before
anything is stored, the bringer says who is the caseworker, the citizen or someone else; the
excerpt is then written in the tool's own form (``[00:01:12] SB: …``) with role labels only,
and the speakers' names are found inside the turns and replaced by the role in brackets, as
conversation-analytic transcripts anonymise ("[borgeren]"). While the bringer chooses, the
names are only in the field and the server's memory of that browser session; `check_storable`
refuses a text in a tool's format, with a name as a speaker label or with a line left over from
a tool's file, so no path stores them.

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
    parse_transcript,
    read_source,
    tool_trace,
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


def needs_roles(source: Source) -> bool:
    """A tool's file, or a text whose speakers go by a person's name: the speaker step first."""
    return source.format != "lines" or any(sp.names for sp in source.speakers)


def step_source(text: str) -> Source | None:
    """The text as the speaker step reads it (a tool's file of any length), when it needs
    the step; None when it can be saved as it is or has a fault the excerpt check names."""
    if not text.strip():
        return None
    try:
        source = read_source(text, whole=True)
    except TranscriptError:
        return None
    if source.format == "lines" and tool_trace(text) is not None:
        return None  # a tool's file behind a line of text: its names are not speakers here
    return source if needs_roles(source) else None


def check_storable(text: str) -> None:
    """Only role labels are stored: a file straight from a transcription tool, a speaker
    label that is a person's name, or a line left over from such a file is refused with what
    to do. A text that cannot be read as turns is left to the excerpt check, which says why."""
    if not text.strip():
        return
    try:
        source = read_source(text)
    except TranscriptError:
        return
    if source.format != "lines":
        raise InvalidInput("speakers.needs_roles", format=Message(FORMAT_NAMES[source.format]))
    trace = tool_trace(text)
    if trace is not None:
        raise InvalidInput("speakers.tool_line", number=trace[0], shown=_shown(trace[1]))
    named = [sp.name for sp in source.speakers if sp.names]
    if named:
        raise InvalidInput("speakers.named", names=", ".join(f"»{n}«" for n in named))


def _shown(line: str) -> str:
    return line if len(line) <= 60 else line[:59].rstrip() + "…"


def clock(seconds: float) -> str:
    """A turn's start as the excerpt writes it (whole seconds, hours always shown)."""
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


# What a turn may grow by when written: "[hh:mm:ss] Deltager 12: " and its line break, and
# per name in its text the longest placeholder ("[sagsbehandleren]", "[the caseworker]").
_TURN_HEAD = 26
_NAME_GROWTH = 18


def _written_sizes(source: Source) -> list[int]:
    """An upper bound of each turn's length once written, whatever the roles."""
    finder = _NameFinder(source, {})
    return [_TURN_HEAD + len(x.text) + _NAME_GROWTH * finder.count(x.text) for x in source.turns]


def span_fits(source: Source, first: int, last: int) -> bool:
    """Turns first..last (1-based, inclusive) surely make an excerpt within the limits."""
    sizes = _written_sizes(source)[first - 1 : last]
    return 0 < len(sizes) <= MAX_TURNS and sum(sizes) <= MAX_CHARS


def default_span(source: Source) -> tuple[int, int]:
    """From the first turn to the last that surely fits: the whole file when it is short."""
    total = 0
    last = 0
    for size in _written_sizes(source)[:MAX_TURNS]:
        if total + size > MAX_CHARS:
            break
        total += size
        last += 1
    return 1, max(last, 1)


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
    if last - first + 1 > MAX_TURNS:
        raise InvalidInput("speakers.too_many", turns=last - first + 1, maximum=MAX_TURNS)
    keys = speakers_in(source, first, last)
    shown = {sp.key: sp.name for sp in source.speakers}
    missing = [shown.get(k, k) for k in keys if roles.get(k) not in ROLES]
    if missing:
        raise InvalidInput("speakers.unmapped", names=", ".join(f"»{n}«" for n in missing))
    labels = _labels(source, keys, roles)
    # A speaker outside the chosen turns may be named inside them: "[navn]" then.
    placeholder = {k: _placeholder(roles[k], labels[k], lang) for k in keys}
    other = t("speakers.placeholder_name", lang)
    names = _NameFinder(source, {key: placeholder.get(key, other) for key in shown})
    chosen = source.turns[first - 1 : last]
    hits: list[NameHit] = []
    texts: list[str] = []
    for number, turn in enumerate(chosen, start=1):
        text, found = names.replace(turn.text)
        hits.extend(NameHit(number, name) for name in found)
        texts.append(text)
    excerpt = _write(chosen, [labels[x.label] for x in chosen], texts)
    if len(excerpt) > MAX_CHARS:
        length, limit = whole_number(len(excerpt), lang), whole_number(MAX_CHARS, lang)
        if first == last:  # one turn alone is too long: the part cannot be made smaller
            raise InvalidInput("speakers.turn_too_long", turn=first, length=length, limit=limit)
        raise InvalidInput("speakers.too_long", length=length, limit=limit)
    return Excerpt(excerpt, len(chosen), tuple(hits))


def _write(turns: Sequence[Turn], labels: Sequence[str], texts: Sequence[str]) -> str:
    """The turns in the tool's own form, checked by reading them back: the same speakers,
    labels and words in the same turns. Lines are kept where the parser keeps them; if the
    reading differs all the same, each turn is written on one line."""
    for one_line in (False, True):
        lines: list[str] = []
        for turn, label, text in zip(turns, labels, texts, strict=True):
            lines.extend(_turn_lines(turn, label, text, one_line))
        excerpt = "\n".join(lines)
        if len(excerpt) > MAX_CHARS or _reads_back(excerpt, labels, texts):
            return excerpt  # too long: refused by the caller, with the length
    raise InvalidInput("speakers.cannot_write")


def _reads_back(excerpt: str, labels: Sequence[str], texts: Sequence[str]) -> bool:
    try:
        turns = parse_transcript(excerpt)
        check_storable(excerpt)
    except (TranscriptError, InvalidInput):
        return False
    return [x.label for x in turns] == list(labels) and all(
        x.text.split() == text.split() and not x.gap_after
        for x, text in zip(turns, texts, strict=True)
    )


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


class _NameFinder:
    """Every name word of the source's speakers, as a whole word, also in the genitive
    ("Ahmeds") and written as a name or in capitals ("Mette", "METTE"), not in lower case
    ("hans" is a word); longest first, so "Anne-Marie" wins over "Anne". A full name becomes
    one placeholder, not one per word."""

    def __init__(self, source: Source, placeholder: Mapping[str, str]) -> None:
        self.owner: dict[str, str] = {}
        for sp in source.speakers:
            for word in sp.names:
                for form in (word, word[:1].upper() + word[1:].lower(), word.upper()):
                    if len(form) >= 2:
                        self.owner.setdefault(form, sp.key)
        self.placeholder = placeholder
        words = sorted(self.owner, key=len, reverse=True)
        alternatives = "|".join(re.escape(w) for w in words)
        self.pattern = (
            re.compile(rf"(?<!\w)(?P<name>{alternatives})(?P<s>s)?(?!\w)") if words else None
        )

    def count(self, text: str) -> int:
        return 0 if self.pattern is None else sum(1 for _ in self.pattern.finditer(text))

    def replace(self, text: str) -> tuple[str, list[str]]:
        if self.pattern is None:
            return text, []
        found: list[str] = []
        pieces: list[str] = []
        at = 0
        last_key: str | None = None
        for match in self.pattern.finditer(text):
            key = self.owner[match.group("name")]
            found.append(match.group(0))
            between = text[at : match.start()]
            genitive = match.group("s") or ""
            if last_key == key and at and not between.strip():
                pieces[-1] = self.placeholder[key] + genitive  # "Mette Hansen": one placeholder
            else:
                pieces.append(between)
                pieces.append(self.placeholder[key] + genitive)
            last_key = key
            at = match.end()
        pieces.append(text[at:])
        return "".join(pieces), found


def _turn_lines(turn: Turn, label: str, text: str, one_line: bool) -> list[str]:
    """One turn in the excerpt's form. A line of the turn that the parser would read as
    something else (a turn of its own, a gap, a timestamp, a line of a tool's file) is
    joined to the line before, and that again if needed."""
    head = f"[{clock(turn.start)}] " if turn.start is not None else ""
    first, *rest = text.split("\n")
    if one_line:
        first, rest = " ".join(text.split()), []
    lines = [first]
    for index, line in enumerate(rest):
        line = line.strip()
        if not line:
            continue
        last = index == len(rest) - 1
        while len(lines) > 1 and not _stays_continuation(line, last):
            line = f"{lines.pop()} {line}"
        if _stays_continuation(line, last):
            lines.append(line)
        else:
            lines[0] = f"{lines[0]} {line}"
    lines[0] = f"{head}{label}: {lines[0]}".rstrip()
    return lines


def _stays_continuation(line: str, last: bool) -> bool:
    """Does `line`, under a turn, stay that turn's line? A pause is the turn's own when more
    of the turn follows, a gap when the next speaker does (`transcript`)."""
    after = "SB: y" if last else "og så"
    try:
        turns = parse_transcript(f"B: x\n{line}\n{after}")
    except TranscriptError:
        return False
    if tool_trace(line) is not None:
        return False
    expected = 2 if last else 1
    return (
        len(turns) == expected
        and not turns[0].gap_after
        and turns[0].text.split("\n")[1:2] == [line]
    )
