"""A pasted or uploaded transcript excerpt, split into numbered speaker turns.

Input is what caseworkers actually have: a few pages typed in Word or copied from a
transcription tool, often with timestamps or line numbers, sometimes with conversation-analytic
(CA) marks. The rules, decided with the product owner:

Formats
  `detect_format` tells the format by the content, never by the file name; `read_source` reads
  any of them into a `Source` (the turns and the distinct speakers), `parse_transcript` gives
  its turns. Everything that is not recognised as one of the four tool formats is "lines".
  * ``lines``: one turn per line, ``R: tekst`` / ``B: tekst`` – the rules below.
  * ``vtt`` (WebVTT, Teams/Zoom/Whisper subtitles): the first line starts with ``WEBVTT``.
    Cues (timing line ``00:01.000 --> 00:04.000``, optionally an identifier line before it,
    text lines after it) are separated by blank lines; the header, ``NOTE``, ``STYLE`` and
    ``REGION`` blocks are skipped. The speaker is the voice tag (``<v Mette Hansen>``,
    ``<v.loud Mette>``; a cue may hold one voice per line); other tags (``<c>``, ``<i>``,
    ``<b>``, ``<u>``, ``<lang>``, ``<ruby>``, inline times) are removed and entities
    (``&amp;``, ``&lt;``, ``&nbsp;`` …) decoded. A cue without a voice may start with a
    label as in "lines" (``SB: hej``; ``Mette: hej`` is speaker "other" labelled Mette), a
    bracket (``[SPEAKER_00]:``, ``[Taler 1]``, WhisperX) or a generic ``Speaker 2:``; a cue
    with no speaker at all continues the speaker of the cue before it. A first cue with no
    speaker is an error naming its line, and so is a cue line that starts with a name used as
    a label in a form "lines" refuses (``mette: ja``, ``Peter (borger): hej``, ``R, Mette:
    nej``; "Names instead of role labels" below): it would otherwise continue the speaker
    before it with the name in its text.
  * ``srt`` (SubRip): numbered cues ``1`` / ``00:00:01,000 --> 00:00:04,000`` / text, and any
    text that starts directly with a cue timing line (WebVTT without its header). Speakers as
    for WebVTT; ``<i>``, ``<b>``, ``<u>``, ``<font …>`` and ``{\\an8}`` are removed. Other
    ``<…>`` in the text (CA ``<langsomt>``, ``>hurtigt<``) is kept.
  * ``teams`` (Teams / Word "Transcribe"): a header line ``Mette Hansen  0:01`` (a name of 1-5
    words, the first with a capital letter, no colon, then a time ``m:ss``, ``h:mm:ss``) and
    the speaker's text on the lines below it. The name's words before any note (``, …``,
    ``(…)``) are capitalised but for particles (``af``, ``de`` …), so ``Mødet sluttede 10:30``
    is text; a date line (a word that begins with a digit, a weekday or a month name:
    ``Tirsdag 14. november 2023 10:02``) is never a header. Recognised when there are at
    least two headers, the first among the first eight non-blank lines and no line before it
    is a ``Label: text`` turn (unless Teams' "… started transcription" stands before it too,
    as under a title "Opfølgning: jobplan"); the lines before the first header (a title, a
    date, a duration ``45m 12s``) are dropped, and so are Teams' own lines "Mette Hansen
    started/stopped transcription" (Danish "startede/stoppede transskriptionen") anywhere.
  * ``chat`` (CHAT/CA, TalkBank): ``@`` header lines (``@Participants:`` gives each speaker
    code's name and role), ``*SAG:<TAB>tekst`` starts an utterance of speaker code SAG, a line
    starting with a TAB continues the tier, ``%xxx:`` dependent tiers are skipped. Media
    bullets (``\\x15<start>_<end>\\x15``, milliseconds; the fold removes the ``\\x15``, so also
    a bare ``1200_3400``) give the start and are removed; everything else, terminators and CA
    marks included, is kept verbatim. Recognised when the first line starts with ``@UTF8`` or
    ``@Begin``, or a ``@Begin`` line and a ``*XXX:`` line are both present.
  For the four tool formats ("cues" for their blocks and utterances): the lines inside one cue
  are a display wrap and are joined with a space; consecutive cues of the same speaker make
  one turn, each cue on its own line ("\\n"); empty cues are skipped; a turn's ``start`` is
  its first cue's start in seconds. Overlapping cues (one starting before the previous ends)
  keep their own turns in file order: no CA overlap marks (``[``) are invented, since a tool's
  timings say too little about where the overlap begins. A speaker key that is a known role
  label (SB, B, Borger …) gets that role; any other key – a name, "Speaker 2", a CHAT code –
  is speaker "other" labelled with the key as written, and `Source.speakers` says who is who
  (the role a source itself states, the person-name words to look for in the text: the
  key's words as written, punctuation around them stripped – ``Hansen, Mette`` gives
  "Hansen", "Mette", ``METTE`` gives "METTE", ``Anne-Marie`` stays one word; for CHAT the
  @Participants name, and a code longer than three letters such as ``FATIMA``).
  `tool_trace` finds what is left of a tool's file in a "lines" text (a timing line, a voice,
  a CHAT tier, a Teams header), which must not be stored: names could hide in it.
Labels
  * A turn starts with a speaker label and a colon: ``R: Hvordan går det?``. Spaces before the
    colon are allowed (``B : ja``). A TAB also separates label and text (``R<TAB>Hvordan``),
    because that is what a pasted or uploaded Word table (speaker | text) becomes. A dash
    (``B - ja``) is NOT a separator: dashes are too common in ordinary speech and CA cut-offs.
  * Caseworker: R, SB, S, Rådgiver (also Raadgiver), Sagsbehandler, Jobkonsulent, Medarbejder.
    Citizen: B, Borger, Ledig. Any letter case; the label is kept as written.
  * Any other short label becomes speaker "other": 1-3 words, at most 30 characters, beginning
    with an UPPER-CASE letter (``Mentor``, ``Tolk``, ``R2``, ``Borgerens mor``, ``Deltager 2``).
    To keep ordinary sentences with a colon in them as text (``Jeg tænkte: hvad nu hvis``,
    ``Kl. 10:30 mødtes vi``, ``Nå:: okay``, ``https://…``) such a label is refused when
      - it starts with a lower-case letter, or a word starts with something other than a
        letter or digit, or the first word is not a letter word;
      - one of its words is a common Danish/English function word, pronoun or speech verb
        (jeg, det, og, så, siger, tænkte, …), a longer one begins with a preposition ("Til
        sidst", "Efter mødet"; "Mentor fra Ungeenheden" is fine), or a header/metadata word (Tid, Taler, Dato, Note,
        Kl, …) — for a one-word label only the interjection/metadata list applies, so names
        such as "Hans" and the research label "I" (interviewer) still work;
      - the colon is followed directly by a digit (a time or ratio), another colon (a CA
        stretch) or "//" (a web address).
    The known labels above are always accepted.
Timestamps and line numbers
  * Before the label: an optional line number (``12``, ``1.``, ``3)``) and/or an optional
    timestamp (``[00:01:12]``, ``(01:12)``, ``00:01``, ``00:01:12.5``). After the label, before
    the colon: ``B (00:12):``, ``B [00:12]:``. They are dropped, never part of label or text.
    The timestamp becomes the turn's ``start`` in seconds (``01:12`` is minutes and seconds).
  * Only a bracket holding a time is a timestamp; ``[ja`` (an overlap) is text.
  * A line holding nothing but a timestamp and/or line number is ignored (some tools put the
    time on its own line); a time on such a line directly before a turn without a timestamp
    of its own is that turn's ``start``. When the first turn was line-numbered, a line number
    at the start of a continuation line is dropped too (numbered CA transcripts number every
    line).
Turns
  * A line without a label continues the previous turn, joined with a newline so CA layout
    survives. Leading/trailing whitespace of each line is dropped (indentation was relative to
    a label that is no longer shown). Blank lines are ignored.
  * Pauses and gaps (Jefferson): a line holding nothing but a pause – ``(.)``, ``(0.8)``,
    ``(1,2)``, ``(2)``, optionally line-numbered – between a turn and a turn with a DIFFERENT
    label (as written) is a gap between speakers that belongs to neither: it is not part of
    the turn's text but its ``gap_after`` (several such lines joined with a newline). Followed
    by more of the same speaker (a continuation line, the same label again, the end of the
    excerpt) it is a pause within the turn and stays a line of the turn's text.
  * A label with no text and no continuation gives a turn with text "" (silence or an
    unfinished turn can matter in CA). A label alone followed by continuation lines takes them.
  * The first non-blank line must have a label, else TranscriptError naming that line.
  * Text is kept verbatim: ``(.)``, ``(1.2)``, ``[``, ``]``, ``=``, ``°stille°``, ``>hurtigt<``,
    ``::``, ``.hh``, ``↑``, ``↓``, ``((griner))``, ``(xxx)``. Only whitespace is normalised, by
    the whitespace steps of the fold every free text goes through before the personal-data
    guard and storage (``textform.fold_whitespace``): CRLF/CR and Unicode line separators
    become newlines, NBSP and other fixed spaces and TABs inside text become plain spaces,
    invisible format and control characters (BOM, soft hyphen, zero-width characters, word
    joiner) are removed, and text is NFC-normalised (the same letters, one encoding). A stored
    excerpt has been through the whole fold (``textform.fold``: also digits of other scripts,
    full-width forms, dashes between digits), so its turns show exactly the text the guard
    checked.
Names instead of role labels
  * A line that starts with what is evidently a person's name used as a speaker label, in a
    form that is not taken as a label, is refused (TranscriptError naming the line), because
    as continuation text the name would reach the shared pool, where labels are replaced by
    role names: a lower-case name (``mette: hej``), a label with a note in brackets
    (``Peter (borger): Hej``, ``B (Peter): ja``) or several labels in one
    (``R, Mette: ja``). Ordinary text with a colon in it is not affected
    (``Klokken er 10: vi starter``, ``Det sagde jeg: nej``): the words before the colon must
    pass the same test as a speaker label.
Limits
  * At most MAX_TURNS turns in every format; line numbers in errors are 1-based lines of the
    text as given (after line breaks are unified).
"""

