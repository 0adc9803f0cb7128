"""Streamlit glue for logging in: the cookie key, the authenticator, the login itself.

app.py builds the authenticator once per run (its cookie manager is a browser component, drawn
once) and logs in from the cookie before navigation; the login page (`pages/login.py`) finds
the same authenticator here to write the cookie of a new login. The logic (lock-outs, the
server-side sessions) lives in `login.py` and is tested without Streamlit.
"""

from __future__ import annotations

import os

import streamlit as st
import streamlit_authenticator as stauth
from sqlalchemy.engine import Engine
from streamlit_authenticator.utilities import LoginError

from lises_reflect import auth, ui
from lises_reflect import login as login_service
from lises_reflect import state_keys as K
from lises_reflect.config import Settings

COOKIE_NAME = "lises_auth"


def cookie_key(settings: Settings) -> str | None:
    """The key that signs the login cookie, or None when there is no strong one."""
    if settings.demo:
        path = settings.data_dir / "demo-cookie-key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(auth.new_cookie_key())
        return path.read_text().strip()
    key = os.environ.get("LISES_COOKIE_KEY")
    if not key:
        try:
            key = st.secrets.get("cookie_key")
        except Exception:  # noqa: BLE001  (no secrets file is a normal case)
            key = None
    return key if auth.strong_cookie_key(key) else None


def open_authenticator(engine: Engine, key: str) -> stauth.Authenticate:
    """This run's authenticator, kept for the login page (`authenticator()`)."""
    # Only the account this run is about: the one logged in, or the one a login cookie names.
    who = st.session_state.get(K.USERNAME) or login_service.cookie_username(
        st.context.cookies.get(COOKIE_NAME), key
    )
    authenticator = stauth.Authenticate(
        ui.frame_call(auth.credentials, engine, [who] if who else []),
        cookie_name=COOKIE_NAME,
        cookie_key=key,
        cookie_expiry_days=0.5,
        auto_hash=False,
        login_sleep_time=0,
    )
    st.session_state[K.AUTHENTICATOR] = authenticator
    return authenticator


def authenticator() -> stauth.Authenticate:
    """The authenticator app.py opened in this run."""
    return st.session_state[K.AUTHENTICATOR]


def authenticated() -> bool:
    return bool(st.session_state.get(K.AUTHENTICATED))


def login_from_cookie(authenticator: stauth.Authenticate) -> None:
    """Log in from a valid login cookie (a reload, a new tab), if there is one.

    It runs before navigation is built, so the page and query parameters in the address
    survive. The cookie alone is not enough: the server-side session it names must still be
    open (`logged_in_actor`)."""
    try:
        authenticator.login(location="unrendered")
    except LoginError:
        pass
    token = authenticator.cookie_controller.cookie_model.token
    if authenticated() and isinstance(token, dict):
        st.session_state[K.LOGIN_KEY] = login_service.key_hash(
            str(token.get("username")), token.get("exp_date")
        )


def logged_in_actor(engine: Engine, authenticator: stauth.Authenticate) -> auth.Actor:
    """The logged-in account, once its server-side session is known to be open; otherwise
    log out with the reason and rerun (the login page says why)."""
    ended = ui.frame_call(login_service.check_session, engine, st.session_state.get(K.LOGIN_KEY))
    actor = ui.frame_call(auth.actor_by_username, engine, st.session_state.get(K.USERNAME) or "")
    if ended or actor is None:
        # Idle, too old, logged out elsewhere (a copied cookie), or the account was deactivated.
        authenticator.logout(location="unrendered")
        for key in (K.USER_ID, K.LOGIN_KEY):
            st.session_state.pop(key, None)
        st.session_state[K.LOGGED_OUT_REASON] = ended or "other"
        st.rerun()
    st.session_state[K.USER_ID] = actor.user_id
    st.session_state[K.USER_ROLES] = sorted(actor.roles)
    return actor


def logout_button(engine: Engine, authenticator: stauth.Authenticate) -> None:
    def ended(_info: object) -> None:
        login_service.end_session(engine, st.session_state.get(K.LOGIN_KEY))
        st.session_state[K.SSO_LOGOUT] = True  # else the provider's login logs straight back in

    authenticator.logout(
        ui.tr("app.logout"), location="sidebar", key=K.LOGOUT_BUTTON, callback=ended
    )


