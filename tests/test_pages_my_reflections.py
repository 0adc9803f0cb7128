"""The caseworker's "Mine refleksioner" page through AppTest: deleting asks first, and a long
list of sessions is paged."""

from __future__ import annotations

import pytest

from lises_reflect import sessions as S
from tests.conftest import Org
from tests.pages import app, click, no_exception, texts


def test_my_reflections_delete_asks_first_and_then_deletes(site: Org) -> None:
    sid = S.create_session(site.engine, site.bringer, "Skal slettes")
    at = app("bringer")
    click(at, "Slet")
    assert any("Slet hele sessionen" in w.value for w in at.warning)
    click(at, "Fortryd")
    assert S.list_my_sessions(site.engine, site.bringer)
    click(at, "Slet")
    click(at, "Ja, slet")
    no_exception(at)
    assert "Sessionen er slettet." in [s.value for s in at.success]
    assert S.list_my_sessions(site.engine, site.bringer) == []
    with pytest.raises(Exception):  # noqa: B017
        S.session_view(site.engine, site.bringer, sid)


def test_my_reflections_pages_a_long_list_of_sessions(site: Org) -> None:
    for n in range(25):
        S.create_session(site.engine, site.bringer, f"Samtale nummer {n:02d}")
    at = app("bringer")
    shown = [t.value for t in at.text if str(t.value).startswith("Samtale nummer")]
    assert len(shown) == 20 and "Samtale nummer 24" in shown  # the newest first
    at.selectbox(key="mine:sessions:page").select(2).run()
    shown = [t.value for t in at.text if str(t.value).startswith("Samtale nummer")]
    assert len(shown) == 5 and "Samtale nummer 00" in shown
    assert "21–25 af 25" in texts(at).replace("-", "–")
