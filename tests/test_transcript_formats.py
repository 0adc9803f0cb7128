"""Reading the formats transcription tools produce: WebVTT, SRT, Teams/Word "Transcribe", CHAT,
and the two additions to the "lines" format (start times, free-standing pauses between speakers).

The files under tests/data/transcripts/ are written for these tests (the names are made up).
"""

from __future__ import annotations

import ast
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lises_reflect import demo_content
from lises_reflect.textform import fold, fold_whitespace
from lises_reflect.transcript import (
    FORMATS,
    MAX_TURNS,
    Source,
    Speaker,
    TranscriptError,
    Turn,
    UploadError,
    detect_format,
    parse_transcript,
    read_source,
    read_upload,
    tool_trace,
)
from tests.builders import make_docx

DATA = Path(__file__).parent / "data" / "transcripts"


def source(name: str) -> Source:
    return read_source((DATA / name).read_text("utf-8"))


def shape(turns: tuple[Turn, ...] | list[Turn]) -> list[tuple[str, str, str]]:
    return [(t.speaker, t.label, t.text) for t in turns]


# --------------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("teams_mette_ahmed.vtt", "vtt"),
        ("whisper_speakers.vtt", "vtt"),
        ("samtale.srt", "srt"),
        ("teams_transcribe.txt", "teams"),
        ("teams_eksport.txt", "teams"),
        ("ca_samtale.cha", "chat"),
        ("ca_uddrag_nummereret.txt", "lines"),
    ],
)
def test_each_file_is_recognised_by_its_content(name: str, kind: str) -> None:
    text = (DATA / name).read_text("utf-8")
    assert kind in FORMATS
    assert detect_format(text) == kind
    assert source(name).format == kind
    # Stored text has been through the whole fold (the \x15 of CHAT bullets is removed, too):
    # it reads the same.
    assert detect_format(fold(text)) == kind
    stored = read_source(fold(text))
    assert shape(stored.turns) == shape(source(name).turns)
    assert [t.start for t in stored.turns] == [t.start for t in source(name).turns]
    assert stored.speakers == source(name).speakers


@pytest.mark.parametrize(
    "text",
    [
        "R: hej\nB: vi ses 10:30",
        "R: hej\nB: vi ses 10:30\nR: ja 11:00",
        "Samtale med borger 3. maj 10:30\nR: hej\nB: ja",
        "Samtale med Ahmed 10:30\nR: hej\nB: vi ses 10:30",
        "R: Hvordan går det\nMette Hansen 0:01\nhej\nAhmed 0:05\nhej",
        "B: det var 10:30\nvi mødtes 10:30\nog talte 11:00",
        "Udskrift\nR: hej",
    ],
)
def test_an_ordinary_lines_transcript_is_never_taken_for_teams(text: str) -> None:
    assert detect_format(text) == "lines"


def test_parse_transcript_is_the_turns_of_read_source() -> None:
    for name in ("teams_mette_ahmed.vtt", "samtale.srt", "ca_samtale.cha"):
        text = (DATA / name).read_text("utf-8")
        assert parse_transcript(text) == list(read_source(text).turns)


# --------------------------------------------------------------------------- WebVTT


def test_teams_vtt_voices_entities_overlap_and_empty_cue() -> None:
    found = source("teams_mette_ahmed.vtt")
    assert shape(found.turns) == [
        ("other", "Mette Hansen", "Hej Ahmed, og velkommen. Kan du høre mig?"),
        ("other", "Ahmed Al-Sayed", "Ja, jeg kan godt høre dig."),
        # two consecutive cues of one voice: one turn, each cue on its own line
        (
            "other",
            "Mette Hansen",
            "Godt. I dag skal vi tale om din jobplan & om praktikken\n"
            "hos Netto – hvordan har den første uge været?",
        ),
        # overlapping cues (15.0 starts before 15.4) keep their own turns, no marks invented
        ("other", "Ahmed Al-Sayed", "Den har været okay."),
        ("other", "Mette Hansen", "Mm."),
        ("other", "Ahmed Al-Sayed", "Men jeg er træt om morgenen <griner>"),
        # the empty cue at 23.1 is skipped; <v.loud> and <b> are handled
        ("other", "Mette Hansen", "Det forstår jeg godt."),
        # one cue, two voices on two lines
        ("other", "Ahmed Al-Sayed", "Skal jeg blive ved?"),
        ("other", "Mette Hansen", "Ja, fortsæt bare."),
        # &nbsp; becomes a space, the inline time and <c> are removed
        ("other", "Ahmed Al-Sayed", "Jeg møder kl. 7, og bussen går 6.15."),
    ]
    assert [t.start for t in found.turns] == [
        1.2, 5.1, 6.5, 15.0, 16.9, 18.0, 23.6, 27.1, 27.1, 29.1
    ]  # fmt: skip
    assert [t.number for t in found.turns] == list(range(1, 11))
    assert all(t.gap_after == "" for t in found.turns)
    assert found.speakers == (
        Speaker(
            "Mette Hansen",
            "Mette Hansen",
            None,
            ("Mette", "Hansen"),
            "Hej Ahmed, og velkommen. Kan du høre mig?",
        ),
        Speaker(
            "Ahmed Al-Sayed",
            "Ahmed Al-Sayed",
            None,
            ("Ahmed", "Al-Sayed"),
            "Ja, jeg kan godt høre dig.",
        ),
    )
    assert not any("NOTE" in t.text or "Kind:" in t.text for t in found.turns)


