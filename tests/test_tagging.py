"""Turn tags, gribning links, the descriptive summary, reveal and who may export (service layer;
the export files themselves are in test_export.py)."""

from __future__ import annotations

import pytest

from lises_reflect import sessions as S
from lises_reflect import tagging
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.transcript import TranscriptError, parse_transcript
from tests.builders import EXCERPT, at_describe


def test_excerpt_must_be_a_transcript(org) -> None:
    sid = S.create_session(org.engine, org.bringer, "")
    with pytest.raises(TranscriptError) as err:
        S.update_text(org.engine, org.bringer, sid, "excerpt", "Hej og velkommen\nR: ja", "")
    assert "Hej og velkommen" in err.value.message_da
    assert S.session_view(org.engine, org.bringer, sid).excerpt == ""


def test_tags_are_per_participant_and_disagreement_stays(org) -> None:
    e = org.engine
    sid = at_describe(org)
    tagging.set_turn_tags(e, org.listener, sid, 3, ["institutional", "brief_ack"])
    tagging.set_turn_tags(e, org.listener2, sid, 3, ["takes_up"])
    tagging.set_turn_tags(e, org.bringer, sid, 2, ["meaning_making", "work_talk"])
    mine = tagging.talk_view(e, org.listener, sid)
    assert mine.turns[2].my_tags == ("brief_ack", "institutional")
    assert mine.turns[2].others == {"Listener2": ("takes_up",)}
    assert mine.turns[1].others == {"Bringer": ("meaning_making", "work_talk")}
    # replacing one's own tags leaves the others alone
    tagging.set_turn_tags(e, org.listener, sid, 3, [])
    again = tagging.talk_view(e, org.listener2, sid)
    assert again.turns[2].my_tags == ("takes_up",) and again.turns[2].others == {}


def test_tag_must_fit_the_speaker_and_turn_must_exist(org) -> None:
    sid = at_describe(org)
    with pytest.raises(InvalidInput):
        tagging.set_turn_tags(org.engine, org.listener, sid, 2, ["institutional"])  # citizen turn
    with pytest.raises(InvalidInput):
        tagging.set_turn_tags(org.engine, org.listener, sid, 1, ["meaning_making"])  # caseworker
    with pytest.raises(InvalidInput):
        tagging.set_turn_tags(org.engine, org.listener, sid, 99, [])
    # "other" speakers (the mentor) can carry any tag
    tagging.set_turn_tags(org.engine, org.listener, sid, 6, ["informs", "own_abilities"])


def test_outsiders_cannot_tag_or_read(org) -> None:
    sid = at_describe(org)
    for uid in (org.colleague, org.outsider, org.lead, org.admin, None):
        with pytest.raises(PermissionDenied):
            tagging.talk_view(org.engine, uid, sid)
        with pytest.raises(PermissionDenied):
            tagging.set_turn_tags(org.engine, uid, sid, 1, [])
        with pytest.raises(PermissionDenied):
            tagging.save_link(org.engine, uid, sid, 2, [3], "passed_over")
        with pytest.raises(PermissionDenied):
            tagging.export_session(org.engine, uid, sid)
    with pytest.raises(PermissionDenied):  # exports are the bringer's
        tagging.export_session(org.engine, org.listener, sid)