from __future__ import annotations

import html
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from lises_reflect.i18n import Message
from lises_reflect.textform import fold_whitespace

MAX_TURNS = 400
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# A .docx is a zip; refuse one that unpacks to more than this (a "zip bomb" or a huge document).
MAX_DOCX_UNPACKED_BYTES = 40 * 1024 * 1024
# Documents, and the files transcription and subtitle tools write (read as text).
_DOCUMENT_EXTENSIONS = (".txt", ".docx")
_TOOL_EXTENSIONS = (".vtt", ".srt", ".cha")
ACCEPTED_EXTENSIONS = _DOCUMENT_EXTENSIONS + _TOOL_EXTENSIONS

CASEWORKER = "caseworker"
CITIZEN = "citizen"
OTHER = "other"

FORMATS = ("lines", "vtt", "srt", "teams", "chat")

CASEWORKER_LABELS = frozenset(
    {"r", "sb", "s", "rådgiver", "raadgiver", "sagsbehandler", "jobkonsulent", "medarbejder"}
)
CITIZEN_LABELS = frozenset({"b", "borger", "ledig"})

_MAX_OTHER_LABEL_CHARS = 30
_MAX_OTHER_LABEL_WORDS = 3


def _word_lists() -> dict[str, frozenset[str]]:
    """The parser's word lists are data (`data/transcript_words.yaml`), kept apart from its rules."""
    raw = yaml.safe_load(
        (Path(__file__).parent / "data" / "transcript_words.yaml").read_text("utf-8")
    )
    return {key: frozenset(value.split()) for key, value in raw.items()}


