"""Transcript parsing (labels, timestamps, continuation, CA marks) and reading uploads."""

from __future__ import annotations

import dataclasses
import io
import unicodedata
import zipfile

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lises_reflect import transcript
from lises_reflect.transcript import (
    MAX_TURNS,
    TranscriptError,
    Turn,
    UploadError,
    parse_transcript,
    read_upload,
)
from tests.builders import make_docx

CASEWORKER_LABELS = ["R", "SB", "S", "Rådgiver", "Sagsbehandler", "Jobkonsulent", "Medarbejder"]
CITIZEN_LABELS = ["B", "Borger", "Ledig"]


def case_variants(label: str) -> list[str]:
    variants = [label, label.lower(), label.upper()]
    if len(label) > 1:
        variants.append(label[0].lower() + label[1:].upper())
    return list(dict.fromkeys(variants))


def one(text: str) -> Turn:
    turns = parse_transcript(text)
    assert len(turns) == 1, turns
    return turns[0]


def shape(turns: list[Turn]) -> list[tuple[str, str, str]]:
    return [(t.speaker, t.label, t.text) for t in turns]


# --------------------------------------------------------------------------- labels


@pytest.mark.parametrize(
    "label", [v for label in [*CASEWORKER_LABELS, "Raadgiver"] for v in case_variants(label)]
)
def test_caseworker_labels_in_any_case(label: str) -> None:
    turn = one(f"{label}: Hvordan går det?")
    assert (turn.speaker, turn.label, turn.text) == ("caseworker", label, "Hvordan går det?")


@pytest.mark.parametrize("label", [v for label in CITIZEN_LABELS for v in case_variants(label)])
def test_citizen_labels_in_any_case(label: str) -> None:
    turn = one(f"{label}: Det går fint.")
    assert (turn.speaker, turn.label, turn.text) == ("citizen", label, "Det går fint.")


@pytest.mark.parametrize(
    "label",
    [
        "Mentor",
        "Virksomhedskonsulent",
        "Tolk",
        "Læge",
        "R2",
        "B2",
        "Borgerens mor",
        "Deltager 2",
        "Anne-Marie",
        "Dr. Hansen",
        "Hans",
        "I",
        "Sagsbehandler Anne",
        "Borger 2",
        "Misbrugskonsulent",
        "Ægtefælle",
        "Øvrig deltager",
        "Mentor fra Ungeenheden",
        "Mor til borgeren",
    ],
)
def test_other_short_labels(label: str) -> None:
    turn = one(f"{label}: Må jeg sige noget?")
    assert (turn.speaker, turn.label, turn.text) == ("other", label, "Må jeg sige noget?")


@pytest.mark.parametrize(
    ("line", "label", "text"),
    [
        ("R: Hej", "R", "Hej"),
        ("R:Hej", "R", "Hej"),
        ("R : Hej", "R", "Hej"),
        ("R   :   Hej", "R", "Hej"),
        ("R:\tHej", "R", "Hej"),
        ("R\tHej", "R", "Hej"),
        ("R\t: Hej", "R", "Hej"),
        ("Borger\tDet ved jeg ikke", "Borger", "Det ved jeg ikke"),
        ("Mentor\tJeg kan hjælpe", "Mentor", "Jeg kan hjælpe"),
        ("  SB: indrykket", "SB", "indrykket"),
        ("B:    mange mellemrum", "B", "mange mellemrum"),
        ("B: to  mellemrum  inde", "B", "to  mellemrum  inde"),
    ],
)
def test_separators(line: str, label: str, text: str) -> None:
    turn = one(line)
    assert (turn.label, turn.text) == (label, text)


@pytest.mark.parametrize("line", ["B - det går fint", "B det går fint", "B. det går fint"])
def test_a_dash_or_space_is_not_a_separator(line: str) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(line)
    assert 'Mangler der et kolon efter "B"?' in info.value.message_da
    assert 'Is a colon missing after "B"?' in info.value.message_en


# --------------------------------------------------------------------------- timestamps, numbers


