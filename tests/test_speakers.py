"""The speaker step: a transcription tool's file becomes an excerpt with role labels only,
and nothing in a tool's format (with the speakers' names) can be stored."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lises_reflect import sessions as S
from lises_reflect import speakers
from lises_reflect.errors import InvalidInput
from lises_reflect.i18n import whole_number
from lises_reflect.transcript import MAX_TURNS, TranscriptError, parse_transcript, read_source
from tests.builders import TEAMS_VTT as VTT
from tests.conftest import Org

ROLES = {"Mette Hansen": "caseworker", "Ahmed": "citizen", "Speaker 3": "other"}


def test_a_vtt_becomes_role_labels_with_times_and_no_names() -> None:
    source = read_source(VTT)
    excerpt = speakers.to_excerpt(source, ROLES, 1, len(source.turns), "da")
    assert excerpt.text.splitlines() == [
        "[00:00:01] SB: Hej [borgeren], godt at se dig.",
        "Hvordan er det gået med praktikken?",
        "[00:00:06] B: Det er gået okay. [sagsbehandleren], jeg har talt med [borgeren]s mester.",
        "[00:00:08] Deltager 1: Må jeg lige sige noget?",
        "[00:00:10] B: Ja.",
    ]
    for name in ("Mette", "Hansen", "Ahmed", "Speaker"):
        assert name not in excerpt.text
    assert [(h.turn, h.name) for h in excerpt.replaced] == [
        (1, "Ahmed"),
        (2, "Mette"),
        (2, "Ahmeds"),
    ]
    turns = parse_transcript(excerpt.text)
    assert [(x.number, x.speaker, x.label) for x in turns] == [
        (1, "caseworker", "SB"),
        (2, "citizen", "B"),
        (3, "other", "Deltager 1"),
        (4, "citizen", "B"),
    ]
    assert [x.start for x in turns] == [1.0, 6.0, 8.0, 10.0]
    speakers.check_storable(excerpt.text)  # the tool's own form may be stored


def test_every_speaker_in_the_chosen_part_needs_a_role() -> None:
    source = read_source(VTT)
    with pytest.raises(InvalidInput) as err:
        speakers.to_excerpt(source, {"Mette Hansen": "caseworker"}, 1, len(source.turns), "da")
    assert err.value.code == "speakers.unmapped"
    assert "»Ahmed«" in err.value.params["names"] and "»Speaker 3«" in err.value.params["names"]
    # only the speakers of the chosen turns: turn 1 is Mette's alone
    assert speakers.to_excerpt(source, {"Mette Hansen": "caseworker"}, 1, 1, "da").turns == 1
    with pytest.raises(InvalidInput):
        speakers.to_excerpt(source, ROLES, 2, 1, "da")


def test_a_line_that_would_read_as_a_turn_stays_in_its_turn() -> None:
    vtt = (
        "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anna>Det sagde hun\n\n"
        "00:02.000 --> 00:03.000\n<v Anna>Mentor: kom nu\n\n"
        "00:03.000 --> 00:04.000\n<v Anna>(0.8)\n\n"
        "00:04.000 --> 00:05.000\n<v Bo>ja\n"
    )
    source = read_source(vtt)
    excerpt = speakers.to_excerpt(source, {"Anna": "caseworker", "Bo": "citizen"}, 1, 2, "da")
    turns = parse_transcript(excerpt.text)
    assert [(x.speaker, x.gap_after) for x in turns] == [("caseworker", ""), ("citizen", "")]
    assert "Mentor: kom nu" in turns[0].text and "(0.8)" in turns[0].text


def test_a_long_file_offers_the_first_part_that_fits() -> None:
    cues = "\n\n".join(
        f"{i // 60:02d}:{i % 60:02d}.000 --> {i // 60:02d}:{i % 60:02d}.900\n"
        f"<v {'Sara' if i % 2 else 'Karl'}>Det her er sætning nummer {i} i samtalen."
        for i in range(900)
    )
    with pytest.raises(TranscriptError):  # as an excerpt: too many turns
        read_source("WEBVTT\n\n" + cues)
    source = read_source("WEBVTT\n\n" + cues, whole=True)
    first, last = speakers.default_span(source)
    assert first == 1 and 1 < last <= MAX_TURNS
    roles = {"Sara": "citizen", "Karl": "caseworker"}
    excerpt = speakers.to_excerpt(source, roles, first, last, "da")
    assert len(excerpt.text) <= speakers.MAX_CHARS
    assert len(parse_transcript(excerpt.text)) == last
    assert not speakers.span_fits(source, 1, last + 1)
    with pytest.raises(InvalidInput) as err:
        speakers.to_excerpt(source, roles, 1, len(source.turns), "da")
    assert err.value.code == "speakers.too_many"
    with pytest.raises(InvalidInput) as err:
        speakers.to_excerpt(source, roles, 1, MAX_TURNS, "da")
    assert err.value.code == "speakers.too_long"
    assert "." in err.value.params["limit"]  # 20.000, Danish


def test_a_tool_file_is_never_stored(site: Org) -> None:
    sid = S.create_session(site.engine, site.bringer, "VTT")
    with pytest.raises(InvalidInput) as err:
        S.update_text(site.engine, site.bringer, sid, "excerpt", VTT, "")
    assert err.value.code == "speakers.needs_roles"
    assert S.session_view(site.engine, site.bringer, sid).excerpt == ""
    source = read_source(VTT)
    text = speakers.to_excerpt(source, ROLES, 1, len(source.turns), "da").text
    S.update_text(site.engine, site.bringer, sid, "excerpt", text, "")
    stored = S.session_view(site.engine, site.bringer, sid).excerpt
    assert stored == text and "Ahmed" not in stored and "Mette" not in stored


def test_danish_counts_and_clock() -> None:
    assert whole_number(20000, "da") == "20.000"
    assert whole_number(20000, "en") == "20,000"
    assert speakers.clock(3725.9) == "01:02:05"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # a Teams file after a line that reads as a turn
        (
            "Møde: Opfølgning med Ahmed\nMette Hansen  0:01\nHej Ahmed.\nAhmed Khan  0:05\nHej.",
            "speakers.tool_line",
        ),
        # a label line typed before a pasted .vtt
        (
            "SB: her er udskriften\nWEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
            "<v Mette Hansen>Hej Ahmed</v>",
            "speakers.tool_line",
        ),
        # people's names as speaker labels in the tool's own form
        ("[0:03] Mette Hansen: Hej Ahmed\n[0:07] Ahmed Khan: Hej Mette", "speakers.named"),
        ("R: Hej\nAhmed: Hej", "speakers.named"),
        # a tool's format
        (
            "1\n00:00:01,000 --> 00:00:02,000\nSB: hej\n\n2\n00:00:02,000 --> 00:00:03,000\nB: ja\n",
            "speakers.needs_roles",
        ),
    ],
)
def test_what_could_hold_a_speakers_name_is_not_stored(site: Org, text: str, code: str) -> None:
    sid = S.create_session(site.engine, site.bringer, "Navne")
    with pytest.raises(InvalidInput) as err:
        S.update_text(site.engine, site.bringer, sid, "excerpt", text, "")
    assert err.value.code == code
    assert S.session_view(site.engine, site.bringer, sid).excerpt == ""
    # the speaker step is offered where it can take the names out, not for a stray tool line
    assert (speakers.step_source(text) is None) == (code == "speakers.tool_line")


@pytest.mark.parametrize(
    "text",
    [
        "R: Hvordan går det?\nB: Det går (.) fint\nMentor: Hun møder til tiden.",
        "SB: vi ses kl. 10:30\nB: ja\nTolk: hun siger ja\nDeltager 2: okay",
    ],
)
def test_role_labels_are_stored_as_they_are(site: Org, text: str) -> None:
    sid = S.create_session(site.engine, site.bringer, "Roller")
    S.update_text(site.engine, site.bringer, sid, "excerpt", text, "")
    assert S.session_view(site.engine, site.bringer, sid).excerpt == text


def test_names_are_found_as_names_and_in_capitals_and_a_full_name_once() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nMETTE: Hej Ahmed, hej AHMED-familien\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nAHMED: Hej Mette Hansen. Hans mor kommer.\n"
    )
    source = read_source(srt)
    roles = {
        sp.key: role for sp, role in zip(source.speakers, ("caseworker", "citizen"), strict=True)
    }
    text = speakers.to_excerpt(source, roles, 1, 2, "da").text
    assert text.splitlines() == [
        "[00:00:01] SB: Hej [borgeren], hej [borgeren]-familien",
        "[00:00:02] B: Hej [sagsbehandleren] Hansen. Hans mor kommer.",
    ]
    vtt = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Mette Hansen>Jeg er Mette Hansen, og Mette Hansens kollega\n"
    source = read_source(vtt)
    text = speakers.to_excerpt(source, {"Mette Hansen": "caseworker"}, 1, 1, "da").text
    assert text == "[00:00:01] SB: Jeg er [sagsbehandleren], og [sagsbehandleren]s kollega"


def test_one_turn_too_long_for_an_excerpt_says_to_shorten_it() -> None:
    long = " ".join(["ord"] * 7000)
    source = read_source(f"WEBVTT\n\n00:01.000 --> 00:02.000\n<v Anna>{long}\n", whole=True)
    assert speakers.default_span(source) == (1, 1)
    with pytest.raises(InvalidInput) as err:
        speakers.to_excerpt(source, {"Anna": "caseworker"}, 1, 1, "da")
    assert err.value.code == "speakers.turn_too_long"


_LINE = st.lists(
    st.sampled_from(
        [
            "hej",
            "SB:",
            "B: ja",
            "Mentor: kom",
            "(0.8)",
            "(.)",
            "WEBVTT",
            "-->",
            "00:01",
            "[00:00:02]",
            "12",
            "Note:",
            "@Begin",
            "*SAG:\tja",
            "mette: nej",
            "Anna 0:01",
            "ja.",
            "Peter (borger): hej",
            "=",
            "[ja]",
            "10:30 er fint",
        ]
    ),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Speaker 1", "Speaker 2"]), st.lists(_LINE, min_size=1, max_size=3)
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_written_excerpt_reads_back_as_the_chosen_turns(cues) -> None:
    """Whatever the cues say, the excerpt keeps who says what: the same turns, speakers and
    words, and it can be stored."""
    blocks = [
        f"00:{i:02d}.000 --> 00:{i:02d}.500\n<v {voice}>" + "\n".join(lines)
        for i, (voice, lines) in enumerate(cues)
    ]
    try:
        source = read_source("WEBVTT\n\n" + "\n\n".join(blocks))
    except TranscriptError:
        return  # the reader's own refusal, with its message
    roles = {"Speaker 1": "caseworker", "Speaker 2": "citizen"}
    excerpt = speakers.to_excerpt(source, roles, 1, len(source.turns), "da")
    turns = parse_transcript(excerpt.text)
    assert [x.speaker for x in turns] == [roles[x.label] for x in source.turns]
    assert [x.text.split() for x in turns] == [x.text.split() for x in source.turns]
    speakers.check_storable(excerpt.text)
