"""Issue 13: an empty autosave never deletes saved work; deleting is an explicit act.

The browser can report a field as empty without anyone having emptied it (a field re-created
blank after a rerun cut short by a menu click: ../shared/findings/live-session-loss.md). The
service refuses such a save over stored text, whatever the page does; the page offers to bring
the text back or to delete it on purpose.
"""

from __future__ import annotations

import pytest
from sqlmodel import func, select

from lises_reflect import sessions as S
from lises_reflect.db import session_scope
from lises_reflect.errors import WouldClear
from lises_reflect.models import Contribution, LearningPoint
from tests.builders import QUESTION as Q
from tests.builders import at_phase
from tests.pages import app, click, no_exception, on_session, texts


def _rows(engine, model) -> int:
    with session_scope(engine) as s:
        return int(s.exec(select(func.count()).select_from(model)).one())


@pytest.mark.parametrize("blank", ["", "   ", "\n\t "])
def test_an_empty_save_over_a_saved_observation_is_refused(org, blank: str) -> None:
    e = org.engine
    sid = at_phase(org, 4)
    v = S.save_contribution(e, org.listener, sid, "observation", Q, "I tur 2 nævner B lageret", 0)
    with pytest.raises(WouldClear):
        S.save_contribution(e, org.listener, sid, "observation", Q, blank, v)
    assert S.session_view(e, org.listener, sid).mine("observation", Q).text == (
        "I tur 2 nævner B lageret"
    )
    # On purpose, it is deleted.
    S.save_contribution(e, org.listener, sid, "observation", Q, "", v, clear=True)
    assert S.session_view(e, org.listener, sid).mine("observation", Q).text == ""


def test_an_empty_save_where_nothing_is_saved_stores_nothing(org) -> None:
    e = org.engine
    sid = at_phase(org, 4)
    assert S.save_contribution(e, org.listener, sid, "observation", Q, "", 0) == 0
    assert S.save_learning_point(e, org.listener, sid, 1, "  ", 0) == 0
    assert _rows(e, Contribution) == 0 and _rows(e, LearningPoint) == 0


def test_an_empty_save_over_a_learning_point_is_refused_for_every_participant(org) -> None:
    e = org.engine
    sid = at_phase(org, 7)
    v = S.save_learning_point(e, org.bringer, sid, 1, "Dokumentationskrav fylder", 0)
    for uid in (org.bringer, org.listener):
        with pytest.raises(WouldClear):
            S.save_learning_point(e, uid, sid, 1, "", v)
    assert S.session_view(e, org.bringer, sid).learning_point(1).text == "Dokumentationskrav fylder"
    S.save_learning_point(e, org.listener, sid, 1, "", v, clear=True)
    assert S.session_view(e, org.bringer, sid).learning_point(1).text == ""


@pytest.mark.parametrize("name", ["title", "context_wish", "excerpt"])
def test_an_empty_save_over_a_session_text_is_refused(org, name: str) -> None:
    e = org.engine
    sid = at_phase(org, 3)
    stored = getattr(S.session_view(e, org.bringer, sid), name)
    if not stored:
        S.update_text(e, org.bringer, sid, name, "Hvordan jeg følger op", "")
        stored = "Hvordan jeg følger op"
    with pytest.raises(WouldClear):
        S.update_text(e, org.bringer, sid, name, "", stored)
    assert getattr(S.session_view(e, org.bringer, sid), name) == stored
    S.update_text(e, org.bringer, sid, name, "", stored, clear=True)
    assert getattr(S.session_view(e, org.bringer, sid), name) == ""


def test_the_page_offers_to_restore_or_delete_and_never_wipes_by_itself(site) -> None:
    e = site.engine
    sid = at_phase(site, 4)
    v = S.save_contribution(e, site.listener, sid, "observation", Q, "I tur 2 nævner B truck", 0)
    listener = app("listener")
    listener.query_params["s"] = str(sid)
    listener.switch_page("pages/session.py").run()
    key = f"w:{sid}:observation:{Q}"
    assert listener.text_area(key=key).value == "I tur 2 nævner B truck"
    # The browser reports the field blank (as a re-created widget does): nothing is deleted.
    listener.text_area(key=key).input("").run()
    no_exception(listener)
    assert S.session_view(e, site.listener, sid).mine("observation", Q).text == (
        "I tur 2 nævner B truck"
    )
    assert any("den gemte tekst er ikke slettet" in w.value for w in listener.warning)
    click(listener, "Hent den gemte tekst tilbage")
    assert listener.text_area(key=key).value == "I tur 2 nævner B truck"
    assert not any("ikke slettet" in w.value for w in listener.warning)
    # Emptied again and deleted on purpose.
    listener.text_area(key=key).input("").run()
    click(listener, "Slet den gemte tekst")
    no_exception(listener)
    assert S.session_view(e, site.listener, sid).mine("observation", Q).text == ""
    assert any(c.value.startswith("✓ Gemt") for c in listener.caption)
    assert v == 1


def test_own_keystrokes_sent_after_anothers_save_arrived_are_a_conflict_not_an_overwrite(
    site,
) -> None:
    """A shared field: the listener was typing when the bringer's save redrew the page. The
    browser keeps the listener's unsent text in the field and sends it later; the server must
    not let it replace the bringer's text unseen."""
    e = site.engine
    sid = at_phase(site, 7)
    key = f"w:{sid}:lp:1"
    listener = on_session("listener", sid)
    assert listener.text_area(key=key).value == ""
    v = S.save_learning_point(e, site.bringer, sid, 1, "Tempoet i samtalen", 0)
    listener.run()  # the live fragment's redraw: the field follows the stored text
    assert listener.text_area(key=key).value == "Tempoet i samtalen"
    listener.text_area(key=key).input("Borgerens ønske om køkkenet").run()
    no_exception(listener)
    assert S.session_view(e, site.bringer, sid).learning_point(1).text == "Tempoet i samtalen"
    assert listener.text_area(key=key).value == "Borgerens ønske om køkkenet"
    shown = texts(listener)
    assert "Den anden version:" in shown and "Tempoet i samtalen" in shown  # both texts kept
    # Typing on under the notice saves nothing over the other's text either.
    listener.text_area(key=key).input("Borgerens ønske om køkkenet, og tempoet").run()
    assert S.session_view(e, site.bringer, sid).learning_point(1).text == "Tempoet i samtalen"
    assert "Den anden version:" in texts(listener)
    # Having seen both, the listener saves on purpose: now it is stored.
    click(listener, "Gem min tekst alligevel")
    assert S.session_view(e, site.bringer, sid).learning_point(1).text == (
        "Borgerens ønske om køkkenet, og tempoet"
    )
    assert v == 1


def test_an_edit_of_the_others_text_after_the_field_followed_saves_normally(
    site,
) -> None:
    e = site.engine
    sid = at_phase(site, 7)
    key = f"w:{sid}:lp:1"
    listener = on_session("listener", sid)
    S.save_learning_point(e, site.bringer, sid, 1, "Tempoet i samtalen", 0)
    listener.run()
    listener.text_area(key=key).input("Tempoet i samtalen, og pauserne").run()
    no_exception(listener)
    assert S.session_view(e, site.bringer, sid).learning_point(1).text == (
        "Tempoet i samtalen, og pauserne"
    )
    assert not listener.warning
