"""Every free-text field passes here before storage: length limit, control characters, personal data."""

from __future__ import annotations

import re

from lises_reflect.errors import InvalidInput
from lises_reflect.privacy import check_free_text, find_personal_data
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


def screen_name(text: str, code: str) -> str:
    """A name (person, team, organisation) is shown on every page and in exports: one line, no
    control or invisible characters, never empty nor longer than NAME_LIMIT, and no CPR
    number, phone number or e-mail address in it (a name field is no place to park contact
    details, and it reaches places no reflection text does). `code` is the caller's message for
    an empty or too long name, so the user is told which name to fix."""
    value = " ".join(normalise(text).split())
    if not value or len(value) > NAME_LIMIT:
        raise InvalidInput(code, limit=NAME_LIMIT)
    found = find_personal_data(value, strict=True)
    if found:
        raise InvalidInput(f"error.name_personal.{found[0].kind}", text=found[0].text)
    return value


# An address as a person types it into an e-mail field: one local part, one "@", a domain of
# dot-separated labels ending in a top-level domain of letters. Letters may be non-ASCII
# ("søren@kommune.dk"); spaces, brackets, a second "@" or anything around it may not.
_EMAIL_LOCAL = re.compile(r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*")
_EMAIL_DOMAIN = re.compile(r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}")
EMAIL_LIMIT = 254


def email(text: str | None) -> str | None:
    """The e-mail field: empty (None), or exactly one valid e-mail address and nothing else.

    The address is folded like every text (a full-width "＠" is an "@"), and neither its local
    part nor its domain may hold a CPR or phone number ("0101901234@…", "22334455@sms.dk"):
    the field is for the account's own work address, not for a citizen's details."""
    value = normalise(text or "")
    if not value:
        return None
    local, at, domain = value.partition("@")
    if (
        not at
        or len(value) > EMAIL_LIMIT
        or len(local) > 64
        or not _EMAIL_LOCAL.fullmatch(local)
        or not _EMAIL_DOMAIN.fullmatch(domain)
    ):
        raise InvalidInput("error.email_invalid")
    # Also with dots as spaces: "k.22334455" holds a phone number as much as "k 22334455" does.
    for form in (local, domain, local.replace(".", " "), domain.replace(".", " ")):
        found = find_personal_data(form, strict=True)
        if found:
            raise InvalidInput("error.email_personal", text=found[0].text)
    return value


def clean(field: str, text: str) -> str:
    """Return the text as it will be stored, or raise with what the user must change."""
    limit = LIMITS[field]  # an unknown field is a programming error: KeyError
    value = normalise(text)
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