def test_whisper_vtt_bracket_speakers_and_a_cue_that_continues() -> None:
    found = source("whisper_speakers.vtt")
    assert shape(found.turns) == [
        (
            "other",
            "SPEAKER_00",
            "Velkommen til. Vi skal snakke om, hvordan det går med jobsøgningen.\n"
            "Jeg kan se, at du har søgt tre stillinger siden sidst.",
        ),
        ("other", "SPEAKER_01", "Ja, det har jeg. Men jeg har ikke hørt noget."),
        ("other", "SPEAKER_00", "Nej. Hvordan har du det med det?"),
        (
            "other",
            "SPEAKER_01",
            "Det er lidt op ad bakke, ærligt talt.\nIsær når man har søgt så mange.",
        ),
    ]
    assert [t.start for t in found.turns] == [0.0, 6.9, 9.24, 12.8]
    assert [(s.key, s.name, s.role, s.names) for s in found.speakers] == [
        ("SPEAKER_00", "SPEAKER_00", None, ()),
        ("SPEAKER_01", "SPEAKER_01", None, ()),
    ]
    assert found.speakers[0].first_words.startswith("Velkommen til. Vi skal snakke om,")
    assert len(found.speakers[0].first_words) <= 61
    assert found.speakers[1].first_words == "Ja, det har jeg. Men jeg har ikke hørt noget."


