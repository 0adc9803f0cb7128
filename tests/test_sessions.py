"""The session service: permissions, autosave and resume, conflicts, deletion, refusals."""

from __future__ import annotations

import threading

import pytest
from sqlmodel import func, select

from lises_reflect import sessions as S
from lises_reflect.db import session_scope
from lises_reflect.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from lises_reflect.models import (
    Contribution,
    LearningPoint,
    Participant,
    ProcessCheck,
    ProcessCheckReceipt,
    ReflectionSession,
)
from lises_reflect.privacy import PersonalDataError
from tests.builders import QUESTION as Q
from tests.builders import SESSION_EXCERPT as EXCERPT
from tests.builders import at_phase, prepared

# ---------------------------------------------------------------- permissions


def test_only_caseworkers_with_a_team_start_sessions(org) -> None:
    for uid in (org.lead, org.facilitator, org.admin):
        with pytest.raises(PermissionDenied):
            S.create_session(org.engine, uid, "x")
    with pytest.raises(PermissionDenied):
        S.create_session(org.engine, None, "x")
    with pytest.raises(PermissionDenied):
        S.create_session(org.engine, 999_999, "x")


def test_invited_listeners_must_be_active_caseworkers_of_the_team(org) -> None:
    sid = S.create_session(org.engine, org.bringer, "")
    for bad in (org.outsider, org.lead, org.admin, org.bringer, 424242):
        with pytest.raises(PermissionDenied):
            S.set_listeners(org.engine, org.bringer, sid, [bad])
    with pytest.raises(InvalidInput):
        S.set_listeners(
            org.engine, org.bringer, sid, [org.listener, org.listener2, org.colleague, org.outsider]
        )
    with pytest.raises(PermissionDenied):  # only the bringer invites
        S.set_listeners(org.engine, org.listener, sid, [org.listener])
    S.set_listeners(org.engine, org.bringer, sid, [org.listener, org.listener2])
    names = {p.user_id for p in S.session_view(org.engine, org.bringer, sid).participants}
    assert names == {org.bringer, org.listener, org.listener2}


# Every function that reads or writes a session, called by someone who is not in it.
SESSION_CALLS = {
    "session_view": lambda e, u, sid: S.session_view(e, u, sid),
    "session_stamp": lambda e, u, sid: S.session_stamp(e, u, sid),
    "update_text": lambda e, u, sid: S.update_text(e, u, sid, "excerpt", "x", EXCERPT),
    "update_choices": lambda e, u, sid: S.update_choices(e, u, sid, lenses=["gribning"]),
    "set_listeners": lambda e, u, sid: S.set_listeners(e, u, sid, []),
    "acknowledge_rules": lambda e, u, sid: S.acknowledge_rules(e, u, sid),
    "set_phase": lambda e, u, sid: S.set_phase(e, u, sid, 1),
    "phase_blockers": lambda e, u, sid: S.phase_blockers(e, u, sid, 2),
    "save_contribution": lambda e, u, sid: S.save_contribution(e, u, sid, "reflection", "", "x", 0),
    "save_learning_point": lambda e, u, sid: S.save_learning_point(e, u, sid, 1, "x", 0),
    "set_learning_point_category": lambda e, u, sid: S.set_learning_point_category(
        e, u, sid, 1, "dilemma"
    ),
    "set_learning_point_sharing": lambda e, u, sid: S.set_learning_point_sharing(
        e, u, sid, 1, True
    ),
    "submit_process_check": lambda e, u, sid: S.submit_process_check(e, u, sid, 4),
    "finish_session": lambda e, u, sid: S.finish_session(e, u, sid),
    "delete_session": lambda e, u, sid: S.delete_session(e, u, sid),
}


@pytest.mark.parametrize("call", sorted(SESSION_CALLS))
@pytest.mark.parametrize("who", ["colleague", "outsider", "lead", "facilitator", "admin", "nobody"])
def test_non_participants_are_refused_everything(org, call: str, who: str) -> None:
    sid = prepared(org)
    uid = None if who == "nobody" else getattr(org, who)
    with pytest.raises(PermissionDenied):
        SESSION_CALLS[call](org.engine, uid, sid)
    # and nothing changed
    assert S.session_view(org.engine, org.bringer, sid).excerpt == EXCERPT


BRINGER_ONLY = {
    "update_text",
    "update_choices",
    "set_listeners",
    "set_learning_point_sharing",
    "finish_session",
    "set_phase",  # the bringer leads; a listener proposes (tests/test_session_lead.py)
}


@pytest.mark.parametrize("call", sorted(BRINGER_ONLY))
def test_listener_cannot_do_what_only_the_bringer_does(org, call: str) -> None:
    sid = prepared(org)
    with pytest.raises(PermissionDenied):
        SESSION_CALLS[call](org.engine, org.listener, sid)


