"""The session page's poll (issue 13, one shared room): every change by anyone moves the stamp,
presence is shown only to participants, private notes are never announced."""

from __future__ import annotations

from datetime import timedelta

import pytest

from lises_reflect import sessions as S
from lises_reflect import tagging
from lises_reflect.errors import NotFound, PermissionDenied
from lises_reflect.models import utcnow
from tests.builders import QUESTION as Q
from tests.builders import at_phase


def _stamp(org, sid: int) -> tuple:
    return S.live_state(org.engine, org.listener, sid).stamp


def test_every_kind_of_change_moves_the_stamp(org) -> None:
    e = org.engine
    sid = at_phase(org, 4)
    changes = [
        lambda: S.save_contribution(e, org.listener, sid, "observation", Q, "I tur 2 …", 0),
        lambda: tagging.set_turn_tags(e, org.bringer, sid, 2, ["meaning_making"]),
        lambda: tagging.set_turn_tags(e, org.listener, sid, 1, ["institutional"]),
        lambda: tagging.set_reveal(e, org.bringer, sid, 1),
        lambda: S.update_choices(e, org.bringer, sid, lenses=["gribning", "institutional_turns"]),
        lambda: S.propose_phase(e, org.listener, sid, 5),
        lambda: S.set_phase(e, org.bringer, sid, 5),
        lambda: S.save_contribution(e, org.listener, sid, "reflection", "", "Jeg undrer mig", 0),
        lambda: S.set_phase(e, org.bringer, sid, 7),
        lambda: S.save_learning_point(e, org.listener, sid, 1, "Spørg ind til køkkenet", 0),
        lambda: S.set_learning_point_category(e, org.bringer, sid, 1, "frames_demands"),
    ]
    seen = {_stamp(org, sid)}
    for i, change in enumerate(changes):
        change()
        now = _stamp(org, sid)
        assert now not in seen, f"change {i} did not move the stamp"
        seen.add(now)
        # The bringer's page and the poll agree on what "now" is.
        assert S.session_stamp(e, org.bringer, sid) == S.live_state(e, org.bringer, sid).stamp


def test_presence_and_who_is_writing(org) -> None:
    e = org.engine
    sid = at_phase(org, 6)
    t0 = utcnow()
    assert S.live_state(e, org.bringer, sid, now=t0).here == ()
    S.live_state(e, org.listener, sid, now=t0)  # the listener's page asks
    assert len(S.live_state(e, org.bringer, sid, now=t0 + timedelta(seconds=2)).here) == 1
    later = t0 + timedelta(seconds=S.PRESENT_SECONDS + 1)
    assert S.live_state(e, org.bringer, sid, now=later).here == ()
    # The bringer writes: the group text is announced, the private note never.
    S.save_contribution(e, org.bringer, sid, "takeaway", "", "Privat", 0)
    assert S.live_state(e, org.listener, sid).writing == ()
    S.save_contribution(e, org.bringer, sid, "struck", "", "Det gjorde indtryk", 0)
    writing = S.live_state(e, org.listener, sid).writing
    assert [kind for _name, kind in writing] == ["struck"]
    assert S.live_state(e, org.bringer, sid).writing == ()  # not one's own
    gone = utcnow() + timedelta(seconds=S.TYPING_SECONDS + 1)
    assert S.live_state(e, org.listener, sid, now=gone).writing == ()


def test_only_participants_may_ask(org) -> None:
    sid = at_phase(org, 4)
    for uid in (org.colleague, org.outsider, org.lead, org.facilitator, org.admin, None):
        with pytest.raises((PermissionDenied, NotFound)):
            S.live_state(org.engine, uid, sid)


def test_a_finished_session_reading_is_not_moved(org) -> None:
    from lises_reflect.errors import InvalidInput

    sid = at_phase(org, 8)
    S.finish_session(org.engine, org.bringer, sid)
    for uid in (org.bringer, org.listener):
        with pytest.raises(InvalidInput):
            tagging.set_reveal(org.engine, uid, sid, 1)