@pytest.mark.parametrize(
    ("cue", "speaker", "label", "text"),
    [
        ("SB: Hvordan går det?", "caseworker", "SB", "Hvordan går det?"),
        ("Borger: Fint", "citizen", "Borger", "Fint"),
        ("Mette: Hej", "other", "Mette", "Hej"),
        ("Mette Hansen: Hej", "other", "Mette Hansen", "Hej"),
        ("[Taler 1] Hej", "other", "Taler 1", "Hej"),
        ("[SPEAKER_03]: Hej", "other", "SPEAKER_03", "Hej"),
        ("Speaker 2: Hej", "other", "Speaker 2", "Hej"),
        ("<v B>Ja</v>", "citizen", "B", "Ja"),
        ("<v Sagsbehandler>Ja", "caseworker", "Sagsbehandler", "Ja"),
    ],
)
def test_a_cue_names_its_speaker(cue: str, speaker: str, label: str, text: str) -> None:
    turns = parse_transcript(f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n{cue}\n")
    assert shape(turns) == [(speaker, label, text)]


@pytest.mark.parametrize(
    "cue", ["Han sagde: nej", "[ja] det gør jeg", "Kl. 10:30 mødtes vi", "[00:12] ja"]
)
def test_text_with_a_colon_or_bracket_in_a_cue_is_no_speaker(cue: str) -> None:
    text = f"WEBVTT\n\n00:01.000 --> 00:02.000\nSB: ja\n\n00:02.000 --> 00:03.000\n{cue}\n"
    assert shape(parse_transcript(text)) == [("caseworker", "SB", f"ja\n{cue}")]


def test_first_cue_without_a_speaker_is_refused_naming_its_line() -> None:
    text = (
        "WEBVTT\n\nNOTE optaget i mødelokale 2\n\n1\n00:00:01.000 --> 00:00:03.000\n"
        "Hvordan går det?\n\n2\n00:00:03.000 --> 00:00:04.000\nB: Fint.\n"
    )
    with pytest.raises(TranscriptError) as info:
        read_source(text)
    err = info.value
    assert (err.line_number, err.line) == (7, "Hvordan går det?")
    assert err.message_da.startswith("Linje 7 er begyndelsen på den første replik")
    assert '"Hvordan går det?"' in err.message_da
    assert "Skriv taleren foran teksten" in err.message_da
    assert err.message_en.startswith("Line 7 begins the first cue")
    assert "Put the speaker before the text" in err.message_en


def test_an_empty_first_cue_does_not_count_as_the_first() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<i> </i>\n\n00:02.000 --> 00:03.000\n<v B>ja\n"
    assert shape(parse_transcript(text)) == [("citizen", "B", "ja")]


@pytest.mark.parametrize(
    ("text", "line_number", "line", "kind"),
    [
        ("WEBVTT\n\nDette er bare tekst\nuden tidskoder\n", 3, "Dette er bare tekst", "WebVTT"),
        (
            "WEBVTT\n\n00:01.000 --> 00:02.000\n<v B>ja\n\nR: og så noget andet\n",
            6,
            "R: og så noget andet",
            "WebVTT",
        ),
        (
            "1\n00:00:01,000 --> 00:00:02,000\nSB: hej\n\n2\n00:00:02,000 -> 00:00:03,000\nB: ja\n",
            6,
            "00:00:02,000 -> 00:00:03,000",
            "SRT",
        ),
    ],
)
def test_garbage_after_the_header_is_refused_clearly(
    text: str, line_number: int, line: str, kind: str
) -> None:
    with pytest.raises(TranscriptError) as info:
        read_source(text)
    err = info.value
    assert (err.line_number, err.line) == (line_number, line)
    assert f"Linje {line_number} kunne ikke læses som en del af undertekstfilen ({kind})" in (
        err.message_da
    )
    assert "tidslinje" in err.message_da and "-->" in err.message_da
    assert f"Line {line_number} could not be read as part of the subtitle file" in err.message_en


@pytest.mark.parametrize(
    "text", ["WEBVTT", "WEBVTT\n\nNOTE kun en note\n", "WEBVTT\n\n00:01.000 --> 00:02.000\n"]
)
def test_a_subtitle_file_without_any_text_is_empty(text: str) -> None:
    with pytest.raises(TranscriptError) as info:
        read_source(text)
    assert info.value.line_number is None
    assert "Indsæt et uddrag" in info.value.message_da


def test_a_cue_right_under_the_header_is_read() -> None:
    text = "WEBVTT\n00:00:01.000 --> 00:00:02.000\n<v R>hej\n"
    assert shape(parse_transcript(text)) == [("caseworker", "R", "hej")]


# --------------------------------------------------------------------------- SRT


def test_srt_labels_tags_empty_cue_and_merges() -> None:
    found = source("samtale.srt")
    assert shape(found.turns) == [
        ("caseworker", "SB", "Hvordan er det gået med praktikken?"),
        # cue 3 is empty (only <i></i>) and skipped, so cues 2 and 4 are one turn
        ("citizen", "B", "Fint, tror jeg.\nAltså (.) chefen er sød nok."),
        # cue 6 has no label: it continues SB
        ("caseworker", "SB", "Det lyder godt.\nHvad har du lavet der?"),
        # CA marks that look like markup are kept
        ("citizen", "B", "Mest (1.2) >på lageret<."),
    ]
    assert [t.start for t in found.turns] == [0.5, 3.4, 9.0, 14.2]
    assert found.speakers == (
        Speaker("SB", "SB", "caseworker", (), "Hvordan er det gået med praktikken?"),
        Speaker("B", "B", "citizen", (), "Fint, tror jeg. Altså (.) chefen er sød nok."),
    )


def test_cue_timings_without_a_header_are_read_as_cues() -> None:
    text = "00:00:01.000 --> 00:00:02.000\n<v Mette>Hej\n\n00:00:02.500 --> 00:00:03.000\nB: hej"
    found = read_source(text)
    assert found.format == "srt"
    assert shape(found.turns) == [("other", "Mette", "Hej"), ("citizen", "B", "hej")]
    assert [t.start for t in found.turns] == [1.0, 2.5]


# --------------------------------------------------------------------------- Teams / Word


def test_teams_transcribe_layout() -> None:
    found = source("teams_transcribe.txt")
    assert shape(found.turns) == [
        ("other", "Mette Hansen", "Hej Ahmed. Tak fordi du kom."),
        ("other", "Ahmed", "Ja. Selvfølgelig."),
        (
            "other",
            "Mette Hansen",
            "Vi skal tale om din plan for de næste tre måneder. Og om kurset.\n"
            "Hvad tænker du selv?",
        ),
        ("other", "Ahmed", "Jeg vil gerne have et arbejde med noget praktisk."),
        ("other", "Mette Hansen", "Godt, det skriver vi ind i planen."),
    ]
    assert [t.start for t in found.turns] == [3.0, 7.0, 9.0, 24.0, 3605.0]
    assert found.speakers == (
        Speaker(
            "Mette Hansen",
            "Mette Hansen",
            None,
            ("Mette", "Hansen"),
            "Hej Ahmed. Tak fordi du kom.",
        ),
        Speaker("Ahmed", "Ahmed", None, ("Ahmed",), "Ja. Selvfølgelig."),
    )
    assert not any("Transcript" in t.text or "marts" in t.text for t in found.turns)


def test_teams_generic_speakers() -> None:
    text = "Speaker 1   00:00:03\nHej.\nSpeaker 2   00:00:05\nHej med dig.\nSpeaker 1   0:09\nGodt."
    found = read_source(text)
    assert found.format == "teams"
    assert shape(found.turns) == [
        ("other", "Speaker 1", "Hej."),
        ("other", "Speaker 2", "Hej med dig."),
        ("other", "Speaker 1", "Godt."),
    ]
    assert [s.names for s in found.speakers] == [(), ()]


# --------------------------------------------------------------------------- CHAT


def test_chat_participants_bullets_dependent_tiers_and_continuations() -> None:
    found = source("ca_samtale.cha")
    assert shape(found.turns) == [
        ("other", "SAG", "så (.) hvordan er det gået med ↑praktikken ?"),
        (
            "other",
            "BOR",
            "jamen det er gået (0.8) >ret godt< egentlig , men jeg er [træt om morgenen .",
        ),
        # the %com tier and its continuation are skipped; two utterances of SAG are one turn
        ("other", "SAG", "[ja:: °det kan jeg godt forstå° .\nhvad tid møder du ?"),
        ("other", "MEN", "halv otte ."),
    ]
    assert [t.start for t in found.turns] == [1.2, 4.5, 8.8, 12.6]
    assert [(s.key, s.name, s.role, s.names) for s in found.speakers] == [
        ("SAG", "Mette Hansen (SAG, Caseworker)", "caseworker", ("Mette", "Hansen")),
        ("BOR", "Ahmed Al-Sayed (BOR, Client)", "citizen", ("Ahmed", "Al-Sayed")),
        ("MEN", "MEN (Mentor)", None, ()),
    ]
    assert found.speakers[0].first_words == "så (.) hvordan er det gået med ↑praktikken ?"
    assert found.speakers[1].first_words.startswith("jamen det er gået (0.8) >ret godt<")
    assert len(found.speakers[1].first_words) <= 61


def test_chat_is_recognised_by_begin_and_a_main_tier() -> None:
    text = "@Font:\tCAfont:13:0\n@Begin\n@Participants:\tINT Interviewer\n*INT:\thej .\n@End"
    found = read_source(text)
    assert found.format == "chat"
    assert shape(found.turns) == [("other", "INT", "hej .")]
    assert found.speakers[0].role == "caseworker"


# --------------------------------------------------------------------------- lines additions


def test_numbered_ca_excerpt_gaps_between_speakers_and_pauses_within_a_turn() -> None:
    found = source("ca_uddrag_nummereret.txt")
    assert shape(found.turns) == [
        # (0.6) is followed by more of R's talk: a pause within the turn
        (
            "caseworker",
            "R",
            "så (.) hvordan går det med\njobsøgningen\n(0.6)\nhar du fået søgt noget",
        ),
        # (.) before the same label again: within the turn
        ("citizen", "B", "ja: (.) to stykker\n(.)"),
        ("citizen", "B", "men jeg har ikke hørt [noget"),
        ("caseworker", "R", "[nej"),
        # (1.0) at the end of the excerpt: within the turn
        ("citizen", "B", "det er ↓svært\n(1.0)"),
    ]
    # (1.2) between R and B, and (2,0) (0.5) between R and B, are gaps
    assert [t.gap_after for t in found.turns] == ["(1.2)", "", "", "(2,0)\n(0.5)", ""]
    assert [(s.key, s.role, s.names) for s in found.speakers] == [
        ("R", "caseworker", ()),
        ("B", "citizen", ()),
    ]


@pytest.mark.parametrize(
    ("text", "texts", "gaps"),
    [
        ("R: hej\n(0.8)\nB: ja", ["hej", "ja"], ["(0.8)", ""]),
        ("R: hej\n  (.)  \nB: ja", ["hej", "ja"], ["(.)", ""]),
        ("R: hej\n(1,2)\n(3)\nB: ja", ["hej", "ja"], ["(1,2)\n(3)", ""]),
        ("R: hej\n(0.8)\nR: ja", ["hej\n(0.8)", "ja"], ["", ""]),
        ("R: hej\n(0.8)\nog så\nB: ja", ["hej\n(0.8)\nog så", "ja"], ["", ""]),
        ("R: hej\n(0.8)", ["hej\n(0.8)"], [""]),
        ("R: hej\n(0.8)\nr: ja", ["hej", "ja"], ["(0.8)", ""]),  # different as written
        ("R: hej\n(0.8) ja\nB: ja", ["hej\n(0.8) ja", "ja"], ["", ""]),
        ("R: hej\n((0.8))\nB: ja", ["hej\n((0.8))", "ja"], ["", ""]),
        ("R: hej\n(0.8)\n[00:00:05]\nB: ja", ["hej", "ja"], ["(0.8)", ""]),
        ("R: hvad så?\nB:\n(2.0)\nR: okay", ["hvad så?", "", "okay"], ["", "(2.0)", ""]),
    ],
)
def test_free_standing_pauses(text: str, texts: list[str], gaps: list[str]) -> None:
    turns = parse_transcript(text)
    assert [t.text for t in turns] == texts
    assert [t.gap_after for t in turns] == gaps


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("[00:01:12] R: Hej", 72.0),
        ("00:01:12 R: Hej", 72.0),
        ("(01:12) R: Hej", 72.0),
        ("01:12 R: Hej", 72.0),
        ("R (00:12): Hej", 12.0),
        ("B [1:02:03]: Hej", 3723.0),
        ("12 [00:00:05.5] R: Hej", 5.5),
        ("00:01:12,5 R: Hej", 72.5),
        ("[00:01:12]\nR: Hej", 72.0),
        ("00:01:12\n\nR: Hej", 72.0),
        ("R: Hej", None),
        ("12 R: Hej", None),
    ],
)
def test_start_time_of_a_lines_turn(text: str, start: float | None) -> None:
    turn = parse_transcript(text)[0]
    assert turn.start == start
    assert turn.text == "Hej"