@pytest.mark.parametrize(
    "prefix",
    [
        "[00:01:12] ",
        "[00:01:12]",
        "[01:12] ",
        "[ 00:01:12 ] ",
        "(00:01:12) ",
        "(01:12)",
        "00:01 ",
        "00:01:12 ",
        "0:01:12 ",
        "00:01:12.500 ",
        "00:01:12,5 ",
        "00:01:12\t",
        "01 ",
        "1 ",
        "1. ",
        "12 ",
        "123 ",
        "3) ",
        "12\t",
        "12 [00:01:12] ",
        "7. (00:12) ",
        "4 00:01 ",
    ],
)
@pytest.mark.parametrize(
    ("label", "speaker"), [("R", "caseworker"), ("Borger", "citizen"), ("Mentor", "other")]
)
def test_timestamp_or_line_number_before_label_is_dropped(
    prefix: str, label: str, speaker: str
) -> None:
    turn = one(f"{prefix}{label}: Hvad tænker du om det?")
    assert (turn.speaker, turn.label, turn.text) == (speaker, label, "Hvad tænker du om det?")


@pytest.mark.parametrize(
    ("line", "label", "speaker"),
    [
        ("B (00:12): ja", "B", "citizen"),
        ("B [00:12]: ja", "B", "citizen"),
        ("B [00:01:12]: ja", "B", "citizen"),
        ("B [00:01:12] : ja", "B", "citizen"),
        ("B(00:12): ja", "B", "citizen"),
        ("SB (00:01:12.5): ja", "SB", "caseworker"),
        ("Rådgiver [1:02:03]: ja", "Rådgiver", "caseworker"),
        ("Mentor (00:12): ja", "Mentor", "other"),
        ("Borgerens mor [00:12]: ja", "Borgerens mor", "other"),
        ("[00:00:10] B (00:12): ja", "B", "citizen"),
        ("5 B [00:12]: ja", "B", "citizen"),
    ],
)
def test_timestamp_after_label_is_dropped(line: str, label: str, speaker: str) -> None:
    turn = one(line)
    assert (turn.speaker, turn.label, turn.text) == (speaker, label, "ja")


def test_numbered_transcript_drops_numbers_on_continuation_lines_too() -> None:
    text = "01 R: hvordan går det med\n02    jobsøgningen (.)\n03 B: det går\n04 12 år er lang tid"
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "hvordan går det med\njobsøgningen (.)"),
        ("citizen", "B", "det går\n12 år er lang tid"),
    ]


def test_unnumbered_transcript_keeps_numbers_at_start_of_continuation() -> None:
    text = "B: jeg har været ledig i\n12 år nu"
    assert one(text).text == "jeg har været ledig i\n12 år nu"


@pytest.mark.parametrize("alone", ["[00:01:12]", "00:01:12", "(00:12)", "12", "3.", "4 [00:12]"])
def test_line_with_only_timestamp_or_number_is_ignored(alone: str) -> None:
    text = f"{alone}\nR: Hej\n{alone}\nB: Hej med dig"
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "Hej"),
        ("citizen", "B", "Hej med dig"),
    ]


# --------------------------------------------------------------------------- continuation


def test_continuation_lines_keep_newlines() -> None:
    text = "R: hvad vil du\n   gerne lave (.)\n   hvis du selv måtte vælge\nB: øh (1.2) lager"
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "hvad vil du\ngerne lave (.)\nhvis du selv måtte vælge"),
        ("citizen", "B", "øh (1.2) lager"),
    ]


def test_label_alone_takes_the_following_lines() -> None:
    text = "B:\nja altså\njeg ved det ikke\nR: okay"
    assert shape(parse_transcript(text)) == [
        ("citizen", "B", "ja altså\njeg ved det ikke"),
        ("caseworker", "R", "okay"),
    ]


@pytest.mark.parametrize("text", ["R: hvad tænker du?\nB:", "R: hvad tænker du?\nB:\n\n", "B:"])
def test_label_with_no_text_keeps_an_empty_turn(text: str) -> None:
    turns = parse_transcript(text)
    assert turns[-1].speaker == "citizen"
    assert turns[-1].text == ""


def test_empty_turn_in_the_middle_is_kept() -> None:
    turns = parse_transcript("R: hvad så?\nB:\nR: du behøver ikke svare")
    assert [t.text for t in turns] == ["hvad så?", "", "du behøver ikke svare"]


def test_blank_lines_are_ignored() -> None:
    text = "\n\n  \nR: Hej\n\n\t\nog velkommen\n\n\nB: Tak\n   \n"
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "Hej\nog velkommen"),
        ("citizen", "B", "Tak"),
    ]