def test_gribning_links_and_summary(org) -> None:
    e = org.engine
    sid = at_describe(org)
    tagging.save_link(e, org.listener, sid, 2, [3], "overtaken_institutional")
    tagging.save_link(e, org.listener2, sid, 2, [3], "partly_taken_up")
    tagging.save_link(e, org.listener, sid, 4, [5], "postponed")
    tagging.set_turn_tags(e, org.listener, sid, 3, ["institutional"])
    tagging.set_turn_tags(e, org.listener2, sid, 5, ["institutional", "involves"])
    with pytest.raises(InvalidInput):
        tagging.save_link(e, org.listener, sid, 1, [2], "taken_up")  # not a citizen turn
    with pytest.raises(InvalidInput):
        tagging.save_link(e, org.listener, sid, 4, [3], "taken_up")  # not after it
    with pytest.raises(InvalidInput):
        tagging.save_link(e, org.listener, sid, 4, [5], "splendid")  # unknown outcome
    view = tagging.talk_view(e, org.bringer, sid)
    # linking tags the source as meaning-making for that participant
    assert view.turns[1].others["Listener"] == ("meaning_making",)
    summary = view.summary
    assert summary.turns == 6 and summary.citizen_turns == 2 and summary.caseworker_turns == 3
    assert summary.meaning_making_turns == (2, 4)
    assert summary.after == {2: ("overtaken_institutional", "partly_taken_up"), 4: ("postponed",)}
    assert summary.institutional_turns == 2 and summary.institutional_share == pytest.approx(2 / 3)
    tagging.delete_link(e, org.listener, sid, 4)
    # The turn stays tagged as meaning-making by the listener; no outcome is described any more.
    assert tagging.talk_view(e, org.bringer, sid).summary.after[4] == ()


def test_summary_is_pure_and_never_per_person() -> None:
    turns = parse_transcript(EXCERPT)
    summary = tagging.summarise(
        turns, [(2, "meaning_making"), (3, "institutional")], [(2, "taken_up")]
    )
    assert set(vars(summary)) == {
        "turns",
        "citizen_turns",
        "caseworker_turns",
        "meaning_making_turns",
        "after",
        "institutional_turns",
        "institutional_share",
    }


def test_excerpt_cannot_shift_once_tagged(org) -> None:
    e = org.engine
    sid = at_describe(org)
    S.set_phase(e, org.bringer, sid, 1)
    tagging.set_turn_tags(e, org.listener, sid, 3, ["institutional"])
    with pytest.raises(InvalidInput) as err:
        S.update_text(e, org.bringer, sid, "excerpt", EXCERPT + "\nB: Tak.", EXCERPT)
    assert err.value.code == "error.excerpt_locked"
    fixed = EXCERPT.replace("truck, faktisk", "truck")  # same turns, a wording fixed
    S.update_text(e, org.bringer, sid, "excerpt", fixed, EXCERPT)


def test_reveal_is_shared_and_bounded(org) -> None:
    e = org.engine
    sid = at_describe(org)
    tagging.set_reveal(e, org.listener, sid, 2)
    assert tagging.talk_view(e, org.bringer, sid).reveal_upto == 2
    tagging.set_reveal(e, org.bringer, sid, 6)  # the last turn: everything shown
    assert tagging.talk_view(e, org.listener, sid).reveal_upto is None
    with pytest.raises(InvalidInput):
        tagging.set_reveal(e, org.bringer, sid, 0)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I tur 12 siger borgeren", {12}),
        ("ture 3-5 og tur 9", {3, 4, 5, 9}),
        ("turene 3 og 4", {3, 4}),
        ("Tur 2–3", {2, 3}),
        ("in turn 7", {7}),
        ("linje 12 og 13 uger", set()),
        ("returnere 12", set()),
    ],
)
def test_turn_references(text: str, expected: set[int]) -> None:
    assert tagging.turn_references(text) == expected


# ---------------------------------------------------------------- gribning rules in the service


def test_save_link_refuses_with_a_message_that_says_what_to_choose(org) -> None:
    e = org.engine
    sid = at_describe(org)
    with pytest.raises(InvalidInput) as err:
        tagging.save_link(e, org.listener, sid, 4, [3, 5], "taken_up")
    assert (err.value.code, err.value.params) == ("error.link_not_after", {"turn": 4, "target": 3})
    with pytest.raises(InvalidInput) as err:
        tagging.save_link(e, org.listener, sid, 4, [], "taken_up")
    assert err.value.code == "error.link_targets"
    # while reading step by step, a turn the group has not read cannot be linked
    tagging.set_reveal(e, org.bringer, sid, 4)
    with pytest.raises(InvalidInput) as err:
        tagging.save_link(e, org.listener, sid, 2, [3, 5], "taken_up")
    assert (err.value.code, err.value.params) == ("error.turn_not_shown", {"turn": 5})
    tagging.save_link(e, org.listener, sid, 2, [3, 4], "taken_up")
    assert tagging.talk_view(e, org.listener, sid).links[0].to_turns == (3, 4)


