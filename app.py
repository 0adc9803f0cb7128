"""Lån et øre: router and frame. Logs in, builds the role's pages, runs the chosen one."""

from __future__ import annotations

import os

import streamlit as st
import streamlit_authenticator as stauth
from streamlit_authenticator.utilities import LoginError

from lises_reflect import auth, i18n, ui
from lises_reflect import demo as demo_data
from lises_reflect import login as login_service
from lises_reflect.catalogue import CatalogueError, catalogue
from lises_reflect.errors import ServiceError

st.set_page_config(page_title="Lån et øre", page_icon=":material/hearing:", layout="wide")
st.html(ui.FOCUS_CSS)  # a clear focus ring for keyboard users
settings = ui.settings()

# The language selector and the demo banner keep their places at the top, but are drawn only
# once the run's language is known: a reload logs in again from the cookie further down, and
# only then does the session take on the language stored on the account.
with st.sidebar:
    language_slot = st.container()
banner_slot = st.container()


def frame_top() -> None:
    with language_slot:
        ui.language_selector()
    if settings.demo:
        banner_slot.warning(ui.tr("app.demo_banner"), icon=":material/science:")


try:
    i18n.strings()  # read and checked once; a broken file can only be shown as it is
except i18n.StringsError as err:
    st.error(str(err))
    st.stop()

try:
    catalogue()
except CatalogueError as err:
    frame_top()
    st.error(ui.tr("app.catalogue_broken", error=str(err)))
    st.stop()


def _cookie_key() -> str | None:
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


cookie_key = _cookie_key()
if cookie_key is None:
    frame_top()
    st.error(ui.tr("app.no_cookie_key"))
    st.stop()

engine = ui.frame_call(ui.engine)
if not settings.demo and ui.frame_call(demo_data.has_demo_accounts, engine):
    frame_top()
    st.error(ui.tr("app.demo_accounts_outside_demo"))
    st.stop()


def first_run() -> None:
    st.title(ui.tr("firstrun.title"))
    st.write(ui.tr("firstrun.intro"))
    with st.form("first_admin"):
        username = st.text_input(ui.tr("firstrun.username"))
        name = st.text_input(ui.tr("firstrun.name"))
        pw1 = st.text_input(ui.tr("firstrun.password"), type="password")
        pw2 = st.text_input(ui.tr("firstrun.password2"), type="password")
        submitted = st.form_submit_button(ui.tr("firstrun.submit"))
    if submitted:
        if pw1 != pw2:
            st.error(ui.tr("firstrun.mismatch"))
            return
        ok, _ = ui.call(auth.create_first_admin, engine, username, name, pw1)
        if ok:
            st.session_state["first_run_done"] = True
            st.rerun()


COOKIE_NAME = "lises_auth"
# Only the account this run is about: the one logged in, or the one a login cookie names.
who = st.session_state.get("username") or login_service.cookie_username(
    st.context.cookies.get(COOKIE_NAME), cookie_key
)
authenticator = stauth.Authenticate(
    ui.frame_call(auth.credentials, engine, [who] if who else []),
    cookie_name=COOKIE_NAME,
    cookie_key=cookie_key,
    cookie_expiry_days=0.5,
    auto_hash=False,
    login_sleep_time=0,
)


@st.fragment(run_every=0.8)
def continue_after_login() -> None:
    if st.session_state.get("login_drawn"):
        st.session_state.pop("login_drawn", None)
        st.rerun(scope="app")
    st.session_state["login_drawn"] = True


def client_address() -> str:
    """Who is knocking, for counting failed logins: the proxy's header first (nginx sets it)."""
    headers = st.context.headers or {}
    forwarded = str(headers.get("X-Real-Ip") or headers.get("X-Forwarded-For") or "")
    direct = st.context.ip_address
    return (forwarded.split(",")[0].strip() or (direct if isinstance(direct, str) else ""))[:100]


def start_session(actor: auth.Actor) -> None:
    """Log in: the signed cookie for reloads, and the server-side session it must match."""
    st.session_state["username"] = actor.username
    st.session_state["name"] = actor.display_name
    st.session_state["authentication_status"] = True
    st.session_state["logout"] = False
    authenticator.cookie_controller.set_cookie()
    issued = authenticator.cookie_controller.cookie_model.exp_date
    key = login_service.key_hash(actor.username, issued)
    login_service.open_session(engine, actor.user_id, key)
    st.session_state["login_key"] = key