def test_turns_are_numbered_from_one() -> None:
    turns = parse_transcript("R: a\nB: b\nMentor: c\nR: d")
    assert [t.number for t in turns] == [1, 2, 3, 4]


def test_turn_is_frozen() -> None:
    turn = one("R: Hej")
    with pytest.raises(dataclasses.FrozenInstanceError):
        turn.text = "ændret"  # type: ignore[misc]


@pytest.mark.parametrize(
    "line",
    [
        "Jeg tænkte: hvad nu hvis",
        "Kl. 10:30 mødtes vi",
        "kl. 10:30 mødtes vi",
        "Klokken 10:30 mødtes vi",
        "10:30 mødtes vi",
        "Mødet 10:30: det gik godt",
        "Mødet sluttede 10:30",
        "Det stod 3:1",
        "Stillingen 3:1 til os",
        "Han sagde: nej",
        "Hun spurgte: hvorfor",
        "Min mor sagde: kom nu",
        "Det var sådan: øh",
        "Det er: svært",
        "og så: nej",
        "altså: det er svært",
        "Altså: det er svært",
        "Nå:: okay",
        "Ja:: det ved jeg ikke",
        "ja: det",
        "Nej: aldrig",
        "Hvad nu hvis: vi prøver",
        "Se https://www.jobnet.dk",
        "https://www.jobnet.dk",
        "mentor: hun sagde det",
        "Det er en meget lang sætning før kolon: ja",
        "En to tre fire: for mange ord",
        "Virksomhedskonsulenten fra jobcentret: for lang",
        "3 gange: ja",
        "[ja: nej",
        "Dato: 3. maj",
        "Note: borgeren græder",
        "(0.5) ja: det",
        "Måske: i morgen",
        "Jeg\tved det ikke",
        "Og\tså",
        "12:00 er fint",
        "Til sidst: det gik",
        "Efter mødet: ja",
        "Mødet i går: fint",
    ],
)
def test_sentence_with_colon_continues_the_turn(line: str) -> None:
    turn = one(f"B: ja\n{line}")
    assert (turn.speaker, turn.text) == ("citizen", "ja\n" + line.replace("\t", " "))


# --------------------------------------------------------------------------- CA marks


CA_TEXTS = [
    "ja (.) det ved jeg ikke",
    "(1.2) øh",
    "(0.5)",
    "det er [fint",
    "[ja",
    "[ja]",
    "ja]",
    "=ja det går",
    "det går=",
    "=",
    "°det ved jeg ikke°",
    ">det går hurtigt<",
    "<langsomt>",
    "ja::",
    "ne::j",
    "hh ja",
    ".hh ja",
    "ja hh.",
    "↑ja↓",
    "(( griner ))",
    "((griner))",
    "(xxx)",
    "(det ved jeg ikke)",
    "JA det gør jeg",
    "jeg- jeg ved ikke",
    "ja, nej, måske?",
    "[ja]=(.)°ja°>nå<::hh.hh↑↓((ler))(xxx)",
    "det var 10:30 (.) tror jeg",
    "[00:12 kom hun",
    "$smil$ #knirk# ~rystende~",
]


@pytest.mark.parametrize("text", CA_TEXTS)
@pytest.mark.parametrize("label", ["R", "B", "Mentor"])
def test_ca_marks_are_kept_verbatim_after_label(label: str, text: str) -> None:
    assert one(f"{label}: {text}").text == text


@pytest.mark.parametrize("text", CA_TEXTS)
def test_ca_marks_are_kept_verbatim_on_continuation_lines(text: str) -> None:
    assert one(f"R: så\n{text}").text == f"så\n{text}"


def test_overlap_across_speakers() -> None:
    text = "R: det er [fint\nB:        [ja\nR: =så (.) ↑hvad nu"
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "det er [fint"),
        ("citizen", "B", "[ja"),
        ("caseworker", "R", "=så (.) ↑hvad nu"),
    ]