# ---------------------------------------------------------------- blind tagging


def tag_blind(org) -> int:
    e = org.engine
    sid = at_describe(org)
    tagging.start_blind_tagging(e, org.bringer, sid)
    tagging.set_turn_tags(e, org.bringer, sid, 3, ["institutional"])
    tagging.set_turn_tags(e, org.listener, sid, 3, ["takes_up"])
    tagging.set_turn_tags(e, org.listener2, sid, 5, ["institutional"])
    tagging.save_link(e, org.listener2, sid, 2, [3], "passed_over")
    return sid


def test_blind_tagging_hides_the_others_tags_from_every_participant(org) -> None:
    e = org.engine
    sid = tag_blind(org)
    for uid, mine in (
        (org.bringer, {3: ("institutional",)}),
        (org.listener, {3: ("takes_up",)}),
        (org.listener2, {2: ("meaning_making",), 5: ("institutional",)}),
    ):
        view = tagging.talk_view(e, uid, sid)
        assert view.tagging_mode == "blind" and view.tags_hidden
        assert all(t.others == {} for t in view.turns), uid
        assert {t.number: t.my_tags for t in view.turns if t.my_tags} == mine
        assert all(link.mine for link in view.links)
        assert view.differences == ()
        assert set(view.annotators) <= {view.me}
    # the summary rests on the caller's own tags only: it cannot leak another's
    assert tagging.talk_view(e, org.listener, sid).summary.meaning_making_turns == ()
    assert tagging.talk_view(e, org.listener, sid).summary.institutional_turns == 0
    # nor can the bringer's export
    data = tagging.export_session(e, org.bringer, sid)
    assert [(t.turn, t.tag_id) for t in data.tags] == [(3, "institutional")] and not data.links


def test_blind_changes_do_not_announce_news_to_the_others(org) -> None:
    e = org.engine
    sid = at_describe(org)
    tagging.start_blind_tagging(e, org.bringer, sid)
    before = S.session_stamp(e, org.listener, sid)
    tagging.set_turn_tags(e, org.listener2, sid, 3, ["institutional"])
    tagging.save_link(e, org.listener2, sid, 2, [3], "passed_over")
    tagging.delete_link(e, org.listener2, sid, 2)
    assert S.session_stamp(e, org.listener, sid) == before
    tagging.reveal_tags(e, org.bringer, sid)
    assert S.session_stamp(e, org.listener, sid) != before


def test_only_the_bringer_switches_to_blind_and_reveals_all_at_once(org) -> None:
    e = org.engine
    sid = tag_blind(org)
    with pytest.raises(PermissionDenied):
        tagging.reveal_tags(e, org.listener, sid)
    with pytest.raises(PermissionDenied):
        tagging.reveal_tags(e, org.colleague, sid)
    with pytest.raises(InvalidInput) as err:
        tagging.start_blind_tagging(e, org.bringer, sid)
    assert err.value.code == "error.blind_already"
    tagging.reveal_tags(e, org.bringer, sid)
    view = tagging.talk_view(e, org.listener, sid)
    assert view.tagging_mode == "revealed" and not view.tags_hidden
    assert view.turns[2].others == {"Bringer": ("institutional",)}
    assert [link.annotator for link in view.links] == ["Listener2"]
    # what was shown stays shown: no way back to blind, no second reveal
    with pytest.raises(InvalidInput):
        tagging.start_blind_tagging(e, org.bringer, sid)
    with pytest.raises(InvalidInput) as err:
        tagging.reveal_tags(e, org.bringer, sid)
    assert err.value.code == "error.not_blind"
    with pytest.raises(PermissionDenied):
        tagging.start_blind_tagging(e, org.listener, at_describe(org))


