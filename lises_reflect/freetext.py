"""Every free-text field passes here before storage: length limit, control characters, personal data."""

from __future__ import annotations

import re
import unicodedata

from lises_reflect.errors import InvalidInput
from lises_reflect.privacy import check_free_text

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

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text).strip()


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


def md_escape(text: str) -> str:
    """User text as a literal inside Streamlit Markdown: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it), so no emphasis, link, HTML, LaTeX or
    `:colour[...]` directive can come from what a user typed. Line breaks are kept."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text or "")
    return "  \n".join(escaped.split("\n"))
