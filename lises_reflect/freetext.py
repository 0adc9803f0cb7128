"""Every free-text field passes here before storage: length limit, control characters, personal data."""

from __future__ import annotations

import re

from lises_reflect.errors import InvalidInput
from lises_reflect.privacy import check_free_text
from lises_reflect.textform import fold

# Characters, per field. Generous for an excerpt (a few pages of transcript), short for what is
# read aloud in a round.
LIMITS: dict[str, int] = {
    "title": 120,
    "excerpt": 20_000,
    "context_wish": 2_000,
    "observation": 2_000,
    "reflection": 2_000,
    "struck": 2_000,
    "takeaway": 2_000,
    "learning_point": 600,
}


def normalise(text: str) -> str:
    """The text as it is checked and stored: `textform.fold` (one form for spaces, invisible
    characters, digits, dashes and line breaks; see there), trimmed. Newlines are kept."""
    return fold(text or "").strip()


NAME_LIMIT = 200


def name(text: str, code: str) -> str:
    """A name (person, team, organisation) is shown on every page and in exports: one line, no
    control or invisible characters, never empty nor longer than NAME_LIMIT. `code` is the
    caller's message, so the user is told which name to fix."""
    value = " ".join(normalise(text).split())
    if not value or len(value) > NAME_LIMIT:
        raise InvalidInput(code, limit=NAME_LIMIT)
    return value


def clean(field: str, text: str) -> str:
    """Return the text as it will be stored, or raise with what the user must change."""
    if field not in LIMITS:
        raise KeyError(field)
    value = normalise(text)
    limit = LIMITS[field]
    if len(value) > limit:
        raise InvalidInput("error.too_long", field=field, limit=limit, length=len(value))
    check_free_text(value, field=field)
    return value


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=&^\"'])")


# Characters of unchanged text around a short change that must come along with it.
_CONTEXT = 12


def builds_on(text: str, theirs: str, before: str) -> bool:
    """Does `text` keep what another person changed when `before` became `theirs`?

    A shared field's page follows another's save, but a browser holding unsent keystrokes keeps
    showing its own text; what it sends then is built on `before`, and saving it would undo the
    other's change unseen. One edit region (common prefix and suffix stripped) is compared:
    what they added must still be there, what they removed must be gone. Deliberately strict: a
    doubtful case is shown to the person as a conflict, which loses nothing."""
    if text == theirs or theirs == before:
        return True
    head = 0
    while head < min(len(before), len(theirs)) and before[head] == theirs[head]:
        head += 1
    tail = 0
    while tail < min(len(before), len(theirs)) - head and before[-1 - tail] == theirs[-1 - tail]:
        tail += 1
    added = theirs[head : len(theirs) - tail]
    if added:
        probe = (
            added
            if len(added) >= 8
            else theirs[max(0, head - _CONTEXT) : len(theirs) - tail + _CONTEXT]
        )
        return probe in text
    removed = before[max(0, head - _CONTEXT) : len(before) - tail + _CONTEXT]
    return removed not in text


def md_escape(text: str) -> str:
    """User text as a literal inside Streamlit Markdown: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it), so no emphasis, link, HTML, LaTeX or
    `:colour[...]` directive can come from what a user typed. Line breaks are kept."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text or "")
    return "  \n".join(escaped.split("\n"))
