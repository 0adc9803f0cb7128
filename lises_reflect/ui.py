"""Streamlit glue shared by app.py and the pages: context, translation, errors, autosave.

With `login_ui.py` (logging in) and the `session_ui` package (the session page's renderers),
the only module of the package that imports Streamlit; the logic it calls lives elsewhere and
is tested without it. The session-state and widget keys are named in `state_keys.py`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any

import streamlit as st
from sqlalchemy.engine import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from lises_reflect import freetext, paging, preferences
from lises_reflect import state_keys as K
from lises_reflect.config import Settings, load_settings
from lises_reflect.db import get_engine, migrate, retry_transient
from lises_reflect.errors import Conflict, PermissionDenied, ServiceError, WouldClear
from lises_reflect.i18n import LANGUAGES, Message, builtin_texts, t, whole_number
from lises_reflect.privacy import PersonalDataError, describe_finding
from lises_reflect.transcript import TranscriptError, UploadError

# What a user can cause and must be told about in plain words; anything else is a bug.
# A database that does not answer (a restart, a network cut) is told as such, not as a bug.
DATABASE_AWAY = (OperationalError, InterfaceError)
USER_ERRORS = (ServiceError, PersonalDataError, TranscriptError, UploadError, *DATABASE_AWAY)

FOCUS_CSS = "<style>" + (Path(__file__).parent / "static" / "focus.css").read_text() + "</style>"
# Registered once per process; inline JavaScript, no build step, no network.
_LIVE_TEXT = st.components.v2.component(
    "lises_live_text",
    js=(Path(__file__).parent / "static" / "live_text.js").read_text(),
    isolate_styles=False,
)
# Streamlit's own English texts in the reader's language; runs in the app's document.
_BUILTIN_TEXTS = st.components.v2.component(
    "lises_builtin_texts",
    js=(Path(__file__).parent / "static" / "builtin_texts.js").read_text(),
    isolate_styles=False,
)

# A page's file is never named after its URL path ("login" is pages/log_in.py): Streamlit runs
# a script in pages/ on its own, without app.py, when its file name matches the requested path
# in a run before st.navigation has been called (the first run of a process, and every AppTest
# run), and a login page without the frame cannot log anyone in.
PAGES = {
    "login": "pages/log_in.py",
    "first_run": "pages/first_run.py",
    "password": "pages/password.py",
    "home": "pages/home.py",
    "mine": "pages/my_reflections.py",
    "new": "pages/new_session.py",
    "session": "pages/session.py",
    "admin": "pages/admin.py",
    "team": "pages/team_insights.py",
    "flip": "pages/flip_prep.py",
    "a11y": "pages/accessibility.py",
    "mydata": "pages/my_data.py",
}


def settings() -> Settings:
    # Read on every run (cheap): caching it would pin one environment for the whole process.
    return load_settings()


@st.cache_resource(show_spinner=False)
def _engine_for(url: str, demo: bool) -> Engine:
    from lises_reflect import demo as demo_data
    from lises_reflect import retention

    engine = get_engine(url)
    migrate(engine)
    if demo and demo_data.is_empty(engine):
        demo_data.seed(engine)
    retention.start_daily(engine, settings().retention)  # once per process; at most daily
    return engine


def engine() -> Engine:
    s = settings()
    return _engine_for(s.database_url, s.demo)


# The language of this browser session lives under its own key, not under the selector's.
# Streamlit forgets a widget's state on a page switch it is not told about: the rerun of
# st.switch_page (opening a session from "Mine refleksioner") carries no widget states, and a
# change of page clears every widget state the rerun does not list, the sidebar's included.
# The selector is drawn from this key on every run and writes to it when the user picks.
_LANGUAGE_NAMES = {"da": "Dansk", "en": "English"}


def lang() -> str:
    chosen = st.session_state.get(K.LANG)
    return chosen if chosen in LANGUAGES else "da"


def _language_picked(key: str) -> None:
    """The selector's change handler. The selector has one key per language it shows
    (`state_keys.language_widget`): when the server changes the language (the account's at a
    login or reload), the browser can still send a rerun it queued while its selector showed
    the old language (the cookie component's or the login fragment's rerun). Under one key
    that stale value would look like the user picking the old language, and be stored on the
    account; under a key per language it is the very language its selector was drawn with,
    and no pick at all."""
    chosen = st.session_state.get(key)
    if chosen in LANGUAGES and key != K.language_widget(chosen):
        st.session_state[K.LANG] = chosen
        st.session_state[K.LANG_PICKED] = chosen


def language_selector() -> None:
    """The sidebar's language selector, on the login page and on every page of the app."""
    key = K.language_widget(lang())
    if st.session_state.get(key) != lang():
        st.session_state[key] = lang()  # also after Streamlit dropped the widget
    st.selectbox(
        tr("app.language"),
        LANGUAGES,
        format_func=_LANGUAGE_NAMES.__getitem__,
        key=key,
        on_change=_language_picked,
        args=(key,),
        placeholder=tr("ui.choose_one"),
    )