_WORDS = _word_lists()
_NOT_A_LABEL_WORD = _WORDS["not_a_label"]
_PREPOSITION = _WORDS["preposition"]
_SENTENCE_WORD = _NOT_A_LABEL_WORD | _WORDS["sentence"]
# what may start a line of text before a colon in lower case (`_name_label`)
_LOWER_CASE_TEXT_WORD = _SENTENCE_WORD | _PREPOSITION | _WORDS["lower_case_text"]
_CASEWORKER_ROLES = _WORDS["caseworker_roles"]
_CITIZEN_ROLES = _WORDS["citizen_roles"]
# A Teams header "name" that begins with one of these, or holds a sentence word, is text.
_NOT_A_NAME_START = _NOT_A_LABEL_WORD | _PREPOSITION
_SENTENCE_ONLY = _WORDS["sentence"]
# A Teams header candidate with one of these, or a word beginning with a digit, is a date line.
_DATE_WORD = _WORDS["date_words"]
_NAME_PARTICLE = _WORDS["name_particles"]
# Where the person's name in a Teams header ends and a note begins: "Hansen, Mette (JC)".
_NAME_NOTE = re.compile(r"[,;(\[|/]|\s[–-]\s")
# Words of a speaker key that are no person's name (`_names`).
_NOT_A_NAME_WORD = (
    _LOWER_CASE_TEXT_WORD | CASEWORKER_LABELS | CITIZEN_LABELS | _CASEWORKER_ROLES | _CITIZEN_ROLES
)
# What separates several labels written as one: "R, Mette", "Mette og Peter", "R - Mette".
_LABEL_LIST_SEP = re.compile(r"\s*(?:[,;&+]|\s(?:og|and|-|–)\s)\s*")
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")
_BRACKETED_NOTE = re.compile(r"[(\[]([^()\[\]]*)[)\]]")
_MAX_NAME_LABEL_CHARS = 40

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TIMESTAMP = rf"(?:\[\s*{_TIME}\s*\]|\(\s*{_TIME}\s*\))"
_LINE_NUMBER = r"\d{1,4}[.)]?"
# Line number and/or timestamp before the label; a bare time needs whitespace after it.
_PREFIX = re.compile(
    rf"(?P<num>{_LINE_NUMBER}[ \t]+)?"
    rf"(?:(?P<stamp>{_TIMESTAMP})[ \t]*|(?P<time>{_TIME})[ \t]+)?"
)
_ONLY_PREFIX = re.compile(rf"(?:{_LINE_NUMBER})?[ \t]*(?P<stamp>{_TIMESTAMP}|{_TIME})?")
_CONTINUATION_NUMBER = re.compile(rf"{_LINE_NUMBER}[ \t]+")
# The label (no colon, tab, brackets or parentheses in it), an optional timestamp, the separator.
_HEAD = re.compile(
    r"(?P<label>[^:\t\[\]()]*?[^:\t\[\]()\s])"
    rf"[ \t]*(?:(?P<stamp>{_TIMESTAMP})[ \t]*)?"
    r"(?P<sep>:|\t)"
)
_LABEL_WORD = re.compile(r"[^\W_][\w.'’/&-]*")
_FIRST_LABEL_WORD = re.compile(r"[^\W\d_][\w.'’/&-]*")
# The parts of a time: [h:]m:s[.fraction]
_CLOCK = re.compile(r"(\d+):(\d{2})(?::(\d{2}))?(?:[.,](\d{1,3}))?")
# A line holding only a CA pause: "(.)", "(0.8)", "(1,2)", "(2)", optionally line-numbered.
_PAUSE_LINE = re.compile(rf"(?:{_LINE_NUMBER}[ \t]+)?(?P<pause>\((?:\.|\d+(?:[.,]\d+)?)\))")

# Speaker keys that name nobody: "Speaker 2", "SPEAKER_00", "Taler 1", "Deltager 2".
_GENERIC_SPEAKER = re.compile(
    r"(?:speaker|spk|taler|deltager|participant|person|stemme|voice|unknown speaker"
    r"|ukendt taler)[ _-]?\d{1,3}",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# What separates the words of a speaker key ("Hansen, Mette"), and what is stripped around one.
_KEY_WORD_SEP = re.compile(r"[\s,;/&+]+")
_AROUND_WORD = re.compile(r"^[^\w]+|[^\w]+$")
# A CHAT speaker code longer than this, with no person's name given for it, is taken for a name.
_CHAT_CODE_LETTERS = 3
_FIRST_WORDS_CHARS = 60

# Cue formats.
_CUE_TIME = r"(?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_CUE_TIMING = re.compile(rf"(?P<start>{_CUE_TIME})[ \t]*-->[ \t]*{_CUE_TIME}(?:[ \t].*)?")
_VTT_SKIPPED_BLOCK = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?(?:[ \t]+(?P<name>[^>]*))?>")
# Markup of WebVTT and SubRip, and inline WebVTT times; other "<...>" (CA marks) stays.
_CUE_TAG = re.compile(
    r"</?(?:c|i|b|u|s|v|lang|ruby|rt|font)\b[^>]*>|<(?:\d{1,3}:)?\d{2}:\d{2}\.\d{3}>"
    r"|\{\\[^{}]*\}",
    re.IGNORECASE,
)
_BRACKET_SPEAKER = re.compile(r"\[(?P<label>[^\[\]\d:][^\[\]:]{0,39})\][ \t]*:?[ \t]*")
_GENERIC_LABEL = re.compile(rf"(?P<label>{_GENERIC_SPEAKER.pattern})[ \t]*:[ \t]*", re.IGNORECASE)
_TEAMS_HEADER = re.compile(
    r"(?P<name>[^\W\d_][^\s:]*(?:[ \t]+[^\s:]+){0,4}?)[ \t]+"
    r"(?P<time>(?:\d{1,2}:)?\d{1,2}:\d{2}(?:\.\d{1,3})?)"
)
# Teams' own lines about the transcription: never a turn's text.
_TRANSCRIPTION_NOTICE = re.compile(
    r"[^\W\d_][^:\t]{0,80}?[ \t]+"
    r"(?:started|stopped|startede|stoppede|har[ \t]+startet|har[ \t]+stoppet)[ \t]+"
    r"(?:the[ \t]+)?(?:transcription|trans(?:s)?kription(?:en)?)\.?",
    re.IGNORECASE,
)
_CHAT_MAIN = re.compile(r"\*(?P<code>[^\s:*]{1,20}):[ \t]*(?P<text>.*)")
_CHAT_HEADER = re.compile(r"@(?P<name>[^:\t]+):?[ \t]*(?P<value>.*)")
# A media bullet (milliseconds); the fold has removed the \x15 around it.
_CHAT_BULLET = re.compile(r"[ \t]*(?<!\w)\x15?(?P<start>\d+)_\d+\x15?(?!\w)")

# What in a "lines" text shows it is (part of) a transcription tool's file (`tool_trace`).
_TRACE_TIMING = re.compile(rf"{_CUE_TIME}[ \t]*-->[ \t]*{_CUE_TIME}")
_TRACE_VOICE = re.compile(r"<v[ \t.]")
_TRACE_WEBVTT = re.compile(r"WEBVTT(?:[ \t].*)?")
_TRACE_CHAT_HEADER = re.compile(r"@(?:Begin|UTF8|Participants)\b")
_TRACE_CHAT_MAIN = re.compile(r"\*[A-Z][A-Z0-9]{2,19}:\t")

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Invisible characters: controls (except tab and newline), BOM / zero-width no-break space,
# zero-width space, soft hyphen is kept (it is part of a word as typed).
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f\ufeff\u200b]")

