"""Login that holds: lock-outs in the database, equal answers, server-side sessions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from lises_reflect import accounts, auth, login
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import AuditEntry, User
from tests.conftest import PASSWORD, Org
from tests.pages import app, no_exception

T = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)


def actions(engine) -> list[str]:
    with session_scope(engine) as s:
        return [e.action for e in s.exec(select(AuditEntry).order_by(AuditEntry.id)).all()]


@pytest.mark.parametrize("username", ["bringer", "nobody-here"])
def test_five_failures_lock_known_and_unknown_usernames_alike(org: Org, username: str):
    e = org.engine
    for i in range(5):
        assert (
            login.attempt(
                e, username, "wrong password!", "10.0.0.1", T + timedelta(minutes=i)
            ).status
            == "failed"
        )
    locked = login.attempt(e, username, PASSWORD, "10.0.0.2", T + timedelta(minutes=6))
    assert locked.status == "locked"  # even the right password, from another client
    later = login.attempt(e, username, PASSWORD, "10.0.0.2", T + timedelta(minutes=22))
    assert later.status == ("ok" if username == "bringer" else "failed")
    assert actions(e)[:7] == ["login.failed"] * 4 + [
        "login.failed",
        "login.locked",
        "login.refused_locked",
    ]


def test_unknown_usernames_cost_the_same_bcrypt_check(org: Org, monkeypatch):
    calls = []
    real = auth.check_password
    monkeypatch.setattr(auth, "check_password", lambda p, h: calls.append(h[:7]) or real(p, h))
    for name, pw in (("nobody", "x" * 12), ("bringer", "x" * 12), ("bringer", PASSWORD)):
        login.attempt(org.engine, name, pw, "c", T)
    assert len(calls) == 3 and len({c[:4] for c in calls}) == 1  # one bcrypt each, same cost
    with session_scope(org.engine) as s:
        s.get(User, org.colleague).active = False
    assert login.attempt(org.engine, "colleague", PASSWORD, "c", T).status == "failed"


def test_a_client_spraying_usernames_is_locked(org: Org):
    for i in range(login.CLIENT_LIMIT):
        login.attempt(org.engine, f"user{i}", "wrong password!", "6.6.6.6", T)
    assert login.attempt(org.engine, "bringer", PASSWORD, "6.6.6.6", T).status == "locked"
    assert login.attempt(org.engine, "bringer", PASSWORD, "7.7.7.7", T).status == "ok"


def test_sessions_end_idle_old_and_at_logout(org: Org):
    e = org.engine
    login.open_session(e, org.bringer, "k1", T)
    assert login.check_session(e, "k1", T + timedelta(minutes=29)) is None
    assert login.check_session(e, "k1", T + timedelta(minutes=58)) is None  # seen at 29
    assert login.check_session(e, "k1", T + timedelta(minutes=89)) == "idle"
    assert login.check_session(e, "k1", T + timedelta(minutes=90)) == "idle"  # stays ended
    login.open_session(e, org.bringer, "k2", T)
    for minutes in range(20, 12 * 60, 20):
        assert login.check_session(e, "k2", T + timedelta(minutes=minutes)) is None
    assert login.check_session(e, "k2", T + timedelta(hours=12)) == "absolute"
    login.open_session(e, org.bringer, "k3")
    login.end_session(e, "k3")
    assert login.check_session(e, "k3") == "logout"  # a copied cookie opens nothing now
    assert login.check_session(e, "never-issued") == "unknown"
    login.open_session(e, org.bringer, "k4")
    with session_scope(e) as s:
        login.end_user_sessions(s, org.bringer, "deactivated")
    assert login.check_session(e, "k4") == "deactivated"


def test_passwords(org: Org):
    with pytest.raises(InvalidInput, match="password_common"):
        auth.validate_new_password("Sommerferie2025")
    with pytest.raises(InvalidInput, match="password_short"):
        auth.validate_new_password("kort")
    uid = accounts.create_user(
        org.engine, auth.OPERATOR, "soeren", "Søren", "rødgrød med fløde", ["caseworker"], org.team
    )
    assert login.attempt(org.engine, "soeren", "rødgrød med fløde").status == "ok"
    assert auth.BCRYPT_ROUNDS >= 4  # tests run fast; production cost is asserted in test_auth
    with pytest.raises(PermissionDenied):
        login.change_password(org.engine, uid, "forkert gammel kode", "blåbærtærte om søndagen")
    with session_scope(org.engine) as s:
        s.get(User, uid).must_change_password = True
    login.change_password(org.engine, uid, "rødgrød med fløde", "blåbærtærte om søndagen")
    assert not auth.actor_by_username(org.engine, "soeren").must_change_password
    assert login.attempt(org.engine, "soeren", "blåbærtærte om søndagen").status == "ok"
    assert "password.changed" in actions(org.engine)


# ------------------------------------------------------------------ through the app


def test_the_login_form_locks_after_five_failures(site: Org) -> None:
    at = app()
    for _ in range(5):
        at.text_input(key="login:username").input("bringer")
        at.text_input(key="login:password").input("forkert kodeord!")
        at.button[0].click().run()
        assert [e.value for e in at.error] == ["Brugernavn eller adgangskode er forkert."]
    at.text_input(key="login:username").input("bringer")
    at.text_input(key="login:password").input(PASSWORD)
    at.button[0].click().run()
    no_exception(at)
    assert [e.value for e in at.error] == [
        "For mange forsøg. Prøv igen om 15 minutter, eller kontakt din administrator."
    ]
    assert not at.session_state["authentication_status"]


def test_an_ended_session_logs_out_with_a_reason(site: Org) -> None:
    at = app("bringer")
    assert [t.value for t in at.title] == ["Mine refleksioner"]
    login.end_session(site.engine, at.session_state["login_key"], "idle")
    at.run()
    no_exception(at)
    assert any("30 minutter" in i.value for i in at.info)
    assert at.text_input(key="login:username") is not None


def test_a_reset_password_must_be_changed_first(site: Org) -> None:
    with session_scope(site.engine) as s:
        s.get(User, site.bringer).must_change_password = True
    at = app("bringer")
    no_exception(at)
    assert [t.value for t in at.title] == ["Vælg en ny adgangskode"]
    at.text_input[0].input(PASSWORD)
    at.text_input[1].input("en helt ny sætning her")
    at.text_input[2].input("en helt ny sætning her")
    at.button[0].click().run()
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Mine refleksioner"]
