"""A pasted or uploaded transcript excerpt, split into numbered speaker turns.

Input is what caseworkers actually have: a few pages typed in Word or copied from a
transcription tool, often with timestamps or line numbers, sometimes with conversation-analytic
(CA) marks. The rules, decided with the product owner:

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
  * Only a bracket holding a time is a timestamp; ``[ja`` (an overlap) is text.
  * A line holding nothing but a timestamp and/or line number is ignored (some tools put the
    time on its own line). When the first turn was line-numbered, a line number at the start of
    a continuation line is dropped too (numbered CA transcripts number every line).
Turns
  * A line without a label continues the previous turn, joined with a newline so CA layout
    survives. Leading/trailing whitespace of each line is dropped (indentation was relative to
    a label that is no longer shown). Blank lines are ignored.
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
"""

from __future__ import annotations

import io
import os
import re
import unicodedata
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from lises_reflect.i18n import Message
from lises_reflect.textform import fold_whitespace

MAX_TURNS = 400
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
# A .docx is a zip; refuse one that unpacks to more than this (a "zip bomb" or a huge document).
MAX_DOCX_UNPACKED_BYTES = 40 * 1024 * 1024
ACCEPTED_EXTENSIONS = (".txt", ".docx")

CASEWORKER = "caseworker"
CITIZEN = "citizen"
OTHER = "other"

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
# What separates several labels written as one: "R, Mette", "Mette og Peter", "R - Mette".
_LABEL_LIST_SEP = re.compile(r"\s*(?:[,;&+]|\s(?:og|and|-|–)\s)\s*")
_BRACKETED = re.compile(r"\s*[(\[][^()\[\]]*[)\]]\s*")
_MAX_NAME_LABEL_CHARS = 40

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TIMESTAMP = rf"(?:\[\s*{_TIME}\s*\]|\(\s*{_TIME}\s*\))"
_LINE_NUMBER = r"\d{1,4}[.)]?"
# Line number and/or timestamp before the label; a bare time needs whitespace after it.
_PREFIX = re.compile(
    rf"(?P<num>{_LINE_NUMBER}[ \t]+)?"
    rf"(?:{_TIMESTAMP}[ \t]*|{_TIME}[ \t]+)?"
)
_ONLY_PREFIX = re.compile(rf"(?:{_LINE_NUMBER})?[ \t]*(?:{_TIMESTAMP}|{_TIME})?")
_CONTINUATION_NUMBER = re.compile(rf"{_LINE_NUMBER}[ \t]+")
# The label (no colon, tab, brackets or parentheses in it), an optional timestamp, the separator.
_HEAD = re.compile(
    r"(?P<label>[^:\t\[\]()]*?[^:\t\[\]()\s])"
    rf"[ \t]*(?:{_TIMESTAMP}[ \t]*)?"
    r"(?P<sep>:|\t)"
)
_LABEL_WORD = re.compile(r"[^\W_][\w.'’/&-]*")
_FIRST_LABEL_WORD = re.compile(r"[^\W\d_][\w.'’/&-]*")

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# Invisible characters: controls (except tab and newline), BOM / zero-width no-break space,
# zero-width space, soft hyphen is kept (it is part of a word as typed).
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f\ufeff\u200b]")

_SHOW_MAX = 80


@dataclass(frozen=True)
class Turn:
    number: int  # 1-based
    speaker: str  # "caseworker" | "citizen" | "other"
    label: str  # the speaker label as written, e.g. "SB", "Borger", "Mentor"
    text: str


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


# --------------------------------------------------------------------------- parsing


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


def _split_label(line: str) -> tuple[str, str, str, bool] | None:
    """(speaker, label, text, had line number) when the line starts a turn, else None."""
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
    return speaker, label, _clean_text(rest), prefix.group("num") is not None


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


def parse_transcript(text: str) -> list[Turn]:
    """Split a transcript excerpt into turns; raises TranscriptError saying what to change."""
    turns: list[Turn] = []
    numbered = False
    too_many_at: tuple[int, str] | None = None
    # The whitespace steps of the fold every text goes through before the personal-data guard
    # and storage; stored text is already folded, so the turns show exactly what was checked.
    for index, raw in enumerate(fold_whitespace(text or "").split("\n")):
        line = raw.strip(" ")
        stripped = line.strip()
        if not stripped or _ONLY_PREFIX.fullmatch(stripped):
            continue
        split = _split_label(line.lstrip())
        if split is not None:
            speaker, label, body, had_number = split
            if not turns:
                numbered = had_number
            turns.append(Turn(len(turns) + 1, speaker, label, body))
            if len(turns) == MAX_TURNS + 1:
                too_many_at = (index + 1, stripped)
            continue
        name = _name_label(stripped, numbered or not turns)
        if name is not None:
            raise _name_label_error(index + 1, stripped, name)
        if not turns:
            raise _first_line_error(index + 1, stripped)
        if numbered:
            number = _CONTINUATION_NUMBER.match(stripped)
            if number:
                stripped = stripped[number.end() :]
        body = _clean_text(stripped)
        previous = turns[-1]
        turns[-1] = replace(previous, text=f"{previous.text}\n{body}" if previous.text else body)
    if not turns:
        raise TranscriptError("transcript.empty", None, "")
    if too_many_at is not None:
        number, line = too_many_at
        raise TranscriptError(
            "transcript.too_many",
            number,
            line,
            turns=len(turns),
            maximum=MAX_TURNS,
            next=MAX_TURNS + 1,
            number=number,
            shown=_shown(line),
        )
    return turns


# --------------------------------------------------------------------------- uploads


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")


def read_upload(filename: str, data: bytes) -> str:
    """The text of an uploaded .txt or .docx file; raises UploadError saying what to do."""
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
                head=", ".join(ACCEPTED_EXTENSIONS[:-1]),
                last=ACCEPTED_EXTENSIONS[-1],
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