# --------------------------------------------------------------------------- normalisation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R: Hej\r\nmed dig\r\nB: Hej", [("R", "Hej\nmed dig"), ("B", "Hej")]),
        ("R: Hej\rmed dig\rB: Hej", [("R", "Hej\nmed dig"), ("B", "Hej")]),
        ("\ufeffR: Hej\nB: Hej", [("R", "Hej"), ("B", "Hej")]),
        ("R:\u00a0Hej\u00a0med\u00a0dig", [("R", "Hej med dig")]),
        ("R\u00a0: Hej", [("R", "Hej")]),
        ("R: Hej   \nB: Hej\t \t", [("R", "Hej"), ("B", "Hej")]),
        ("R: Hej\tmed\tdig", [("R", "Hej med dig")]),
        ("R: Hej\u2028med dig", [("R", "Hej\nmed dig")]),
        ("R: Hej\u200b", [("R", "Hej")]),
        ("R: Hej\x07 med dig", [("R", "Hej med dig")]),
        ("Ra\u030adgiver: ha\u030ar", [("Rådgiver", "hår")]),
    ],
)
def test_whitespace_and_encodings_are_normalised(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(t.label, t.text) for t in parse_transcript(text)] == expected


def test_the_words_are_never_changed() -> None:
    text = "SB: Så ´kære´ Jørgen – “citat” … 50 % og 3½ time? ÆØÅ æøå é ü ß\nB: Ok!"
    turns = parse_transcript(text)
    assert turns[0].text == "Så ´kære´ Jørgen – “citat” … 50 % og 3½ time? ÆØÅ æøå é ü ß"


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line_number", "line"),
    [
        ("Hej og velkommen\nR: Hej", 1, "Hej og velkommen"),
        ("\n\n   Hej og velkommen  \nR: Hej", 3, "Hej og velkommen"),
        ("\r\n\r\nSamtale med borger 3. maj\r\nR: Hej", 3, "Samtale med borger 3. maj"),
        ("Jeg tænkte: hvad nu hvis\nB: ja", 1, "Jeg tænkte: hvad nu hvis"),
        ("[ja\nB: ja", 1, "[ja"),
        ("(0.5)\nB: ja", 1, "(0.5)"),
        ("[00:00:01]\nKl. 10:30 mødtes vi\nR: ja", 2, "Kl. 10:30 mødtes vi"),
        ("Taler\tTekst\nR\tHej", 1, "Taler\tTekst"),
        ("mentor: hej", 1, "mentor: hej"),
    ],
)
def test_first_line_without_label_is_rejected_and_shown(
    text: str, line_number: int, line: str
) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(text)
    err = info.value
    assert isinstance(err, ValueError)
    assert err.line_number == line_number
    assert err.line == line
    assert err.message_da.startswith(
        f'Linje {line_number} kunne ikke deles op i taleture: "{line}".'
    )
    assert "Skriv hver taletur på sin egen linje med taleren først og et kolon" in err.message_da
    assert '"R: Hvordan går det?"' in err.message_da
    assert err.message_en.startswith(f'Line {line_number} could not be split into turns: "{line}"')
    assert str(err) == err.message_en
    assert err.message("da") == err.message_da
    assert err.message("en") == err.message_en


def test_long_bad_line_is_shortened_in_the_message_but_kept_whole() -> None:
    line = "Dette er en indledning " * 10
    with pytest.raises(TranscriptError) as info:
        parse_transcript(line + "\nR: Hej")
    assert info.value.line == line.strip()
    assert "…" in info.value.message_da
    assert len(info.value.message_da) < len(line) + 400


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "\r\n \t \r\n", "\ufeff", "\u00a0", "[00:12]"])
def test_no_turns_at_all_is_rejected(text: str) -> None:
    with pytest.raises(TranscriptError) as info:
        parse_transcript(text)
    assert info.value.line_number is None
    assert "Indsæt et uddrag" in info.value.message_da
    assert "Paste an excerpt" in info.value.message_en


def test_max_turns_is_accepted() -> None:
    text = "\n".join(f"{'R' if i % 2 else 'B'}: tur {i}" for i in range(1, MAX_TURNS + 1))
    turns = parse_transcript(text)
    assert len(turns) == MAX_TURNS == 400
    assert turns[-1].text == f"tur {MAX_TURNS}"


def test_more_than_max_turns_is_rejected_clearly() -> None:
    lines = ["R: start\nmed en fortsættelse"]
    lines += [f"{'R' if i % 2 else 'B'}: tur {i}" for i in range(2, MAX_TURNS + 11)]
    with pytest.raises(TranscriptError) as info:
        parse_transcript("\n".join(lines))
    err = info.value
    assert err.line_number == MAX_TURNS + 2  # the continuation line shifts everything by one
    assert err.line == f"{'R' if (MAX_TURNS + 1) % 2 else 'B'}: tur {MAX_TURNS + 1}"
    assert f"{MAX_TURNS + 10} taleture" in err.message_da
    assert f"højst {MAX_TURNS}" in err.message_da
    assert f"linje {MAX_TURNS + 2}" in err.message_da
    assert f"at most {MAX_TURNS}" in err.message_en


