"""Page tests through Streamlit's AppTest: the app in a test, and what a reader sees of it.

The `site` fixture (a fresh SQLite site with the test organisation) is in conftest.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from streamlit.testing.v1 import AppTest

from lises_reflect import sessions as S
from lises_reflect.db import make_engine

if TYPE_CHECKING:
    from tests.conftest import Org

APP = str(Path(__file__).resolve().parent.parent / "app.py")
EXCERPT = "R: Hvad tænker du om praktikken?\nB: Jeg kan godt lide (.) at køre truck."
TRANSCRIPT = """[00:01:12] R: Hvordan går det i praktikken?
B: Det går fint (.) jeg kunne faktisk godt tænke mig at køre truck.
R: Du skal huske timesedlen, praktikken er 13 uger.
B: Ja.
Mentor: Han møder stabilt."""


def app(username: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    if username:
        # What a successful login leaves in the session: the authenticator's state and the
        # key of the server-side session (opened here as the login form would).
        at.session_state["authentication_status"] = True
        at.session_state["username"] = username
        at.session_state["login_key"] = open_login_session(username)
    return at.run()


def open_login_session(username: str) -> str:
    import uuid

    from lises_reflect import login
    from lises_reflect.auth import actor_by_username
    from lises_reflect.config import load_settings

    engine = make_engine(load_settings().database_url)
    try:
        actor = actor_by_username(engine, username)
        key = uuid.uuid4().hex
        if actor is not None:
            login.open_session(engine, actor.user_id, key)
        return key
    finally:
        engine.dispose()


def texts(at: AppTest) -> str:
    """What a reader sees: plain text as it is, Markdown with its backslash escapes undone
    (names and titles are escaped so that they are shown literally)."""
    parts = [
        str(e.value) if kind == "text" else re.sub(r"\\(.)", r"\1", str(e.value))
        for kind in ("title", "markdown", "caption", "text", "info", "success", "warning", "error")
        for e in getattr(at, kind)
    ]
    return "\n".join(parts)


def click(at: AppTest, label: str) -> AppTest:
    for b in at.button:
        if b.label == label:
            return b.click().run()
    raise AssertionError(f"no button {label!r}; have {[b.label for b in at.button]}")


def language_box(at: AppTest):
    """The sidebar's language selector (its key names the language it shows)."""
    (box,) = [b for b in at.selectbox if (b.key or "").startswith("lang:")]
    return box


def no_exception(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]


def on_session(username: str, sid: int) -> AppTest:
    at = app(username)
    at.query_params["s"] = str(sid)
    at.switch_page("pages/session.py").run()
    no_exception(at)
    return at


def at_describe_one_listener(site: Org, excerpt: str = TRANSCRIPT, phase: int = 4) -> int:
    """A session of the bringer and one listener, rules confirmed, in `phase` (4: describing)."""
    e = site.engine
    sid = S.create_session(e, site.bringer, "Truck")
    S.update_text(e, site.bringer, sid, "excerpt", excerpt, "")
    S.set_listeners(e, site.bringer, sid, [site.listener])
    S.update_choices(e, site.bringer, sid, conversation_kind="other", lenses=["gribning"])
    S.set_phase(e, site.bringer, sid, 2)
    for uid in (site.bringer, site.listener):
        S.acknowledge_rules(e, uid, sid)
    S.set_phase(e, site.bringer, sid, phase)
    return sid


def open_tab(at: AppTest, name: str, label: str, lang: str = "da") -> AppTest:
    """Open a page's tab as a click does: only the open tab's content runs (`ui.tabs`)."""
    at.session_state[f"tabs:{name}:{lang}"] = label
    return at.run()