_SHOW_MAX = 80


@dataclass(frozen=True)
class Turn:
    number: int  # 1-based
    speaker: str  # "caseworker" | "citizen" | "other"
    label: str  # the speaker label as written, e.g. "SB", "Borger", "Mentor", "Mette Hansen"
    text: str
    # Seconds from the source's start, where the source has a time for the turn.
    start: float | None = field(default=None, compare=False)
    # A free-standing CA pause between this turn and the next, e.g. "(0.8)".
    gap_after: str = field(default="", compare=False)


@dataclass(frozen=True)
class Speaker:
    """One speaker as the source names it, for the bringer to say who is who."""

    key: str  # as the source names it: the VTT voice, the label, the Teams name, the CHAT code
    name: str  # what the bringer is shown: the key, or for CHAT "Mette Hansen (SAG, Caseworker)"
    role: str | None  # "caseworker"/"citizen" when the source itself says so, else None
    names: tuple[str, ...]  # the person-name words the speaker goes by ("Mette", "Hansen")
    first_words: str  # the start of the speaker's first non-empty turn


@dataclass(frozen=True)
class Source:
    format: str  # one of FORMATS
    turns: tuple[Turn, ...]  # labels are the Speaker.key as written in the source
    speakers: tuple[Speaker, ...]  # distinct, in order of first appearance


class _MessageError(ValueError):
    """An error whose text is an i18n Message, shown in the reader's language."""

    def __init__(self, key: str, **params: Any):
        self.msg = Message(key, **params)
        super().__init__(self.message("en"))

    def message(self, lang: str) -> str:
        return self.msg.text(lang)

    @property
    def message_da(self) -> str:
        return self.message("da")

    @property
    def message_en(self) -> str:
        return self.message("en")


class TranscriptError(_MessageError):
    """The text cannot be split into turns. `line_number` is 1-based in the original text (None
    when there is no line to point at, e.g. empty input); `line` is that line, stripped."""

    def __init__(self, key: str, line_number: int | None, line: str, **params: Any):
        super().__init__(key, **params)
        self.line_number = line_number
        self.line = line


class UploadError(_MessageError):
    """An uploaded file cannot be read as a transcript; messages say what to do instead."""


# --------------------------------------------------------------------------- labels


def _speaker_for_label(label: str, after_colon: str) -> str | None:
    """The speaker a label stands for, or None when it is no label at all."""
    key = label.casefold()
    if key in CASEWORKER_LABELS:
        return CASEWORKER
    if key in CITIZEN_LABELS:
        return CITIZEN
    if len(label) > _MAX_OTHER_LABEL_CHARS or not label[0].isupper():
        return None
    words = label.split()
    if len(words) > _MAX_OTHER_LABEL_WORDS:
        return None
    if not _FIRST_LABEL_WORD.fullmatch(words[0]):
        return None
    if not all(_LABEL_WORD.fullmatch(w) for w in words[1:]):
        return None
    stop = _NOT_A_LABEL_WORD if len(words) == 1 else _SENTENCE_WORD
    if any(w.casefold().rstrip(".") in stop or w.casefold() in stop for w in words):
        return None
    if len(words) > 1 and words[0].casefold() in _PREPOSITION:
        return None
    if after_colon[:1].isdigit() or after_colon.startswith((":", "//")):
        return None
    return OTHER


def _labelish(word: str) -> bool:
    """Would `word` (one part of a candidate) be taken as a speaker label if written properly?"""
    if not word:
        return False
    if word.casefold() in CASEWORKER_LABELS | CITIZEN_LABELS:
        return True
    if word[0].islower():
        if all(w.casefold().rstrip(".") in _LOWER_CASE_TEXT_WORD for w in word.split()):
            return False
        word = word[0].upper() + word[1:]
    return _speaker_for_label(word, "") is not None


def _name_label(line: str, numbered: bool) -> str | None:
    """The label, when a line that is no turn starts with a name used as a speaker label.

    As continuation text such a line would carry the name into the shared pool, where labels
    are replaced by role names. Three forms: a lower-case name ("mette: hej"), a label with a
    note in brackets ("Peter (borger): Hej", "B (Peter): ja"), and several labels in one
    ("R, Mette: ja", "Mette og Peter: hej"). The words before the colon must pass the same
    test as a label, so a sentence with a colon in it ("Det sagde jeg: nej") stays text. A
    leading number is a line number only in a line-numbered transcript ("3 gange: ja")."""
    prefix = _PREFIX.match(line)
    assert prefix is not None
    has_number = prefix.group("num") is not None
    has_time = prefix.end() > (prefix.end("num") if has_number else 0)
    rest = line[prefix.end() :] if numbered or has_time or not has_number else line
    cut = min((i for i in (rest.find(":"), rest.find("\t")) if i > 0), default=-1)
    if cut < 0:
        return None
    candidate = rest[:cut].strip()
    after = rest[cut + 1 :].lstrip() if rest[cut] == ":" else ""
    if not candidate or len(candidate) > _MAX_NAME_LABEL_CHARS:
        return None
    if after[:1].isdigit() or after.startswith((":", "//")):
        return None
    if _BRACKETED.search(candidate):
        base = _BRACKETED.sub(" ", candidate).strip()
        return candidate if _labelish(base) else None
    parts = _LABEL_LIST_SEP.split(candidate)
    if len(parts) > 1:
        return candidate if all(_labelish(part) for part in parts) else None
    return candidate if candidate[0].islower() and _labelish(candidate) else None


def _name_label_error(number: int, line: str, label: str) -> TranscriptError:
    return TranscriptError(
        "transcript.name_label", number, line, number=number, label=label, shown=_shown(line)
    )


