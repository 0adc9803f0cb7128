"""Every page for every role through AppTest: each role is let in where it belongs and refused
everywhere else, and every page, refused or not, links to the accessibility statement."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

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
    "pages/accessibility.py",
    "pages/my_data.py",
]


ALLOWED = {
    "bringer": {
        "pages/home.py",
        "pages/my_reflections.py",
        "pages/new_session.py",
        "pages/session.py",
        "pages/accessibility.py",
        "pages/my_data.py",
    },
    "lead": {
        "pages/home.py",
        "pages/team_insights.py",
        "pages/accessibility.py",
        "pages/my_data.py",
    },
    "facilitator": {
        "pages/home.py",
        "pages/flip_prep.py",
        "pages/accessibility.py",
        "pages/my_data.py",
    },
    "admin": {"pages/home.py", "pages/admin.py", "pages/accessibility.py", "pages/my_data.py"},
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
    if framed(at):  # the footer, last on the page; the browser test covers the rest
        assert footer_links(at)[-1] == ("Tilgængelighedserklæring", "tilgaengelighed")


def framed(at: AppTest) -> bool:
    """Whether app.py's frame ran: AppTest runs pages/admin.py on its own after
    `switch_page` (no sidebar, no footer), unlike Streamlit in a browser."""
    return any(m.value.startswith("Logget ind som") for m in at.sidebar.markdown)


def footer_links(at: AppTest) -> list[tuple[str, str]]:
    return [(x.proto.label, x.proto.page) for x in at.get("page_link")]
