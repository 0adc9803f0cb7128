"""Single sign-on's account mapping (`lises_reflect.sso`): the provider's e-mail finds the
account the admin created, from the configured issuer only; a deactivated or unknown account
stays shut; roles come from a claim only where one is configured. Every outcome is audited."""

from __future__ import annotations

import pytest
from sqlmodel import select

from lises_reflect import accounts, auth, sso
from lises_reflect.db import session_scope
from lises_reflect.errors import PermissionDenied
from lises_reflect.models import AuditEntry, User, UserRole
from tests.conftest import PASSWORD, Org

ISSUER = "https://login.kommune.dk/realms/lises"


def _person(org: Org, email: str = "Signe.Berg@Kommune.dk", roles=("caseworker",)) -> int:
    return accounts.create_user(
        org.engine, auth.OPERATOR, "signe", "Signe Berg", PASSWORD, list(roles), org.team, email
    )


def _claims(**extra):
    return {"iss": ISSUER + "/", "sub": "a1b2", "email": "signe.berg@kommune.dk", **extra}


def test_the_provider_email_finds_the_account_from_the_configured_issuer_only(org: Org):
    uid = _person(org)
    actor = sso.account(org.engine, _claims(), ISSUER)
    assert (actor.user_id, actor.roles) == (uid, frozenset({"caseworker"}))
    refusals = {
        "error.sso_wrong_issuer": _claims(iss="https://evil.example/realms/lises"),
        "error.sso_no_email": _claims(email=""),
        "error.sso_no_account": _claims(email="someone.else@kommune.dk"),
    }
    refusals["error.sso_no_email"] = _claims(email_verified=False)  # said, not vouched for
    for code, claims in refusals.items():
        with pytest.raises(PermissionDenied) as refused:
            sso.account(org.engine, claims, ISSUER)
        assert refused.value.code == code
    accounts.update_user(
        org.engine,
        org.admin,
        uid,
        accounts.UserEdit("Signe Berg", "signe.berg@kommune.dk", org.team, ("caseworker",), False),
    )
    with pytest.raises(PermissionDenied) as refused:
        sso.account(org.engine, _claims(), ISSUER)
    assert refused.value.code == "error.sso_inactive"
    with session_scope(org.engine) as s:
        logged = [
            (a.action, (a.filters or {}).get("reason"))
            for a in s.exec(select(AuditEntry).where(AuditEntry.action.like("login.sso%"))).all()
        ]
    assert logged[0] == ("login.sso", None) and len(logged) == 5
    assert {reason for _a, reason in logged[1:]} >= {"error.sso_wrong_issuer", "error.sso_no_email"}


def test_a_deactivated_account_stays_shut(org: Org):
    uid = _person(org)
    with session_scope(org.engine) as s:
        s.get(User, uid).active = False
    with pytest.raises(PermissionDenied) as refused:
        sso.account(org.engine, _claims(), ISSUER)
    assert refused.value.code == "error.sso_inactive"


def test_roles_come_from_the_claim_only_where_one_is_configured(org: Org):
    uid = _person(org)
    lead = sso.account(org.engine, _claims(roles=["teamlead", "Global Admin"]), ISSUER, "roles")
    assert lead.roles == frozenset({"teamlead"})  # unknown roles are ignored
    with session_scope(org.engine) as s:
        assert s.exec(select(UserRole.role).where(UserRole.user_id == uid)).all() == ["teamlead"]
    same = sso.account(org.engine, _claims(roles=["caseworker"]), ISSUER)  # no claim configured
    assert same.roles == frozenset({"teamlead"})  # the admin's mapping stands
    with pytest.raises(PermissionDenied) as refused:
        sso.account(org.engine, _claims(roles=["Global Admin"]), ISSUER, "roles")
    assert refused.value.code == "error.sso_no_role"


def test_an_unknown_address_waits_for_the_admin_until_its_account_exists(org: Org):
    """Mapped by the admin on the first login: the refused address is listed for the admin
    (never for anyone else) until an account with it exists."""
    for _ in range(2):
        with pytest.raises(PermissionDenied):
            sso.account(org.engine, _claims(), ISSUER)
    with pytest.raises(PermissionDenied):
        sso.account(org.engine, _claims(iss="https://evil.example"), ISSUER)  # not a wait
    waiting = sso.waiting(org.engine, org.admin)
    assert [(w.email, w.attempts) for w in waiting] == [("signe.berg@kommune.dk", 2)]
    for nobody in (org.lead, org.facilitator, org.bringer):
        with pytest.raises(PermissionDenied):
            sso.waiting(org.engine, nobody)
    _person(org)
    assert sso.waiting(org.engine, org.admin) == []
    assert sso.account(org.engine, _claims(), ISSUER).display_name == "Signe Berg"