def _split_label(line: str) -> tuple[str, str, str, bool, float | None] | None:
    """(speaker, label, text, had line number, start) when the line starts a turn, else None."""
    prefix = _PREFIX.match(line)
    assert prefix is not None  # everything in it is optional
    head = _HEAD.match(line, prefix.end())
    if head is None:
        return None
    label = head.group("label").strip()
    rest = line[head.end() :]
    after_colon = rest if head.group("sep") == ":" else ""
    speaker = _speaker_for_label(label, after_colon)
    if speaker is None:
        return None
    stamp = head.group("stamp") or prefix.group("stamp") or prefix.group("time")
    start = _seconds(stamp) if stamp else None
    return speaker, label, _clean_text(rest), prefix.group("num") is not None, start


def _seconds(time: str) -> float | None:
    """Seconds of a time such as "01:12" (minutes), "1:02:03", "00:01:12,5", "00:01.000"."""
    clock = _CLOCK.search(time)
    if clock is None:
        return None
    first, second, third, fraction = clock.groups()
    if third is None:
        seconds = int(first) * 60 + int(second)
    else:
        seconds = int(first) * 3600 + int(second) * 60 + int(third)
    return seconds + (float(f"0.{fraction}") if fraction else 0.0)


def _clean_text(text: str) -> str:
    return text.replace("\t", " ").strip()


def _shown(line: str) -> str:
    return line if len(line) <= _SHOW_MAX else line[: _SHOW_MAX - 1].rstrip() + "…"


def _first_line_error(number: int, line: str) -> TranscriptError:
    word = re.match(r"[^\W\d_]+", line)
    hint: Message | str = ""
    if word and word.group().casefold() in CASEWORKER_LABELS | CITIZEN_LABELS:
        hint = Message("transcript.hint_colon", word=word.group())
    return TranscriptError(
        "transcript.first_line", number, line, number=number, shown=_shown(line), hint=hint
    )


def _role_of_label(label: str) -> str | None:
    key = label.casefold()
    if key in CASEWORKER_LABELS:
        return CASEWORKER
    if key in CITIZEN_LABELS:
        return CITIZEN
    return None


@dataclass
class _Draft:
    """A turn (or, for the tool formats, a cue) being read."""

    key: str | None  # the speaker as the source names it; None: the cue names nobody
    parts: list[str]  # lines of the text
    start: float | None
    index: int  # 0-based line where it begins
    speaker: str = OTHER
    gaps: list[str] = field(default_factory=list)
    voiced: bool = False  # a WebVTT voice names the speaker: the cue's lines are all theirs


def _too_many(turns: int, index: int, lines: list[str]) -> TranscriptError:
    line = lines[index].strip()
    return TranscriptError(
        "transcript.too_many",
        index + 1,
        line,
        turns=turns,
        maximum=MAX_TURNS,
        next=MAX_TURNS + 1,
        number=index + 1,
        shown=_shown(line),
    )


def _turns(drafts: list[_Draft]) -> tuple[Turn, ...]:
    return tuple(
        Turn(
            number,
            draft.speaker,
            draft.key or "",
            "\n".join(part for part in draft.parts if part),
            draft.start,
            "\n".join(draft.gaps),
        )
        for number, draft in enumerate(drafts, start=1)
    )


# --------------------------------------------------------------------------- lines


def _read_lines(lines: list[str]) -> tuple[Turn, ...]:
    drafts: list[_Draft] = []
    numbered = False
    too_many_at: int | None = None
    pending_start: float | None = None  # a time alone on the line before a turn
    pauses: list[tuple[str, str]] = []  # free-standing pauses: (the pause, the line as text)
    for index, raw in enumerate(lines):
        line = raw.strip(" ")
        stripped = line.strip()
        if not stripped:
            continue
        only = _ONLY_PREFIX.fullmatch(stripped)
        if only is not None:
            if only.group("stamp"):
                pending_start = _seconds(only.group("stamp"))
            continue
        split = _split_label(line.lstrip())
        if split is not None:
            speaker, label, body, had_number, start = split
            if not drafts:
                numbered = had_number
            elif pauses:
                # A silence before another speaker is a gap; before the same one, a pause.
                if label == drafts[-1].key:
                    drafts[-1].parts.extend(text for _, text in pauses)
                else:
                    drafts[-1].gaps.extend(pause for pause, _ in pauses)
                pauses.clear()
            if start is None:
                start = pending_start
            drafts.append(_Draft(label, [body], start, index, speaker))
            pending_start = None
            if len(drafts) == MAX_TURNS + 1:
                too_many_at = index
            continue
        pending_start = None
        name = _name_label(stripped, numbered or not drafts)
        if name is not None:
            raise _name_label_error(index + 1, stripped, name)
        if not drafts:
            raise _first_line_error(index + 1, stripped)
        pause = _PAUSE_LINE.fullmatch(stripped)
        if numbered:
            number = _CONTINUATION_NUMBER.match(stripped)
            if number:
                stripped = stripped[number.end() :]
        body = _clean_text(stripped)
        if pause is not None:
            pauses.append((pause.group("pause"), body))
            continue
        if pauses:
            drafts[-1].parts.extend(text for _, text in pauses)
            pauses.clear()
        drafts[-1].parts.append(body)
    if not drafts:
        raise TranscriptError("transcript.empty", None, "")
    drafts[-1].parts.extend(text for _, text in pauses)
    if too_many_at is not None:
        raise _too_many(len(drafts), too_many_at, lines)
    return _turns(drafts)


# --------------------------------------------------------------------------- cue formats


def _cue_label(text: str) -> tuple[str, str] | None:
    """(speaker key, rest of the text) when a cue's line starts by naming its speaker."""
    bracket = _BRACKET_SPEAKER.match(text)
    if bracket is not None:
        label = bracket.group("label").strip()
        if label and (_GENERIC_SPEAKER.fullmatch(label) or _speaker_for_label(label, "")):
            return label, text[bracket.end() :]
    generic = _GENERIC_LABEL.match(text)
    if generic is not None:
        return generic.group("label"), text[generic.end() :]
    if ":" in text or "\t" in text:
        split = _split_label(text)
        if split is not None:
            return split[1], split[2]
    return None


def _cue_markup(text: str) -> str:
    """A cue's text without tags, with entities decoded."""
    if "<" in text or "{" in text:
        text = _CUE_TAG.sub("", text)
    if "&" in text:
        text = fold_whitespace(html.unescape(text))
    return _clean_text(text)


