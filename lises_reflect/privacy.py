"""Screen free text for personal data (CPR numbers, phone numbers, e-mail addresses).

Caseworkers write about vulnerable citizens; the app must never store a text that
identifies one. Every free-text field goes through `check_free_text` before it is
saved (see `lises_reflect.freetext`).

The guard is deliberately conservative ("when in doubt, flag"), but jobcentre notes
are full of harmless numbers -- hours, weeks, amounts, dates, year ranges, case
numbers, postcodes -- so each pattern is shaped to the forms people actually type
and the few known look-alikes are ruled out explicitly, with a comment saying why.

Only stdlib `re` and `datetime` are used. Offsets always refer to the text exactly as
passed in, so `text[f.start:f.end] == f.text`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = [
    "Finding",
    "PersonalDataError",
    "check_free_text",
    "describe_finding",
    "find_personal_data",
]


@dataclass(frozen=True)
class Finding:
    """One piece of personal data found in a text; `text[start:end]` is the span."""

    kind: str  # "cpr", "phone" or "email"
    start: int
    end: int
    text: str
    blocking: bool = True


class PersonalDataError(ValueError):
    """The text contains personal data and must not be stored as it is."""

    def __init__(self, findings: list[Finding], field: str | None = None) -> None:
        self.findings = list(findings)
        self.field = field
        super().__init__(" ".join(describe_finding(f) for f in self.findings))


# --------------------------------------------------------------------------------------
# Building blocks
# --------------------------------------------------------------------------------------

# Only ASCII digits: `\d` would also match e.g. Arabic-Indic digits, which nobody types
# in a CPR number, and would make the boundaries below harder to reason about.
_D = "[0-9]"

# "Not part of a longer digit run". A number glued to more digits by a hyphen or a dot
# is part of something else: a case number "2024-12345678", a journal number
# "27.12.04-...", a decimal "0.12345678". A decimal comma ("12345678,50") marks an
# amount. Other separators do *not* glue, so lists are still caught: "22334455/87654321",
# "22334455,87654321" and "ring 2 gange 12345678" each contain phone numbers.
_RUN_START = r"(?<![0-9])(?<![0-9][-.])"
_RUN_END = r"(?![0-9])(?![-.][0-9])(?!,[0-9]{1,2}(?![0-9]))"

# Hyphens people (or Word's autocorrect) put in a CPR number: hyphen-minus, hyphen,
# non-breaking hyphen, en dash. Space may be a normal or a non-breaking space.
_SPACE = "[\u0020\u00a0]"
_CPR_SEP = "[-\u2010\u2011\u2013\u0020\u00a0]"

# --------------------------------------------------------------------------------------
# CPR numbers: DDMMYY-SSSS, DDMMYYSSSS, DDMMYY SSSS
# --------------------------------------------------------------------------------------

# The date part is checked in Python (`_is_calendar_date`), not in the pattern; the
# pattern only narrows to plausible day/month digits so the regex stays readable.
# There is deliberately no modulus-11 check: since 2007 CPR numbers need not pass it.
_CPR_RE = re.compile(
    rf"""
    {_RUN_START}
    (?P<day>[0-3]{_D})
    (?P<month>[01]{_D})
    (?P<year>{_D}{{2}})
    {_CPR_SEP}?
    (?P<serial>{_D}{{4}})
    {_RUN_END}
    """,
    re.VERBOSE,
)


def _is_calendar_date(day: int, month: int, two_digit_year: int) -> bool:
    """True if DD/MM/YY is a real date in 19YY or 20YY.

    The century of a CPR number is encoded in the serial digits, but a caseworker's
    text gives us no reliable way to use that, so accept either century: 29 February
    "00" is valid because 2000 was a leap year, even though 1900 was not.
    """
    for century in (1900, 2000):
        try:
            date(century + two_digit_year, month, day)
        except ValueError:
            continue
        return True
    return False


# --------------------------------------------------------------------------------------
# Danish phone numbers: 8 digits, optionally +45 / 0045
# --------------------------------------------------------------------------------------

# "+45", "0045", "(+45)", with or without a space or hyphen before the number.
_COUNTRY_CODE = rf"(?:(?:\((?:\+|00)45\)|(?:\+|00)45)(?:{_SPACE}|-)?)"

# Only the groupings Danes actually use. Each alternative spells out its whole shape,
# because independently optional separators would also accept dates: "12-03-2024" is
# 2-2-4 and "2024-03-12" is 4-2-2, neither of which is a phone grouping.
_PHONE_BODY = rf"""
    (?:
        {_D}{{8}}                                           # 12345678
      | {_D}{{2}}(?P<pair_sep>{_SPACE}|[-.])                # 12 34 56 78, 12-34-56-78,
        {_D}{{2}}(?P=pair_sep){_D}{{2}}(?P=pair_sep){_D}{{2}}   # 12.34.56.78 (same separator)
      | {_D}{{4}}{_SPACE}{_D}{{4}}                          # 1234 5678
      | (?P<half1>{_D}{{4}})-(?P<half2>{_D}{{4}})           # 1234-5678 (see year ranges)
      | {_D}{{3}}{_SPACE}{_D}{{2}}{_SPACE}{_D}{{3}}         # 123 45 678
    )
