"""Lån et øre: router and frame. Logs in, builds the role's pages, runs the chosen one."""

from __future__ import annotations

import streamlit as st

from lises_reflect import auth, i18n, login_ui, ui
from lises_reflect import demo as demo_data
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
        ui.builtin_in_language()
    if settings.demo:
        banner_slot.warning(ui.tr("app.demo_banner"), icon=":material/science:")


def halt(message: str, *, framed: bool = True) -> None:
    """The app cannot run: say why, and stop. The hidden navigation keeps Streamlit from
    showing its own menu of every script in pages/ (named by file, in English) instead."""
    if framed:
        frame_top()
    st.error(message)
    st.navigation([st.Page(ui.PAGES["login"], url_path="login")], position="hidden")
    st.stop()


try:
    i18n.strings()  # read and checked once; a broken file can only be shown as it is
except i18n.StringsError as err:
    halt(str(err), framed=False)

try:
    catalogue()
except CatalogueError as err:
    halt(ui.tr("app.catalogue_broken", error=str(err)))

cookie_key = login_ui.cookie_key(settings)
if cookie_key is None:
    halt(ui.tr("app.no_cookie_key"))

engine = ui.frame_call(ui.engine)
if not settings.demo and ui.frame_call(demo_data.has_demo_accounts, engine):
    halt(ui.tr("app.demo_accounts_outside_demo"))

authenticator = login_ui.open_authenticator(engine, cookie_key)
if not login_ui.authenticated():
    # A valid login cookie (a reload, a new tab) logs in before navigation is built, so the
    # page and query parameters in the address survive. The cookie alone is not enough: the
    # server-side session it names must still be open (checked below).
    login_ui.login_from_cookie(authenticator)
if not login_ui.authenticated():
    login_ui.login_from_sso(engine)  # the municipality's identity provider (st.login)


def run_with_footer(navigation: list[st.Page], position: str = "sidebar") -> None:
    """Run the page the address asks for, above a footer that links to the accessibility
    statement, a page open to everyone, logged in or not."""
    statement = st.Page(
        ui.PAGES["a11y"], title=ui.tr("a11y.title"), url_path="tilgaengelighed", visibility="hidden"
    )
    body = st.container()
    ui.footer(statement)
    with body:
        st.navigation([*navigation, statement], position=position).run()


if not login_ui.authenticated():
    first_run = not settings.demo and ui.frame_call(auth.user_count, engine) == 0
    entry = ui.PAGES["first_run" if first_run else "login"]
    frame_top()
    try:
        run_with_footer([st.Page(entry, title=ui.tr("login.form"), url_path="login")], "hidden")
    except ui.DATABASE_AWAY as err:
        ui.refuse(err)
    st.stop()

actor = login_ui.logged_in_actor(engine, authenticator)
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
    login_ui.logout_button(engine, authenticator)

if actor.must_change_password:
    run_with_footer([st.Page(ui.PAGES["password"], url_path="adgangskode")], "hidden")
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
    page("mydata", ui.tr("mydata.title"), ":material/folder_shared:", "mine-data", True),
]

try:
    run_with_footer(pages)
except ServiceError as err:  # a service refusal that a page did not catch itself
    ui.refuse(err)
except ui.DATABASE_AWAY as err:  # the database went away in the middle of the page
    ui.refuse(err)
