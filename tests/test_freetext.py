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