def builtin_in_language() -> None:
    """Streamlit's own texts that no parameter changes ("Upload", "3MB per file", "Download as
    CSV", the sidebar's aria-labels) in the reader's language, and <html lang> set to it
    (`static/builtin_texts.js`). Drawn once per run by the frame, after the language is known."""
    _BUILTIN_TEXTS(data=builtin_texts(lang()), key=K.BUILTIN_TEXTS, width="content", height=0)


def adopt_language(engine: Engine, user_id: int) -> None:
    """Bring the session's language and the account's together, once the user is known.

    At a login or a cookie re-login (a reload, a new tab) the session takes on the language
    the account holds; a language picked in this session (on the login page, or just now in
    the app) is stored on the account instead. Call it before anything is drawn in a language:
    a rerun to redraw would lose the page of a reload (st.rerun before st.navigation).
    """
    picked = st.session_state.get(K.LANG_PICKED)
    if picked is None and st.session_state.get(K.LANG_USER) == user_id:
        return
    settled = frame_call(preferences.settle_language, engine, user_id, picked)
    st.session_state[K.LANG_USER] = user_id
    if st.session_state.get(K.LANG_PICKED) == picked:
        st.session_state.pop(K.LANG_PICKED, None)
    if settled is not None:
        st.session_state[K.LANG] = settled


def tr(key: str, **params: Any) -> str:
    return t(key, lang(), **params)


def user_id() -> int | None:
    return st.session_state.get(K.USER_ID)


def roles() -> frozenset[str]:
    return frozenset(st.session_state.get(K.USER_ROLES) or ())


def error_text(err: BaseException) -> str:
    if isinstance(err, TranscriptError | UploadError):
        return err.message(lang())
    if isinstance(err, PersonalDataError):
        details = " ".join(describe_finding(f, lang()) for f in err.findings)
        return tr("error.personal_data", details=details)
    if isinstance(err, ServiceError):
        params = {k: v.text(lang()) if isinstance(v, Message) else v for k, v in err.params.items()}
        if err.code == "error.phase_blocked":
            items = "\n".join(f"- {tr(b)}" for b in params.pop("blockers", []))
            return tr(err.code) + "\n" + items
        return tr(err.code, **params)
    if isinstance(err, DATABASE_AWAY):
        return tr("error.database")
    return tr("error.generic")


def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    """Run a service call; show a translated message instead of a traceback on refusal."""
    ok, result = quiet_call(fn, *args, **kwargs)
    if not ok:
        st.error(error_text(result))
    return ok, result


def quiet_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[bool, Any]:
    """A background call (a poll every second): a refusal or a short outage is not shown as
    an error box every second; the page's own calls say what is wrong."""
    try:
        return True, fn(*args, **kwargs)
    except USER_ERRORS as err:
        return False, err


def presence(live: Any) -> None:
    """Who else has the session page open, and who is writing what (group texts only)."""
    parts = []
    if live.here:
        parts.append(tr("live.here", names=", ".join(md(n) for n in live.here)))
    else:
        parts.append(tr("live.alone"))
    for name, kind in live.writing:
        parts.append(tr("live.writing", name=md(name), what=tr(f"live.kind.{kind}")))
    st.caption(" · ".join(parts))


def frame_call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """A database call of the frame that every run makes (engine, login check, the actor).

    It waits through a short outage (a PostgreSQL restart) by retrying; if the database stays
    away, the run ends with a clear message instead of Streamlit's error page, and whatever the
    user typed stays in the browser session for the next run.
    """
    try:
        return retry_transient(fn)(*args, **kwargs)
    except DATABASE_AWAY:
        st.error(tr("error.database"))
        st.stop()