# --------------------------------------------------------------------------- property


KNOWN_LABELS = [v for label in CASEWORKER_LABELS + CITIZEN_LABELS for v in case_variants(label)]
OTHER_LABELS = ["Mentor", "Tolk", "Læge", "R2", "Borgerens mor", "Virksomhedskonsulent"]


def _speaker(label: str) -> str:
    key = label.casefold()
    if key in {x.casefold() for x in CASEWORKER_LABELS}:
        return "caseworker"
    if key in {x.casefold() for x in CITIZEN_LABELS}:
        return "citizen"
    return "other"


_text_chars = st.characters(
    blacklist_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs"),
    blacklist_characters="\ufeff",
) | st.sampled_from(" (.)[]=°><:↑↓hh0123456789æøåÆØÅ")
_texts = (
    st.text(_text_chars, max_size=60)
    .map(lambda s: unicodedata.normalize("NFC", s).strip())
    .filter(lambda s: s == unicodedata.normalize("NFC", s))
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(KNOWN_LABELS + OTHER_LABELS), _texts), min_size=1))
def test_rendered_turns_parse_back(turns: list[tuple[str, str]]) -> None:
    rendered = "\n".join(f"{label}: {text}" for label, text in turns)
    parsed = parse_transcript(rendered)
    assert [(t.speaker, t.label, t.text) for t in parsed] == [
        (_speaker(label), label, text) for label, text in turns
    ]
    assert [t.number for t in parsed] == list(range(1, len(turns) + 1))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text_either_parses_or_raises_transcript_error(text: str) -> None:
    try:
        turns = parse_transcript(text)
    except TranscriptError as err:
        assert err.message_da and err.message_en
    else:
        assert turns and all(t.speaker in {"caseworker", "citizen", "other"} for t in turns)


# --------------------------------------------------------------------------- uploads


SAMPLE = "R: Hvordan går det med jobsøgningen?\nB: Øh (.) det går sådan lidt æøå ÆØÅ"


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("samtale.txt", SAMPLE.encode("utf-8")),
        ("samtale.txt", b"\xef\xbb\xbf" + SAMPLE.encode("utf-8")),
        ("samtale.txt", SAMPLE.encode("cp1252")),
        ("samtale.txt", SAMPLE.encode("utf-16")),
        ("SAMTALE.TXT", SAMPLE.encode("utf-8")),
        ("mappe/samtale.txt", SAMPLE.encode("utf-8")),
        ("samtale.txt", SAMPLE.replace("\n", "\r\n").encode("cp1252")),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16-bom", "upper-ext", "with-folder", "cp1252-crlf"],
)
def test_read_text_files(filename: str, data: bytes) -> None:
    text = read_upload(filename, data)
    assert text == SAMPLE
    assert [t.speaker for t in parse_transcript(text)] == ["caseworker", "citizen"]


def test_cp1252_curly_quotes_and_dash() -> None:
    data = "B: “Det er svært” – sagde han".encode("cp1252")
    assert read_upload("a.txt", data) == "B: “Det er svært” – sagde han"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)) * 8,
        b"R: hej\x00med dig",
        b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f abc" * 20,
        b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00",
    ],
    ids=["all-bytes", "nul", "controls", "zip", "pdf"],
)
def test_binary_content_in_txt_is_rejected(data: bytes) -> None:
    with pytest.raises(UploadError) as info:
        read_upload("samtale.txt", data)
    err = info.value
    assert isinstance(err, ValueError)
    assert "ikke en almindelig tekstfil" in err.message_da
    assert "not a plain text file" in err.message_en
    assert "samtale.txt" in err.message_da


def test_zip_renamed_to_txt_gets_a_hint() -> None:
    with pytest.raises(UploadError) as info:
        read_upload("samtale.txt", make_docx(["R: Hej"]))
    assert ".docx" in info.value.message_da
    assert "Word" in info.value.message_en