def test_a_time_line_belongs_only_to_the_turn_right_after_it() -> None:
    turns = parse_transcript("[00:00:02]\nR: hej\nog velkommen\nB: tak\n[00:00:09]\nmere\nR: ja")
    assert [t.start for t in turns] == [2.0, None, None]


def test_start_and_gap_do_not_count_in_equality() -> None:
    assert Turn(1, "caseworker", "R", "hej", start=3.0, gap_after="(.)") == Turn(
        1, "caseworker", "R", "hej"
    )


def test_lines_speakers_names_only_for_name_labels() -> None:
    text = (
        "R: hej\nMentor: ja\nHans: nå\nBorgerens mor: nej\nDeltager 2: øh\n"
        "Sagsbehandler Anne: godt\nB:\nB: okay"
    )
    found = read_source(text)
    assert [(s.key, s.role, s.names, s.first_words) for s in found.speakers] == [
        ("R", "caseworker", (), "hej"),
        ("Mentor", None, (), "ja"),
        ("Hans", None, ("Hans",), "nå"),
        ("Borgerens mor", None, (), "nej"),
        ("Deltager 2", None, (), "øh"),
        ("Sagsbehandler Anne", None, ("Anne",), "godt"),
        ("B", "citizen", (), "okay"),  # the first non-empty turn
    ]
    assert all(s.name == s.key for s in found.speakers)


