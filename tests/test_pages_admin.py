"""The admin page through AppTest: accounts, and no reflection content."""

from __future__ import annotations

from lises_reflect import sessions as S
from tests.conftest import Org
from tests.pages import app, no_exception, texts


def test_admin_sees_accounts_but_no_reflection_content(site: Org) -> None:
    S.create_session(site.engine, site.bringer, "Fortroligt emne")
    at = app("admin")
    at.switch_page("pages/admin.py").run()
    no_exception(at)
    assert "bringer" in set(at.dataframe[0].value.iloc[:, 0])
    assert "Fortroligt emne" not in texts(at)