def _cue_payload(lines: list[str], indexes: list[int], start: float | None) -> list[_Draft]:
    """The speakers' parts of one subtitle cue: one voice, or a label, per line is possible."""
    drafts: list[_Draft] = []
    current: _Draft | None = None
    for index in indexes:
        line = lines[index].strip()
        position = 0
        voices = _VOICE.finditer(line) if "<v" in line else ()
        for voice in voices:
            before = _cue_markup(line[position : voice.start()])
            if before:
                if current is None:
                    current = _Draft(None, [], start, index)
                    drafts.append(current)
                current.parts.append(before)
            name = html.unescape(voice.group("name") or "").strip()
            current = _Draft(name or None, [], start, index, voiced=True)
            drafts.append(current)
            position = voice.end()
        text = _cue_markup(line[position:])
        if not text:
            continue
        if current is None or not current.voiced:
            labelled = _cue_label(text)
            if labelled is not None:
                key, text = labelled[0], _clean_text(labelled[1])
                current = _Draft(key, [], start, index)
                drafts.append(current)
            else:
                # As the previous speaker's text the name would reach the excerpt.
                name = _name_label(text, False)
                if name is not None:
                    raise _name_label_error(index + 1, line, name)
        if current is None:
            current = _Draft(None, [], start, index)
            drafts.append(current)
        current.parts.append(text)
    return drafts


def _bad_cue(index: int, lines: list[str], kind: str) -> TranscriptError:
    line = lines[index].strip()
    example = (
        "00:00:01.000 --> 00:00:04.000" if kind == "WebVTT" else "00:00:01,000 --> 00:00:04,000"
    )
    return TranscriptError(
        "transcript.bad_cue",
        index + 1,
        line,
        number=index + 1,
        shown=_shown(line),
        kind=kind,
        example=example,
    )


def _read_subtitles(lines: list[str], kind: str) -> list[_Draft]:
    """The cues of a WebVTT (kind "WebVTT") or SubRip ("SRT") file, in file order."""
    cues: list[_Draft] = []
    block: list[int] = []
    first_block = True
    for index in range(len(lines) + 1):
        if index < len(lines) and lines[index].strip():
            block.append(index)
            continue
        if not block:
            continue
        head = lines[block[0]].strip()
        if first_block and head.startswith("WEBVTT"):
            # The header; a cue written straight under it (no blank line) is still read.
            block = next(
                (
                    block[k:]
                    for k in range(1, len(block))
                    if _CUE_TIMING.fullmatch(lines[block[k]].strip())
                ),
                [],
            )
        elif _VTT_SKIPPED_BLOCK.fullmatch(head):
            block = []
        first_block = False
        if block:
            timing = _CUE_TIMING.fullmatch(lines[block[0]].strip())
            at = 0
            if timing is None and len(block) > 1:
                timing = _CUE_TIMING.fullmatch(lines[block[1]].strip())
                at = 1
            if timing is None:
                # Point at the line that should have been the timing line.
                at = 1 if len(block) > 1 and lines[block[0]].strip().isdigit() else 0
                raise _bad_cue(block[at], lines, kind)
            cues.extend(_cue_payload(lines, block[at + 1 :], _seconds(timing.group("start"))))
        block = []
    return cues


def _teams_header(line: str) -> re.Match[str] | None:
    """The name and time of a Teams/Word "Transcribe" header line ("Mette Hansen  0:01")."""
    header = _TEAMS_HEADER.fullmatch(line)
    if header is None:
        return None
    name = header.group("name")
    if _GENERIC_SPEAKER.fullmatch(name):
        return header
    words = [w.casefold() for w in name.split()]
    if not name[0].isupper() or words[0].rstrip(".") in _NOT_A_NAME_START:
        return None
    if any(w in _SENTENCE_ONLY or w.rstrip(".") in _SENTENCE_ONLY for w in words):
        return None
    # The name before any note ("Hansen, Mette (2. sal)") is capitalised but for particles:
    # "Mødet sluttede 10:30" is text. A date line ("Tirsdag 14. november 2023 10:02") is no
    # header either.
    person = _NAME_NOTE.split(name, maxsplit=1)[0].split()
    if any(w[0].islower() and w not in _NAME_PARTICLE for w in person[1:]):
        return None
    if any(w[0].isdigit() or w.casefold().strip(".,") in _DATE_WORD for w in person):
        return None
    return header


def _read_teams(lines: list[str]) -> list[_Draft]:
    cues: list[_Draft] = []
    current: _Draft | None = None
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        header = _teams_header(line)
        if header is not None:
            current = _Draft(header.group("name"), [], _seconds(header.group("time")), index)
            cues.append(current)
        elif current is not None and not _TRANSCRIPTION_NOTICE.fullmatch(line):
            # Lines before the first header (a title, a date, a duration) are dropped.
            current.parts.append(_clean_text(line))
    return cues


def _participants(value: str) -> dict[str, tuple[str, str | None, str | None]]:
    """CHAT "@Participants:": code -> (shown name, role, person's name)."""
    found: dict[str, tuple[str, str | None, str | None]] = {}
    for entry in value.split(","):
        words = entry.split()
        if not words:
            continue
        code, rest = words[0], words[1:]
        role_word = rest[-1] if rest else None
        person = rest[0].replace("_", " ") if len(rest) > 1 else None
        role = None
        if role_word is not None:
            if role_word.casefold() in _CASEWORKER_ROLES:
                role = CASEWORKER
            elif role_word.casefold() in _CITIZEN_ROLES:
                role = CITIZEN
        details = ", ".join(x for x in (code if person else None, role_word) if x)
        shown = f"{person or code} ({details})" if details else code
        found[code] = (shown, role, person)
    return found


def _read_chat(
    lines: list[str],
) -> tuple[list[_Draft], dict[str, tuple[str, str | None, str | None]]]:
    cues: list[_Draft] = []
    tier = ""  # what a continuation line continues: "main", "participants" or "" (skipped)
    participants: list[str] = []
    current: _Draft | None = None
    for index, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            continue
        if raw[0] in " \t" or line[0] not in "@*%":
            if tier == "main" and current is not None:
                current.parts.append(_clean_text(line))
            elif tier == "participants":
                participants.append(line)
            continue
        if line[0] == "@":
            header = _CHAT_HEADER.fullmatch(line)
            tier = ""
            if header is not None and header.group("name").strip() == "Participants":
                participants.append(header.group("value"))
                tier = "participants"
            continue
        main = _CHAT_MAIN.fullmatch(line) if line[0] == "*" else None
        if main is None:  # a %dependent tier
            tier = ""
            continue
        current = _Draft(main.group("code"), [_clean_text(main.group("text"))], None, index)
        cues.append(current)
        tier = "main"
    for cue in cues:
        text = " ".join(part for part in cue.parts if part)
        bullet = _CHAT_BULLET.search(text) if "_" in text else None
        if bullet is not None:
            cue.start = int(bullet.group("start")) / 1000
            text = _CHAT_BULLET.sub("", text)
        cue.parts = [_clean_text(text)]
    return cues, _participants(" ".join(participants))


