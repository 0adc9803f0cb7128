"""Every page for every role through AppTest: each role is let in where it belongs and refused
everywhere else."""

from __future__ import annotations

import pytest

from tests.conftest import Org
from tests.pages import app, no_exception

PAGES = [
    "pages/home.py",
    "pages/my_reflections.py",
    "pages/new_session.py",
    "pages/session.py",
    "pages/admin.py",
    "pages/team_insights.py",
    "pages/flip_prep.py",
]


ALLOWED = {
    "bringer": {
        "pages/home.py",
        "pages/my_reflections.py",
        "pages/new_session.py",
        "pages/session.py",
    },
    "lead": {"pages/home.py", "pages/team_insights.py"},
    "facilitator": {"pages/home.py", "pages/flip_prep.py"},
    "admin": {"pages/home.py", "pages/admin.py"},
}


@pytest.mark.parametrize("user", sorted(ALLOWED))
@pytest.mark.parametrize("page", PAGES)
def test_every_page_for_every_role(site: Org, user: str, page: str) -> None:
    at = app(user)
    at.switch_page(page).run()
    no_exception(at)
    refusals = [e.value for e in at.error if "kræver rollen" in e.value]
    if page in ALLOWED[user]:
        assert not refusals, refusals
    else:
        assert refusals, f"{user} was not refused {page}"
