"""The rules behind the talk tabs: visible and linkable turns, option labels, differences."""

from __future__ import annotations

import pytest

from lises_reflect import turn_rules as R
from lises_reflect.errors import InvalidInput
from lises_reflect.transcript import parse_transcript

TURNS = parse_transcript(
    "\n".join(
        [
            "R: Hvordan er det gået i praktikken?",  # 1
            "B: Det er gået okay (.) jeg kan godt lide at køre truck, faktisk, især om morgenen.",
            "R: Du skal huske timesedlen.",  # 3
            "B: Ja.",  # 4
            "Mentor: Han møder stabilt.",  # 5
            "R: Godt.",  # 6
            "B: Men jeg tænkte på et truckkort?",  # 7: the citizen has the last word
        ]
    )
)


def test_visible_turns_follow_the_step_by_step_reading() -> None:
    assert [t.number for t in R.visible(TURNS, None)] == [1, 2, 3, 4, 5, 6, 7]
    assert [t.number for t in R.visible(TURNS, 3)] == [1, 2, 3]


def test_targets_are_the_visible_turns_after_the_source() -> None:
    assert R.link_targets(TURNS, 4, None) == [5, 6, 7]
    assert R.link_targets(TURNS, 2, 4) == [3, 4]
    assert R.link_targets(TURNS, 4, 4) == []


def test_sources_are_citizen_turns_with_something_after_them() -> None:
    assert R.link_sources(TURNS, None) == [2, 4]  # 7 is the last turn: nothing after it yet
    assert R.link_sources(TURNS, 4) == [2]  # 4 is shown, but its next turn is not
    assert R.link_sources(TURNS, 1) == []


def test_check_link_accepts_later_visible_turns_only() -> None:
    assert R.check_link(TURNS, 4, [6, 5, 5], None) == [5, 6]
    cases = [
        (3, [4], None, "error.link_from_citizen", {}),
        (9, [10], None, "error.unknown_turn", {"turn": 9}),
        (4, [], None, "error.link_targets", {"turn": 4}),
        (4, [3], None, "error.link_not_after", {"turn": 4, "target": 3}),
        (4, [4], None, "error.link_not_after", {"turn": 4, "target": 4}),
        (4, [12], None, "error.unknown_turn", {"turn": 12}),
        (2, [3, 5], 4, "error.turn_not_shown", {"turn": 5}),
        (4, [5], 3, "error.turn_not_shown", {"turn": 4}),
    ]
    for source, targets, upto, code, params in cases:
        with pytest.raises(InvalidInput) as err:
            R.check_link(TURNS, source, targets, upto)
        assert (err.value.code, err.value.params) == (code, params), (source, targets)


def test_every_link_message_exists_in_both_languages() -> None:
    from lises_reflect.i18n import t

    for code in ("error.link_not_after", "error.turn_not_shown", "error.link_targets"):
        da, en = t(code, "da", turn=4, target=3), t(code, "en", turn=4, target=3)
        assert "4" in da and "4" in en and da != en


def test_option_label_has_number_speaker_and_the_start_of_the_text() -> None:
    assert R.option_label(TURNS[3], "da") == "Tur 4 · B · borger: Ja."
    assert R.option_label(TURNS[4], "en") == "Turn 5 · Mentor · other: Han møder stabilt."
    long = R.option_label(TURNS[1], "da")
    assert long.startswith("Tur 2 · B · borger: Det er gået okay (.) jeg kan godt lide")
    assert long.endswith("…") and len(long) < 90
    assert "  " not in long


def test_option_label_names_the_speaker_once_when_the_label_says_it() -> None:
    turn = parse_transcript("Borger: Jeg vil gerne arbejde med dyr.")[0]
    assert R.option_label(turn, "da") == "Tur 1 · Borger: Jeg vil gerne arbejde med dyr."
    empty = parse_transcript("R: Hvad så?\nB:")[1]
    assert R.option_label(empty, "da") == "Tur 2 · B · borger"


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("kort", 60, "kort"),
        ("linje ét\n  linje to", 60, "linje ét linje to"),
        ("ord " * 30, 20, "ord ord ord ord…"),
        ("x" * 80, 10, "xxxxxxxxx…"),
    ],
)
def test_snippet(text: str, width: int, expected: str) -> None:
    assert R.snippet(text, width) == expected
    assert len(R.snippet(text, width)) <= width


def test_differences_show_who_chose_what_and_nothing_else() -> None:
    tags = {
        2: {"Mette": ["meaning_making"], "Jonas": ["meaning_making"]},  # the same: not shown
        3: {"Mette": ["institutional"], "Jonas": ["takes_up", "institutional"]},
        4: {"Jonas": ["meaning_making"]},  # Mette tagged elsewhere, not here: a difference
    }
    diffs = R.differing_turns(TURNS, tags, ["Mette", "Jonas"])
    assert [d.number for d in diffs] == [3, 4]
    assert diffs[0].choices == (
        ("Jonas", ("institutional", "takes_up")),
        ("Mette", ("institutional",)),
    )
    assert diffs[1].choices == (("Jonas", ("meaning_making",)), ("Mette", ()))
    # no counts, no scores: a difference holds a turn number and the choices, nothing more
    assert set(R.TagDifference.__dataclass_fields__) == {"number", "choices"}


def test_no_differences_with_one_annotator_or_none_tagged() -> None:
    assert R.differing_turns(TURNS, {3: {"Mette": ["institutional"]}}, ["Mette"]) == ()
    assert R.differing_turns(TURNS, {}, ["Mette", "Jonas"]) == ()
    # only visible turns are compared: the caller passes the visible ones
    tags = {5: {"Mette": ["informs"], "Jonas": []}}
    assert R.differing_turns(R.visible(TURNS, 4), tags, ["Mette", "Jonas"]) == ()