def test_undecodable_text_is_rejected() -> None:
    # 0x81 is undefined in cp1252 and invalid as UTF-8.
    with pytest.raises(UploadError) as info:
        read_upload("samtale.txt", b"R: hej \x81\x8d med dig")
    assert "UTF-8" in info.value.message_da


def test_stray_control_character_is_removed_not_rejected() -> None:
    assert read_upload("a.txt", b"R: hej\x07 med dig" + b" ord" * 20).startswith("R: hej med dig")


def test_read_docx_paragraphs_and_table_in_reading_order() -> None:
    data = make_docx(
        ["R: Hvordan går det?", "B: Det går (.) fint"],
        table=[["SB", "Og jobsøgningen?"], ["Borger", "=øh\nden går"], ["", "langsomt"]],
        after=("Mentor: Jeg kan hjælpe",),
    )
    text = read_upload("samtale.docx", data)
    assert text == (
        "R: Hvordan går det?\nB: Det går (.) fint\n"
        "SB\tOg jobsøgningen?\nBorger\t=øh\nden går\n\tlangsomt\n"
        "Mentor: Jeg kan hjælpe"
    )
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "Hvordan går det?"),
        ("citizen", "B", "Det går (.) fint"),
        ("caseworker", "SB", "Og jobsøgningen?"),
        ("citizen", "Borger", "=øh\nden går\nlangsomt"),
        ("other", "Mentor", "Jeg kan hjælpe"),
    ]


def test_read_docx_three_column_table_with_timestamps() -> None:
    data = make_docx(
        [], table=[["00:00:01", "R", "Hej"], ["00:00:04", "B", "Hej (.) ja"], ["00:00:09", "R", ""]]
    )
    text = read_upload("samtale.docx", data)
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "Hej"),
        ("citizen", "B", "Hej (.) ja"),
        ("caseworker", "R", ""),
    ]


def test_read_docx_merged_cells_are_read_once() -> None:
    document = docx.Document()
    grid = document.add_table(rows=3, cols=2)
    grid.cell(0, 0).text = "R"
    grid.cell(0, 1).text = "første"
    grid.cell(1, 0).merge(grid.cell(2, 0)).text = "B"
    grid.cell(1, 1).text = "anden"
    grid.cell(2, 1).text = "tredje"
    out = io.BytesIO()
    document.save(out)
    text = read_upload("m.docx", out.getvalue())
    assert text.count("B") == 1
    assert shape(parse_transcript(text)) == [
        ("caseworker", "R", "første"),
        ("citizen", "B", "anden\ntredje"),
    ]


def test_read_docx_line_breaks_and_tabs_in_paragraph() -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("R:\tHej")
    run.add_break()
    run.add_text("og velkommen")
    out = io.BytesIO()
    document.save(out)
    text = read_upload("a.docx", out.getvalue())
    assert one(text).text == "Hej\nog velkommen"


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a word file at all",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500,  # an old .doc (OLE)
        make_docx(["R: Hej"])[:300],  # truncated
        _zip({"hello.txt": b"hej"}),
        _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<not xml"}),
        _zip({"[Content_Types].xml": b"garbage", "word/document.xml": b"<w:document/>"}),
    ],
    ids=["text", "ole-doc", "truncated", "other-zip", "bad-xml", "bad-content-types"],
)
def test_corrupt_docx_is_rejected(data: bytes) -> None:
    with pytest.raises(UploadError) as info:
        read_upload("samtale.docx", data)
    err = info.value
    assert "kunne ikke åbnes som Word-dokument (.docx)" in err.message_da
    assert "could not be opened as a Word document (.docx)" in err.message_en


def test_docx_that_unpacks_huge_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transcript, "MAX_DOCX_UNPACKED_BYTES", 1000)
    with pytest.raises(UploadError) as info:
        read_upload("stor.docx", make_docx(["R: Hej"]))
    assert "pakkes ud" in info.value.message_da


@pytest.mark.parametrize(
    ("filename", "shown"),
    [
        ("samtale.pdf", ".pdf"),
        ("samtale.doc", ".doc"),
        ("samtale.rtf", ".rtf"),
        ("samtale.odt", ".odt"),
        ("samtale.txt.exe", ".exe"),
        ("samtale", "uden filendelse"),
        ("", "uden filendelse"),
    ],
)
def test_wrong_extension_is_rejected_listing_accepted(filename: str, shown: str) -> None:
    with pytest.raises(UploadError) as info:
        read_upload(filename, SAMPLE.encode())
    err = info.value
    assert shown in err.message_da
    assert ".txt og .docx" in err.message_da
    assert ".txt and .docx" in err.message_en


