"""Free text before storage and before display."""

from __future__ import annotations

import pytest

from lises_reflect import freetext
from lises_reflect.errors import InvalidInput
from lises_reflect.privacy import PersonalDataError


def test_clean_normalises_and_limits() -> None:
    assert freetext.clean("reflection", "  a\r\nb\x00c\x07 ") == "a\nbc"
    with pytest.raises(InvalidInput) as err:
        freetext.clean("title", "x" * 121)
    assert err.value.params["limit"] == 120
    with pytest.raises(PersonalDataError):
        freetext.clean("observation", "ring 22 33 44 55")
    with pytest.raises(KeyError):
        freetext.clean("no-such-field", "x")


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert(1)</script>",
        "**fed** _kursiv_ `kode`",
        "[link](javascript:alert(1))",
        ":red[farve] :material/home:",
        "$x^2$ # overskrift",
        "&lt;b&gt; <img src=x onerror=alert(1)>",
    ],
)
def test_md_escape_leaves_no_markup(payload: str) -> None:
    escaped = freetext.md_escape(payload)
    # Every markup character is preceded by a backslash.
    for i, ch in enumerate(escaped):
        if ch in "<>*_`[]():$#&":
            assert escaped[i - 1] == "\\", (payload, escaped, i)


def test_md_escape_keeps_lines_and_letters() -> None:
    assert freetext.md_escape("Æble\nøl (.) å") == "Æble  \nøl \\(\\.\\) å"


@pytest.mark.parametrize(
    ("text", "theirs", "before", "builds"),
    [
        # Their text arrived while this one was typed from the empty field.
        ("Borgerens ønske", "Tempoet i samtalen", "", False),
        # Typed on, after their text was shown.
        ("Tempoet i samtalen, og pauserne", "Tempoet i samtalen", "", True),
        ("Tempoet i samtalen", "Tempoet i samtalen", "", True),
        # They added a word in the middle; this one typed on from the old text.
        (
            "Tempoet og pauserne i samtalen",
            "Tempoet var højt i samtalen",
            "Tempoet i samtalen",
            False,
        ),
        (
            "Tempoet var højt i samtalen, og pauserne",
            "Tempoet var højt i samtalen",
            "Tempoet i samtalen",
            True,
        ),
        # A one-letter fix must come along too (with the text around it).
        (
            "Dokumentationskrav fyldr, og tiden",
            "Dokumentationskrav fylder",
            "Dokumentationskrav fyldr",
            False,
        ),
        (
            "Dokumentationskrav fylder, og tiden",
            "Dokumentationskrav fylder",
            "Dokumentationskrav fyldr",
            True,
        ),
        # They deleted a sentence; it is still in this text, or it is gone.
        (
            "Første punkt. Andet punkt. Mit tillæg",
            "Første punkt.",
            "Første punkt. Andet punkt.",
            False,
        ),
        ("Første punkt. Mit tillæg", "Første punkt.", "Første punkt. Andet punkt.", True),
    ],
)
def test_builds_on_tells_an_edit_of_their_text_from_one_typed_before_it(
    text: str, theirs: str, before: str, builds: bool
) -> None:
    assert freetext.builds_on(text, theirs, before) is builds
