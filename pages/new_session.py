"""Ny refleksion: the bringer starts a session; preparation continues on the session page."""

import streamlit as st

from lises_reflect import sessions, ui
from lises_reflect import state_keys as K

uid = ui.require_role("caseworker")
st.title(ui.tr("new.title"))
st.write(ui.tr("new.intro"))
with st.form(K.NEW_SESSION_FORM):
    title = st.text_input(ui.tr("new.session_title"), help=ui.tr("new.session_title_help"))
    st.caption(ui.tr("vis.group"))
    submitted = st.form_submit_button(ui.tr("new.start"), type="primary")
if submitted:
    ok, session_id = ui.call(sessions.create_session, ui.engine(), uid, title)
    if ok:
        st.session_state[K.CURRENT_SESSION] = session_id
        st.switch_page(ui.PAGES["session"], query_params={"s": str(session_id)})