def test_differences_after_reveal_say_who_chose_what(org) -> None:
    e = org.engine
    sid = tag_blind(org)
    tagging.reveal_tags(e, org.bringer, sid)
    diffs = {d.number: d.choices for d in tagging.talk_view(e, org.listener, sid).differences}
    assert diffs == {
        2: (("Bringer", ()), ("Listener", ()), ("Listener2", ("meaning_making",))),
        3: (("Bringer", ("institutional",)), ("Listener", ("takes_up",)), ("Listener2", ())),
        5: (("Bringer", ()), ("Listener", ()), ("Listener2", ("institutional",))),
    }
    # the same for every participant, and only over the turns the group has read
    assert (
        tagging.talk_view(e, org.bringer, sid).differences
        == tagging.talk_view(e, org.listener, sid).differences
    )
    tagging.set_reveal(e, org.bringer, sid, 3)
    assert [d.number for d in tagging.talk_view(e, org.bringer, sid).differences] == [2, 3]


def test_open_tagging_shows_differences_at_once(org) -> None:
    e = org.engine
    sid = at_describe(org)
    tagging.set_turn_tags(e, org.listener, sid, 3, ["institutional"])
    assert tagging.talk_view(e, org.bringer, sid).differences == ()  # one annotator only
    tagging.set_turn_tags(e, org.listener2, sid, 3, ["institutional"])
    assert tagging.talk_view(e, org.bringer, sid).differences == ()  # the same tags
    tagging.set_turn_tags(e, org.listener2, sid, 3, ["takes_up"])
    (diff,) = tagging.talk_view(e, org.bringer, sid).differences
    assert diff.number == 3


def test_a_finished_blind_session_can_be_read_back_in_full(org) -> None:
    from sqlmodel import Session

    from lises_reflect.models import ReflectionSession

    e = org.engine
    sid = tag_blind(org)
    with Session(e) as s:  # finished by the bringer before revealing
        rs = s.get(ReflectionSession, sid)
        rs.status = "finished"
        s.add(rs)
        s.commit()
    view = tagging.talk_view(e, org.listener, sid)
    assert not view.tags_hidden and view.turns[2].others == {"Bringer": ("institutional",)}


def test_a_gribning_can_start_from_the_citizens_concrete_labour_market_perspective(org) -> None:
    """Issue 21: the citizen's concrete labour-market perspective is a citizen-turn tag, and the
    group can follow what the caseworker does with it: a link from such a turn keeps that tag
    (no meaning-making tag is added beside it), and the summary lists the turn."""
    e = org.engine
    sid = at_describe(org)
    with pytest.raises(InvalidInput):  # the caseworker naming a job is a tag of its own
        tagging.set_turn_tags(e, org.listener, sid, 1, ["citizen_concrete_lm"])
    tagging.set_turn_tags(e, org.listener, sid, 1, ["names_concrete_job"])
    tagging.set_turn_tags(e, org.listener, sid, 4, ["citizen_concrete_lm"])
    view = tagging.talk_view(e, org.listener, sid)
    assert view.summary.meaning_making_turns == (4,)  # tagged, not yet linked
    assert view.summary.after == {4: ()}
    tagging.save_link(e, org.listener, sid, 4, [5], "overtaken_institutional")
    view = tagging.talk_view(e, org.listener, sid)
    assert view.turns[3].my_tags == ("citizen_concrete_lm",)
    assert view.summary.after == {4: ("overtaken_institutional",)}
    # a link from an untagged citizen turn still marks it as meaning-making, as before
    tagging.save_link(e, org.listener, sid, 2, [3], "taken_up")
    assert tagging.talk_view(e, org.listener, sid).turns[1].my_tags == ("meaning_making",)
    assert tagging.LINK_SOURCE_TAGS == ("meaning_making", "citizen_concrete_lm")


def test_summary_counts_the_citizens_concrete_perspective_on_citizen_turns_only() -> None:
    turns = parse_transcript("R: Hej\nB: Jeg kunne måske godt tænke mig lager\nR: Godt\nB: Ja")
    summary = tagging.summarise(turns, [(2, "citizen_concrete_lm"), (1, "citizen_concrete_lm")], [])
    assert summary.meaning_making_turns == (2,)
