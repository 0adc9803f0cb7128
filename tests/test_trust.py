"""Issue 14: the security promises hold against an adversary (lock-out race, other sessions
after a password change, explicit command-line actor, unlinkable process checks, shared
learning points, the owner's access log, long pack titles)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from sqlmodel import select

from lises_reflect import login
from lises_reflect.db import session_scope
from lises_reflect.models import LoginAttempt
from tests.conftest import PASSWORD, Org

T = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)


def parallel(calls: list[Callable[[], Any]]) -> list[Any]:
    """Run every call in its own thread, released at the same moment."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)
    errors: list[BaseException] = []

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = calls[i]()
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors, errors
    return results


# ------------------------------------------------------------------ item 4: atomic lock-out


@pytest.mark.parametrize("right", [1, 5])
def test_parallel_attempts_cannot_outrun_the_lock_out(org: Org, right: int) -> None:
    """30 tries at once, `right` of them with the right password: exactly five failures are
    counted, and no try after the fifth failure is accepted, whatever the order."""
    e = org.engine
    n = 30
    passwords = ["wrong password!"] * (n - right) + [PASSWORD] * right
    calls = [
        (lambda pw=pw, i=i: login.attempt(e, "bringer", pw, f"10.0.0.{i}", T))
        for i, pw in enumerate(passwords)
    ]
    outcomes = Counter(o.status for o in parallel(calls))
    assert outcomes["failed"] == login.FAILURE_LIMIT, outcomes  # was 29 of 29 wrong ones
    assert outcomes["ok"] + outcomes["failed"] + outcomes["locked"] == n
    with session_scope(e) as s:
        log = s.exec(
            select(LoginAttempt.success)
            .where(LoginAttempt.username == "bringer")
            .order_by(LoginAttempt.id)
        ).all()
    failures = 0
    for success in log:  # the order the attempts were decided in
        assert not (success and failures >= login.FAILURE_LIMIT)
        failures += not success
    assert outcomes["ok"] == sum(log)
    # Locked until the window has passed, even with the right password.
    assert login.attempt(e, "bringer", PASSWORD, "10.1.1.1", T + timedelta(minutes=5)).status == (
        "locked"
    )
    later = login.attempt(e, "bringer", PASSWORD, "10.1.1.1", T + timedelta(minutes=16))
    assert later.status == "ok"


# ------------------------------------------- item 6: a password change ends the other logins


def test_changing_the_password_ends_the_other_logins_and_keeps_this_one(org: Org) -> None:
    """The attack: after an admin reset someone else logs in with the temporary password too;
    the user's change used to leave that login open."""
    from lises_reflect import accounts

    e = org.engine
    temporary = "midlertidig kode 2026"
    accounts.reset_password(e, org.admin, org.bringer, temporary)
    login.open_session(e, org.bringer, "mine")  # the user, logged in with the temporary one
    login.open_session(e, org.bringer, "theirs")  # someone else, with the same
    login.open_session(e, org.listener, "a colleague")
    login.change_password(e, org.bringer, temporary, "en helt ny kode 2026", keep="mine")
    assert login.check_session(e, "theirs") == "password_changed"
    assert login.check_session(e, "mine") is None  # the one the change was made from stays
    assert login.check_session(e, "a colleague") is None
    login.open_session(e, org.bringer, "later")
    login.change_password(e, org.bringer, "en helt ny kode 2026", "og endnu en ny 2026")
    assert login.check_session(e, "later") == "password_changed"  # no key kept: all end
    assert login.check_session(e, "mine") == "password_changed"


# ------------------------------------- fail-open checks: the command line is named, None refused


def test_a_missing_actor_is_refused_and_the_command_line_is_explicit(org: Org) -> None:
    """`actor_id=None` (nobody logged in) used to skip the admin check on these calls."""
    from lises_reflect import auth
    from lises_reflect.errors import PermissionDenied

    e = org.engine
    refused = [
        lambda: auth.create_organisation(e, None, "Jobcenter Ingen"),
        lambda: auth.create_team(e, None, 1, "Team Ingen"),
        lambda: auth.create_user(e, None, "ingen", "Ingen", "en lang adgangskode", ["admin"], None),
        lambda: auth.assign(e, None, "lead", "teamlead", team_id=org.other_team),
        lambda: auth.unassign(e, None, 1),
    ]
    for call in refused:
        with pytest.raises(PermissionDenied) as err:
            call()
        assert err.value.code == "error.not_logged_in"
    with pytest.raises(PermissionDenied):  # nor a caseworker
        auth.create_organisation(e, org.bringer, "Jobcenter Ingen")
    o = auth.create_organisation(e, auth.OPERATOR, "Jobcenter Kommandolinje")
    team = auth.create_team(e, auth.OPERATOR, o, "Team K")
    uid = auth.create_user(
        e, auth.OPERATOR, "k.lead", "K Lead", "en lang adgangskode", ["teamlead"], team
    )
    aid = auth.assign(e, auth.OPERATOR, "k.lead", "teamlead", team_id=org.team)
    auth.unassign(e, auth.OPERATOR, aid)
    assert uid > 0


def test_the_command_line_creates_with_the_operator(tmp_path, monkeypatch) -> None:
    from lises_reflect import cli

    monkeypatch.setenv("LISES_NEW_PASSWORD", "en lang adgangskode")
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    assert cli.main(["--database-url", url, "create-organisation", "Jobcenter CLI"]) == 0
    assert cli.main(["--database-url", url, "create-team", "1", "Team CLI"]) == 0
    args = ["create-user", "ida", "--name", "Ida", "--role", "teamlead", "--team-id", "1"]
    assert cli.main(["--database-url", url, *args]) == 0
    assert (
        cli.main(["--database-url", url, "assign", "ida", "--role", "teamlead", "--team-id", "1"])
        == 0
    )


# --------------------------------------------- item 11: a long pack title, refused and survived


def test_a_pack_title_over_the_cap_is_refused_by_the_service(org: Org) -> None:
    from lises_reflect import flip, seminar
    from lises_reflect.errors import InvalidInput
    from lises_reflect.i18n import t

    long_title = "FLIP om samtalen " * 20  # 340 characters: used to crash python-pptx
    req = flip.PackRequest(long_title, 3, 6, "2026-Q1", (), (), ("gribning",), ("Hvad nu?",))
    for fmt in ("pptx", "pdf"):
        with pytest.raises(InvalidInput) as err:
            flip.export_pack(org.engine, org.facilitator, req, fmt)
        assert err.value.code == "pack.error.title_long"
    assert f"højst {seminar.MAX_TITLE} tegn" in t("pack.error.title_long", "da")
    assert f"at most {seminar.MAX_TITLE} characters" in t("pack.error.title_long", "en")


@pytest.mark.parametrize("title", ["Samtalen som faglig kerne " * 12, "x" * 400])
def test_the_pack_builder_survives_a_long_title(title: str) -> None:
    import io

    from pptx import Presentation

    from lises_reflect import seminar
    from tests.test_seminar import pack

    p = pack(title=title)
    assert "pack.error.title_long" in seminar.problems(p)
    deck = Presentation(io.BytesIO(seminar.pack_pptx(p)))
    assert deck.slides[0].shapes.title.text == title  # whole on the slide, wrapped
    assert deck.core_properties.title == title[:255]
    assert seminar.pack_pdf(p)[:4] == b"%PDF"