def _from_cues(cues: list[_Draft], lines: list[str], limited: bool = True) -> tuple[Turn, ...]:
    """Turns of the cues: empty cues skipped, consecutive cues of one speaker joined."""
    drafts: list[_Draft] = []
    too_many_at: int | None = None
    for cue in cues:
        text = " ".join(part for part in cue.parts if part)
        if not text:
            continue
        key = cue.key
        if key is None:
            if not drafts:
                line = lines[cue.index].strip()
                raise TranscriptError(
                    "transcript.no_speaker",
                    cue.index + 1,
                    line,
                    number=cue.index + 1,
                    shown=_shown(line),
                )
            key = drafts[-1].key
        if drafts and drafts[-1].key == key:
            drafts[-1].parts.append(text)
            continue
        speaker = _role_of_label(key) or OTHER
        drafts.append(_Draft(key, [text], cue.start, cue.index, speaker))
        if limited and len(drafts) == MAX_TURNS + 1:
            too_many_at = cue.index
    if not drafts:
        raise TranscriptError("transcript.empty", None, "")
    if too_many_at is not None:
        raise _too_many(len(drafts), too_many_at, lines)
    return _turns(drafts)


# --------------------------------------------------------------------------- formats


def _non_blank(lines: list[str], most: int) -> list[str]:
    found: list[str] = []
    for raw in lines:
        line = raw.strip()
        if line:
            found.append(line)
            if len(found) == most:
                break
    return found


# The first Teams header is among the first non-blank lines: under a title, a date, a duration
# and "… started transcription".
_TEAMS_HEADER_WITHIN = 8


def _format(lines: list[str]) -> str:
    first = _non_blank(lines, _TEAMS_HEADER_WITHIN)
    if not first:
        return "lines"
    head = first[0]
    if head.startswith("WEBVTT"):
        return "vtt"
    if head.startswith(("@UTF8", "@Begin")):
        return "chat"
    if _CUE_TIMING.fullmatch(head) or (
        head.isdigit() and len(first) > 1 and _CUE_TIMING.fullmatch(first[1])
    ):
        return "srt"
    if _looks_like_teams(lines, first):
        return "teams"
    begin = main = False
    for raw in lines:
        if raw.startswith("@Begin"):
            begin = True
        elif raw.startswith("*") and _CHAT_MAIN.fullmatch(raw.strip()):
            main = True
        if begin and main:
            return "chat"
    return "lines"


def _looks_like_teams(lines: list[str], first: list[str]) -> bool:
    at = next((k for k, line in enumerate(first) if _teams_header(line)), None)
    if at is None:
        return False
    before = first[:at]
    # A turn before the first header makes it a "lines" text, unless Teams' own notice says
    # the transcription started (then it is the meeting's title, "Opfølgning: jobplan").
    if not any(_TRANSCRIPTION_NOTICE.fullmatch(line) for line in before) and any(
        _split_label(line) for line in before
    ):
        return False
    seen = 0
    for raw in lines:
        line = raw.strip()
        if line and _teams_header(line):
            seen += 1
            if seen == 2:
                return True
    return False


def detect_format(text: str) -> str:
    """The format of a transcript (one of FORMATS), told by its content."""
    return _format(fold_whitespace(text or "").split("\n"))


def tool_trace(text: str) -> tuple[int, str] | None:
    """The first line (1-based number, the line stripped) that is evidently part of a
    transcription tool's file, else None. Meant for a text `detect_format` calls "lines": such a
    line (a cue timing line, a WebVTT voice or "WEBVTT" line, a CHAT "@Begin", "@UTF8" or
    "@Participants" line or main tier "*SAG:<TAB>…", a Teams header "Mette Hansen  0:01" by
    the rule Teams is recognised by, or Teams' "… started transcription") would be read as a
    turn's text, and the speakers' names in it would be stored."""
    for index, raw in enumerate(fold_whitespace(text or "").split("\n")):
        line = raw.strip()
        if not line:
            continue
        if (
            ("-->" in line and _TRACE_TIMING.search(line))
            or ("<v" in line and _TRACE_VOICE.search(line))
            or _TRACE_WEBVTT.fullmatch(line)
            or _TRACE_CHAT_HEADER.match(line)
            or _TRACE_CHAT_MAIN.match(line)
            or _teams_header(line)
            or _TRANSCRIPTION_NOTICE.fullmatch(line)
        ):
            return index + 1, line
    return None


def _names(key: str) -> tuple[str, ...]:
    """The words of a speaker key that can be a person's name, as written: ("Mette", "Hansen")
    of "Mette Hansen" and "Hansen, Mette", ("METTE",), ("Anne-Marie",). In a key of mixed case
    only the words with a capital letter count ("Mette fra jobcentret"); in an all lower-case
    or all upper-case key every word does. Role and function words never count. A note in
    brackets ("Mette Hansen (Jobcenter Aarhus)") counts only when the rest names nobody
    ("B (Peter)")."""
    key = key.strip()
    if _role_of_label(key) or _GENERIC_SPEAKER.fullmatch(key):
        return ()
    outside = _BRACKETED.sub(" ", key).strip()
    if outside != key:
        return _names(outside) or _names(" ".join(_BRACKETED_NOTE.findall(key)))
    any_case = key.islower() or key.isupper()
    found: list[str] = []
    for part in _KEY_WORD_SEP.split(key):
        word = _AROUND_WORD.sub("", part)
        if (
            _NAME_WORD.fullmatch(word)
            and (any_case or word[0].isupper())
            and word.casefold() not in _NOT_A_NAME_WORD
            and word not in found
        ):
            found.append(word)
    return tuple(found)


