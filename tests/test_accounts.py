"""Administering accounts: edits are audited, deactivation and resets end logins at once."""

from __future__ import annotations

import pytest
from sqlmodel import select

from lises_reflect import accounts, auth, login
from lises_reflect import sessions as S
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import AuditEntry, Contribution
from tests.conftest import PASSWORD, Org
from tests.pages import app, no_exception


def audit_actions(engine) -> list[str]:
    with session_scope(engine) as s:
        return [e.action for e in s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]


def test_edit_move_roles_deactivate_and_reset(org: Org):
    e = org.engine
    sid = S.create_session(e, org.bringer, "Bliver i teamet")
    login.open_session(e, org.bringer, "open-login")
    with pytest.raises(PermissionDenied):
        accounts.update_user(
            e, org.lead, org.bringer, accounts.UserEdit("X", None, org.team, ("caseworker",), True)
        )
    accounts.update_user(
        e,
        org.admin,
        org.bringer,
        accounts.UserEdit(
            "Bente Bringer", "b@x.dk", org.other_team, ("caseworker", "teamlead"), True
        ),
    )
    row = accounts.account(e, org.admin, org.bringer)
    assert (row.display_name, row.team_id, row.roles) == (
        "Bente Bringer",
        org.other_team,
        ("caseworker", "teamlead"),
    )
    accounts.update_user(
        e,
        org.admin,
        org.bringer,
        accounts.UserEdit("Bente Bringer", "b@x.dk", org.other_team, ("caseworker",), False),
    )
    assert login.check_session(e, "open-login") == "deactivated"
    assert login.attempt(e, "bringer", PASSWORD).status == "failed"  # cannot log in
    with session_scope(e) as s:  # the content stays
        assert s.get(
            __import__("lises_reflect.models", fromlist=["ReflectionSession"]).ReflectionSession,
            sid,
        )
    assert audit_actions(e) == [
        "user.updated",
        "user.moved",
        "user.roles_changed",
        "user.roles_changed",
        "user.deactivated",
        "login.failed",
    ]
    accounts.update_user(
        e,
        org.admin,
        org.bringer,
        accounts.UserEdit("Bente Bringer", None, org.other_team, ("caseworker",), True),
    )
    accounts.reset_password(e, org.admin, org.bringer, "midlertidig kode 42")
    out = login.attempt(e, "bringer", "midlertidig kode 42")
    assert out.status == "ok" and out.actor.must_change_password
    with pytest.raises(InvalidInput):
        accounts.reset_password(e, org.admin, org.bringer, "kort")
    with pytest.raises(InvalidInput, match="admin_self"):
        accounts.update_user(
            e, org.admin, org.admin, accounts.UserEdit("A", None, None, ("admin",), False)
        )
    with pytest.raises(InvalidInput, match="team_required"):
        accounts.update_user(
            e, org.admin, org.listener, accounts.UserEdit("L", None, None, ("caseworker",), True)
        )
    accounts.rename(e, org.admin, "team", org.other_team, "Team Øst")
    assert "team.updated" in audit_actions(e)
    assert Contribution is not None and auth is not None


def test_admin_page_edits_a_user_without_content(site: Org) -> None:
    S.create_session(site.engine, site.bringer, "Fortroligt emne")
    at = app("admin")
    at.switch_page("pages/admin.py").run()
    no_exception(at)
    at.selectbox(key="edit:user").set_value(site.listener).run()
    at.text_input(key=f"edit:name:{site.listener}").set_value("Lise Lytter")
    form_buttons = [b for b in at.button if b.label == "Gem ændringer"]
    form_buttons[0].click().run()
    no_exception(at)
    assert accounts.account(site.engine, site.admin, site.listener).display_name == "Lise Lytter"
    assert "Fortroligt emne" not in "\n".join(str(x.value) for x in at.markdown)


def test_admin_page_renames_a_team(site: Org) -> None:
    at = app("admin")
    at.switch_page("pages/admin.py").run()
    at.selectbox[-1].set_value(("team", site.other_team))
    name_inputs = [t for t in at.text_input if t.label == "Nyt navn"]
    name_inputs[0].set_value("Team Øst")
    [b for b in at.button if b.label == "Gem ændringer"][-1].click().run()
    no_exception(at)
    from lises_reflect.accounts import directory

    assert "Jobcenter Test – Team Øst" in dict(directory(site.engine, site.admin).teams).values()


def test_a_rename_to_a_taken_name_is_refused_with_a_clear_message(org: Org):
    """Seen in review: the database refused it, and the admin page showed an error page."""
    e = org.engine  # make_org: "Jobcenter Test" with "Team A" (org.team) and "Team B"
    with pytest.raises(InvalidInput) as info:
        accounts.rename(e, org.admin, "team", org.team, "Team B")
    assert (info.value.code, info.value.params) == ("error.name_taken", {"name": "Team B"})
    second = accounts.create_organisation(e, org.admin, "Nabokommunen")
    with pytest.raises(InvalidInput) as info:
        accounts.rename(e, org.admin, "organisation", second, "Jobcenter Test")
    assert info.value.code == "error.name_taken"
    # its own name again (deactivating it), and a team name another organisation uses: fine
    accounts.rename(e, org.admin, "team", org.team, "Team A", active=False)
    accounts.create_team(e, org.admin, second, "Team B")
    accounts.rename(e, org.admin, "team", org.other_team, "Team C")
