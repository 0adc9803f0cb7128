"""Gentle hints when a note sounds evaluative.

Lån et øre reflection is descriptive: what was said, and what happened next. When an
observation contains wording from `prompts/evaluative.yaml` ("burde", "forkert",
"godt klaret", ...), the app can show a short hint next to it. A hint never blocks
anything, and it may over-trigger: wording about the citizen ("hun er dårlig til
computere") is matched just like wording about the caseworker.

Matching rules (pure, no Streamlit):

- Case is ignored, and only whole words and phrases match. Letters in any alphabet,
  including æ, ø and å, and digits are word characters, so "fejl" does not match inside
  "fejlfri" or "fejlen", and "forkert" not inside "forkerte": every inflection is its
  own form in the catalogue. A hyphen or apostrophe ends a word ("fejl-" matches "fejl").
- A form ending in "*" matches any further letters: "dårlig*" finds "dårligere".
- The words of a phrase match across any run of whitespace, including a line break:
  "godt klaret" finds "godt\\nklaret".
- A straight or typographic apostrophe in a form matches either ("should've").
- Text inside quotation marks ("…", “…”, ”…”, „…“, »…«, «…») is skipped: quoting the
  transcript word for word is describing it. Reported speech without quotation marks
  is not skipped. A quotation mark without its partner quotes nothing.
- Hints come back sorted by position and never overlap: where two forms overlap, the
  one starting first wins, and of those starting together the longest.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from lises_reflect.catalogue import Catalogue, EvaluativeTerm

__all__ = ["Hint", "find_evaluative", "hint_text"]


@dataclass(frozen=True)
class Hint:
    """Evaluative-sounding wording found in a text: `text[start:end]` of the input."""

    term_id: str
    start: int
    end: int
    text: str


_QUOTED = re.compile(
    r'"[^"]*"'  # "…"
    r"|“[^“”]*”"  # “…”
    r"|”[^”“]*”"  # ”…” (Danish/Swedish style)
    r"|„[^„“”]*[“”]"  # „…“
    r"|»[^»«]*«"  # »…« (Danish)
    r"|«[^«»]*»"  # «…»
)

_LETTERS = r"[^\W\d_]"
# A space in a form matches any run of whitespace; either apostrophe matches both.
_FORM_CHARS = {" ": r"\s+", "'": "['’]", "’": "['’]"}


def _form_regex(form: str) -> str:
    """A catalogue form as a regex fragment (without the word boundaries)."""
    body = "".join(_FORM_CHARS.get(char) or re.escape(char) for char in form.removesuffix("*"))
    return f"{body}{_LETTERS}*" if form.endswith("*") else body


@lru_cache(maxsize=512)
def _term_regex(term: EvaluativeTerm) -> re.Pattern[str]:
    # Longest forms first, so that at a given position the longest alternative wins.
    forms = sorted(term.forms, key=len, reverse=True)
    alternatives = "|".join(_form_regex(form) for form in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def find_evaluative(text: str, terms: Iterable[EvaluativeTerm]) -> list[Hint]:
    """Evaluative-sounding wording in `text`, sorted by position and non-overlapping."""
    if not text:
        return []
    quoted = [(m.start(), m.end()) for m in _QUOTED.finditer(text)]
    candidates: list[tuple[int, int, int, str]] = []  # (start, -length, order, term id)
    for order, term in enumerate(terms):
        if not term.forms:
            continue
        for match in _term_regex(term).finditer(text):
            start, end = match.span()
            if any(q_start < end and start < q_end for q_start, q_end in quoted):
                continue
            candidates.append((start, start - end, order, term.id))
    hints: list[Hint] = []
    taken_until = 0
    for start, negative_length, _, term_id in sorted(candidates):
        if hints and start < taken_until:
            continue
        end = start - negative_length
        hints.append(Hint(term_id=term_id, start=start, end=end, text=text[start:end]))
        taken_until = end
    return hints


def hint_text(catalogue: Catalogue, lang: str) -> str:
    """The shared hint shown next to evaluative-sounding wording, in `lang` (da/en)."""
    return catalogue.evaluative_hint.get(lang)
