"""Who leads the phases, proposals by listeners, finishing, and the finished session's downloads.

Service layer, per role: the bringer moves the group, a listener proposes; after finishing,
nothing moves and each participant may download what is his or hers to take.
"""

from __future__ import annotations

import json

import pytest

from lises_reflect import audit, export, tagging
from lises_reflect import sessions as S
from lises_reflect.errors import InvalidInput, PermissionDenied

EXCERPT = """R: Hvordan er det gået i praktikken?
B: Det er gået okay (.) jeg kan godt lide at køre truck, faktisk.
R: Godt. Du skal huske, at praktikken er 13 uger, og jeg skal have din timeseddel.
B: Ja (1.2) men jeg tænkte, om jeg kunne få et truckkort?"""
Q = "gribning.q1"


def at_phase(org, phase: int) -> int:
    e = org.engine
    sid = S.create_session(e, org.bringer, "Truck og timesedler")
    S.set_listeners(e, org.bringer, sid, [org.listener, org.listener2])
    S.update_choices(
        e, org.bringer, sid, conversation_kind="internship_follow_up", lenses=["gribning"]
    )
    S.update_text(e, org.bringer, sid, "excerpt", EXCERPT, "")
    if phase >= 2:
        S.set_phase(e, org.bringer, sid, 2)
    if phase >= 3:
        for uid in (org.bringer, org.listener, org.listener2):
            S.acknowledge_rules(e, uid, sid)
        S.set_phase(e, org.bringer, sid, phase)
    return sid


# ---------------------------------------------------------------- who leads


def test_only_the_bringer_moves_the_phase(org) -> None:
    e = org.engine
    sid = at_phase(org, 3)
    for listener in (org.listener, org.listener2):
        with pytest.raises(PermissionDenied) as err:
            S.set_phase(e, listener, sid, 4)
        assert err.value.code == "error.phase_bringer_only"
        with pytest.raises(PermissionDenied):  # not backwards either
            S.set_phase(e, listener, sid, 2)
    assert S.session_view(e, org.bringer, sid).phase == 3
    assert S.set_phase(e, org.bringer, sid, 4) == 4
    assert S.set_phase(e, org.bringer, sid, 2) == 2  # back is always allowed


def test_a_listener_proposes_and_the_bringer_follows(org) -> None:
    e = org.engine
    sid = at_phase(org, 3)
    assert S.phase_proposal(e, org.bringer, sid) is None
    S.propose_phase(e, org.listener, sid, 4)
    seen = S.phase_proposal(e, org.bringer, sid)
    assert (seen.phase, seen.by_name, seen.by_me) == (4, "Listener", False)
    mine = S.session_view(e, org.listener, sid)
    assert (mine.proposed_phase, mine.proposed_by_me) == (4, True)
    other = S.session_view(e, org.listener2, sid)
    assert (other.proposed_phase, other.proposed_by_name, other.proposed_by_me) == (
        4,
        "Listener",
        False,
    )
    assert S.session_view(e, org.bringer, sid).phase == 3  # a proposal moves nothing
    # a newer proposal replaces the older one
    S.propose_phase(e, org.listener2, sid, 5)
    assert S.phase_proposal(e, org.bringer, sid).by_name == "Listener2"
    # the bringer follows: the phase moves and the proposal is answered
    assert S.set_phase(e, org.bringer, sid, 5) == 5
    assert S.phase_proposal(e, org.bringer, sid) is None
    assert S.session_view(e, org.listener, sid).proposed_phase is None


def test_the_bringer_can_dismiss_a_proposal_and_only_the_bringer(org) -> None:
    e = org.engine
    sid = at_phase(org, 3)
    S.propose_phase(e, org.listener, sid, 4)
    with pytest.raises(PermissionDenied):
        S.dismiss_proposal(e, org.listener2, sid)
    assert S.phase_proposal(e, org.bringer, sid) is not None
    S.dismiss_proposal(e, org.bringer, sid)
    assert S.phase_proposal(e, org.bringer, sid) is None
    assert S.session_view(e, org.bringer, sid).phase == 3


