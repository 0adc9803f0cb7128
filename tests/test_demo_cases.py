"""The demo cases read like real talk and keep the product's own ground rules.

Excerpts have the shapes real transcripts have (the citizen may speak first, a third person may
be in the room, people overlap and pause); observations describe the talk without grading or
addressing the bringer; turn numbers in the texts point at the turns they describe; and the
rules the cases state about Danish employment agree between the cases. No database needed.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

from lises_reflect import demo, demo_content
from lises_reflect.catalogue import catalogue
from lises_reflect.demo_content import Case
from lises_reflect.hints import find_evaluative
from lises_reflect.tagging import turn_references
from lises_reflect.transcript import Turn, parse_transcript

CASES = demo_content.content().cases


def turns(case: Case) -> list[Turn]:
    return parse_transcript(case.excerpt)


def case_id(case: Case) -> str:
    return case.title[:40]


# ------------------------------------------------------------------------------ excerpt shapes


def test_every_excerpt_parses_into_both_speakers() -> None:
    for case in CASES:
        speakers = {t.speaker for t in turns(case)}
        assert {"citizen", "caseworker"} <= speakers, case.title


def test_some_excerpts_open_with_the_citizen() -> None:
    openers = [turns(case)[0].speaker for case in CASES]
    assert openers.count("citizen") >= 4
    assert openers.count("caseworker") >= 8  # still the usual opening


def test_a_third_speaker_is_in_the_room_where_the_case_has_one() -> None:
    with_third = {case.title: turns(case) for case in CASES}
    with_third = {
        title: ts for title, ts in with_third.items() if any(t.speaker == "other" for t in ts)
    }
    assert len(with_third) >= 2
    for ts in with_third.values():
        labels = {t.label for t in ts if t.speaker == "other"}
        assert labels <= {"Tolk", "Mentor"}
        # The third person speaks more than once, and not only in one place.
        assert sum(t.speaker == "other" for t in ts) >= 2
    # A case about a conversation with an interpreter has the interpreter's turns.
    for case in CASES:
        if "tolk" in f"{case.title} {case.context_wish}".lower():
            assert any(t.label == "Tolk" for t in turns(case)), case.title


def overlapping(ts: list[Turn]) -> list[int]:
    """Turns whose text starts an overlap with the turn before it: both have a "[" mark."""
    return [b.number for a, b in pairwise(ts) if "[" in a.text and b.text.lstrip().startswith("[")]


def test_overlaps_pauses_and_turns_that_do_not_alternate() -> None:
    with_overlap = [case.title for case in CASES if overlapping(turns(case))]
    assert len(with_overlap) >= 5, with_overlap
    assert all(re.search(r"\((?:\.|\d+\.\d)\)", case.excerpt) for case in CASES)
    # The same speaker twice in a row (after a silence), or a third person between two turns.
    not_alternating = [
        case.title
        for case in CASES
        if any(a.speaker == b.speaker for a, b in pairwise(turns(case)))
        or any(t.speaker == "other" for t in turns(case))
    ]
    assert len(not_alternating) >= 4, not_alternating


# ------------------------------------------------------------------------------ ground rules

_DOUBLE_QUOTED = re.compile(r'"[^"]*"|“[^“”]*”|”[^”“]*”|„[^„“”]*[“”]|»[^»«]*«|«[^«»]*»')
# "du", "dig", "din" ... and "I"/"jer" (you, plural) in the middle of a sentence.
_SECOND_PERSON = re.compile(r"\b(?:du|dig|din|dit|dine|jer|jeres)\b", re.IGNORECASE)
_PLURAL_YOU = re.compile(r"(?<=[a-zæøå,] )I\b")
# A straight single quote used as a quotation mark (not the apostrophe in "CV'et").
_SINGLE_QUOTE = re.compile(r"(?<!\w)'|'(?!\w)")


def listeners_texts() -> list[tuple[str, str]]:
    """(where, text) of every observation and reflection in the demo data."""
    data = demo_content.content()
    out = []
    for case in CASES:
        out += [(f"{case_id(case)} observation", o.text) for o in case.observations]
        out += [(f"{case_id(case)} reflection", r) for r in case.reflections]
    out += [(f"general {lens}", r) for lens, texts in data.reflections.items() for r in texts]
    return out


def test_observations_and_reflections_never_sound_evaluative() -> None:
    terms = catalogue().evaluative_terms
    found = {
        where: [h.text for h in find_evaluative(text, terms)]
        for where, text in listeners_texts()
        if find_evaluative(text, terms)
    }
    assert found == {}


def test_observations_and_reflections_speak_about_the_talk_not_to_the_bringer() -> None:
    """The listeners describe what happens in the talk, in the third person; the bringer is
    never addressed ("du gik videre"). Quoting the transcript is describing, so quoted words
    ("Det er du bestemt ikke") do not count; quotes use the marks the hint knows."""
    addressed, single_quoted = {}, []
    for where, text in listeners_texts():
        bare = _DOUBLE_QUOTED.sub(" ", text)
        words = _SECOND_PERSON.findall(bare) + _PLURAL_YOU.findall(bare)
        if words:
            addressed[f"{where}: {text[:60]}"] = words
        if _SINGLE_QUOTE.search(bare):
            single_quoted.append(f"{where}: {text[:60]}")
    assert addressed == {}
    assert single_quoted == []


def test_the_checks_catch_an_observation_that_grades_or_addresses_the_bringer() -> None:
    terms = catalogue().evaluative_terms
    assert find_evaluative("Du var god til at spørge, men du burde have ventet.", terms)
    bare = _DOUBLE_QUOTED.sub(" ", 'I tur 5 går du videre. I tur 7 taler I samtidig. "du"')
    assert _SECOND_PERSON.findall(bare) == ["du"]
    assert _PLURAL_YOU.findall(bare) == ["I"]


# ------------------------------------------------------------------------------ turn numbers

_SUBJECTS = {
    "borgeren": "citizen",
    "rådgiveren": "caseworker",
    "sagsbehandleren": "caseworker",
    "tolken": "Tolk",
    "mentoren": "Mentor",
}
# "I tur 4 fortæller borgeren ...": the turn's speaker comes right after the verb.
_TURN_SUBJECT = re.compile(
    r"\b[Ii] tur (\d+) (?:\w+ )?(" + "|".join(_SUBJECTS) + r")\b", re.IGNORECASE
)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_turn_numbers_in_the_texts_point_at_the_turns_they_describe(case: Case) -> None:
    ts = turns(case)
    texts = [o.text for o in case.observations] + list(case.reflections)
    texts += [case.struck, case.takeaway, *(p.text for p in case.learning_points)]
    for text in texts:
        refs = turn_references(text)
        assert refs <= set(range(1, len(ts) + 1)), (text, len(ts))
        for number, subject in _TURN_SUBJECT.findall(text):
            turn = ts[int(number) - 1]
            who = _SUBJECTS[subject.lower()]
            assert who in (turn.speaker, turn.label), (text, number, turn)


def test_most_observations_name_who_speaks_in_which_turn() -> None:
    named = sum(len(_TURN_SUBJECT.findall(o.text)) for case in CASES for o in case.observations)
    assert named >= 60  # so the check above has something to check


# ------------------------------------------------------------------------------ rules


_NUMBERS = {
    "en": 1,
    "to": 2,
    "tre": 3,
    "fire": 4,
    "fem": 5,
    "seks": 6,
    "syv": 7,
    "otte": 8,
    "ni": 9,
    "ti": 10,
}
_N = r"(\d+|" + "|".join(_NUMBERS) + r")"
_WEEKS = re.compile(rf"\b{_N} uger\b|\buge {_N}\b|\bud af {_N}\b", re.IGNORECASE)


def weeks_named(text: str) -> list[int]:
    return [
        int(n) if n.isdigit() else _NUMBERS[n.lower()]
        for match in _WEEKS.findall(text)
        for n in match
        if n
    ]


def test_internships_for_job_ready_citizens_agree_between_the_cases() -> None:
    """Case 11 says a job-ready citizen's internship lasts at most 4 weeks, so no job-ready
    citizen is in week 10 of 13 (the carpenter case is with an activity-ready citizen)."""
    rules = [
        int(m.group(1))
        for case in CASES
        if (m := re.search(r"højst (\d+) uger, når man er jobparat", case.excerpt))
    ]
    assert rules == [4]
    job_ready = [case for case in CASES if "job_ready" in case.situation]
    assert len(job_ready) >= 2
    for case in job_ready:
        assert max(weeks_named(case.excerpt), default=0) <= rules[0], case.title
    carpenter = next(case for case in CASES if "tømrer" in case.title)
    assert "uge 10 ud af 13" in carpenter.excerpt
    assert "job_ready" not in carpenter.situation and "activity_ready" in carpenter.situation
    long_internships = [
        case
        for case in CASES
        if case.conversation_kind == "internship_follow_up"
        and max(weeks_named(case.excerpt), default=0) > rules[0]
    ]
    assert long_internships and all("job_ready" not in c.situation for c in long_internships)


# ------------------------------------------------------------------------------ demo tags


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_the_demo_still_tags_every_excerpt(case: Case) -> None:
    ts = turns(case)
    tags = {t.number: demo._cue_tags(t) for t in ts}
    assert all(tags[t.number] for t in ts if t.speaker == "caseworker")
    assert not any(tags[t.number] for t in ts if t.speaker == "other")
    # A gribning link goes from a citizen's turn to what the caseworker does next.
    replies = demo._replies(case.excerpt)
    for t in ts:
        reply = replies[t.number]
        if reply is not None:
            assert reply.speaker == "caseworker" and reply.number > t.number
            between = ts[t.number : reply.number - 1]
            assert all(u.speaker != "caseworker" for u in between)


def test_the_demo_tags_citizen_turns_in_most_excerpts() -> None:
    tagged = [
        case.title
        for case in CASES
        if any(demo._cue_tags(t) for t in turns(case) if t.speaker == "citizen")
    ]
    assert len(tagged) >= 12