# --------------------------------------------------------------------------- names as labels in cues


def _srt(*cues: str, crlf: bool = False) -> str:
    blocks = [
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},900\n{cue}" for n, cue in enumerate(cues, 1)
    ]
    text = "\n\n".join(blocks) + "\n"
    return "\ufeff" + text.replace("\n", "\r\n") if crlf else text


def test_a_name_label_in_a_cue_is_refused_not_glued_to_the_previous_turn() -> None:
    """The review's case: an SRT saved on Windows (CRLF, BOM) whose cues name people the way
    the lines format refuses; they used to become one caseworker turn with the names in it."""
    text = _srt("SB: hej", "Peter (borger): hej med dig", "mette: ja", "R, Mette: nej", crlf=True)
    with pytest.raises(TranscriptError) as info:
        read_source(text)
    err = info.value
    assert (err.line_number, err.line) == (7, "Peter (borger): hej med dig")
    assert err.message_da.startswith('Linje 7 ser ud til at begynde med et navn som taler: "Peter')
    assert '"Peter (borger)"' in err.message_en and "Line 7" in err.message_en


@pytest.mark.parametrize(
    ("cue", "line", "label"),
    [
        ("Peter (borger): hej med dig", "Peter (borger): hej med dig", "Peter (borger)"),
        ("B (Peter): ja", "B (Peter): ja", "B (Peter)"),
        ("mette: ja", "mette: ja", "mette"),
        ("mette hansen: ja tak", "mette hansen: ja tak", "mette hansen"),
        ("R, Mette: nej", "R, Mette: nej", "R, Mette"),
        ("Hansen, Mette: nej", "Hansen, Mette: nej", "Hansen, Mette"),
        ("Mette og Ahmed: hej", "Mette og Ahmed: hej", "Mette og Ahmed"),
        ("<i>mette:</i> ja", "<i>mette:</i> ja", "mette"),
    ],
)
@pytest.mark.parametrize("kind", ["vtt", "srt"])
def test_each_name_label_form_in_a_cue_is_refused_naming_its_line(
    kind: str, cue: str, line: str, label: str
) -> None:
    if kind == "srt":
        text = _srt("SB: Hvordan går det med praktikken?", f"Det går fint.\n{cue}")
        number = 8  # the second line of cue 2
    else:
        text = (
            "WEBVTT\n\n00:01.000 --> 00:03.000\nSB: Hvordan går det med praktikken?\n\n"
            f"00:03.000 --> 00:05.000\n{cue}\n"
        )
        number = 7
    with pytest.raises(TranscriptError) as info:
        read_source(text)
    err = info.value
    assert (err.line_number, err.line) == (number, line)
    assert f'"{label}"' in err.message_da and f"Linje {number}" in err.message_da


def test_a_name_label_in_the_first_cue_is_refused_as_a_name_not_as_a_missing_speaker() -> None:
    with pytest.raises(TranscriptError) as info:
        read_source(_srt("mette: hej Ahmed", "B: hej"))
    assert info.value.line_number == 3
    assert "navn som taler" in info.value.message_da


@pytest.mark.parametrize(
    "cue",
    [
        "Det sagde jeg: nej",
        "Klokken er 10: vi starter",
        "Han (griner): nej",
        "Ja, Mette: det er fint",  # a name in the text itself is not a label
        "og så (.) hun sagde: nej",
        "mentor: hun sagde det",
        "3 gange: ja",
    ],
)
def test_ordinary_text_with_a_colon_in_a_cue_still_continues(cue: str) -> None:
    found = read_source(_srt("SB: hej", cue))
    assert shape(found.turns) == [("caseworker", "SB", f"hej\n{cue}")]


def test_a_capitalised_name_label_in_a_cue_is_that_speaker() -> None:
    found = read_source(_srt("Mette: Hej Ahmed", "Ahmed Al-Sayed: Hej", "Mette Hansen: Godt"))
    assert shape(found.turns) == [
        ("other", "Mette", "Hej Ahmed"),
        ("other", "Ahmed Al-Sayed", "Hej"),
        ("other", "Mette Hansen", "Godt"),
    ]
    assert [s.names for s in found.speakers] == [
        ("Mette",),
        ("Ahmed", "Al-Sayed"),
        ("Mette", "Hansen"),
    ]


# --------------------------------------------------------------------------- speakers' names


def _names_of(text: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(s.key, s.names) for s in read_source(text).speakers]


@pytest.mark.parametrize(
    ("voice", "names"),
    [
        ("Hansen, Mette", ("Hansen", "Mette")),
        ("Al-Sayed, Ahmed", ("Al-Sayed", "Ahmed")),
        ("AHMED", ("AHMED",)),
        ("METTE HANSEN", ("METTE", "HANSEN")),
        ("mette hansen", ("mette", "hansen")),
        ("Anne-Marie Jensen", ("Anne-Marie", "Jensen")),
        ("Mette Hansen (Jobcenter Aarhus)", ("Mette", "Hansen")),  # a note is no name
        ("B (Peter)", ("Peter",)),  # unless the rest names nobody
        ("Sagsbehandler", ()),
        ("Speaker 2", ()),
    ],
)
def test_names_of_a_vtt_voice(voice: str, names: tuple[str, ...]) -> None:
    text = f"WEBVTT\n\n00:01.000 --> 00:03.000\n<v {voice}>Hej, hvordan går det?\n"
    assert _names_of(text) == [(voice, names)]


