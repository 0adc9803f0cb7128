"""The sidebar's language selector through AppTest: English holds across pages, reloads and
the login, and is kept on the account."""

from __future__ import annotations

from lises_reflect import sessions as S
from tests.conftest import PASSWORD, Org
from tests.pages import app, click, language_box, no_exception, texts


def test_english_interface(site: Org) -> None:
    at = app("bringer")
    language_box(at).select("en").run()
    no_exception(at)
    assert [t.value for t in at.title] == ["My reflections"]


def test_english_holds_when_a_session_is_opened_and_after_a_reload(site: Org) -> None:
    """Issue 13: "Fortsæt" opens the session with st.switch_page, whose rerun used to drop the
    selector's state (Danish page, "English" in the selector); a reload lost it altogether."""
    from lises_reflect import preferences

    S.create_session(site.engine, site.bringer, "Truck")
    at = app("bringer")
    assert language_box(at).value == "da"  # nobody chose: Danish
    language_box(at).select("en").run()
    assert preferences.language(site.engine, site.bringer) == "en"  # kept on the account
    click(at, "Continue")
    no_exception(at)
    assert [p.text for p in at.get("progress")] == ["Phase 1 of 8: Preparation"]
    assert "you are Bringer" in texts(at)
    assert language_box(at).value == "en"
    assert at.sidebar.markdown[0].value.startswith("Logged in as")

    reloaded = app("bringer")  # a new browser session, logged in again
    no_exception(reloaded)
    assert [t.value for t in reloaded.title] == ["My reflections"]
    assert language_box(reloaded).value == "en"
    assert preferences.language(site.engine, site.listener) is None  # one's own account
    assert [t.value for t in app("listener").title] == ["Mine refleksioner"]

    language_box(reloaded).select("da").run()
    assert [t.value for t in reloaded.title] == ["Mine refleksioner"]
    assert preferences.language(site.engine, site.bringer) == "da"


def test_a_language_picked_on_the_login_page_follows_the_login(site: Org) -> None:
    from lises_reflect import preferences

    at = app()
    language_box(at).select("en").run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    assert preferences.language(site.engine, site.bringer) is None  # nobody known yet
    at.text_input[0].input("bringer")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    at.run()
    no_exception(at)
    assert [t.value for t in at.title] == ["My reflections"]
    assert preferences.language(site.engine, site.bringer) == "en"


def test_a_stale_rerun_from_the_login_page_does_not_pick_danish(site: Org) -> None:
    """CI, stop 23: a second browser logged mette in and showed Danish, though her account
    said English. The browser can send a rerun it queued while its selector still showed the
    login page's Danish (the cookie component's or the login fragment's) after the server had
    switched the session to English; that stale value read as the user picking Danish, and was
    stored on the account. Replayed here with the widget states of the login page."""
    from lises_reflect import preferences

    preferences.set_language(site.engine, site.bringer, "en")
    at = app()
    assert language_box(at).value == "da"  # nobody known yet
    stale = at._tree.get_widget_states()  # what the browser holds while the login page shows
    at.text_input[0].input("bringer")
    at.text_input[1].input(PASSWORD)
    at.button[0].click().run()
    at.run()
    assert [t.value for t in at.title] == ["My reflections"]

    at._run(widget_state=stale)  # the queued rerun arrives after the switch to English
    no_exception(at)
    assert [t.value for t in at.title] == ["My reflections"]
    assert language_box(at).value == "en"
    assert preferences.language(site.engine, site.bringer) == "en"
