"""Administration: organisations, teams and accounts. No reflection content is ever shown here."""

import streamlit as st

from lises_reflect import auth, ui
from lises_reflect.models import ROLES

uid = ui.require_role("admin")
engine = ui.engine()
st.title(ui.tr("admin.title"))
st.caption(ui.tr("admin.note"))

ok, directory = ui.call(auth.directory, engine, uid)
if not ok:
    st.stop()
notice = st.session_state.pop("admin_notice", None)
if notice:
    st.success(notice)

tab_users, tab_new_user, tab_structure, tab_assign = st.tabs(
    [
        ui.tr("admin.users"),
        ui.tr("admin.new_user"),
        ui.tr("admin.structure"),
        ui.tr("admin.assignments"),
    ]
)
with tab_users:
    st.dataframe(
        [
            {
                ui.tr("login.col.username"): u.username,
                ui.tr("login.col.name"): u.display_name,
                ui.tr("login.col.roles"): ", ".join(
                    ui.tr(f"role.{r}") for r in u.roles.split(", ") if r
                ),
                ui.tr("admin.organisation"): u.organisation,
                ui.tr("login.col.team"): u.team or "—",
                ui.tr("admin.active"): "✓" if u.active else "—",
            }
            for u in directory["users"]
        ],
        hide_index=True,
    )

with tab_new_user:
    teams = dict(directory["teams"])
    with st.form("new_user"):
        username = st.text_input(ui.tr("firstrun.username"))
        name = st.text_input(ui.tr("firstrun.name"))
        email = st.text_input(ui.tr("admin.email"))
        roles = st.multiselect(
            ui.tr("login.col.roles"), ROLES, format_func=lambda r: ui.tr(f"role.{r}")
        )
        team = st.selectbox(
            ui.tr("login.col.team"),
            [None, *teams],
            format_func=lambda t: "—" if t is None else teams[t],
        )
        password = st.text_input(ui.tr("admin.initial_password"), type="password")
        submitted = st.form_submit_button(ui.tr("admin.create_user"), type="primary")
    if submitted:
        ok, _ = ui.call(
            auth.create_user, engine, uid, username, name, password, roles, team, email or None
        )
        if ok:
            st.session_state["admin_notice"] = ui.tr(
                "admin.user_created", username=username.strip().lower()
            )
            st.rerun()

with tab_structure:
    orgs = dict(directory["organisations"])
    c1, c2 = st.columns(2)
    with c1, st.form("new_org"):
        org_name = st.text_input(ui.tr("admin.organisation"))
        if st.form_submit_button(ui.tr("admin.create_org")):
            ok, _ = ui.call(auth.create_organisation, engine, uid, org_name)
            if ok:
                st.session_state["admin_notice"] = ui.tr("admin.created", name=org_name.strip())
                st.rerun()
    with c2, st.form("new_team"):
        org_id = st.selectbox(
            ui.tr("admin.organisation"), list(orgs), format_func=lambda o: orgs[o]
        )
        team_name = st.text_input(ui.tr("login.col.team"))
        if st.form_submit_button(ui.tr("admin.create_team")):
            if org_id is None:
                st.error(ui.tr("error.organisation_not_found"))
            else:
                ok, _ = ui.call(auth.create_team, engine, uid, org_id, team_name)
                if ok:
                    st.session_state["admin_notice"] = ui.tr(
                        "admin.created", name=team_name.strip()
                    )
                    st.rerun()
    for org_name, team_names in directory["teams_by_organisation"].items():
        st.markdown(f"**{org_name}**")
        st.text("\n".join(team_names) or "—")

with tab_assign:
    st.caption(ui.tr("admin.assignments_note"))
    teams = dict(directory["teams"])
    orgs = dict(directory["organisations"])
    with st.form("assign"):
        who = st.text_input(ui.tr("admin.assign_user"))
        role = st.radio(
            ui.tr("admin.assign_role"),
            ["teamlead", "facilitator"],
            format_func=lambda r: ui.tr(f"role.{r}"),
            horizontal=True,
        )
        team = st.selectbox(
            ui.tr("admin.assign_team"),
            [None, *teams],
            format_func=lambda t: "—" if t is None else teams[t],
        )
        org = st.selectbox(
            ui.tr("admin.assign_org"),
            [None, *orgs],
            format_func=lambda o: "—" if o is None else orgs[o],
        )
        if st.form_submit_button(ui.tr("admin.assign")):
            ok, _ = ui.call(auth.assign, engine, uid, who, role, team, org)
            if ok:
                st.session_state["admin_notice"] = ui.tr("admin.assigned")
                st.rerun()
    ok, rows = ui.call(auth.assignments, engine, uid)
    for row in rows if ok else []:
        c1, c2 = st.columns([4, 1])
        c1.text(f"{row.username} · {ui.tr(f'role.{row.role}')} · {row.scope}")
        if c2.button(ui.tr("admin.remove_assignment"), key=f"unassign:{row.id}"):
            ui.act(auth.unassign, engine, uid, row.id)
