"""Gentle hints on evaluative wording: what the shipped word list finds, and the rules
(whole words, wildcard, phrases across line breaks, quotes skipped, no overlaps)."""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from lises_reflect.catalogue import Catalogue, EvaluativeTerm, load_catalogue
from lises_reflect.hints import Hint, find_evaluative, hint_text


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


def found(catalogue: Catalogue, text: str) -> list[str]:
    """The matched wording, lowercased, in order."""
    return [h.text.lower() for h in find_evaluative(text, catalogue.evaluative_terms)]


def term(term_id: str, *forms: str, lang: str = "da") -> EvaluativeTerm:
    return EvaluativeTerm(id=term_id, forms=forms, lang=lang)


# --------------------------------------------------------------------------- shipped list


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du burde have spurgt ind", ["burde"]),
        ("Han burde", ["burde"]),
        ("Hun bør tale med borgeren om praktikken.", ["bør"]),
        ("Du skulle have spurgt, hvad hun mente.", ["skulle have"]),
        ("Du skal have spurgt mere ind.", ["du skal have"]),
        ("Det var forkert at sige det.", ["forkert"]),
        ("Det var det forkerte tidspunkt.", ["forkerte"]),
        ("Det var en dårlig start.", ["dårlig"]),
        ("Det gik dårligt.", ["dårligt"]),
        ("Det blev dårligere hen ad vejen.", ["dårligere"]),
        ("Godt klaret!", ["godt klaret"]),
        ("Det var flot, som du fulgte op.", ["flot"]),
        ("Det var en fejl at springe det over.", ["fejl"]),
        ("Her mangler der et opfølgende spørgsmål.", ["mangler"]),
        ("Der blev talt for meget om reglerne.", ["for meget"]),
        ("Der var for lidt tid til borgeren.", ["for lidt"]),
        ("Det var det rigtige at gøre.", ["det rigtige"]),
        ("Det gjorde du rigtigt.", ["rigtigt"]),
        ("Afslutningen var svagt formuleret.", ["svagt"]),
        ("Det var stærkt, at du spurgte.", ["stærkt"]),
        ("Du glemte at spørge om praktikken.", ["du glemte"]),
        ("Du overså, at hun nævnte sin datter.", ["du overså"]),
        ("DU BURDE have ventet.", ["burde"]),
        ("Ærlig talt var det FORKERT.", ["forkert"]),
        ("You should have asked about her daughter.", ["should have"]),
        ("That was wrong.", ["wrong"]),
        ("A bad moment.", ["bad"]),
        ("Good job!", ["good job"]),
        ("The follow-up failed.", ["failed"]),
        ("It was a mistake, and mistakes happen.", ["mistake", "mistakes"]),
        ("You should’ve asked.", ["should’ve"]),
        (
            "Du burde have spurgt, og det var forkert og dårligt. Godt klaret alligevel.",
            ["burde", "forkert", "dårligt", "godt klaret"],
        ),
    ],
)
def test_evaluative_wording_is_found(catalogue: Catalogue, text: str, expected: list[str]) -> None:
    assert found(catalogue, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Borgeren siger, at hun gerne vil arbejde med dyr.",
        "Sagsbehandleren spørger: Hvad tænker du om det?",
        "I næste tur taler sagsbehandleren om praktikken i 13 uger.",
        "Borgeren skal have en lægeerklæring inden fredag.",  # a demand, not "du skal have"
        "Der er rigtig mange taleture om dokumentation.",  # "rigtig" as an intensifier
        "Hun beskriver sit arbejde som fejlfrit.",  # "fejl" only as a whole word
        "Borgeren fortæller om en fejlmelding på computeren.",
        "Han nævner et flotilleskib.",  # "flot" only as a whole word
        "Sagsbehandleren kvitterer kort og går videre til næste emne.",
        "Mødet var fejlplaceret i kalenderen.",  # compounds are not matched
        "The citizen mentions a badge from her old job.",
        "The caseworker summarises what was agreed.",
    ],
)
def test_descriptive_text_gives_no_hint(catalogue: Catalogue, text: str) -> None:
    assert found(catalogue, text) == []


def test_citizen_quote_rule(catalogue: Catalogue) -> None:
    """Hints may over-trigger: reported speech is matched; quoting word for word is not."""
    assert found(catalogue, "Borgeren siger, at hun er dårlig til computere") == ["dårlig"]
    for quoted in (
        "Borgeren siger: »Jeg er dårlig til computere«",
        'Borgeren siger: "Jeg er dårlig til computere"',
        "Borgeren siger: „Jeg er dårlig til computere“",
        "Borgeren siger: ”Jeg er dårlig til computere”",
        "The citizen says: “I am bad with computers”",
        "Borgeren siger: «Jeg er dårlig til computere»",
    ):
        assert found(catalogue, quoted) == [], quoted
    mixed = "Borgeren siger »jeg har lavet en fejl«, og du burde have spurgt ind."
    assert found(catalogue, mixed) == ["burde"]


def test_unbalanced_quote_quotes_nothing(catalogue: Catalogue) -> None:
    assert found(catalogue, "Hun siger »det var forkert, og så videre") == ["forkert"]
    assert found(catalogue, 'Det var forkert" sagde hun') == ["forkert"]


def test_every_shipped_term_matches_its_own_forms(catalogue: Catalogue) -> None:
    for t in catalogue.evaluative_terms:
        for form in t.forms:
            sample = form.removesuffix("*") + ("ere" if form.endswith("*") else "")
            hints = find_evaluative(f"Her: {sample}.", [t])
            assert [h.text for h in hints] == [sample], (t.id, form)


