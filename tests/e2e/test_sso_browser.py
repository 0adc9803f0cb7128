"""Single sign-on in the browser, against a real OpenID provider on localhost:
oidc-provider-mock serves discovery, signing keys and tokens, and a page to choose who logs
in. The app is configured as a municipality would (an [auth] section in a secrets file,
`LISES_SSO_ISSUER`, `LISES_SSO_ROLES_CLAIM`) and the person clicks "Log ind med kommunens
konto": the mapped account logs in with the role from the claim, logs out (also at the
provider), a deactivated account and an unknown address stay out, and an app that expects
another issuer refuses the login.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from lises_reflect import accounts, auth
from lises_reflect.db import make_engine, migrate, session_scope
from lises_reflect.models import User
from tests.e2e import flow
from tests.e2e.conftest import _free_port, running_app

COOKIE_KEY = "s" * 8 + "0123456789abcdefghijklmnopqrstuvwxyz"
SSO = "Log ind med kommunens konto"
ADMIN_PASSWORD = "administrator kode 2026"
PEOPLE = {
    # subject at the provider: (claims, the account the admin made: (username, name, active))
    "signe": (
        {"email": "signe.berg@kommune.dk", "name": "Signe B", "roles": ["teamlead"]},
        ("signe", "Signe Berg", True),
    ),
    "ulla": ({"email": "ulla@kommune.dk", "roles": ["caseworker"]}, ("ulla", "Ulla", False)),
    "ukendt": ({"email": "ukendt@kommune.dk", "roles": ["caseworker"]}, None),
}


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    from oidc_provider_mock import User as Person
    from oidc_provider_mock import run_server_in_thread

    users = [Person(sub=sub, claims=claims) for sub, (claims, _account) in PEOPLE.items()]
    with run_server_in_thread(port=0, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def _database(tmp: Path) -> str:
    url = f"sqlite:///{tmp / 'sso.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    org = accounts.create_organisation(engine, auth.OPERATOR, "Jobcenter SSO")
    team = accounts.create_team(engine, auth.OPERATOR, org, "Team Et")
    for claims, account in PEOPLE.values():
        if account:
            username, name, active = account
            uid = accounts.create_user(
                engine,
                auth.OPERATOR,
                username,
                name,
                "ingen kode bruges 2026",
                ["caseworker"],
                team,
                claims["email"].upper(),  # matched case-insensitively
            )
            if not active:
                with session_scope(engine) as s:
                    s.get(User, uid).active = False
    accounts.create_user(engine, auth.OPERATOR, "ida", "Ida", ADMIN_PASSWORD, ["admin"], None)
    engine.dispose()
    return url


@contextlib.contextmanager
def _app(tmp: Path, provider: str, url: str, issuer: str) -> Iterator[str]:
    port = _free_port()
    secrets = tmp / f"secrets-{port}.toml"
    secrets.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        f'cookie_secret = "{"c" * 40}"\n'
        'client_id = "lises"\n'
        'client_secret = "hemmelig"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    env = {
        "DATABASE_URL": url,
        "LISES_COOKIE_KEY": COOKIE_KEY,
        "LISES_DEMO": "0",
        "LISES_SSO_ISSUER": issuer,
        "LISES_SSO_ROLES_CLAIM": "roles",
    }
    with running_app(env, tmp, port=port, args=("--secrets.files", str(secrets))) as base:
        yield base.replace("127.0.0.1", "localhost")  # the address the redirect URI names


@pytest.fixture(scope="module")
def site(provider, tmp_path_factory) -> Iterator[tuple[str, str]]:
    tmp = tmp_path_factory.mktemp("sso")
    url = _database(tmp)
    with (
        _app(tmp, provider, url, provider) as right,
        _app(tmp, provider, url, "https://login.other-kommune.dk") as wrong,
    ):
        yield right, wrong


def _sso_login(page: Page, base: str, subject: str, wait) -> None:
    page.add_init_script(flow._RUN_TRACKER)
    page.goto(base)
    flow.settle_after_load(page, wait)
    page.get_by_role("button", name=SSO, exact=True).click()
    page.get_by_role("button", name=subject, exact=True).click()  # at the provider
    page.wait_for_url(f"{base}/**")
    flow.settle_after_load(page, wait)


def test_login_with_the_role_from_the_claim_and_logout(site, new_page, wait_for_streamlit):
    base, _wrong = site
    wait = wait_for_streamlit
    page = new_page()
    _sso_login(page, base, "signe", wait)
    expect(page.get_by_text("Logget ind som Signe Berg")).to_be_visible()
    expect(page.get_by_text("Roller: Teamleder")).to_be_visible()  # from the claim
    expect(page.get_by_role("link", name="Teamets refleksioner")).to_be_visible()
    page.reload()  # a reload keeps the login
    flow.settle_after_load(page, wait)
    expect(page.get_by_text("Logget ind som Signe Berg")).to_be_visible()

    page.get_by_role("button", name="Log ud").click()
    end = page.get_by_role("button", name="End session")  # the provider asks to confirm
    end.or_(page.get_by_role("button", name=SSO, exact=True)).first.wait_for()
    if end.count():
        end.click()
    page.wait_for_url(f"{base}/**")
    flow.settle_after_load(page, wait)
    expect(page.get_by_role("button", name=SSO, exact=True)).to_be_visible()
    page.goto(base)  # and nothing logs in by itself
    flow.settle_after_load(page, wait)
    expect(page.get_by_role("button", name=SSO, exact=True)).to_be_visible()
    expect(page.get_by_text("Logget ind som")).to_have_count(0)


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        ("ulla", "Kontoen med e-mailadressen ulla@kommune.dk er deaktiveret."),
        ("ukendt", "Der er ingen konto i Lån et øre med e-mailadressen ukendt@kommune.dk."),
    ],
)
def test_a_deactivated_or_unknown_account_stays_out(
    site, new_page, wait_for_streamlit, subject, message
):
    base, _wrong = site
    page = new_page()
    _sso_login(page, base, subject, wait_for_streamlit)
    expect(page.get_by_text(message)).to_be_visible()
    expect(page.get_by_text("Logget ind som")).to_have_count(0)
    expect(page.get_by_role("button", name="Log ud af kommunens konto")).to_be_visible()


def test_another_issuer_is_refused(site, new_page, wait_for_streamlit):
    _right, wrong = site
    page = new_page()
    _sso_login(page, wrong, "signe", wait_for_streamlit)
    expect(page.get_by_text("kom fra en anden udsteder")).to_be_visible()
    expect(page.get_by_text("Logget ind som")).to_have_count(0)


def test_the_admin_sees_who_waits_for_an_account(site, new_page, wait_for_streamlit):
    """Mapped by the admin on the first login: the unknown address is listed on the admin
    page, whose password login stays on beside single sign-on."""
    base, _wrong = site
    wait = wait_for_streamlit
    _sso_login(new_page(), base, "ukendt", wait)
    admin = new_page()
    flow.submit_login(admin, base, "ida", ADMIN_PASSWORD, wait)
    admin.get_by_role("link", name="Administration").click()
    wait(admin)
    admin.get_by_role("tab", name="Ny bruger").click()
    wait(admin)
    expect(admin.get_by_text("Venter på en konto (kommunens login)")).to_be_visible()
    expect(admin.get_by_text("ukendt@kommune.dk ·")).to_be_visible()