def test_roles_of_contributions(org) -> None:
    sid = at_phase(org, 4)
    with pytest.raises(PermissionDenied):
        S.save_contribution(org.engine, org.bringer, sid, "observation", Q, "x", 0)
    with pytest.raises(PermissionDenied):
        S.save_contribution(org.engine, org.listener, sid, "takeaway", "", "x", 0)
    with pytest.raises(InvalidInput):  # a question of a lens that was not chosen
        S.save_contribution(org.engine, org.listener, sid, "observation", "three_tasks.q1", "x", 0)
    assert S.save_contribution(org.engine, org.listener, sid, "observation", Q, "I tur 2 …", 0) == 1


def test_deactivated_user_is_refused_at_once(org) -> None:
    from lises_reflect.models import User

    sid = prepared(org)
    with session_scope(org.engine) as s:
        s.get(User, org.listener).active = False
    with pytest.raises(PermissionDenied):
        S.session_view(org.engine, org.listener, sid)


# ---------------------------------------------------------------- phases


def test_phase_gates_name_what_is_missing(org) -> None:
    e = org.engine
    sid = S.create_session(e, org.bringer, "")
    with pytest.raises(InvalidInput) as err:
        S.set_phase(e, org.bringer, sid, 2)
    assert set(err.value.params["blockers"]) == {
        "block.no_listeners",
        "block.no_kind",
        "block.no_excerpt",
        "block.no_lenses",
    }
    sid = prepared(org)
    assert S.set_phase(e, org.bringer, sid, 2) == 2
    with pytest.raises(InvalidInput) as err:
        S.set_phase(e, org.bringer, sid, 3)
    assert err.value.params["blockers"] == ["block.rules_not_acknowledged"]
    S.acknowledge_rules(e, org.bringer, sid)
    S.acknowledge_rules(e, org.listener, sid)
    assert S.set_phase(e, org.bringer, sid, 5) == 5
    assert S.set_phase(e, org.bringer, sid, 3) == 3  # back is always allowed
    with pytest.raises(InvalidInput):
        S.set_phase(e, org.bringer, sid, 9)


# ---------------------------------------------------------------- autosave, resume, conflicts


def test_autosave_and_resume_from_a_new_connection(org, engine) -> None:
    from lises_reflect.db import make_engine

    sid = at_phase(org, 4)
    v1 = S.save_contribution(
        engine, org.listener, sid, "observation", Q, "I tur 2 nævner B lageret", 0
    )
    v2 = S.save_contribution(
        engine, org.listener, sid, "observation", Q, "I tur 2 nævner B lageret.", v1
    )
    assert (v1, v2) == (1, 2)
    # A "server restart": a brand-new engine sees exactly what was acknowledged.
    fresh = make_engine(engine.url.render_as_string(hide_password=False))
    try:
        view = S.session_view(fresh, org.listener, sid)
    finally:
        fresh.dispose()
    assert view.phase == 4
    mine = view.mine("observation", Q)
    assert mine is not None and mine.text == "I tur 2 nævner B lageret." and mine.version == 2
    bringer_view = S.session_view(engine, org.bringer, sid)
    assert [c.text for c in bringer_view.others("observation")] == ["I tur 2 nævner B lageret."]


def test_stale_version_is_a_conflict_and_nothing_is_overwritten(org) -> None:
    sid = at_phase(org, 7)
    e = org.engine
    v = S.save_learning_point(e, org.bringer, sid, 1, "Dokumentationskrav fylder", 0)
    S.save_learning_point(e, org.listener, sid, 1, "Dokumentationskrav fylder meget", v)
    with pytest.raises(Conflict) as err:
        S.save_learning_point(e, org.bringer, sid, 1, "Krav om dokumentation", v)
    assert err.value.current_text == "Dokumentationskrav fylder meget"
    assert err.value.current_version == v + 1
    lp = S.session_view(e, org.bringer, sid).learning_point(1)
    assert lp.text == "Dokumentationskrav fylder meget"
    # Having seen the other text, the user saves against the new version.
    S.save_learning_point(e, org.bringer, sid, 1, "Begge dele", err.value.current_version)
    assert S.session_view(e, org.listener, sid).learning_point(1).text == "Begge dele"


