"""The one normalisation of every free text: what the personal-data guard checks is what is kept.

A guard that reads text in one form while the app stores or shows it in another can be walked
around: a CPR number typed with a thin space (``010190\\u20091234``) passed the guard and then
became ``010190 1234`` when the transcript parser normalised whitespace. So every free text is
folded once, by `fold`, before it is checked and before it is stored (`freetext.normalise`), and
the transcript parser and the guard (`privacy.find_personal_data`) fold with the same function.
`fold` is idempotent, so folding stored text again changes nothing.

What `fold` does, character by character:

* Line breaks (CRLF, CR, vertical tab, form feed, U+2028/U+2029, ...) become ``\\n``;
  TAB and ``\\n`` stay. Other control characters and lone surrogates are removed.
* Format characters (Unicode category Cf: soft hyphen, zero-width space/joiner/non-joiner, word
  joiner, bidirectional marks and overrides, BOM, ...) are removed. The one exception is a
  zero-width joiner between two emoji (family and flag sequences): it can never sit inside a
  number or an address.
* Every space separator (category Zs: no-break, thin, narrow no-break, figure, ideographic
  space, ...) becomes an ordinary space.
* Text is NFC-composed (one encoding for the same letters), then every character that carries
  a letter, a digit or ``@`` in a compatibility form is NFKC-folded to ASCII: full-width
  ``０１``/``＠``/``．``, superscript and circled digits, mathematical letters and digits,
  ligatures. Every decimal digit of any script (Arabic-Indic ``١``, Devanagari, ...) becomes its
  ASCII digit. Compatibility characters that cannot carry a number or an address are kept as
  typed, because caseworkers use them in ordinary prose: ``…``, ``½``, ``´``.
* A combining mark is kept only on a letter or a symbol (``é``, emoji variation selectors); on a
  digit, punctuation or space it is removed (``1\\ufe0f\\u20e3`` keycap digits become ``1``).
* A dash between two digits (hyphen, non-breaking hyphen, en/em dash, minus sign U+2212, ...)
  becomes ``-``: there it is a separator. A dash in prose (``Jørgen – citat``) is kept.

`fold_with_spans` returns, for every character of the folded text, the span of the original
text it came from, so the guard can report positions in the text exactly as passed in.

`fold_whitespace` is the first two steps only (line breaks, controls, format characters, space
separators, NFC): the transcript parser's normalisation, which must keep every visible
character of a pasted transcript as typed. Stored text has been through `fold`, which includes
those steps, so `fold_whitespace(fold(x)) == fold(x)`: parsing stored text changes nothing that
the guard checked.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold", "fold_whitespace", "fold_with_spans"]

# NEL (U+0085) is not among them: in pasted text it is far more often a "…" decoded from
# Windows-1252 the wrong way than a line break, and it is removed like every C1 control.
_LINE_BREAKS = frozenset("\r\x0b\x0c\x1c\x1d\x1e\u2028\u2029")
_ZWJ = "\u200d"
_VS16 = "\ufe0f"
_DASHES = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d")
# Look-alike ASCII punctuation: full-width forms and small form variants.
_ASCII_LOOKALIKE_BLOCKS = ((0xFF01, 0xFF5E), (0xFE50, 0xFE6B))


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch)[0] == "M"


def _compat(ch: str) -> str:
    """`ch` itself, or its ASCII form when it is a compatibility form of a letter, digit or @."""
    if ch.isascii():
        return ch
    if unicodedata.category(ch) == "Nd":
        return str(unicodedata.decimal(ch))
    folded = unicodedata.normalize("NFKC", ch)
    if folded == ch or not folded.isascii():
        return ch
    if any(c.isalnum() or c == "@" for c in folded):
        return folded
    code = ord(ch)
    if any(low <= code <= high for low, high in _ASCII_LOOKALIKE_BLOCKS):
        return folded
    return ch


def _fold_cluster(cluster: str, whitespace_only: bool) -> str:
    """One base character and the combining marks on it."""
    text = unicodedata.normalize("NFC", cluster)
    if whitespace_only:
        return text
    text = unicodedata.normalize("NFC", "".join(_compat(c) for c in text))
    base = text[0]
    if _is_mark(base) or unicodedata.category(base)[0] in "LS":
        return text
    # A digit, punctuation mark or space carries no combining mark in real text.
    return "".join(c for c in text if not _is_mark(c))


def _ascii_digit(ch: str) -> bool:
    return "0" <= ch <= "9" and len(ch) == 1


def _emoji(ch: str) -> bool:
    category = unicodedata.category(ch)
    stable = unicodedata.normalize("NFKC", ch) == ch
    return (category in ("So", "Sk") and stable) or ch == _VS16


def fold_with_spans(
    text: str, *, whitespace_only: bool = False
) -> tuple[str, list[tuple[int, int]]]:
    """The folded text and, per folded character, the (start, end) it came from in `text`."""
    # 1. Per character: line breaks, controls, format characters, spaces.
    chars: list[tuple[str, int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            chars.append(("\n", i, i + 2))
            i += 2
            continue
        category = unicodedata.category(ch)
        if ch in _LINE_BREAKS:
            chars.append(("\n", i, i + 1))
        elif ch in "\t\n":
            chars.append((ch, i, i + 1))
        elif category in ("Cc", "Cs"):
            pass
        elif category == "Cf":
            # A joiner survives only in front of an emoji; whether there is one behind it is
            # decided below, once marks have been settled.
            if ch == _ZWJ and i + 1 < n and unicodedata.category(text[i + 1]) == "So":
                chars.append((ch, i, i + 1))
        elif category == "Zs":
            chars.append((" ", i, i + 1))
        else:
            chars.append((ch, i, i + 1))
        i += 1

    # 2. Per cluster (a character and the combining marks after it): NFC, compatibility forms.
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    j = 0
    while j < len(chars):
        k = j + 1
        while k < len(chars) and _is_mark(chars[k][0]):
            k += 1
        folded = _fold_cluster("".join(c for c, _, _ in chars[j:k]), whitespace_only)
        span = (chars[j][1], chars[k - 1][2])
        for c in folded:
            out.append(c)
            spans.append(span)
        j = k

    # 3. In context: joiners between emoji only, dashes between digits become "-".
    result: list[str] = []
    result_spans: list[tuple[int, int]] = []
    for idx, c in enumerate(out):
        before = out[idx - 1] if idx > 0 else ""
        after = out[idx + 1] if idx + 1 < len(out) else ""
        if c == _ZWJ and not (before and _emoji(before) and after and _emoji(after)):
            continue
        if not whitespace_only and c in _DASHES and _ascii_digit(before) and _ascii_digit(after):
            c = "-"
        result.append(c)
        result_spans.append(spans[idx])
    return "".join(result), result_spans


def fold(text: str, *, whitespace_only: bool = False) -> str:
    """`text` in the one form it is checked, stored and shown in (see the module docstring)."""
    if not text or all(map(_unchanged, set(text))):
        return text or ""
    return fold_with_spans(text, whitespace_only=whitespace_only)[0]


def fold_whitespace(text: str) -> str:
    """Only the line-break, control, format-character, space and NFC steps of `fold`."""
    return fold(text, whitespace_only=True)


@lru_cache(maxsize=4096)
def _unchanged(ch: str) -> bool:
    """True when `fold` leaves this character alone wherever it stands (the fast path)."""
    if ch in "\t\n":
        return True
    if ch.isascii():
        return " " <= ch < "\x7f"
    category = unicodedata.category(ch)
    if category[0] in "CZM" or category == "Nd" or ch in _DASHES:
        return False
    return unicodedata.normalize("NFC", ch) == ch and _compat(ch) == ch