def sso_configured() -> bool:
    """Single sign-on is set up: an [auth] section in .streamlit/secrets.toml (`st.login`)."""
    try:
        return "auth" in st.secrets
    except Exception:  # noqa: BLE001  (no secrets file is a normal case)
        return False


def password_login() -> bool:
    """The password form is offered unless SSO is set up and LISES_PASSWORD_LOGIN=0."""
    return ui.settings().password_login or not sso_configured()


def login_from_sso(engine: Engine) -> None:
    """When the municipality's identity provider has logged the person in (`st.user`), log
    into the account it belongs to (`sso.account`); a refusal is kept for the login page,
    once per identity, so a rerun does not ask (and audit) again."""
    from lises_reflect import sso

    if not sso_configured() or not _provider_login():
        st.session_state.pop(K.SSO_LOGOUT, None)
        return
    if st.session_state.pop(K.SSO_LOGOUT, False):
        st.logout()  # our logout ends the provider's login in this browser too
        return
    subject = str(st.user.get("sub") or "")
    refused = st.session_state.get(K.SSO_REFUSED)
    if refused and refused[0] == subject:
        return
    settings = ui.settings()
    ok, result = ui.quiet_call(
        sso.account, engine, st.user.to_dict(), settings.sso_issuer, settings.sso_roles_claim
    )
    if ok:
        st.session_state.pop(K.SSO_REFUSED, None)
        start_session(engine, result)
    else:
        st.session_state[K.SSO_REFUSED] = (subject, ui.error_text(result))


def sso_refusal() -> str | None:
    """Why the provider's login opened no account, while the provider's login lasts."""
    refused = st.session_state.get(K.SSO_REFUSED)
    return refused[1] if refused and _provider_login() else None


def _provider_login() -> bool:
    """Whether the identity provider's login (Streamlit's own cookie) is there; AppTest's
    `st.user` has no such attribute."""
    try:
        return bool(st.user.is_logged_in)
    except AttributeError:
        return False


def login_key() -> str | None:
    """The key of this login's server-side session."""
    return st.session_state.get(K.LOGIN_KEY)


@st.fragment(run_every=0.8)
def continue_after_login() -> None:
    if st.session_state.get(K.LOGIN_DRAWN):
        st.session_state.pop(K.LOGIN_DRAWN, None)
        st.rerun(scope="app")
    st.session_state[K.LOGIN_DRAWN] = True


def client_address() -> str:
    """Who is knocking, for counting failed logins: the connection's address, which uvicorn
    (Streamlit's server) takes from X-Forwarded-For only when the connection comes from an
    address in FORWARDED_ALLOW_IPS (its default: this machine, where nginx runs). A header
    from anyone else is ignored, so nobody can choose whose address a lock-out hits.
    Streamlit reports a loopback address as None."""
    address = st.context.ip_address
    return (address if isinstance(address, str) else "127.0.0.1")[:100]


def start_session(engine: Engine, actor: auth.Actor) -> None:
    """Log in: the signed cookie for reloads, and the server-side session it must match."""
    st.session_state[K.USERNAME] = actor.username
    st.session_state[K.NAME] = actor.display_name
    st.session_state[K.AUTHENTICATED] = True
    st.session_state[K.LOGOUT] = False
    cookies = authenticator().cookie_controller
    cookies.set_cookie()
    issued = cookies.cookie_model.exp_date
    key = login_service.key_hash(actor.username, issued)
    login_service.open_session(engine, actor.user_id, key)
    st.session_state[K.LOGIN_KEY] = key


def logged_out_reason() -> str | None:
    """Why the last login ended ("idle", "absolute" or "other"), once; None if it did not."""
    reason = st.session_state.pop(K.LOGGED_OUT_REASON, None)
    if not reason:
        return None
    return reason if reason in ("idle", "absolute") else "other"


def first_run_done() -> bool:
    return bool(st.session_state.get(K.FIRST_RUN_DONE))


def mark_first_run_done() -> None:
    st.session_state[K.FIRST_RUN_DONE] = True


def forget_first_run() -> None:
    """The first login attempt after the first run: its notice has done its work (beside a
    "wrong password" it would read as if something had succeeded)."""
    st.session_state.pop(K.FIRST_RUN_DONE, None)