def test_names_of_last_first_teams_headers() -> None:
    text = "Hansen, Mette  0:01\nHej Ahmed.\nAl-Sayed, Ahmed  0:04\nHej Mette.\n"
    assert _names_of(text) == [
        ("Hansen, Mette", ("Hansen", "Mette")),
        ("Al-Sayed, Ahmed", ("Al-Sayed", "Ahmed")),
    ]


def test_names_of_all_caps_srt_labels() -> None:
    assert _names_of(_srt("METTE: Hej Ahmed.", "AHMED AL-SAYED: Hej.")) == [
        ("METTE", ("METTE",)),
        ("AHMED AL-SAYED", ("AHMED", "AL-SAYED")),
    ]


def test_names_of_chat_codes() -> None:
    """A code longer than three letters with no person's name for it is likely a name; the
    standard three-letter codes are not."""
    text = (
        "@UTF8\n@Begin\n@Languages:\tdan\n"
        "*SAG:\thvordan går det ?\n*FATIMA:\tdet går fint .\n*BOR:\tja .\n"
        "*CHI:\tmor !\n*INV:\tokay .\n@End\n"
    )
    assert _names_of(text) == [
        ("SAG", ()),
        ("FATIMA", ("FATIMA",)),
        ("BOR", ()),
        ("CHI", ()),
        ("INV", ()),
    ]
    with_participants = (
        "@UTF8\n@Begin\n@Participants:\tSAG Mette_Hansen Caseworker, "
        "FATIMA Fatima_Ali Client, MENTOR Mentor\n"
        "*SAG:\thej .\n*FATIMA:\thej .\n*MENTOR:\thej .\n@End\n"
    )
    assert _names_of(with_participants) == [
        ("SAG", ("Mette", "Hansen")),
        ("FATIMA", ("Fatima", "Ali", "FATIMA")),
        ("MENTOR", ()),  # a role word, not a name
    ]


# --------------------------------------------------------------------------- a real Teams export


def test_a_real_teams_export_with_title_date_duration_and_notices() -> None:
    found = source("teams_eksport.txt")
    assert found.format == "teams"
    assert shape(found.turns) == [
        ("other", "Mette Hansen", "Godmorgen Ahmed. Kan du høre mig ordentligt?"),
        ("other", "Ahmed Al-Sayed", "Ja, det kan jeg godt."),
        (
            "other",
            "Mette Hansen",
            "Godt. Vi skal tale om praktikken hos Netto, og om hvad der skal stå i jobplanen.\n"
            "Hvordan har den første uge været?",
        ),
        (
            "other",
            "Ahmed Al-Sayed",
            "Den har været okay. Men jeg er træt om morgenen, bussen går 6.15.",
        ),
        # "Mette Hansen stoppede transskriptionen" at the end is no part of the last turn
        ("other", "Mette Hansen", "Så aftaler vi det. Tak for i dag, Ahmed."),
    ]
    assert [t.start for t in found.turns] == [3.0, 6.0, 9.0, 21.0, 2702.0]
    assert [(s.key, s.names) for s in found.speakers] == [
        ("Mette Hansen", ("Mette", "Hansen")),
        ("Ahmed Al-Sayed", ("Ahmed", "Al-Sayed")),
    ]
    assert not any("transskription" in t.text or "2023" in t.text for t in found.turns)


def test_a_real_teams_export_as_word_document() -> None:
    paragraphs = (DATA / "teams_eksport.txt").read_text("utf-8").split("\n")
    text = read_upload("Opfølgningssamtale.docx", make_docx(paragraphs))
    assert shape(read_source(text).turns) == shape(source("teams_eksport.txt").turns)


def test_an_english_teams_export() -> None:
    text = (
        "Follow-up meeting\n3. december 2026, 10:02AM\n1h 2m 3s\n\n"
        "Mette Hansen started transcription\n\n"
        "Mette Hansen   0:03\nGood morning.\n\nAhmed Al-Sayed   0:07\nMorning.\n\n"
        "Mette Hansen   1:02:01\nThank you.\n\nMette Hansen stopped transcription\n"
    )
    found = read_source(text)
    assert found.format == "teams"
    assert shape(found.turns) == [
        ("other", "Mette Hansen", "Good morning."),
        ("other", "Ahmed Al-Sayed", "Morning."),
        ("other", "Mette Hansen", "Thank you."),
    ]


@pytest.mark.parametrize(
    "date",
    [
        "Tirsdag 14. november 2023 10:02",
        "14. november 2023 10:02",
        "November 14, 2023 10:02",
        "Onsdag 10:02",
        "Wednesday 10:02",
    ],
)
def test_a_date_line_is_never_a_teams_header(date: str) -> None:
    text = f"Opfølgningssamtale\n{date}\n\nMette Hansen   0:03\nHej.\nAhmed   0:07\nHej.\n"
    found = read_source(text)
    assert found.format == "teams"
    assert [s.key for s in found.speakers] == ["Mette Hansen", "Ahmed"]


