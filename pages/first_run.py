"""First run: no account exists yet, so the first administrator is created here."""

import streamlit as st

from lises_reflect import accounts, login_ui, ui
from lises_reflect import state_keys as K

st.title(ui.tr("firstrun.title"))
st.write(ui.tr("firstrun.intro"))
with st.form(K.FIRST_RUN_FORM):
    username = st.text_input(ui.tr("firstrun.username"))
    name = st.text_input(ui.tr("firstrun.name"))
    pw1 = st.text_input(ui.tr("firstrun.password"), type="password")
    pw2 = st.text_input(ui.tr("firstrun.password2"), type="password")
    submitted = st.form_submit_button(ui.tr("firstrun.submit"))
if submitted:
    if pw1 != pw2:
        st.error(ui.tr("firstrun.mismatch"))
    else:
        ok, _ = ui.call(accounts.create_first_admin, ui.engine(), username, name, pw1)
        if ok:
            login_ui.mark_first_run_done()
            st.rerun()
