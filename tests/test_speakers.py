"""The speaker step: a transcription tool's file becomes an excerpt with role labels only,
and nothing in a tool's format (with the speakers' names) can be stored."""

from __future__ import annotations

import pytest

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
