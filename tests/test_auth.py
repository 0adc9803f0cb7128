"""Accounts: hashing, roles, cookie keys, the credentials handed to the authenticator."""

from __future__ import annotations

import pytest

from lises_reflect import accounts, auth
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
    uid = accounts.create_user(
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
    creds = auth.credentials(org.engine, ["dobbelt"])["usernames"]
    assert set(creds) == {"dobbelt"}  # only the account of this run, never all of them
    assert creds["dobbelt"]["roles"] == ["caseworker", "facilitator"]
    assert "password" not in creds["dobbelt"]  # passwords are checked by login.attempt
    assert auth.credentials(org.engine, []) == {"usernames": {}}
    edit = accounts.UserEdit("Dobbelt", None, org.team, ("caseworker",), active=False)
    accounts.update_user(org.engine, org.admin, uid, edit)
    assert auth.credentials(org.engine, ["dobbelt"]) == {"usernames": {}}


def test_only_admins_create_accounts(org) -> None:
    for uid in (org.bringer, org.lead, org.facilitator):
        with pytest.raises(PermissionDenied):
            accounts.create_user(
                org.engine, uid, "ny", "Ny", "en lang adgangskode", ["caseworker"], org.team
            )
        with pytest.raises(PermissionDenied):
            accounts.directory(org.engine, uid)
    with pytest.raises(InvalidInput):
        accounts.create_user(
            org.engine, org.admin, "Ugyldigt Navn!", "X", "en lang adgangskode", ["admin"], None
        )
    with pytest.raises(InvalidInput):
        accounts.create_user(
            org.engine, org.admin, "bringer", "X", "en lang adgangskode", ["admin"], None
        )
    with pytest.raises(InvalidInput):  # a caseworker needs a team
        accounts.create_user(
            org.engine, org.admin, "uden", "X", "en lang adgangskode", ["caseworker"], None
        )


def test_first_admin_only_on_an_empty_database(org) -> None:
    with pytest.raises(PermissionDenied):
        accounts.create_first_admin(org.engine, "root", "Root", "en lang adgangskode")


def test_cookie_username_only_for_a_valid_unexpired_signed_token() -> None:
    import time

    import jwt

    from lises_reflect.login import cookie_username

    key = "k" * 40
    later = time.time() + 3600
    assert cookie_username(jwt.encode({"username": "mette", "exp_date": later}, key), key) == (
        "mette"
    )
    assert (
        cookie_username(jwt.encode({"username": "mette", "exp_date": later}, "x" * 40), key) is None
    )
    assert cookie_username(jwt.encode({"username": "mette", "exp_date": 1.0}, key), key) is None
    assert cookie_username(jwt.encode({"exp_date": later}, key), key) is None
    for broken in (None, "", "not-a-token", "a.b.c"):
        assert cookie_username(broken, key) is None
