"""Screen free text for personal data (CPR numbers, phone numbers, e-mail addresses).

Caseworkers write about vulnerable citizens; the app must never store a text that
identifies one. Every free-text field goes through `check_free_text` before it is
saved (see `lises_reflect.freetext`).

The guard is deliberately conservative ("when in doubt, flag"), but jobcentre notes
are full of harmless numbers -- hours, weeks, amounts, dates, year ranges, case
numbers, postcodes -- so each pattern is shaped to the forms people actually type
and the few known look-alikes are ruled out explicitly, with a comment saying why.

The guard reads text in the one form it is stored and shown in: `find_personal_data` folds
the text with `textform.fold` first (thin and no-break spaces to spaces, soft hyphens and other
invisible format characters removed, full-width and other-script digits to ASCII, dashes between
digits to "-"), the same fold `freetext.normalise` applies before storage and the transcript
parser applies before display. So a number hidden by an invisible character or an exotic space
is found, and what passed the guard is exactly what is kept.

Only stdlib `re`, `unicodedata` (via `textform`) and `datetime` are used. Offsets always refer
to the text exactly as passed in, so `text[f.start:f.end] == f.text`; for text that is already
folded (everything `freetext` stores) they are the same as in the folded text.

Space-grouped numbers are ambiguous
-----------------------------------
``12 34 56 78``, ``1234 5678``, ``12 345 678``, ``1234 56 78`` and ``123 45 678`` are how Danes
write a phone number, but a sequence of counts or years in prose looks the same ("de fire uger
kom der 12 34 56 78", "i 1998 2005 og 2010"). So a number grouped *only by spaces* is a phone
number when (a) it has a country code (+45, 0045), or (b) a phone word stands within
`_CONTEXT_BEFORE` characters before it or `_CONTEXT_AFTER` characters after it (tlf, telefon,
mobil, ring/ringe/ringede, sms, nummer/nr, kontakt, træffes, nås, opkald, phone, call, number,
...), or (c) a CPR number or an e-mail address stands within `_CONTEXT_NEAR_FINDING` characters
(contact details come together: "mail jens@x.dk og 30 31 32 33"). A bare space-grouped sequence
without such context is read as counts or years and allowed. Every other grouping (eight digits
in a row, hyphens, dots, a country code) is a phone number without any context, unless one of
the look-alike rules below applies.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, replace
from datetime import date

from lises_reflect.i18n import t
from lises_reflect.textform import fold, fold_with_spans

__all__ = [
    "Finding",
    "PersonalDataError",
    "check_free_text",
    "describe_finding",
    "find_personal_data",
    "redact",
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

# The text is folded first (see the module docstring), so every space separator is already a
# plain space and a dash between two digits is "-". A TAB counts as a space: the transcript
# parser shows a TAB inside a turn as a space. Dashes are still listed, because a dash with
# spaces around it ("010190 – 1234") is not between two digits and so keeps its form.
_SPACE = "[\u0020\u00a0\t]"
_DASH = "[-\u2010-\u2015\u2212]"
# Between the date part and the serial of a CPR number: a dash or a slash (optionally with a
# space on either side), or a space: 010190-1234, 010190 1234, 010190/1234, 010190 - 1234.
_CPR_SEP = rf"(?:{_SPACE}?(?:{_DASH}|/){_SPACE}?|{_SPACE})"

# --------------------------------------------------------------------------------------
# CPR numbers: DDMMYY-SSSS, DDMMYYSSSS, DDMMYY SSSS, DDMMYY/SSSS, DD.MM.YY-SSSS
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

# The date part written as a date, "01.01.90-1234" or "01-01-90/1234": the same separator
# twice, then a dash or slash before the serial (a space is not enough here: "den 12.03.24
# 1400" is a date and a time of day).
_CPR_DATED_RE = re.compile(
    rf"""
    {_RUN_START}
    (?P<day>[0-3]{_D})
    (?P<date_sep>[.-])
    (?P<month>[01]{_D})
    (?P=date_sep)
    (?P<year>{_D}{{2}})
    {_SPACE}?(?:{_DASH}|/){_SPACE}?
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
      | {_D}{{2}}{_SPACE}{_D}{{3}}{_SPACE}{_D}{{3}}         # 12 345 678
      | {_D}{{4}}{_SPACE}{_D}{{2}}{_SPACE}{_D}{{2}}         # 1234 56 78
      | {_D}{{4}}\.{_D}{{4}}                               # 1234.5678
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