def test_old_doc_gets_a_save_as_hint() -> None:
    with pytest.raises(UploadError) as info:
        read_upload("samtale.doc", b"\xd0\xcf\x11\xe0")
    assert "Gem den gamle Word-fil som .docx" in info.value.message_da


@pytest.mark.parametrize("filename", ["stor.txt", "stor.docx"])
def test_too_large_is_rejected(filename: str) -> None:
    data = b"R: hej\n" * (2 * 1024 * 1024 // 7 + 1)
    assert len(data) > 2 * 1024 * 1024
    with pytest.raises(UploadError) as info:
        read_upload(filename, data)
    assert "for stor" in info.value.message_da
    assert "2,0 MB" in info.value.message_da
    assert "too large" in info.value.message_en


def test_exactly_the_size_limit_is_accepted() -> None:
    data = b"R: " + b"a" * (2 * 1024 * 1024 - 3)
    assert len(read_upload("ok.txt", data)) == 2 * 1024 * 1024


@pytest.mark.parametrize(
    ("filename", "data"),
    [
        ("tom.txt", b""),
        ("tom.txt", b"  \r\n\t\n"),
        ("tom.txt", b"\xef\xbb\xbf"),
        ("tom.docx", b""),
        ("tom.docx", make_docx([])),
        ("tom.docx", make_docx(["", "  "])),
    ],
)
def test_empty_file_is_rejected(filename: str, data: bytes) -> None:
    with pytest.raises(UploadError) as info:
        read_upload(filename, data)
    assert "ingen tekst" in info.value.message_da
    assert "no text" in info.value.message_en


# --------------------------------------------------------------------------- names as labels


@pytest.mark.parametrize(
    ("text", "line_number", "label"),
    [
        ("R: Hvordan går det?\nmette: hej", 2, "mette"),
        ("R: Hvordan går det?\nB: godt\nPeter (borger): Hej", 3, "Peter (borger)"),
        ("R: Hvordan går det?\nR, Mette: ja", 2, "R, Mette"),
        ("R: Hvordan går det?\nB (Peter): ja", 2, "B (Peter)"),
        ("R: Hvordan går det?\nMette og Peter: hej", 2, "Mette og Peter"),
        ("R: Hvordan går det?\nmette hansen: hej", 2, "mette hansen"),
        ("R: Hvordan går det?\n[00:12] mette: hej", 2, "mette"),
        ("1 R: Hvordan går det?\n2 mette: hej", 2, "mette"),
        ("mette: hej\nR: Hvordan går det?", 1, "mette"),
        ("R: Hvordan går det?\nmette\thej", 2, "mette"),
    ],
)
def test_name_as_speaker_label_is_refused_with_line_and_advice(
    text: str, line_number: int, label: str
) -> None:
    """Issue 14, item 10: as continuation text the name would reach the shared pool."""
    with pytest.raises(TranscriptError) as info:
        parse_transcript(text)
    err = info.value
    assert err.line_number == line_number
    assert f"Linje {line_number}" in err.message_da and f'"{label}"' in err.message_da
    assert f"Line {line_number}" in err.message_en and f'"{label}"' in err.message_en
    assert "navn" in err.message_da and "name" in err.message_en
    for role in ("R", "SB", "Rådgiver", "B", "Borger"):
        assert role in err.message_da and role in err.message_en


@pytest.mark.parametrize(
    "text",
    [
        "R: Klokken er 10: vi starter",
        "B: Det sagde jeg: nej",
        "R: hej\nKlokken er 10: vi starter",
        "R: hej\nDet sagde jeg: nej",
        "R: hej\nmentor: hun sagde det",
        "R: hej\nHan (griner): nej",
        "R: hej\nJa, Mette: ok",  # a name in the text itself is not a label
        "R: hej\n3 gange: ja",
        "R: hej\nog så (.) hun sagde: nej",
        "R: hej\nKl. 10:30 mødtes vi",
        "Mette: hej\nR: Hvordan går det?",  # a proper label: the pool shows a role name
        "B (00:12): ja",
    ],
)
def test_colon_in_ordinary_text_is_not_taken_for_a_name_label(text: str) -> None:
    assert parse_transcript(text)