def test_proposals_keep_the_phase_blockers_and_come_from_listeners(org) -> None:
    e = org.engine
    sid = at_phase(org, 2)  # ground rules not yet acknowledged by everybody
    with pytest.raises(InvalidInput) as err:
        S.propose_phase(e, org.listener, sid, 3)
    assert err.value.code == "error.phase_blocked"
    assert err.value.params["blockers"] == ["block.rules_not_acknowledged"]
    with pytest.raises(InvalidInput):
        S.propose_phase(e, org.listener, sid, 2)  # already there
    with pytest.raises(InvalidInput):
        S.propose_phase(e, org.listener, sid, 9)
    with pytest.raises(PermissionDenied) as denied:
        S.propose_phase(e, org.bringer, sid, 3)  # the bringer simply moves
    assert denied.value.code == "error.propose_listener_only"
    S.propose_phase(e, org.listener, sid, 1)  # going back needs no ground
    assert S.phase_proposal(e, org.bringer, sid).phase == 1


def test_a_withdrawn_listeners_proposal_disappears(org) -> None:
    e = org.engine
    sid = at_phase(org, 3)
    S.propose_phase(e, org.listener, sid, 4)
    assert S.delete_session(e, org.listener, sid) == "withdrawn"
    assert S.phase_proposal(e, org.bringer, sid) is None


@pytest.mark.parametrize("who", ["colleague", "outsider", "lead", "facilitator", "admin", "nobody"])
def test_non_participants_are_refused_the_new_calls(org, who: str) -> None:
    e = org.engine
    sid = at_phase(org, 3)
    S.propose_phase(e, org.listener, sid, 4)
    uid = None if who == "nobody" else getattr(org, who)
    calls = [
        lambda: S.propose_phase(e, uid, sid, 4),
        lambda: S.phase_proposal(e, uid, sid),
        lambda: S.dismiss_proposal(e, uid, sid),
        lambda: S.set_excerpt_for_listeners(e, uid, sid, True),
        lambda: tagging.own_contributions(e, uid, sid),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied):
            call()
    view = S.session_view(e, org.bringer, sid)
    assert view.proposed_phase == 4 and not view.excerpt_for_listeners


# ---------------------------------------------------------------- finishing


def finished(org, excerpt_for_listeners: bool | None = None) -> int:
    """A session with contributions of both listeners, finished by the bringer."""
    e = org.engine
    sid = at_phase(org, 4)
    S.save_contribution(e, org.listener, sid, "observation", Q, "I tur 2 nævner B truck.", 0)
    S.save_contribution(e, org.listener2, sid, "observation", Q, "Listener2s egen iagttagelse", 0)
    tagging.set_turn_tags(e, org.listener, sid, 3, ["institutional"])
    tagging.set_turn_tags(e, org.listener2, sid, 3, ["takes_up"])
    tagging.save_link(e, org.listener, sid, 2, [3], "overtaken_institutional")
    S.set_phase(e, org.bringer, sid, 5)
    S.save_contribution(e, org.listener, sid, "reflection", "", "Jeg bliver nysgerrig.", 0)
    S.save_contribution(e, org.listener2, sid, "reflection", "", "Listener2s refleksion", 0)
    S.set_phase(e, org.bringer, sid, 6)
    S.save_contribution(e, org.bringer, sid, "struck", "", "Bringerens indtryk", 0)
    S.save_contribution(e, org.bringer, sid, "takeaway", "", "Bringerens private note", 0)
    S.set_phase(e, org.bringer, sid, 7)
    S.save_learning_point(e, org.listener, sid, 1, "Delt læringspunkt", 0)
    S.save_learning_point(e, org.listener, sid, 2, "Læringspunkt der bliver i rummet", 0)
    for position, shared in ((1, True), (2, False)):
        S.set_learning_point_category(e, org.bringer, sid, position, "frames_demands")
        S.set_learning_point_sharing(e, org.bringer, sid, position, shared)
    S.set_phase(e, org.bringer, sid, 8)
    S.propose_phase(e, org.listener, sid, 7)
    S.finish_session(e, org.bringer, sid, excerpt_for_listeners)
    return sid


