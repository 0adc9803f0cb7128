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


# ---------------------------------------------------------------- the one fold (issue 14, item 3)

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from lises_reflect.textform import fold, fold_whitespace, fold_with_spans  # noqa: E402

_tricky = st.sampled_from(
    list("0123456789-@. \t\n\r\u00a0\u2009\u202f\u2007\u00ad\u200b\u200c\u200d\u2060\ufeff")
    + list("\u2212\u2013\u2014\u2011\uff10\uff20\u0661\u00b2\u0301\ufe0f\u20e3😀👩…½´æøå")
)


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("010190\u20091234", "010190 1234"),
        ("12\u202f34\u202f56\u202f78", "12 34 56 78"),
        ("2233\u20074455", "2233 4455"),
        ("0101\u00ad90\u20601234", "0101901234"),
        ("0101\u200c90\u200d1234", "0101901234"),
        ("010190\u22121234 010190\u20141234", "010190-1234 010190-1234"),
        ("\uff10\uff11 \u0660\u0661 \u00b9\u00b2", "01 01 12"),
        ("k.hansen\uff20example\uff0edk", "k.hansen@example.dk"),
        ("1\ufe0f\u20e32\ufe0f\u20e3", "12"),
        ("a\r\nb\u2028c\x0bd\x00e", "a\nb\nc\nde"),
        # Prose keeps its typography; only a dash between digits is a separator.
        ("Jørgen – “citat” … 3½ ´x´ 2013–2014", "Jørgen – “citat” … 3½ ´x´ 2013-2014"),
        ("familie 👨\u200d👩\u200d👧", "familie 👨\u200d👩\u200d👧"),
        ("e\u0301 og A\u030a", "é og Å"),
    ],
)
def test_fold(typed: str, kept: str) -> None:
    assert fold(typed) == kept
    assert freetext.normalise(f"  {typed}\n ") == kept.strip()


def test_clean_stores_exactly_the_checked_text() -> None:
    with pytest.raises(PersonalDataError):
        freetext.clean("excerpt", "B: mit CPR er 010190\u20091234")
    assert freetext.clean("observation", "Han\u00a0kom  kl.\u202f10") == "Han kom  kl. 10"


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters() | _tricky, max_size=60))
def test_property_fold_is_idempotent_and_whitespace_fold_keeps_it(text: str) -> None:
    folded, spans = fold_with_spans(text)
    assert fold(text) == folded
    assert fold(folded) == folded
    # The transcript parser's normalisation changes nothing in a stored (folded) text.
    assert fold_whitespace(folded) == folded
    assert len(spans) == len(folded)
    assert all(0 <= start < end <= len(text) for start, end in spans)


# ---------------------------------------------------------------- names and e-mail (item 9)

from lises_reflect.i18n import t  # noqa: E402


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("Mette 010190-1234", "cpr"),
        ("Mette 010190\u20091234", "cpr"),
        ("Team 22 33 44 55", "phone"),  # no phone word needed in a name
        ("Team 2233\u20074455", "phone"),
        ("Jobcenter 12345678", "phone"),
        ("Mette (mette@kommune.dk)", "email"),
        ("Mette m(at)kommune.dk", "email"),
        ("Mette m\uff20kommune.dk", "email"),
    ],
)
def test_screen_name_refuses_personal_data(typed: str, kind: str) -> None:
    with pytest.raises(InvalidInput) as err:
        freetext.screen_name(typed, "error.display_name")
    assert err.value.code == f"error.name_personal.{kind}"
    da = t(err.value.code, "da", **err.value.params)
    en = t(err.value.code, "en", **err.value.params)
    assert da.startswith("Navnet er ikke gemt") and en.startswith("The name was not saved")
    assert err.value.params["text"] in da


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("  Lise   Lytter ", "Lise Lytter"),
        ("Jobcenter Herning", "Jobcenter Herning"),
        ("Team 2 – Unge 18-29", "Team 2 – Unge 18-29"),
        ("Søren\u00adsen\u00a0Ærø", "Sørensen Ærø"),
        ("Team 2013-2014", "Team 2013-2014"),
    ],
)
def test_screen_name_keeps_ordinary_names(typed: str, kept: str) -> None:
    assert freetext.screen_name(typed, "error.display_name") == kept


@pytest.mark.parametrize("typed", ["", "   ", "x" * 201])
def test_screen_name_empty_or_long_keeps_the_callers_message(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        freetext.screen_name(typed, "error.name_required")
    assert err.value.code == "error.name_required"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("lise@kommune.dk", "lise@kommune.dk"),
        ("  Lise.Lytter+job@mail.herning.dk ", "Lise.Lytter+job@mail.herning.dk"),
        ("søren.ærø@kommune.dk", "søren.ærø@kommune.dk"),
        ("lise\uff20kommune.dk", "lise@kommune.dk"),
        ("jens1985@live.dk", "jens1985@live.dk"),
        ("", None),
        ("   ", None),
        (None, None),
    ],
)
def test_email_accepts_one_address(typed: str | None, kept: str | None) -> None:
    assert freetext.email(typed) == kept


@pytest.mark.parametrize(
    "typed",
    [
        "lise",
        "lise@",
        "@kommune.dk",
        "lise@kommune",
        "lise@kommune.d",
        "lise@@kommune.dk",
        "lise@kommune.dk, jens@kommune.dk",
        "lise@kommune.dk jens@kommune.dk",
        "Lise <lise@kommune.dk>",
        "lise@kommune.dk 010190-1234",
        "lise(at)kommune.dk",
        "lise @ kommune.dk",
        "li se@kommune.dk",
        ".lise@kommune.dk",
        "lise..l@kommune.dk",
        "lise@-kommune.dk",
        "x" * 250 + "@k.dk",
    ],
)
def test_email_refuses_anything_but_one_address(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        freetext.email(typed)
    assert err.value.code == "error.email_invalid"
    assert t(err.value.code, "da").startswith("E-mailadressen er ikke gemt")


@pytest.mark.parametrize(
    "typed",
    ["0101901234@kommune.dk", "22334455@sms.dk", "k.22334455@mail.dk", "010190-1234@x.dk"],
)
def test_email_refuses_cpr_or_phone_inside_the_address(typed: str) -> None:
    with pytest.raises(InvalidInput) as err:
        freetext.email(typed)
    assert err.value.code == "error.email_personal"
    assert err.value.params["text"] in t(err.value.code, "da", **err.value.params)
