"""The app before anyone is logged in, through AppTest: the login form, the start-up
refusals (a weak cookie key, demo accounts outside demo mode), the first run and demo mode."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import COOKIE_KEY, PASSWORD, Org
from tests.pages import APP, app, no_exception, texts


def test_login_form_refuses_wrong_password_and_admits_right_one(site: Org) -> None:
    at = app()
    no_exception(at)
    assert [t.label for t in at.text_input] == ["Brugernavn", "Adgangskode"]
    assert "DEMO" not in texts(at)
    at.text_input[0].input("bringer")
    at.text_input[1].input("forkert-kodeord")
    at.button[0].click().run()
    assert "Brugernavn eller adgangskode er forkert." in [e.value for e in at.error]
    at.text_input[0].input("bringer")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    no_exception(at)
    # The login run stays on the page so the browser can store the login cookie; the next
    # run (a timer in the browser) opens the app.
    assert "Du er logget ind …" in [s.value for s in at.success]
    at.run()
    assert at.session_state["user_id"] == site.bringer
    assert [t.value for t in at.title] == ["Mine refleksioner"]


def test_unknown_user_gets_the_same_message(site: Org) -> None:
    at = app()
    at.text_input[0].input("findes-ikke")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    assert "Brugernavn eller adgangskode er forkert." in [e.value for e in at.error]


def test_app_refuses_to_start_without_a_strong_cookie_key(site: Org, monkeypatch) -> None:
    monkeypatch.setenv("LISES_COOKIE_KEY", "short")
    at = app()
    assert any("cookie-nøgle" in e.value for e in at.error)
    assert not at.text_input  # no login form


def test_first_run_creates_the_first_admin(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("LISES_COOKIE_KEY", COOKIE_KEY)
    monkeypatch.delenv("LISES_DEMO", raising=False)
    at = app()
    no_exception(at)
    assert "Første opstart" in texts(at)
    username, name, pw1, pw2 = at.text_input
    username.input("it-admin")
    name.input("IT-afdelingen")
    pw1.input("kort")
    pw2.input("kort")
    at.button[0].click().run()
    assert any("mindst 12 tegn" in e.value for e in at.error)
    assert at.text_input[0].value == "it-admin"  # nothing typed is lost
    at.text_input[2].input("en lang og god sætning")
    at.text_input[3].input("en lang og god sætning")
    at.button[0].click().run()
    no_exception(at)
    assert "Administratoren er oprettet. Log ind herunder." in [s.value for s in at.success]
    # A wrong password next: only the error, not "created" beside it.
    at.text_input[0].input("it-admin")
    at.text_input[1].input("forkert")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Brugernavn eller adgangskode er forkert."]
    assert [s.value for s in at.success] == []


def test_demo_mode_lists_accounts_and_shows_banner(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LISES_DEMO", "1")
    monkeypatch.setenv("LISES_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("LISES_COOKIE_KEY", raising=False)
    at = app()
    no_exception(at)
    assert any(w.value.startswith("DEMO") for w in at.warning)
    table = at.dataframe[0].value
    assert {"mette", "jonas", "hanne", "sofie", "admin"} <= set(table.iloc[:, 0])
    at = app("mette")
    no_exception(at)
    assert any(w.value.startswith("DEMO") for w in at.warning)
    assert "Mine refleksioner" in [t.value for t in at.title]


def test_demo_accounts_never_exist_outside_demo_mode(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LISES_DEMO", "1")
    monkeypatch.setenv("LISES_DATA_DIR", str(tmp_path))
    app()  # seeds the demo database
    monkeypatch.setenv("LISES_DEMO", "0")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'demo.sqlite3'}")
    monkeypatch.setenv("LISES_COOKIE_KEY", COOKIE_KEY)
    at = app()
    assert any("demokonti" in e.value for e in at.error)
    assert not at.text_input


def test_the_municipality_login_is_offered_and_the_password_form_can_be_switched_off(
    site: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 17: with single sign-on set up ([auth] in secrets.toml) the login page offers
    "Log ind med kommunens konto"; LISES_PASSWORD_LOGIN=0 then removes the password form.
    Without single sign-on the password form stays, whatever the setting (else nobody could
    log in)."""
    auth_section = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "c" * 40,
        "client_id": "lises",
        "client_secret": "hemmelig",
        "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
    }

    def login_page(sso: bool) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=60)
        if sso:
            at.secrets["auth"] = auth_section
        return at.run()

    both = login_page(sso=True)
    assert [b.label for b in both.button][:1] == ["Log ind med kommunens konto"]
    assert [t.label for t in both.text_input] == ["Brugernavn", "Adgangskode"]
    monkeypatch.setenv("LISES_PASSWORD_LOGIN", "0")
    only_sso = login_page(sso=True)
    assert [b.label for b in only_sso.button] == ["Log ind med kommunens konto"]
    assert not only_sso.text_input
    assert [t.label for t in login_page(sso=False).text_input] == ["Brugernavn", "Adgangskode"]