def test_a_finished_session_does_not_move_and_takes_no_proposals(org) -> None:
    e = org.engine
    sid = finished(org)
    view = S.session_view(e, org.listener, sid)
    assert view.finished and view.phase == 8 and view.proposed_phase is None
    with pytest.raises(InvalidInput):
        S.set_phase(e, org.bringer, sid, 4)
    with pytest.raises(InvalidInput):
        S.propose_phase(e, org.listener, sid, 4)
    assert S.phase_proposal(e, org.bringer, sid) is None
    # everyone can still read every phase's content
    for uid in (org.bringer, org.listener, org.listener2):
        v = S.session_view(e, uid, sid)
        assert v.excerpt == EXCERPT
        assert {c.text for c in v.contributions} >= {
            "I tur 2 nævner B truck.",
            "Listener2s refleksion",
            "Bringerens indtryk",
        }


def test_finish_stores_the_bringers_excerpt_choice(org) -> None:
    e = org.engine
    sid = finished(org, excerpt_for_listeners=True)
    assert S.session_view(e, org.listener, sid).excerpt_for_listeners
    with pytest.raises(PermissionDenied):
        S.set_excerpt_for_listeners(e, org.listener, sid, False)
    S.set_excerpt_for_listeners(e, org.bringer, sid, False)  # also after finishing
    assert not S.session_view(e, org.listener, sid).excerpt_for_listeners


# ---------------------------------------------------------------- downloads


def test_a_listener_downloads_only_his_own_contributions(org) -> None:
    e = org.engine
    sid = finished(org)
    data = tagging.own_contributions(e, org.listener, sid)
    assert [o.text for o in data.observations] == ["I tur 2 nævner B truck."]
    assert data.observations[0].heading  # the lens question, not its id
    assert [o.text for o in data.reflections] == ["Jeg bliver nysgerrig."]
    assert {(t.turn, t.tag_id) for t in data.tags} == {(3, "institutional"), (2, "meaning_making")}
    assert [(x.from_turn, x.to_turns, x.outcome_id) for x in data.links] == [
        (2, (3,), "overtaken_institutional")
    ]
    assert data.learning_points == ("Delt læringspunkt",)  # only what the bringer released
    # without the bringer's yes: no excerpt and no title
    assert not data.excerpt_included and data.turns == () and data.title == ""
    text = export.contributions_text(data).decode("utf-8")
    payload = json.dumps(json.loads(export.contributions_json(data)), ensure_ascii=False)
    for blob in (text, payload):
        assert "I tur 2 nævner B truck." in blob
        for foreign in (
            "Listener2s",
            "Bringerens",
            "truckkort",
            "Truck og timesedler",
            "bliver i rummet",
            "takes_up",
        ):
            assert foreign not in blob, foreign
    assert export.contributions_filename(data, "txt").endswith("-mine-bidrag.txt")


def test_the_excerpt_goes_along_only_with_the_bringers_consent(org) -> None:
    e = org.engine
    sid = finished(org, excerpt_for_listeners=True)
    data = tagging.own_contributions(e, org.listener2, sid)
    assert data.excerpt_included and len(data.turns) == 4
    assert data.title == "Truck og timesedler"
    assert [o.text for o in data.observations] == ["Listener2s egen iagttagelse"]
    assert "truckkort" in export.contributions_text(data).decode("utf-8")
    # the bringer's own response and private note never go along
    assert "Bringerens" not in export.contributions_json(data).decode("utf-8")
    S.set_excerpt_for_listeners(e, org.bringer, sid, False)
    assert tagging.own_contributions(e, org.listener2, sid).turns == ()


def test_own_download_is_for_listeners_of_finished_sessions(org) -> None:
    e = org.engine
    sid = at_phase(org, 4)
    with pytest.raises(InvalidInput) as err:  # open: the record is not complete yet
        tagging.own_contributions(e, org.listener, sid)
    assert err.value.code == "error.session_not_finished"
    sid = finished(org)
    with pytest.raises(PermissionDenied) as denied:  # the bringer has the full export
        tagging.own_contributions(e, org.bringer, sid)
    assert denied.value.code == "error.own_download_listener_only"
    assert tagging.export_session(e, org.bringer, sid).turns  # open and finished alike
    with pytest.raises(PermissionDenied):
        tagging.export_session(e, org.listener, sid)


def test_the_bringer_sees_who_downloaded_from_his_conversation(org) -> None:
    e = org.engine
    sid = finished(org)
    tagging.own_contributions(e, org.listener, sid)
    log = audit.my_material_log(e, org.bringer)
    assert any(r.what == "export.own_contributions" and r.who == "Listener" for r in log)