def act(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """A button's action: run the service call, then show the new state (or the refusal)."""
    ok, _ = call(fn, *args, **kwargs)
    if ok:
        st.rerun()


def refuse(err: BaseException) -> None:
    """A clear refusal for a page the caller may not use, then stop the page."""
    st.error(error_text(err))
    st.stop()


def require_role(*wanted: str) -> int:
    uid = user_id()
    if uid is None or not (roles() & set(wanted)):
        refuse(
            PermissionDenied(
                "error.role_required", roles=", ".join(tr(f"role.{r}") for r in wanted)
            )
        )
    return uid  # type: ignore[return-value]


def tabs(name: str, labels: list[str]) -> Sequence[Any]:
    """Tabs that stay open across reruns. Untracked tabs fell back to the first one when a
    save, a notice or a colleague's change redrew the page (an admin's refused form vanished
    behind "Brugere"; seen walking the admin page in Chromium)."""
    return st.tabs(labels, key=K.tabs(name, lang()), on_change="rerun")


def md(text: str) -> str:
    """A user's or an admin's text (a title, a name) inside a Markdown element, as literal text."""
    return freetext.md_escape(text)


def plain(text: str, *, empty: str = "—") -> None:
    """User text is shown as text: never Markdown, never HTML."""
    st.text(text if text.strip() else empty)


def data_extract(
    button: str,
    key: str,
    make: Callable[[], Any],
    made: Callable[[Any], str],
    username: str | None = None,
) -> None:
    """A button that makes a person's data extract (`mydata`, written to the audit trail once
    per click, not on every rerun), then its JSON and PDF downloads. `made` says what was
    made; `username`, when given, shows only an extract of that person."""
    from lises_reflect import mydata

    if st.button(button, key=f"{key}:make"):
        # The PDF of a busy caseworker's year takes seconds (fpdf lays out every line).
        with st.spinner(tr("mydata.making")):
            ok, data = call(make)
            if ok:
                st.session_state[key] = (
                    data.username,
                    made(data),
                    (mydata.as_json(data), mydata.filename(data, "json")),
                    (mydata.as_pdf(data, lang()), mydata.filename(data, "pdf")),
                )
    held = st.session_state.get(key)
    if not held or (username is not None and held[0] != username):
        return
    _who, notice, (json_bytes, json_name), (pdf_bytes, pdf_name) = held
    st.success(notice)
    c1, c2 = st.columns(2)
    c1.download_button(
        tr("mydata.json"), json_bytes, json_name, "application/json", key=f"{key}:json"
    )
    c2.download_button(tr("mydata.pdf"), pdf_bytes, pdf_name, "application/pdf", key=f"{key}:pdf")


def footer(statement: Any) -> None:
    """Every page's footer: the accessibility statement, as Danish law asks of a public web
    solution (`accessibility`)."""
    st.divider()
    st.page_link(statement, label=tr("a11y.link"), icon=":material/accessibility_new:")


def choose(label: str, names: dict[Any, str], key: str) -> Any:
    """One of `names`' keys (a team, an account), shown by its name, under a Danish
    placeholder."""
    return st.selectbox(
        label, list(names), format_func=names.get, key=key, placeholder=tr("ui.choose_one")
    )


def plain_list(texts: Sequence[str]) -> None:
    """Users' texts as one list, each item literal (`freetext.md_escape`): one element, and a
    list a screen reader announces with its length, instead of a box per text (a lead's 48
    shared points were 96 elements on every rerun)."""
    if texts:
        st.markdown(
            "\n".join("- " + freetext.md_escape(x.strip()).replace("\n", "\n  ") for x in texts)
        )


def local_time(d: datetime) -> str:
    if d.tzinfo is None:
        d = d.replace(tzinfo=timezone.utc)
    return d.astimezone().strftime("%d.%m.%Y %H:%M")


# ---------------------------------------------------------------- autosave


@dataclass
class _Base:
    text: str
    version: int  # for session texts: unused (the base text itself is the version)


# save(text, base, clear) stores `text` if nobody changed it since `base`; `clear` is only
# True when the person chose to delete the saved text.
Saver = Callable[..., int | str]


def autosave_text(
    key: str,
    label: str,
    loaded_text: str,
    loaded_version: int,
    save: Saver,
    *,
    field: str,
    visibility: str,
    height: int = 150,
    disabled: bool = False,
    placeholder: str | None = None,
    help: str | None = None,
    hints: bool = False,
) -> None:
    """A text area that saves itself when it changes.

    `save(text, base)` stores the text if nobody changed it since `base`; it returns the new
    version. On refusal the text stays in the field and the reason is shown under it; on a
    conflict the other version is shown too, so both texts are kept.
    """
    wkey, bkey, skey, fkey = K.autosave(key)
    base: _Base | None = st.session_state.get(bkey)
    state = st.session_state.get(skey)
    if state and state[0] in ("unsaved", "error") and wkey not in st.session_state:
        # The save failed (the database was away, or the text was refused) and a run that
        # followed did not draw this field (another page), so Streamlit forgot the widget's
        # text; the text kept with the failed save comes back.
        st.session_state[wkey] = state[-1]
    if wkey not in st.session_state or base is None:
        st.session_state[wkey] = loaded_text
        st.session_state[bkey] = base = _Base(loaded_text, loaded_version)
    elif st.session_state[wkey] == base.text and (
        loaded_text != base.text or loaded_version != base.version
    ):
        # Nothing unsaved here and the stored text moved on (another tab): follow it.
        st.session_state[wkey] = loaded_text
        st.session_state[bkey] = _Base(loaded_text, loaded_version)
        # Unless the browser still holds keystrokes not yet sent: then it keeps them and shows
        # them, not this text (live_text.js sends them 800 ms after the last one). Their save is
        # then built on the old text, and must not replace the other's unseen (_save_field).
        st.session_state[fkey] = base.text

    limit = freetext.LIMITS.get(field)
    caption = tr("ui.limit", limit=whole_number(limit, lang())) if limit else ""
    st.text_area(
        label,
        # The server's text is also the widget's default: a browser that re-creates the field
        # (a rerun cut short by a menu click) then shows this text instead of an empty box,
        # and never reports the blank as an edit (issue 13).
        value=held(wkey),
        key=wkey,
        height=height,
        on_change=_save_field,
        args=(key, save),
        disabled=disabled,
        placeholder=placeholder,
        help=help,
    )
    st.caption(f"{tr(visibility)} · {caption}" if caption else tr(visibility))
    if hints:
        evaluative_hint(st.session_state.get(wkey, ""))
    if state := st.session_state.get(skey):
        kind, payload = state[:2]
        if kind == "saved":
            st.caption(tr("ui.saved_at", time=payload))
        elif kind == "error":
            st.error(payload)
        elif kind == "unsaved":
            st.warning(tr("ui.unsaved"))
            if st.button(tr("ui.save_again"), key=K.item("again", key)):
                _save_field(key, save)
                st.rerun()
        elif kind == "would_clear":
            st.warning(tr("ui.would_clear"))
            c1, c2 = st.columns(2)
            c1.button(
                tr("ui.restore_saved"),
                key=K.item("restore", key),
                on_click=_restore_saved,
                args=(key,),
                icon=":material/undo:",
            )
            c2.button(
                tr("ui.delete_saved"),
                key=K.item("clear", key),
                on_click=_save_field,
                args=(key, save, True),
                icon=":material/delete:",
            )
        elif kind == "conflict":
            st.warning(tr("error.conflict"))
            with st.container(border=True):
                st.caption(tr("ui.other_version"))
                plain(payload)
            if st.button(tr("ui.save_mine"), key=K.item("retry", key)):
                _save_field(key, save, resolve=True)
                st.rerun()


def live_typing() -> None:
    """Autosaving text areas on this page save while the person types (`static/live_text.js`)
    and before a click elsewhere, not only when the field is left."""
    _LIVE_TEXT(key=K.LIVE_TEXT, width="content", height=0)


def _restore_saved(key: str) -> None:
    """Undo an emptied field: the saved text, which was never deleted, comes back into it."""
    keys = K.autosave(key)
    st.session_state[keys.widget] = st.session_state[keys.base].text
    st.session_state.pop(keys.status, None)


def _save_field(key: str, save: Saver, clear: bool = False, resolve: bool = False) -> None:
    """Save the widget's text against the base it was loaded from; record the outcome.

    While a conflict is shown, typing on does not save over the other's text: only the
    explicit "save mine anyway" (`resolve`) or deleting does."""
    wkey, bkey, skey, fkey = K.autosave(key)
    current: _Base = st.session_state[bkey]
    text = st.session_state.get(wkey, "")
    # The text before the field followed another's save.
    before = st.session_state.pop(fkey, None)
    state = st.session_state.get(skey)
    in_conflict = bool(state) and state[0] == "conflict"
    typed_before = before is not None and not freetext.builds_on(
        freetext.normalise(text), current.text, before
    )
    if in_conflict and not clear and freetext.normalise(text) == current.text:
        st.session_state.pop(skey, None)  # made the same as the other's: nothing differs now
        return
    if not (clear or resolve) and (in_conflict or typed_before):
        # Typed on the text from before the other's arrived (or on, under the conflict
        # notice): saving it would replace theirs unseen. Both stay shown until the person
        # chooses.
        st.session_state[skey] = ("conflict", current.text)
        return
    try:
        result = save(text, current, clear=True) if clear else save(text, current)
    except WouldClear:
        st.session_state[skey] = ("would_clear", "")
        return
    except Conflict as err:
        st.session_state[skey] = ("conflict", err.current_text)
        version = current.version if err.current_version is None else err.current_version
        # The next save is made against what the user has now seen.
        st.session_state[bkey] = _Base(err.current_text, version)
        return
    except DATABASE_AWAY:
        # Kept outside the widget: a widget's text is forgotten by a run that cannot draw it.
        st.session_state[skey] = ("unsaved", text)
        return
    except USER_ERRORS as err:
        st.session_state[skey] = ("error", error_text(err), text)
        return
    stored = freetext.normalise(text)
    version = result if isinstance(result, int) else current.version
    st.session_state[bkey] = _Base(stored, version)
    st.session_state[skey] = ("saved", time.strftime("%H:%M:%S"))


def save_now(key: str, loaded_text: str, loaded_version: int, save: Saver) -> None:
    """Save text put into a field by code (an upload) as if the user had typed it."""
    st.session_state.setdefault(K.autosave(key).base, _Base(loaded_text, loaded_version))
    _save_field(key, save)


def evaluative_hint(text: str) -> None:
    """A gentle nudge towards description; a hint only, never a block."""
    from lises_reflect.catalogue import catalogue
    from lises_reflect.hints import find_evaluative, hint_text

    found = find_evaluative(text, catalogue().evaluative_terms)
    if found:
        words = ", ".join(dict.fromkeys(f"»{h.text}«" for h in found))
        st.info(f"{hint_text(catalogue(), lang())} ({words})", icon=":material/lightbulb:")


def within_limit(chosen: Sequence[Any], limit: int) -> list[Any]:
    """The choices that are used when more than `limit` were chosen: the first `limit`."""
    return list(chosen)[:limit]


def limited_multiselect(
    label: str,
    options: Sequence[Any],
    *,
    limit: int,
    key: str,
    format_func: Callable[[Any], Any] = str,
    placeholder: str | None = None,
    **kwargs: Any,
) -> list[Any]:
    """A multiselect of at most `limit` choices that speaks the reader's language.

    Streamlit's own `max_selections` answers a choice too many with an English message drawn
    by its frontend. Here the widget keeps what the person chose; over the limit, a message
    under it names the limit and the choices that are used (the first `limit`), which is what
    this returns, so nothing chosen is dropped without saying so. A callback reads the
    widget's state and must use `within_limit` itself; the service refuses more anyway."""
    chosen = st.multiselect(
        label,
        options,
        format_func=format_func,
        key=key,
        placeholder=tr("ui.choose_many") if placeholder is None else placeholder,
        select_all=False,
        **kwargs,
    )
    used = within_limit(chosen, limit)
    if len(chosen) > limit:
        st.warning(
            tr(
                "ui.over_limit",
                limit=limit,
                chosen=len(chosen),
                used=", ".join(str(format_func(x)) for x in used),
            ),
            icon=":material/info:",
        )
    return used


def held(key: str, fallback: Any = None) -> Any:
    """The value the server holds for a widget, to be passed as that widget's default.

    Streamlit sends a keyed widget's default with every run but its session-state value only
    when the script set it in that run. A browser that lost its widget state (a page switch
    interrupted by a rerun) re-creates the widget from the default and reports that value back;
    with the default left empty, a saved text or a set of tags came back as an "edit" to
    nothing and was stored. Every input with a stored value passes `held(key)` as default."""
    return st.session_state.get(key, fallback)


def held_index(options: list[Any], key: str) -> int | None:
    """`held` for a choice widget whose default is an index (selectbox, radio)."""
    value = st.session_state.get(key)
    return options.index(value) if value in options else None


def synced(key: str, stored: Any) -> str:
    """Keep a choice widget in step with the database without overriding the user's own
    change: Streamlit ignores `index`/`default` once a widget exists, so a choice made by
    someone else would otherwise never show. Call before creating the widget with `key`."""
    shadow = K.synced_shadow(key)
    untouched = st.session_state.get(key) == st.session_state.get(shadow)
    if key not in st.session_state or (stored != st.session_state.get(shadow) and untouched):
        st.session_state[key] = stored
    st.session_state[shadow] = stored
    return key


def period_asked(key: str, scope: object = None) -> str | None:
    """The period the picker holds from an earlier run, read before the service is asked (as
    `page_asked`). None asks the service to choose: before the picker has been drawn (the
    page's first view), and when the picker still holds the period the page opened on for
    another `scope` (a team) or language, which the reader has not chosen."""
    from lises_reflect import insights

    kind = st.session_state.get(K.period_kind(key))
    if kind is None:
        return None
    chosen = st.session_state.get(K.period_choice(key, kind))
    # A kind just chosen holds no period yet: the picker will show its newest closed one.
    held = str(chosen) if chosen is not None else insights.period_choices(kind)[0].key
    opened = st.session_state.get(K.period_opening(key))  # (scope, language, period, sentence)
    if opened is not None and held == opened[2] and opened[:2] != (scope, lang()):
        return None
    return held


def period_opened(key: str, scope: object, period_key: str, opening: str) -> str:
    """The sentence saying which period a page opened on and why, while it is the period
    shown: remembered from the service's answer (`opening`, given only when it chose)."""
    if opening:
        st.session_state[K.period_opening(key)] = (scope, lang(), period_key, opening)
    opened = st.session_state.get(K.period_opening(key))
    return opened[3] if opened is not None and opened[:3] == (scope, lang(), period_key) else ""


def period_picker(
    key: str, default_kind: str = "quarter", show: str | None = None, note: bool = True
) -> str:
    """Fixed, closed periods only (month, quarter, half year): free ranges could be
    subtracted, and a running period's figures would move under the reader. `show` sets the
    picker to a period (the one a page opened on, chosen by the service); `note=False` leaves
    out the sentence on when the running period is shown (the page says it otherwise)."""
    from lises_reflect import insights, periods

    if show is not None:  # before the widgets exist in this run, so they take it as their value
        shown = periods.parse(show)
        st.session_state[K.period_kind(key)] = shown.kind
        st.session_state[K.period_choice(key, shown.kind)] = shown.key
    st.session_state.setdefault(K.period_kind(key), default_kind)
    cols = st.columns([1, 1])
    kind = cols[0].radio(
        tr("period.kind"),
        list(periods.KINDS),
        format_func=lambda k: tr(f"period.kind.{k}"),
        horizontal=True,
        key=K.period_kind(key),
    )
    choices = insights.period_choices(kind)
    chosen = cols[1].selectbox(
        tr("period.choose"),
        [p.key for p in choices],
        format_func=lambda k: periods.parse(k).label(lang()),
        key=K.period_choice(key, kind),
        placeholder=tr("ui.choose_one"),
    )
    if note:
        st.caption(insights.period_note(kind, lang()))
    return str(chosen)


PAGE_OPTIONS_MAX = 50  # more pages than this: the page is typed, not chosen from a list


def page_asked(key: str) -> int:
    """The page number a list's picker holds, read before the service is asked for that page."""
    return int(st.session_state.get(K.list_page(key)) or 1)


def page_picker(total: int, page: int, key: str, size: int, shown: int) -> None:
    """A page picker under a long list the service pages (a facilitator's pool holds
    thousands of items; only one page is loaded and drawn)."""
    if total <= size:
        return
    pages = paging.page_count(total, size)
    st.session_state[K.list_page(key)] = page  # the service keeps the page within the pages
    if pages <= PAGE_OPTIONS_MAX:
        st.selectbox(
            tr("ui.page"),
            range(1, pages + 1),
            key=K.list_page(key),
            persist_state="session",
            placeholder=tr("ui.choose_one"),
        )
    else:  # a number, not a list of 1,369 pages (a facilitator's pool at 100k sessions)
        st.number_input(
            tr("ui.page"),
            min_value=1,
            max_value=pages,
            step=1,
            key=K.list_page(key),
            persist_state="session",
        )
    first = (page - 1) * size + 1
    st.caption(tr("ui.showing", first=first, last=first + shown - 1, total=total))


def figure_research(key: str) -> str:
    """Where the concept a figure counts comes from (prompts/figures.yaml), in the reader's
    language: a figure a lead acts on should say what is research and what is the tool's."""
    from lises_reflect import provenance
    from lises_reflect.catalogue import catalogue

    return provenance.research_line(catalogue().figure_source(key), lang())


_FIGURE_DATA = "figure"


@lru_cache(maxsize=512)
def chart_payload(fig: Any) -> tuple[str, bytes | None]:
    """A figure's chart as Streamlit sends it: the spec's JSON text without its rows, and the
    rows as Arrow bytes (`chart_payload.cache_clear()` empties the cache).

    Kept per figure because a rerun (a click on "Vis tallene som tabel") sends the same
    figures again: building the Altair objects was 85 % of a lead's page run, and Streamlit's
    conversion of the rows to Arrow through pandas 28 of a lead's 72 ms at 100k sessions. A
    Figure is frozen and holds every value it shows, so it is its own cache key: new data, new
    key, nothing to invalidate. 512 figures of a few KB each bound the memory."""
    from streamlit import dataframe_util

    from lises_reflect import charts

    spec = charts.browser_spec(fig)
    data = spec.get("data")
    if not (isinstance(data, dict) and isinstance(data.get("values"), list)):
        return json.dumps(spec), None
    spec["data"] = {"name": _FIGURE_DATA}  # a named dataset, as Altair's own charts send theirs
    return json.dumps(spec), dataframe_util.convert_anything_to_arrow_bytes(data["values"])


def chart_spec(fig: Any) -> dict[str, Any]:
    """The spec to hand `st.vega_lite_chart`: its rows already Arrow bytes, which Streamlit
    passes on as they are. A fresh dict each time: Streamlit takes the datasets out of it."""
    text, rows = chart_payload(fig)
    spec = json.loads(text)
    if rows is not None:
        spec["datasets"] = {_FIGURE_DATA: rows}
    return spec


def figure_block(fig: Any, csv: Callable[[], bytes], file_stub: str) -> None:
    """One chart with its plain-language reading, a table as text alternative and its CSV."""
    from lises_reflect import charts

    with st.container(border=True):
        st.subheader(fig.title)
        st.write(fig.reading)
        st.caption(figure_research(fig.key))
        if not fig.has_values:  # every number hidden: the reading says why, no chart of "skjult"
            return
        # The spec's description (the reading) is the chart's accessible name.
        if fig.grouped:  # small multiples of a fixed width: as wide and tall as they are
            st.vega_lite_chart(spec=chart_spec(fig), width="content", height="content")
        else:  # explicit height: one row per bar, the width of the page
            st.vega_lite_chart(
                spec=chart_spec(fig), width="stretch", height=charts.height(fig) + 70
            )
        for note in fig.notes:
            st.caption(note)
        # The table is drawn only while it is open: seven tables were a quarter of a lead's
        # rerun at 100k (77 -> 55 ms), and opening it reruns the page.
        table = st.expander(
            tr("figure.as_table"), key=K.figure_table(file_stub, fig.key), on_change="rerun"
        )
        if table.open:
            with table:
                st.dataframe(fig.frame(), hide_index=True, width="stretch")
        st.download_button(
            tr("figure.csv"),
            data=csv,
            file_name=f"{file_stub}-{fig.key}.csv",
            mime="text/csv",
            on_click="ignore",
            key=K.figure_csv(file_stub, fig.key),
        )
