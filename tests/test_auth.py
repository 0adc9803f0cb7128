"""Accounts: hashing, roles, cookie keys, the credentials handed to the authenticator."""

from __future__ import annotations

import pytest

from lises_reflect import auth
from lises_reflect.errors import InvalidInput, PermissionDenied


def test_production_hash_cost_and_danish_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(auth, "BCRYPT_ROUNDS", 12)
    h = auth.hash_password("blåbærgrød på æblemost")
    assert h.startswith("$2b$12$")
    assert auth.check_password("blåbærgrød på æblemost", h)
    assert not auth.check_password("blabaergrod pa aeblemost", h)


def test_password_rules() -> None:
    with pytest.raises(InvalidInput):
        auth.validate_new_password("elleve tegn")
    with pytest.raises(InvalidInput):
        auth.validate_new_password("ø" * 40)  # 80 bytes: bcrypt would silently cut it
    auth.validate_new_password("tolv tegn ok")


def test_cookie_key_strength() -> None:
    assert not auth.strong_cookie_key(None)
    assert not auth.strong_cookie_key("a" * 64)
    assert not auth.strong_cookie_key("short-key")
    assert auth.strong_cookie_key(auth.new_cookie_key())


def test_users_have_several_roles_and_credentials_come_from_the_database(org) -> None:
    uid = auth.create_user(
        org.engine,
        org.admin,
        "dobbelt",
        "Dobbelt",
        "en lang adgangskode",
        ["caseworker", "facilitator"],
        org.team,
    )
    actor = auth.actor_by_username(org.engine, "dobbelt")
    assert actor.user_id == uid and actor.roles == {"caseworker", "facilitator"}
    creds = auth.credentials(org.engine)["usernames"]
    assert creds["dobbelt"]["roles"] == ["caseworker", "facilitator"]
    assert creds["dobbelt"]["password"].startswith("$2b$")


def test_only_admins_create_accounts(org) -> None:
    for uid in (org.bringer, org.lead, org.facilitator):
        with pytest.raises(PermissionDenied):
            auth.create_user(
                org.engine, uid, "ny", "Ny", "en lang adgangskode", ["caseworker"], org.team
            )
        with pytest.raises(PermissionDenied):
            auth.directory(org.engine, uid)
    with pytest.raises(InvalidInput):
        auth.create_user(
            org.engine, org.admin, "Ugyldigt Navn!", "X", "en lang adgangskode", ["admin"], None
        )
    with pytest.raises(InvalidInput):
        auth.create_user(
            org.engine, org.admin, "bringer", "X", "en lang adgangskode", ["admin"], None
        )
    with pytest.raises(InvalidInput):  # a caseworker needs a team
        auth.create_user(
            org.engine, org.admin, "uden", "X", "en lang adgangskode", ["caseworker"], None
        )


def test_first_admin_only_on_an_empty_database(org) -> None:
    with pytest.raises(PermissionDenied):
        auth.create_first_admin(org.engine, "root", "Root", "en lang adgangskode")
