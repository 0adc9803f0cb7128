"""Choosing a new password, when an administrator has reset it: nothing else opens first."""

import streamlit as st

from lises_reflect import login, login_ui, ui
from lises_reflect import state_keys as K

uid = ui.user_id()
st.title(ui.tr("password.title"))
st.write(ui.tr("password.intro"))
with st.form(K.NEW_PASSWORD_FORM):
    old = st.text_input(ui.tr("password.current"), type="password")
    new = st.text_input(ui.tr("password.new"), type="password")
    again = st.text_input(ui.tr("password.repeat"), type="password")
    submitted = st.form_submit_button(ui.tr("password.submit"), type="primary")
if submitted:
    if new != again:
        st.error(ui.tr("password.mismatch"))
    else:
        # This login stays; the account's other logins end.
        keep = login_ui.login_key()
        ok, _ = ui.call(login.change_password, ui.engine(), uid, old, new, keep)
        if ok:
            st.success(ui.tr("password.changed"))
            st.rerun()