# A space-grouped number is a phone number only in a phone context (see the module docstring).
_CONTEXT_BEFORE = 40
_CONTEXT_AFTER = 30
_CONTEXT_NEAR_FINDING = 60
_PHONE_WORD = re.compile(
    r"""
    (?<!\w)
    (?:
        tlf | tel | telefon\w* | mobil\w* | mob | ring\w* | opringning\w* | opkald\w*
      | sms\w* | nummer\w* | numre\w* | nr | kontakt\w* | træffe[sr]? | nås | fastnet\w*
      | phone\w* | call\w* | number\w* | text(?:ed)?
    )
    (?!\w)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_SPACED_ONLY = re.compile(rf"[0-9]+(?:{_SPACE}[0-9]+)+")


def _in_phone_context(text: str, match: re.Match[str], near: list[Finding]) -> bool:
    before = text[max(0, match.start() - _CONTEXT_BEFORE) : match.start()]
    after = text[match.end() : match.end() + _CONTEXT_AFTER]
    if _PHONE_WORD.search(before) or _PHONE_WORD.search(after):
        return True
    return any(
        f.start - _CONTEXT_NEAR_FINDING <= match.end()
        and match.start() <= f.end + _CONTEXT_NEAR_FINDING
        for f in near
    )


def _is_phone(text: str, match: re.Match[str], near: list[Finding], strict: bool) -> bool:
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
    if match["half1"] and _is_year_range(match["half1"], match["half2"]):
        return False
    if _SPACED_ONLY.fullmatch(match.group()) and not strict:
        # Counts or years in prose, unless something says it is a phone number.
        return _in_phone_context(text, match, near)
    return True


# --------------------------------------------------------------------------------------
# E-mail addresses
# --------------------------------------------------------------------------------------

# Practical rather than RFC 5322: what people type in a note. `\w` is Unicode, so
# "søren.ærø@kommune.dk" is matched too. The top-level domain must be letters, which
# keeps a sentence-final full stop out of the span ("skriv til a@b.dk.").
# The "@" may be spelt out to dodge a filter -- "x(at)y.dk", "x [at] y.dk", "x(snabel-a)y.dk",
# "x (a) y.dk" -- or have spaces around it ("x @ y.dk"; "skrev @navn" is a mention, not an
# address, so a space before "@" needs one after it). A dot may likewise be "(dot)" or
# "(punktum)". A bare word "at" is never read as "@": it is one of the commonest Danish words.
_AT = r"""(?:@\x20?|\x20@\x20|\x20?[(\[{]\x20?(?:at|snabel-?a|a)\x20?[)\]}]\x20?)"""
_DOT = r"""(?:\.|\x20?[(\[{]\x20?(?:dot|punktum|prik)\x20?[)\]}]\x20?)"""
_EMAIL_RE = re.compile(
    rf"""
    (?<![\w.+-])            # start at the beginning of the address
    [\w.+-]+                # local part
    {_AT}
    (?:[\w-]+{_DOT})+         # domain labels: "kommune.", "mail.example."
    [^\W\d_]{{2,}}            # top-level domain: letters only
    (?![\w-])               # ... and not cut off mid-word
    """,
    re.VERBOSE | re.IGNORECASE,
)


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------

# When two findings overlap (a phone number inside an e-mail address such as
# "22334455@sms.dk"), the earliest and then the longest wins; on a tie, this order.
_PRIORITY = {"email": 0, "cpr": 1, "phone": 2}


def _candidates(text: str, strict: bool) -> list[Finding]:
    found: list[Finding] = []
    for m in _EMAIL_RE.finditer(text):
        found.append(Finding("email", m.start(), m.end(), m.group()))
    for regex in (_CPR_RE, _CPR_DATED_RE):
        for m in regex.finditer(text):
            if _is_calendar_date(int(m["day"]), int(m["month"]), int(m["year"])):
                found.append(Finding("cpr", m.start(), m.end(), m.group()))
    near = list(found)
    for m in _PHONE_RE.finditer(text):
        if _is_phone(text, m, near, strict):
            found.append(Finding("phone", m.start(), m.end(), m.group()))
    return found


def find_personal_data(text: str, *, strict: bool = False) -> list[Finding]:
    """All personal data in `text`, sorted by start offset and non-overlapping.

    The text is folded first (`textform.fold`), so what is checked is exactly what is stored;
    offsets and `Finding.text` are mapped back to `text` as passed in. `strict` is for short
    fields that are no prose (names, an e-mail address): there a space-grouped number is a
    phone number without any context, since nobody lists counts or years in a name."""
    if not text:
        return []
    if fold(text) == text:
        return _find_in_folded(text, strict)
    folded, spans = fold_with_spans(text)
    findings = _find_in_folded(folded, strict)
    mapped = []
    for f in findings:
        start, end = spans[f.start][0], spans[f.end - 1][1]
        mapped.append(replace(f, start=start, end=end, text=text[start:end]))
    return mapped


def _find_in_folded(text: str, strict: bool) -> list[Finding]:
    ordered = sorted(
        _candidates(text, strict),
        key=lambda f: (f.start, -(f.end - f.start), _PRIORITY[f.kind]),
    )
    result: list[Finding] = []
    for finding in ordered:
        if result and finding.start < result[-1].end:
            continue  # overlaps one already kept
        result.append(finding)
    return result


REDACTED = "[…]"


@functools.lru_cache(maxsize=8192)
def redact(text: str) -> str:
    """`text` with everything the guard finds today replaced by REDACTED.

    For what leaves the owner's hands (the FLIP pool, seminar packs): text stored before the
    guard learnt a form (issue 14: thin spaces, `(at)`, `01.01.90-1234`) was accepted then and
    is not rewritten in the database, so it is screened again on the way out. Show less.
    Remembered per text (the guard only changes with the code): a lead's page screened the
    same 178 shared points on every rerun, 15 ms at 100k."""
    findings = find_personal_data(text)
    for f in reversed(findings):
        text = text[: f.start] + REDACTED + text[f.end :]
    return text


def check_free_text(text: str, field: str | None = None) -> None:
    """Raise `PersonalDataError` if `text` contains personal data that blocks saving."""
    blocking = [f for f in find_personal_data(text) if f.blocking]
    if blocking:
        raise PersonalDataError(blocking, field=field)


def describe_finding(f: Finding, lang: str = "da") -> str:
    """A short message telling the user what to remove and where.

    Positions are 1-based and inclusive, as a person counts characters: the first
    character of the text is "tegn 1". Unknown languages fall back to Danish.
    """
    known = f.kind in _PRIORITY  # every kind the guard finds
    what = t(f"privacy.what.{f.kind}" if known else "privacy.what_other", lang)
    return t("privacy.finding", lang, what=what, text=f.text, first=f.start + 1, last=f.end)