def _chat_names(code: str, person: str | None) -> tuple[str, ...]:
    """A CHAT speaker's name words: the person's name @Participants gives, and the code itself
    when it is longer than the usual three letters ("FATIMA"), since it is then likely a name."""
    names = _names(person) if person else ()
    if len(code) > _CHAT_CODE_LETTERS and _NAME_WORD.fullmatch(code):
        names += tuple(w for w in _names(code) if w not in names)
    return names


def _first_words(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _FIRST_WORDS_CHARS:
        return text
    cut = text[: _FIRST_WORDS_CHARS - 1]
    if " " in cut[_FIRST_WORDS_CHARS // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip() + "…"


def _speakers(
    turns: tuple[Turn, ...],
    known: dict[str, tuple[str, str | None, str | None]] | None = None,
) -> tuple[Speaker, ...]:
    first: dict[str, str] = {}
    order: list[str] = []
    for turn in turns:
        if turn.label not in first:
            order.append(turn.label)
            first[turn.label] = ""
        if not first[turn.label] and turn.text:
            first[turn.label] = _first_words(turn.text)
    speakers: list[Speaker] = []
    for key in order:
        role = _role_of_label(key)
        name, names = key, _names(key)
        if known is not None:
            shown, stated, person = known.get(key, (key, None, None))
            name, role = shown, stated or role
            names = _chat_names(key, person)
        speakers.append(Speaker(key, name, role, names, first[key]))
    return tuple(speakers)


def read_source(text: str, *, whole: bool = False) -> Source:
    """The turns and speakers of a transcript in any of FORMATS; raises TranscriptError.

    `whole`: a tool's file of any length (a recording of an hour), for the speaker step that
    picks the part to bring; the limit of MAX_TURNS holds for the excerpt that is stored."""
    # The whitespace steps of the fold every text goes through before the personal-data guard
    # and storage; stored text is already folded, so the turns show exactly what was checked.
    lines = fold_whitespace(text or "").split("\n")
    kind = _format(lines)
    known: dict[str, tuple[str, str | None, str | None]] | None = None
    if kind == "lines":
        turns = _read_lines(lines)
    elif kind == "chat":
        cues, known = _read_chat(lines)
        turns = _from_cues(cues, lines, not whole)
    else:
        readers: dict[str, Callable[[list[str]], list[_Draft]]] = {
            "vtt": lambda x: _read_subtitles(x, "WebVTT"),
            "srt": lambda x: _read_subtitles(x, "SRT"),
            "teams": _read_teams,
        }
        turns = _from_cues(readers[kind](lines), lines, not whole)
    return Source(kind, turns, _speakers(turns, known))


def parse_transcript(text: str) -> list[Turn]:
    """Split a transcript excerpt into turns; raises TranscriptError saying what to change."""
    return list(read_source(text).turns)


# --------------------------------------------------------------------------- uploads


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_upload(filename: str, data: bytes) -> str:
    """The text of an uploaded file; raises UploadError saying what to do. A .docx is read as
    Word; .txt and the transcription tools' files (.vtt, .srt, .cha) are read as plain text."""
    name = (filename or "").strip()
    extension = os.path.splitext(name)[1].lower()
    if extension not in ACCEPTED_EXTENSIONS:
        hint = Message("upload.hint_doc") if extension == ".doc" else ""
        raise UploadError(
            "upload.unsupported",
            name=name,
            kind=Message("upload.kind", extension=extension)
            if extension
            else Message("upload.kind_none"),
            accepted=Message(
                "upload.accepted",
                text_head=", ".join(_DOCUMENT_EXTENSIONS[:-1]),
                text_last=_DOCUMENT_EXTENSIONS[-1],
                tool_head=", ".join(_TOOL_EXTENSIONS[:-1]),
                tool_last=_TOOL_EXTENSIONS[-1],
            ),
            hint=hint,
        )
    if len(data) > MAX_UPLOAD_BYTES:
        raise UploadError(
            "upload.too_large",
            name=name,
            size=_megabytes(len(data)),
            limit=_megabytes(MAX_UPLOAD_BYTES),
        )
    if not data:
        raise UploadError("upload.empty", name=name)
    text = _read_docx(name, data) if extension == ".docx" else _read_txt(name, data)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    if not text.strip():
        raise UploadError("upload.empty", name=name)
    return text


def _not_text(name: str, data: bytes) -> UploadError:
    hint: Message | str = ""
    if data.startswith(b"PK\x03\x04"):
        hint = Message("upload.hint_docx")
    elif data.startswith(b"%PDF"):
        hint = Message("upload.hint_pdf")
    return UploadError("upload.not_text", name=name, hint=hint)


def _read_txt(name: str, data: bytes) -> str:
    # Windows "Unicode" text is UTF-16 with a byte-order mark; it is full of NUL bytes.
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    if b"\x00" in data and not utf16:
        raise _not_text(name, data)
    for encoding in ("utf-16",) if utf16 else ("utf-8-sig", "utf-8", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        if utf16:
            raise _not_text(name, data)
        raise UploadError("upload.encoding", name=name)
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\x0b\x0c"
    )
    if controls > 0.05 * len(text):
        raise _not_text(name, data)
    return text


def _read_docx(name: str, data: bytes) -> str:
    broken = UploadError("upload.broken_docx", name=name)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {entry.filename for entry in entries}
            unpacked = sum(entry.file_size for entry in entries)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
        raise broken from err
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        raise broken
    if unpacked > MAX_DOCX_UNPACKED_BYTES:
        raise UploadError("upload.too_large_unpacked", name=name)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        return "\n".join(_block_lines(document))
    except Exception as err:  # any failure here means "not a readable .docx"
        raise broken from err


def _block_lines(container: Any) -> list[str]:
    """Paragraphs and tables in reading order; a table row becomes one line, cells joined by a
    TAB (a speaker | text table then reads as "R<TAB>text", which parse_transcript accepts)."""
    from docx.table import Table, _Cell

    lines: list[str] = []
    for block in container.iter_inner_content():
        if not isinstance(block, Table):
            lines.append(block.text)
            continue
        for row in block.rows:
            cells: list[str] = []
            for tc in row._tr.tc_lst:
                if tc.vMerge == "continue":  # the text is already in the merged cell above
                    cells.append("")
                    continue
                cells.append("\n".join(_block_lines(_Cell(tc, block))))
            lines.append("\t".join(cells))
    return lines