def test_catalogue_texts_about_turns_are_not_evaluative(catalogue: Catalogue) -> None:
    """Tag and outcome descriptions model the descriptive language the hint asks for."""
    for item in (*catalogue.tags, *catalogue.link_outcomes):
        for text in (item.label, item.description):
            for lang in ("da", "en"):
                assert find_evaluative(text.get(lang), catalogue.evaluative_terms) == [], (
                    item.id,
                    lang,
                )


# --------------------------------------------------------------------------- matching rules


def test_hint_positions_and_text() -> None:
    text = "Nå. Du BURDE have spurgt."
    hints = find_evaluative(text, [term("da_burde", "burde")])
    assert hints == [Hint(term_id="da_burde", start=7, end=12, text="BURDE")]
    assert text[hints[0].start : hints[0].end] == hints[0].text
    with pytest.raises(dataclasses.FrozenInstanceError):
        hints[0].start = 0  # type: ignore[misc]


def test_whole_words_only_with_danish_letters() -> None:
    terms = [term("fejl", "fejl"), term("forkert", "forkert"), term("god", "godt")]
    assert find_evaluative("fejlfri fejlen forkerte forkertå ægodt godtø", terms) == []
    assert [h.text for h in find_evaluative("(fejl) forkert! godt?", terms)] == [
        "fejl",
        "forkert",
        "godt",
    ]
    # Æ, ø and å are letters in forms too, and case folds for them.
    hints = find_evaluative("DÅRLIGT og dårligt, ikke udårligt", [term("d", "dårligt")])
    assert [h.text for h in hints] == ["DÅRLIGT", "dårligt"]


def test_hyphen_and_digits() -> None:
    terms = [term("fejl", "fejl")]
    assert [h.text for h in find_evaluative("en fejl-vurdering", terms)] == ["fejl"]
    assert find_evaluative("fejl2 2fejl fejl_x", terms) == []


def test_explicit_forms_are_explicit() -> None:
    only_base = [term("forkert", "forkert")]
    assert find_evaluative("det forkerte spørgsmål", only_base) == []
    both = [term("forkert", "forkert", "forkerte")]
    assert [h.text for h in find_evaluative("det forkerte spørgsmål", both)] == ["forkerte"]


def test_wildcard_matches_further_letters_only() -> None:
    terms = [term("d", "dårlig*")]
    text = "dårlig, dårligt, dårlige, dårligere, dårligste; udårlig, dårlig2, dår"
    assert [h.text for h in find_evaluative(text, terms)] == [
        "dårlig",
        "dårligt",
        "dårlige",
        "dårligere",
        "dårligste",
    ]


def test_phrase_matches_across_whitespace_and_line_breaks() -> None:
    terms = [term("gk", "godt klaret")]
    for text in ("godt klaret", "Godt\nklaret", "godt\r\nklaret", "godt  klaret", "godt\tklaret"):
        hints = find_evaluative(text, terms)
        assert [(h.start, h.end, h.text) for h in hints] == [(0, len(text), text)], repr(text)
    assert find_evaluative("godtklaret", terms) == []
    assert find_evaluative("godt, klaret", terms) == []
    assert find_evaluative("godt klaretøj", terms) == []


def test_apostrophe_forms_match_both_apostrophes() -> None:
    terms = [term("sh", "should've", lang="en")]
    assert [h.text for h in find_evaluative("should've / should’ve", terms)] == [
        "should've",
        "should’ve",
    ]


def test_sorted_and_non_overlapping() -> None:
    terms = [
        term("short", "klaret"),
        term("long", "godt klaret"),
        term("godt", "godt"),
        term("du_skal", "du skal have"),
        term("skal", "skal have"),
    ]
    hints = find_evaluative("Du skal have ... godt klaret, godt. Klaret.", terms)
    assert [(h.term_id, h.text) for h in hints] == [
        ("du_skal", "Du skal have"),
        ("long", "godt klaret"),
        ("godt", "godt"),
        ("short", "Klaret"),
    ]
    starts = [h.start for h in hints]
    assert starts == sorted(starts)
    for before, after in itertools.pairwise(hints):
        assert before.end <= after.start


def test_same_span_prefers_first_term() -> None:
    terms = [term("a", "flot"), term("b", "flot")]
    assert [h.term_id for h in find_evaluative("flot", terms)] == ["a"]


def test_terms_may_be_any_iterable() -> None:
    terms = (t for t in [term("a", "flot")])
    assert [h.text for h in find_evaluative("Flot!", terms)] == ["Flot"]
    assert find_evaluative("Flot!", []) == []


def test_regex_characters_in_forms_are_literal() -> None:
    # The loader refuses these; the matcher still must not treat them as regex.
    assert find_evaluative("xa", [term("dot", ".a")]) == []
    assert [h.text for h in find_evaluative("(se .a)", [term("dot", ".a")])] == [".a"]


def test_hint_text(catalogue: Catalogue) -> None:
    assert hint_text(catalogue, "da") == (
        "Det lyder måske vurderende. Prøv at beskrive, hvad der skete i samtalen – fx hvad "
        "der blev sagt, og hvad der skete i næste tur."
    )
    assert hint_text(catalogue, "en").startswith("This may sound evaluative.")
    assert hint_text(catalogue, "de") == hint_text(catalogue, "da")