@pytest.mark.parametrize(
    "name",
    [
        "Maj Hansen",
        "August Jensen",
        "April Nielsen",
        "Hansen, Mette (2. sal)",
        "Karen af Rosenborg",
    ],
)
def test_names_like_a_month_or_with_a_note_or_particle_are_teams_speakers(name: str) -> None:
    found = read_source(f"{name}   0:03\nHej.\nAhmed   0:07\nHej.\n")
    assert [s.key for s in found.speakers] == [name, "Ahmed"]


def test_the_first_teams_header_may_be_the_eighth_non_blank_line() -> None:
    head = "Titel\nTirsdag 14. november 2023 10:02\n45m 12s\nNoter\nAgenda\nMere\n"
    tail = "Mette Hansen   0:03\nHej.\nAhmed   0:07\nHej.\n"
    assert detect_format(head + "Mette Hansen startede transskriptionen\n" + tail) == "teams"
    assert detect_format(head + "En linje\nEn linje mere\n" + tail) == "lines"


def test_a_lines_turn_before_the_first_header_keeps_it_lines_unless_teams_said_it_started() -> None:
    tail = "Mette Hansen   0:03\nHej.\nAhmed   0:07\nHej.\n"
    assert detect_format("Opfølgning: jobplan\n" + tail) == "lines"
    started = "Opfølgning: jobplan\nMette Hansen startede transskriptionen\n" + tail
    assert detect_format(started) == "teams"


# --------------------------------------------------------------------------- tool traces


@pytest.mark.parametrize(
    ("text", "trace"),
    [
        ("R: hej\n00:00:01.000 --> 00:00:04.000\nB: ja", (2, "00:00:01.000 --> 00:00:04.000")),
        ("R: hej\n\n00:00:01,000 --> 00:00:04,000\nB: ja", (3, "00:00:01,000 --> 00:00:04,000")),
        ("R: hej\nB: ja <v Mette Hansen>og så", (2, "B: ja <v Mette Hansen>og så")),
        ("R: hej\n<v.loud Mette>nej", (2, "<v.loud Mette>nej")),
        ("\ufeffWEBVTT\nR: hej", (1, "WEBVTT")),
        ("R: hej\nWEBVTT - Teams\nB: ja", (2, "WEBVTT - Teams")),
        ("R: hej\n@Begin\nB: ja", (2, "@Begin")),
        ("R: hej\n@UTF8\nB: ja", (2, "@UTF8")),
        ("R: hej\n@Participants:\tSAG Mette_Hansen Caseworker", (2, "@Participants:\tSAG Mette_Hansen Caseworker")),
        ("R: hej\n*FATIMA:\tja .", (2, "*FATIMA:\tja .")),
        ("R: hej\n*BOR:\tja .", (2, "*BOR:\tja .")),
        ("R: Hvordan går det\nMette Hansen 0:01\nhej", (2, "Mette Hansen 0:01")),
        ("R: hej\r\nB: ja\r\n  Hansen, Mette   1:02:03  ", (3, "Hansen, Mette   1:02:03")),
        ("R: hej\nMette Hansen started transcription", (2, "Mette Hansen started transcription")),
        ("R: hej\nMette Hansen stoppede transskriptionen", (2, "Mette Hansen stoppede transskriptionen")),
    ],
)  # fmt: skip
def test_tool_trace_finds_the_first_line_of_a_tool_file(text: str, trace: tuple[int, str]) -> None:
    assert tool_trace(text) == trace


@pytest.mark.parametrize(
    "text",
    [
        "R: hej\nB: vi ses 10:30",
        "R: kl. 10:30 --> nej",
        "R: fra 10:30 --> 11:00",
        "B: ja\nMødet sluttede 10:30",
        "B: ja\nKl. 10:30",
        "B: ja\nBussen kører 6:15",
        "R: hej\nSamtalen 10:30 gik godt",
        "R: <vildt> sagde han",
        "R: hej\n*OBS: husk aftalen",
        "R: husk @Begin-mødet",
        "[00:00:03] SB: Godmorgen [borgeren].\n[00:00:06] B: Ja, det kan jeg godt.",
        "01  R:  så (.) hvordan går det med\n02      jobsøgningen\n03      (0.6)",
        "",
    ],
)
def test_tool_trace_is_none_for_ordinary_lines(text: str) -> None:
    assert tool_trace(text) is None


@pytest.mark.parametrize(
    "name",
    [
        "teams_mette_ahmed.vtt",
        "whisper_speakers.vtt",
        "samtale.srt",
        "teams_transcribe.txt",
        "teams_eksport.txt",
        "ca_samtale.cha",
    ],
)
def test_every_tool_file_has_a_trace(name: str) -> None:
    assert tool_trace((DATA / name).read_text("utf-8")) is not None


def test_the_demo_excerpts_have_no_tool_trace() -> None:
    cases = demo_content.content().cases
    assert len(cases) == 15
    for case in cases:
        assert detect_format(case.excerpt) == "lines"
        assert tool_trace(case.excerpt) is None, case.title
        assert tool_trace(fold(case.excerpt)) is None, case.title


