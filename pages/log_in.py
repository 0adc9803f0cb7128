"""Log in (URL path "login"): the form, why the last login ended, the demo accounts.

Not named login.py: see ui.PAGES."""

import streamlit as st

from lises_reflect import demo as demo_data
from lises_reflect import login as login_service
from lises_reflect import login_ui, ui
from lises_reflect import state_keys as K

engine = ui.engine()
st.title(ui.tr("app.title"))
st.caption(ui.tr("app.tagline"))
notice = st.empty()  # "the administrator is created", until the first login attempt
reason = login_ui.logged_out_reason()
if reason:
    st.info(ui.tr(f"login.expired.{reason}"))
if login_ui.sso_configured():
    refusal = login_ui.sso_refusal()
    if refusal:
        st.error(refusal)
        if st.button(ui.tr("login.sso_logout"), key=K.SSO_BUTTON):
            st.logout()
    elif st.button(ui.tr("login.sso"), key=K.SSO_BUTTON, type="primary"):
        st.login()
submitted = False
if login_ui.password_login():
    with st.form(K.LOGIN_FORM):
        st.subheader(ui.tr("login.form"))
        username = st.text_input(ui.tr("login.username"), key=K.LOGIN_USERNAME)
        password = st.text_input(ui.tr("login.password"), type="password", key=K.LOGIN_PASSWORD)
        submitted = st.form_submit_button(ui.tr("login.submit"))
if submitted and login_ui.password_login():
    login_ui.forget_first_run()
    outcome = login_service.attempt(engine, username, password, login_ui.client_address())
    if outcome.status == "ok" and outcome.actor is not None:
        login_ui.start_session(engine, outcome.actor)
    elif outcome.status == "locked":
        st.error(ui.tr("login.locked_out"))
    else:
        st.error(ui.tr("login.failed"))
if login_ui.first_run_done():
    notice.success(ui.tr("firstrun.done"))
if login_ui.authenticated():
    # Not st.rerun() here: the cookie that keeps the login across a reload is written by
    # a browser component rendered during this run, and a rerun now would cut it off. The
    # fragment below reruns the app once the browser has drawn this page.
    st.success(ui.tr("login.welcome"))
    login_ui.continue_after_login()
elif ui.settings().demo:
    st.subheader(ui.tr("login.demo_accounts"))
    st.markdown(ui.tr("login.demo_help", password=demo_data.DEMO_PASSWORD))
    st.dataframe(
        [
            {
                ui.tr("login.col.username"): a.username,
                ui.tr("login.col.name"): a.name,
                ui.tr("login.col.roles"): ", ".join(ui.tr(f"role.{r}") for r in a.roles),
            }
            for a in demo_data.DEMO_ACCOUNTS
        ],
        hide_index=True,
    )
