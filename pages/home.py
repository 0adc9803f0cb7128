"""Forside: what Lån et øre is and what each of the caller's roles can do here."""

import streamlit as st

from lises_reflect import ui

ui.require_role("caseworker", "teamlead", "facilitator", "admin")
st.title(ui.tr("app.title"))
st.caption(ui.tr("app.tagline"))
st.markdown(ui.tr("home.model"))
for role in sorted(ui.roles()):
    with st.container(border=True):
        st.subheader(ui.tr(f"role.{role}"))
        st.markdown(ui.tr(f"home.role.{role}"))
