"""Refleksion: one Lån et øre session, phase by phase, for the bringer and the listeners.

Thin on purpose: reads which session, asks the services for it, builds one `SessionContext`
and hands it to the renderers in `lises_reflect.session_ui`."""

from __future__ import annotations

import streamlit as st

from lises_reflect import sessions, tagging, ui
from lises_reflect import state_keys as K
from lises_reflect.catalogue import catalogue
from lises_reflect.session_ui import header, navigation, phases
from lises_reflect.session_ui.context import SessionContext

uid = ui.require_role("caseworker")
engine = ui.engine()

raw = st.query_params.get("s") or st.session_state.get(K.CURRENT_SESSION)
try:
    sid = int(raw) if raw is not None else None
except (TypeError, ValueError):
    sid = None
if sid is None:
    st.info(ui.tr("error.no_session_selected"))
    st.page_link(ui.PAGES["mine"], label=ui.tr("nav.mine"), icon=":material/menu_book:")
    st.stop()

# The stamp is read before the views: a change that lands while they are read moves the
# database's stamp past this one, so the live fragment redraws the page with it.
ok, stamp = ui.call(sessions.session_stamp, engine, uid, sid)
if ok:
    ok, view = ui.call(sessions.session_view, engine, uid, sid)
if not ok:
    st.page_link(ui.PAGES["mine"], label=ui.tr("nav.mine"), icon=":material/menu_book:")
    st.stop()
st.session_state[K.CURRENT_SESSION] = sid
if st.query_params.get("s") != str(sid):
    st.query_params["s"] = str(sid)
ok, talk = ui.call(tagging.talk_view, engine, uid, sid)
if not ok:
    st.stop()
ui.live_typing()

ctx = SessionContext(
    engine=engine,
    uid=uid,
    sid=sid,
    view=view,
    talk=talk,
    cat=catalogue(),
    lang=ui.lang(),
    readonly=view.finished,
    shown=view.phase,
    stamp=stamp,  # what this run shows; the live fragment compares it with the database
)
header.show(ctx)
ctx = navigation.choose_shown(ctx)  # a finished record: the phase the reader picks
navigation.top(ctx)
phases.show(ctx)
navigation.bottom(ctx)