def test_the_valid_lines_transcripts_of_the_lines_tests_have_no_tool_trace() -> None:
    """Every string written out in tests/test_transcript.py that reads as a "lines"
    transcript (the inputs of its tests, and fragments of them)."""
    tree = ast.parse((Path(__file__).parent / "test_transcript.py").read_text("utf-8"))
    texts = {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }
    valid = []
    for text in texts:
        try:
            found = read_source(text)
        except TranscriptError:
            continue
        if found.format == "lines":
            valid.append(text)
    assert len(valid) > 50
    assert {text: tool_trace(text) for text in valid if tool_trace(text)} == {}


# --------------------------------------------------------------------------- property


_PIECES = st.sampled_from(
    [
        "\n", "\n\n", "\t", " ", "WEBVTT", "NOTE", "-->", "00:00:01.000", "00:01,500", "1",
        "<v Mette>", "<v.loud>", "</v>", "<i>", "<c.x>", "&amp;", "&nbsp;", "&", "[SPEAKER_00]:",
        "SB:", "B:", "Mette Hansen  0:01", "Ahmed 1:02:03", "@Begin", "@UTF8",
        "@Participants:\tSAG Mette_Hansen Caseworker, BOR Client", "*SAG:\t", "*BOR:", "%com:",
        "\x15" "1200_3400\x15", "1200_3400", "(.)", "(0.8)", "[00:01:12]", "hej", "ja ::", "°",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(["WEBVTT\n\n", "1\n00:00:01,000 --> 00:00:02,000\n", "@UTF8\n@Begin\n",
                        "Mette Hansen  0:01\nhej\nAhmed  0:03\n", ""]),
       st.lists(_PIECES | st.text(max_size=8), max_size=40))  # fmt: skip
def test_any_text_in_any_format_parses_or_raises_transcript_error(
    head: str, pieces: list[str]
) -> None:
    text = head + "".join(pieces)
    try:
        found = read_source(text)
    except TranscriptError as err:
        assert err.message_da and err.message_en
        # lines as the parser counts them: "\r" and other line breaks count too
        lines = len(fold_whitespace(text).split("\n"))
        assert err.line_number is None or 1 <= err.line_number <= lines + 2
    else:
        assert found.format == detect_format(text)
        assert 1 <= len(found.turns) <= MAX_TURNS
        assert all(t.speaker in {"caseworker", "citizen", "other"} for t in found.turns)
        assert [s.key for s in found.speakers] == list(dict.fromkeys(t.label for t in found.turns))
        assert parse_transcript(text) == list(found.turns)


# --------------------------------------------------------------------------- size and speed


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole // 60 % 60:02d}:{seconds % 60:06.3f}"


def _vtt(cues: int, every: int) -> str:
    """A generated recording: `cues` cues of four seconds, the voice changing every `every`."""
    out = ["WEBVTT", ""]
    for i in range(cues):
        voice = ("Mette Hansen", "Ahmed")[(i // every) % 2]
        out += [
            f"{_clock(4 * i)} --> {_clock(4 * i + 3.5)}",
            f"<v {voice}>Replik {i + 1} handler om jobsøgningen.</v>",
            "",
        ]
    return "\n".join(out)


def test_a_one_hour_vtt_parses_quickly() -> None:
    text = _vtt(900, 3)
    assert 55_000 < len(text) < 80_000
    began = time.perf_counter()
    found = read_source(text)
    took = time.perf_counter() - began
    print(f"\n900-cue WebVTT ({len(text)} characters): {took * 1000:.1f} ms")
    assert len(found.turns) == 300 <= MAX_TURNS
    assert found.turns[0].text.count("\n") == 2
    assert found.turns[-1].start == 4 * 897
    assert [s.key for s in found.speakers] == ["Mette Hansen", "Ahmed"]


def test_a_recording_over_the_turn_limit_names_the_line_of_the_next_turn() -> None:
    text = _vtt(MAX_TURNS + 20, 1)
    with pytest.raises(TranscriptError) as info:
        read_source(text)
    err = info.value
    # header and blank line, then three lines a cue: the voice of cue 401 is on line 2 + 3*400 + 2
    assert err.line_number == 2 + 3 * MAX_TURNS + 2
    assert err.line == text.split("\n")[err.line_number - 1]
    assert f"Replik {MAX_TURNS + 1} " in err.line
    assert f"{MAX_TURNS + 20} taleture" in err.message_da
    assert f"tur {MAX_TURNS + 1} begynder i linje {err.line_number}" in err.message_da


def test_exactly_max_turns_of_cues_is_accepted() -> None:
    assert len(parse_transcript(_vtt(MAX_TURNS, 1))) == MAX_TURNS


# --------------------------------------------------------------------------- uploads


@pytest.mark.parametrize(
    "name", ["teams_mette_ahmed.vtt", "samtale.srt", "ca_samtale.cha", "whisper_speakers.vtt"]
)
def test_tool_files_upload_as_text(name: str) -> None:
    data = (DATA / name).read_bytes()
    text = read_upload(name, data)
    assert shape(read_source(text).turns) == shape(source(name).turns)
    assert [t.start for t in read_source(text).turns] == [t.start for t in source(name).turns]


def test_unsupported_upload_lists_the_tool_formats() -> None:
    with pytest.raises(UploadError) as info:
        read_upload("samtale.pdf", b"%PDF")
    da, en = info.value.message_da, info.value.message_en
    assert "Brug .txt og .docx (tekst og Word) eller .vtt, .srt og .cha" in da
    assert "Use .txt and .docx (text and Word) or .vtt, .srt and .cha" in en
