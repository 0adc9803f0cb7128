"""Every session-state key and widget key of the app, in one place.

The strings are part of the app's behaviour: browser tests and AppTests address widgets by
their keys, and streamlit_authenticator reads and writes some of the login keys itself. Change
a string here only together with everything that addresses it. No Streamlit here: the keys are
plain names, and the Streamlit glue (`ui.py`, `login_ui.py`, `session_ui/`) and the pages
import them from this module.
"""

from __future__ import annotations

from typing import NamedTuple

# ---------------------------------------------------------------- the login (app.py, login_ui)
# Set and read by streamlit_authenticator as well: their names are its own.
USERNAME = "username"
NAME = "name"
AUTHENTICATED = "authentication_status"
LOGOUT = "logout"
# Ours.
AUTHENTICATOR = "frame:authenticator"  # this run's authenticator, for the login page
LOGIN_KEY = "login_key"  # the server-side session the login cookie must match
LOGIN_DRAWN = "login_drawn"  # the login page was drawn once after the login (the fragment)
LOGGED_OUT_REASON = "logged_out_reason"
FIRST_RUN_DONE = "first_run_done"
USER_ID = "user_id"
USER_ROLES = "user_roles"
LOGIN_FORM = "login"
LOGIN_USERNAME = "login:username"
LOGIN_PASSWORD = "login:password"
FIRST_RUN_FORM = "first_admin"
LOGOUT_BUTTON = "logout_button"
SSO_REFUSED = "sso:refused"  # (subject, message): why the provider's login found no account
SSO_LOGOUT = "sso:logout"  # log out at the identity provider too, on the next run
SSO_BUTTON = "sso:login"
NEW_PASSWORD_FORM = "new_password"

# ---------------------------------------------------------------- the language (ui.py)
LANG = "ui:lang"  # the session's language, apart from the selector's own key
LANG_PICKED = "ui:lang_picked"  # picked in this session, not yet stored on the account
LANG_USER = "ui:lang_user"  # the account whose language this session has taken on


def language_widget(shown: str) -> str:
    """The language selector, one identity per language shown (why: ui._language_picked)."""
    return f"lang:{shown}"


# ---------------------------------------------------------------- shared widgets (ui.py)
LIVE_TEXT = "lises_live_text"
BUILTIN_TEXTS = "builtin_texts"  # static/builtin_texts.js, in the frame of every page


class Autosave(NamedTuple):
    """The keys of one autosaving text area."""

    widget: str  # the text in the widget
    base: str  # the stored text (and version) the widget was loaded from
    status: str  # the last save's outcome (saved, conflict, unsaved, ...)
    followed: str  # the text it showed before it followed another tab's save


def autosave(key: str) -> Autosave:
    return Autosave(f"w:{key}", f"b:{key}", f"s:{key}", f"f:{key}")


def synced_shadow(key: str) -> str:
    """The database value a synced choice widget was last drawn with."""
    return f"sv:{key}"


def list_page(key: str) -> str:
    """The page picker under a paged list."""
    return f"{key}:page"


def period_kind(key: str) -> str:
    return f"{key}:kind"


def period_choice(key: str, kind: str) -> str:
    return f"{key}:{kind}"


def period_opening(key: str) -> str:
    """The period a page opened on, chosen by the service, with its sentence (not a widget)."""
    return f"{key}:opening"


def figure_csv(file_stub: str, figure: str) -> str:
    return f"csv:{file_stub}:{figure}"


def figure_table(file_stub: str, figure: str) -> str:
    """Whether a figure's table is open (it is only drawn then)."""
    return f"table:{file_stub}:{figure}"


# ---------------------------------------------------------------- pages
CURRENT_SESSION = "current_session"  # the session "Mine refleksioner" or "Ny" opened
MINE_NOTICE = "mine_notice"
ADMIN_NOTICE = "admin_notice"
MINE_SESSIONS = "mine:sessions"  # the list of one's sessions (paged)
NEW_SESSION_FORM = "new_session"
TEAM_ID = "team:id"
TEAM_PERIOD = "team:period"
FLIP_PERIOD = "flip:period"
FLIP_TEAMS = "flip:teams"
FLIP_EXCERPTS = "flip:excerpts"  # the pool of excerpts (paged)
FLIP_POINTS = "flip:points"  # the pool of learning points (paged)
FLIP_LENS = "flip:lens"  # the pool's filters
FLIP_TAG = "flip:tag"
FLIP_CATEGORY = "flip:category"
PACK_FILE = "pack:file"  # the seminar pack last made: (format, bytes)
PACK_CHOSEN = "pack:chosen"  # the excerpts added to the pack, by period: {period: [token]}
MY_DATA = "mydata:extract"  # a person's own data extract, once made: (username, files ...)
ACCESS_REQUEST = "admin:access_request"  # the extract an admin made for someone


def pack(name: str) -> str:
    """A field of the seminar pack form: title, hours, participants, excerpts, ..."""
    return f"pack:{name}"


def tabs(name: str, lang: str) -> str:
    """A page's tabs (the label of the open one). Per language: the labels are translated."""
    return f"tabs:{name}:{lang}"


def item(action: str, item_id: object) -> str:
    """A widget about one row of a list (open:7, del:7, edit:name:3, unassign:9 ...) or one
    autosaving text area's buttons (again, restore, clear, retry)."""
    return f"{action}:{item_id}"


# Admin forms and widgets.
ADMIN_EDIT_USER = "edit:user"
NEW_USER_FORM = "new_user"
NEW_ORG_FORM = "new_org"
NEW_TEAM_FORM = "new_team"
RENAME_FORM = "rename"
ASSIGN_FORM = "assign"


# ---------------------------------------------------------------- the session page (session_ui)


def in_session(name: str, sid: int, *more: object) -> str:
    """A state or widget key of one session: listeners:12, tags:12:3, goto:12:4 ..."""
    return ":".join((name, str(sid), *map(str, more)))


def session_text(sid: int, *parts: object) -> str:
    """The autosave key of one of a session's texts: 12:title, 12:observation:a, 12:lp:1."""
    return ":".join((str(sid), *map(str, parts)))