def login() -> None:
    st.title(ui.tr("app.title"))
    st.caption(ui.tr("app.tagline"))
    if st.session_state.get("first_run_done"):
        st.success(ui.tr("firstrun.done"))
    reason = st.session_state.pop("logged_out_reason", None)
    if reason:
        st.info(ui.tr(f"login.expired.{reason if reason in ('idle', 'absolute') else 'other'}"))
    with st.form("login"):
        st.subheader(ui.tr("login.form"))
        username = st.text_input(ui.tr("login.username"), key="login:username")
        password = st.text_input(ui.tr("login.password"), type="password", key="login:password")
        submitted = st.form_submit_button(ui.tr("login.submit"))
    if submitted:
        outcome = login_service.attempt(engine, username, password, client_address())
        if outcome.status == "ok" and outcome.actor is not None:
            start_session(outcome.actor)
        elif outcome.status == "locked":
            st.error(ui.tr("login.locked_out"))
        else:
            st.error(ui.tr("login.failed"))
    if st.session_state.get("authentication_status"):
        # Not st.rerun() here: the cookie that keeps the login across a reload is written by
        # a browser component rendered during this run, and a rerun now would cut it off. The
        # fragment below reruns the app once the browser has drawn this page.
        st.success(ui.tr("login.welcome"))
        continue_after_login()
        return
    if settings.demo:
        st.subheader(ui.tr("login.demo_accounts"))
        st.markdown(ui.tr("login.demo_help", password=demo_data.DEMO_PASSWORD))
        st.dataframe(
            [
                {
                    ui.tr("login.col.username"): a.username,
                    ui.tr("login.col.name"): a.name,
                    ui.tr("login.col.roles"): ", ".join(ui.tr(f"role.{r}") for r in a.roles),
                }
                for a in demo_data.DEMO_ACCOUNTS
            ],
            hide_index=True,
        )


if not st.session_state.get("authentication_status"):
    # A valid login cookie (a reload, a new tab) logs in before navigation is built, so the
    # page and query parameters in the address survive. The cookie alone is not enough: the
    # server-side session it names must still be open (checked below).
    try:
        authenticator.login(location="unrendered")
    except LoginError:
        pass
    token = authenticator.cookie_controller.cookie_model.token
    if st.session_state.get("authentication_status") and isinstance(token, dict):
        st.session_state["login_key"] = login_service.key_hash(
            str(token.get("username")), token.get("exp_date")
        )
if not st.session_state.get("authentication_status"):
    entry = (
        first_run if (not settings.demo and ui.frame_call(auth.user_count, engine) == 0) else login
    )
    frame_top()
    try:
        st.navigation(
            [st.Page(entry, title=ui.tr("login.form"), url_path="login")], position="hidden"
        ).run()
    except ui.DATABASE_AWAY as err:
        ui.refuse(err)
    st.stop()

ended = ui.frame_call(login_service.check_session, engine, st.session_state.get("login_key"))
actor = ui.frame_call(auth.actor_by_username, engine, st.session_state.get("username") or "")
if ended or actor is None:
    # Idle, too old, logged out elsewhere (a copied cookie), or the account was deactivated.
    authenticator.logout(location="unrendered")
    for key in ("user_id", "login_key"):
        st.session_state.pop(key, None)
    st.session_state["logged_out_reason"] = ended or "other"
    st.rerun()
st.session_state["user_id"] = actor.user_id
st.session_state["user_roles"] = sorted(actor.roles)
ui.adopt_language(engine, actor.user_id)  # the account's language after a login or a reload
frame_top()

with st.sidebar:
    st.write(ui.tr("app.logged_in_as", name=ui.md(actor.display_name)))
    st.caption(
        ui.tr(
            "app.roles",
            roles=", ".join(ui.tr(f"role.{r}") for r in sorted(actor.roles)),
        )
    )
    authenticator.logout(
        ui.tr("app.logout"),
        location="sidebar",
        key="logout_button",
        callback=lambda _info: login_service.end_session(engine, st.session_state.get("login_key")),
    )

if actor.must_change_password:
    st.navigation([st.Page("pages/password.py", url_path="adgangskode")], position="hidden").run()
    st.stop()


def page(
    name: str, title: str, icon: str, url_path: str, allowed: bool, default: bool = False
) -> st.Page:
    """Pages outside the caller's roles stay registered but hidden: opened by URL, the page's
    own role check answers with a clear refusal instead of a silent redirect."""
    return st.Page(
        ui.PAGES[name],
        title=title,
        icon=icon,
        url_path=url_path,
        default=default and allowed,
        visibility="visible" if allowed else "hidden",
    )


caseworker = actor.has("caseworker")
admin = actor.has("admin")
# One flat list: a role sees two or three pages, and Streamlit draws section headings inside
# the menu's <ul> as non-list elements, which screen readers cannot announce as a list (axe:
# "list", "listitem").
pages = [
    page("home", ui.tr("nav.home"), ":material/home:", "forside", True, default=not caseworker),
    page("mine", ui.tr("nav.mine"), ":material/menu_book:", "mine", caseworker, default=True),
    page("new", ui.tr("nav.new"), ":material/add_circle:", "ny", caseworker),
    # Reached from "Mine refleksioner", never from the menu.
    page("session", ui.tr("nav.session"), ":material/hearing:", "refleksion", False),
    page("team", ui.tr("nav.team"), ":material/groups:", "team", actor.has("teamlead")),
    page("flip", ui.tr("nav.flip"), ":material/co_present:", "flip", actor.has("facilitator")),
    page("admin", ui.tr("nav.admin"), ":material/settings:", "admin", admin),
]

try:
    st.navigation(pages).run()
except ServiceError as err:  # a service refusal that a page did not catch itself
    ui.refuse(err)
except ui.DATABASE_AWAY as err:  # the database went away in the middle of the page
    ui.refuse(err)