"""

_PHONE_RE = re.compile(
    rf"""
    {_RUN_START}
    (?P<country>{_COUNTRY_CODE})?
    {_PHONE_BODY}
    {_RUN_END}
    """,
    re.VERBOSE,
)

# An explicit case/journal/reference label right before the number means it is not a
# phone number: "sagsnr. 12345678", "j.nr.: 12 34 56 78", "CVR 12345678" (a company's
# public registration number). This applies to phone numbers only: some case systems
# use the CPR number as the case number, so a valid CPR after "sagsnr." is still flagged.
_CASE_NUMBER_LABEL_BEFORE = re.compile(
    r"""
    (?<!\w)
    (?:
        sags?-?n(?:r|ummer)            # sagsnr, sags-nr, sagsnummer
      | j(?:ournal)?\.?\s?-?n(?:r|ummer)   # j.nr, jnr, j. nr, journalnr, journalnummer
      | l(?:øbe|b)\.?\s?-?n(?:r|ummer)  # løbenr, lb.nr
      | ref(?:erence)?(?:\.?\s?-?n(?:r|ummer))?   # ref, ref.nr, reference, referencenummer
      | cvr(?:-?n(?:r|ummer))?          # CVR, CVR-nr, CVR-nummer
    )
    \.?\s*[:.]?\s*$
    """,
    re.VERBOSE | re.IGNORECASE,
)

# A unit right next to the number means it is a quantity, not a phone number:
# "12345678 kr.", "kr. 12345678", "DKK 12 34 56 78" ... "when in doubt, flag" still
# holds, because nobody writes a phone number followed by "kroner" or "timer".
_QUANTITY_UNIT_AFTER = re.compile(
    r"""
    ^\s*
    (?:
        kr\b | kroner | dkk | ,-                # amounts ("12345678,-" is kroner too)
      | %   | procent                           # percentages
      | timer?\b | t\.                          # hours
      | uger?\b | dage?\b | måned(?:er)?\b | mdr | år\b   # durations
      | minutter\b | min\b | sekunder\b | sek\b
      | stk\b
    )
    """,
    re.VERBOSE | re.IGNORECASE,
)
_QUANTITY_UNIT_BEFORE = re.compile(r"(?<!\w)(?:kr\.?|dkk)\s*$", re.IGNORECASE)

# Year ranges such as "2013-2014" have the 4-4 shape of "1234-5678". Two years in
# 1900-2099 in ascending order are read as a range; any other 4-4 hyphenated number
# is flagged as a phone number.
_YEAR_RANGE_FIRST, _YEAR_RANGE_LAST = 1900, 2099


def _is_year_range(first: str, second: str) -> bool:
    a, b = int(first), int(second)
    in_range = (
        _YEAR_RANGE_FIRST <= a <= _YEAR_RANGE_LAST and _YEAR_RANGE_FIRST <= b <= _YEAR_RANGE_LAST
    )
    return in_range and a <= b


def _is_phone(text: str, match: re.Match[str]) -> bool:
    """Rule out the known look-alikes of an 8-digit phone-shaped match."""
    if match.group("country"):
        # "+45 ..." or "0045 ..." is unambiguous.
        return True
    before = text[max(0, match.start() - 40) : match.start()]
    after = text[match.end() : match.end() + 20]
    if _CASE_NUMBER_LABEL_BEFORE.search(before):
        return False
    if _QUANTITY_UNIT_AFTER.match(after) or _QUANTITY_UNIT_BEFORE.search(before):
        return False
    is_year_range = bool(match["half1"]) and _is_year_range(match["half1"], match["half2"])
    return not is_year_range


# --------------------------------------------------------------------------------------
# E-mail addresses
# --------------------------------------------------------------------------------------

# Practical rather than RFC 5322: what people type in a note. `\w` is Unicode, so
# "søren.ærø@kommune.dk" is matched too. The top-level domain must be letters, which
# keeps a sentence-final full stop out of the span ("skriv til a@b.dk.").
_EMAIL_RE = re.compile(
    r"""
    (?<![\w.+-])            # start at the beginning of the address
    [\w.+-]+                # local part
    @
    (?:[\w-]+\.)+           # domain labels: "kommune.", "mail.example."
    [^\W\d_]{2,}            # top-level domain: letters only
    (?![\w-])               # ... and not cut off mid-word
    """,
    re.VERBOSE,
)


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------

# When two findings overlap (a phone number inside an e-mail address such as
# "22334455@sms.dk"), the earliest and then the longest wins; on a tie, this order.
_PRIORITY = {"email": 0, "cpr": 1, "phone": 2}


def _candidates(text: str) -> list[Finding]:
    found: list[Finding] = []
    for m in _EMAIL_RE.finditer(text):
        found.append(Finding("email", m.start(), m.end(), m.group()))
    for m in _CPR_RE.finditer(text):
        if _is_calendar_date(int(m["day"]), int(m["month"]), int(m["year"])):
            found.append(Finding("cpr", m.start(), m.end(), m.group()))
    for m in _PHONE_RE.finditer(text):
        if _is_phone(text, m):
            found.append(Finding("phone", m.start(), m.end(), m.group()))
    return found


def find_personal_data(text: str) -> list[Finding]:
    """All personal data in `text`, sorted by start offset and non-overlapping."""
    if not text:
        return []
    ordered = sorted(
        _candidates(text),
        key=lambda f: (f.start, -(f.end - f.start), _PRIORITY[f.kind]),
    )
    result: list[Finding] = []
    for finding in ordered:
        if result and finding.start < result[-1].end:
            continue  # overlaps one already kept
        result.append(finding)
    return result


def check_free_text(text: str, field: str | None = None) -> None:
    """Raise `PersonalDataError` if `text` contains personal data that blocks saving."""
    blocking = [f for f in find_personal_data(text) if f.blocking]
    if blocking:
        raise PersonalDataError(blocking, field=field)


_MESSAGES: dict[str, dict[str, str]] = {
    "da": {
        "cpr": "CPR-nummeret",
        "phone": "telefonnummeret",
        "email": "e-mailadressen",
        "_other": "personoplysningen",
        "_template": 'Fjern {what} "{text}" (tegn {first}–{last}), før teksten kan gemmes.',
    },
    "en": {
        "cpr": "the CPR number",
        "phone": "the phone number",
        "email": "the e-mail address",
        "_other": "the personal data",
        "_template": 'Remove {what} "{text}" (characters {first}–{last}) before the text can be saved.',
    },
}


def describe_finding(f: Finding, lang: str = "da") -> str:
    """A short message telling the user what to remove and where.

    Positions are 1-based and inclusive, as a person counts characters: the first
    character of the text is "tegn 1". Unknown languages fall back to Danish.
    """
    messages = _MESSAGES.get(lang, _MESSAGES["da"])
    what = messages.get(f.kind, messages["_other"])
    return messages["_template"].format(what=what, text=f.text, first=f.start + 1, last=f.end)