def test_two_simultaneous_first_saves_do_not_both_win(org) -> None:
    sid = at_phase(org, 7)
    results: list[object] = []
    barrier = threading.Barrier(2)

    def save(uid: int, text: str) -> None:
        barrier.wait()
        try:
            results.append(S.save_learning_point(org.engine, uid, sid, 2, text, 0))
        except Conflict as err:
            results.append(err)

    threads = [
        threading.Thread(target=save, args=(org.bringer, "Tekst A")),
        threading.Thread(target=save, args=(org.listener, "Tekst B")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(isinstance(r, Conflict) for r in results) == 1
    assert sum(r == 1 for r in results) == 1


def test_session_text_compare_and_swap(org) -> None:
    sid = prepared(org)
    e = org.engine
    S.update_text(e, org.bringer, sid, "context_wish", "Hvordan jeg griber ønsker", "")
    with pytest.raises(Conflict) as err:  # another tab still had the empty text as its base
        S.update_text(e, org.bringer, sid, "context_wish", "Noget andet", "")
    assert err.value.current_text == "Hvordan jeg griber ønsker"
    # saving the same text twice is not a conflict
    S.update_text(e, org.bringer, sid, "context_wish", "Hvordan jeg griber ønsker", "")


# ---------------------------------------------------------------- refusals keep nothing


def test_personal_data_is_refused_and_not_stored(org) -> None:
    sid = at_phase(org, 4)
    e = org.engine
    with pytest.raises(PersonalDataError) as err:
        S.save_contribution(
            e, org.listener, sid, "observation", Q, "Borgeren (010190-1234) siger", 0
        )
    assert err.value.findings[0].kind == "cpr"
    with pytest.raises(PersonalDataError):
        S.update_text(e, org.bringer, sid, "excerpt", EXCERPT + "\nB: ring på 22 33 44 55", EXCERPT)
    with pytest.raises(PersonalDataError):
        S.save_learning_point(e, org.bringer, sid, 1, "Skriv til k.hansen@example.dk", 0)
    view = S.session_view(e, org.bringer, sid)
    assert view.excerpt == EXCERPT
    assert view.contributions == [] and view.learning_points == []


def test_length_limits_are_enforced_with_the_numbers(org) -> None:
    sid = at_phase(org, 5)
    with pytest.raises(InvalidInput) as err:
        S.save_contribution(org.engine, org.listener, sid, "reflection", "", "x" * 2001, 0)
    assert err.value.code == "error.too_long"
    assert err.value.params == {"field": "reflection", "limit": 2000, "length": 2001}


def test_html_is_stored_as_the_literal_text(org) -> None:
    sid = at_phase(org, 5)
    payload = "<script>alert(1)</script> **fed**"
    S.save_contribution(org.engine, org.listener, sid, "reflection", "", payload, 0)
    assert S.session_view(org.engine, org.bringer, sid).others("reflection")[0].text == payload


# ---------------------------------------------------------------- privacy inside the session


def test_takeaway_is_private_and_struck_is_shared(org) -> None:
    sid = at_phase(org, 6)
    e = org.engine
    S.save_contribution(e, org.bringer, sid, "struck", "", "At jeg skiftede emne", 0)
    S.save_contribution(e, org.bringer, sid, "takeaway", "", "Spørge mere til lageret", 0)
    listener_view = S.session_view(e, org.listener, sid)
    assert [c.kind for c in listener_view.contributions] == ["struck"]
    assert S.session_view(e, org.bringer, sid).mine("takeaway").text == "Spørge mere til lageret"


def test_only_the_bringer_decides_sharing_and_finish_requires_it(org) -> None:
    sid = at_phase(org, 7)
    e = org.engine
    S.save_learning_point(e, org.listener, sid, 1, "Praktikkrav fylder", 0)
    S.set_learning_point_category(e, org.listener, sid, 1, "frames_demands")
    with pytest.raises(PermissionDenied):
        S.set_learning_point_sharing(e, org.listener, sid, 1, True)
    S.set_phase(e, org.bringer, sid, 8)
    with pytest.raises(InvalidInput) as err:
        S.finish_session(e, org.bringer, sid)
    assert err.value.code == "error.learning_point_incomplete"
    S.set_learning_point_sharing(e, org.bringer, sid, 1, False)
    S.finish_session(e, org.bringer, sid)
    view = S.session_view(e, org.listener, sid)
    assert view.finished and view.learning_point(1).shared is False
    with pytest.raises(InvalidInput):  # finished sessions are read-only
        S.save_contribution(e, org.listener, sid, "reflection", "", "for sent", 0)


def test_process_check_is_anonymous_and_once(org) -> None:
    sid = at_phase(org, 8)
    e = org.engine
    S.submit_process_check(e, org.listener, sid, 4)
    with pytest.raises(InvalidInput):
        S.submit_process_check(e, org.listener, sid, 5)
    with pytest.raises(InvalidInput):
        S.submit_process_check(e, org.bringer, sid, 6)
    with session_scope(e) as s:
        checks = s.exec(select(ProcessCheck)).all()
        assert [(c.safe_frame, c.team_id) for c in checks] == [(4, org.team)]
        assert set(ProcessCheck.model_fields) == {"id", "team_id", "period", "safe_frame"}
    assert S.session_view(e, org.listener, sid).process_check_done
    assert not S.session_view(e, org.bringer, sid).process_check_done


# ---------------------------------------------------------------- deletion


def _count(engine, model, sid: int) -> int:
    column = model.id if model is ReflectionSession else model.session_id
    with session_scope(engine) as s:
        return s.exec(select(func.count()).select_from(model).where(column == sid)).one()


def test_bringer_deletes_everything_for_real(org) -> None:
    sid = at_phase(org, 8)
    e = org.engine
    S.save_contribution(e, org.listener, sid, "observation", Q, "I tur 1 …", 0)
    S.save_learning_point(e, org.bringer, sid, 1, "Et punkt", 0)
    S.submit_process_check(e, org.listener, sid, 5)
    with pytest.raises(PermissionDenied):
        S.delete_session(e, org.colleague, sid)
    assert S.delete_session(e, org.bringer, sid) == "deleted"
    for model in (ReflectionSession, Participant, Contribution, LearningPoint, ProcessCheckReceipt):
        assert _count(e, model, sid) == 0, model
    with pytest.raises(NotFound):
        S.session_view(e, org.bringer, sid)
    assert S.list_my_sessions(e, org.listener) == []


def test_listener_withdraws_with_own_texts_only(org) -> None:
    sid = at_phase(org, 4, listeners=None)
    e = org.engine
    S.set_phase(e, org.bringer, sid, 1)
    S.set_listeners(e, org.bringer, sid, [org.listener, org.listener2])
    S.acknowledge_rules(e, org.listener2, sid)
    S.set_phase(e, org.bringer, sid, 4)
    S.save_contribution(e, org.listener, sid, "observation", Q, "Min", 0)
    S.save_contribution(e, org.listener2, sid, "observation", Q, "Din", 0)
    with pytest.raises(InvalidInput):  # the bringer cannot silently drop written work
        S.set_listeners(e, org.bringer, sid, [org.listener2])
    assert S.delete_session(e, org.listener, sid) == "withdrawn"
    texts = [c.text for c in S.session_view(e, org.bringer, sid).contributions]
    assert texts == ["Din"]
    with pytest.raises(PermissionDenied):
        S.session_view(e, org.listener, sid)


# ---------------------------------------------------------------- my own practice


def test_my_sessions_and_practice_only_show_my_own(org) -> None:
    e = org.engine
    sid = at_phase(org, 6)
    S.save_contribution(e, org.bringer, sid, "takeaway", "", "Spørg til drømmen", 0)
    other = S.create_session(e, org.colleague, "Kollegas")
    items = S.list_my_sessions(e, org.bringer)
    assert [i.id for i in items] == [sid] and items[0].my_role == "bringer"
    assert items[0].others == ["Listener"]
    assert [i.my_role for i in S.list_my_sessions(e, org.listener)] == ["listener"]
    assert other not in [i.id for i in S.list_my_sessions(e, org.listener)]
    practice = S.my_practice(e, org.bringer)
    assert practice.total_brought == 1 and practice.total_listened == 0
    assert practice.lenses == [("gribning", 1)]
    assert [t[2] for t in practice.takeaways] == ["Spørg til drømmen"]
    assert S.my_practice(e, org.listener).takeaways == []
    for uid in (org.lead, org.admin, org.facilitator):
        with pytest.raises(PermissionDenied):
            S.my_practice(e, uid)
        with pytest.raises(PermissionDenied):
            S.my_sessions_page(e, uid)


def test_my_sessions_come_a_page_at_a_time_newest_change_first(org) -> None:
    """Issue 16: the page loaded every session a caseworker ever had on each rerun."""
    e = org.engine
    made = [S.create_session(e, org.bringer, f"Samtale {n}") for n in range(23)]
    S.create_session(e, org.colleague, "Kollegas")  # not hers
    first = S.my_sessions_page(e, org.bringer, 1, size=10)
    assert first.total == 23 and first.page == 1
    assert [i.id for i in first.items] == made[::-1][:10]
    third = S.my_sessions_page(e, org.bringer, 3, size=10)
    assert [i.id for i in third.items] == made[::-1][20:] and third.page == 3
    beyond = S.my_sessions_page(e, org.bringer, 9, size=10)  # a remembered page now past the end
    assert beyond.page == 3 and beyond.items == third.items
    assert [i.id for i in S.list_my_sessions(e, org.bringer)] == made[::-1]
    empty = S.my_sessions_page(e, org.listener)
    assert (empty.items, empty.total, empty.page) == ([], 0, 1)


def test_page_of_keeps_the_page_within_the_pages_there_are() -> None:
    from lises_reflect.paging import page_of

    items = list(range(45))
    assert page_of(items, 1, 20) == (1, items[:20])
    assert page_of(items, 3, 20) == (3, items[40:])
    assert page_of(items, 9, 20) == (3, items[40:])  # beyond the end: the last page
    assert page_of(items, 0, 20) == (1, items[:20])
    assert page_of([], 4, 20) == (1, [])
