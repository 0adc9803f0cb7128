"""Administration: organisations, teams and accounts. No reflection content is ever shown here."""

import streamlit as st

from lises_reflect import accounts, mydata, sso, ui
from lises_reflect import state_keys as K
from lises_reflect.models import ROLES

uid = ui.require_role("admin")
engine = ui.engine()
st.title(ui.tr("admin.title"))
st.caption(ui.tr("admin.note"))

notice = st.session_state.pop(K.ADMIN_NOTICE, None)
if notice:
    st.success(notice)

tab_users, tab_edit, tab_new_user, tab_structure, tab_assign = ui.tabs(
    "admin",
    [
        ui.tr("admin.users"),
        ui.tr("admin.edit"),
        ui.tr("admin.new_user"),
        ui.tr("admin.structure"),
        ui.tr("admin.assignments"),
    ],
)
# The tabs with forms stay drawn (a form's unsent input lives only in the browser); the list
# of every account is drawn, and loaded, only while its tab is open.
ok, directory = ui.call(accounts.directory, engine, uid, users=bool(tab_users.open))
if not ok:
    st.stop()
if tab_users.open:
    with tab_users:
        # Column names and role labels translated once, not once per account (720 accounts in a
        # 60-team municipality made 5,000 look-ups a run).
        cols = [
            ui.tr(k)
            for k in (
                "login.col.username",
                "login.col.name",
                "login.col.roles",
                "admin.organisation",
                "login.col.team",
                "admin.active",
            )
        ]
        role_label = {r: ui.tr(f"role.{r}") for r in ROLES}
        st.dataframe(
            [
                dict(
                    zip(
                        cols,
                        (
                            u.username,
                            u.display_name,
                            ", ".join(role_label.get(r, r) for r in u.roles),
                            u.organisation,
                            u.team or "—",
                            "✓" if u.active else "—",
                        ),
                        strict=True,
                    )
                )
                for u in directory.users
            ],
            hide_index=True,
        )

with tab_edit:
    ok, people = ui.call(accounts.accounts, engine, uid)
    choices = dict(people) if ok else {}
    chosen = ui.choose(ui.tr("admin.choose_user"), choices, K.ADMIN_EDIT_USER)
    ok, row = ui.call(accounts.account, engine, uid, chosen) if chosen else (False, None)
    if ok:
        all_teams = dict(directory.teams)
        with st.form(K.item("edit", row.id)):
            name = st.text_input(
                ui.tr("firstrun.name"), value=row.display_name, key=K.item("edit:name", row.id)
            )
            email = st.text_input(ui.tr("admin.email"), value=row.email or "")
            team_ids = [None, *all_teams]
            team = st.selectbox(
                ui.tr("login.col.team"),
                team_ids,
                index=team_ids.index(row.team_id) if row.team_id in team_ids else 0,
                format_func=lambda t: "—" if t is None else all_teams[t],
                placeholder=ui.tr("ui.choose_one"),
            )
            roles = st.multiselect(
                ui.tr("login.col.roles"),
                ROLES,
                default=list(row.roles),
                format_func=lambda r: ui.tr(f"role.{r}"),
                placeholder=ui.tr("ui.choose_many"),
                select_all=False,
            )
            active = st.checkbox(ui.tr("admin.active"), value=row.active)
            if st.form_submit_button(ui.tr("admin.save"), type="primary"):
                edit = accounts.UserEdit(name, email or None, team, tuple(roles), active)
                ok, _ = ui.call(accounts.update_user, engine, uid, row.id, edit)
                if ok:
                    st.session_state[K.ADMIN_NOTICE] = ui.tr("admin.saved")
                    st.rerun()
        if row.must_change_password:
            st.caption(ui.tr("admin.must_change"))
        with st.form(K.item("reset", row.id)):
            st.markdown(f"**{ui.tr('admin.reset')}**")
            st.caption(ui.tr("admin.reset_help"))
            temporary = st.text_input(ui.tr("admin.initial_password"), type="password")
            if st.form_submit_button(ui.tr("admin.reset")):
                ok, _ = ui.call(accounts.reset_password, engine, uid, row.id, temporary)
                if ok:
                    st.session_state[K.ADMIN_NOTICE] = ui.tr("admin.reset_done")
                    st.rerun()
        st.markdown(f"**{ui.tr('mydata.admin.heading')}**")
        st.caption(ui.tr("mydata.admin.intro"))
        ui.data_extract(
            ui.tr("mydata.admin.make"),
            K.ACCESS_REQUEST,
            lambda: mydata.access_request(engine, uid, row.id),
            lambda d: ui.tr(
                "mydata.admin.made", username=d.username, at=ui.local_time(d.exported_at)
            ),
            username=row.username,
        )

with tab_new_user:
    teams = dict(directory.teams)
    ok, waiting = ui.call(sso.waiting, engine, uid)
    if ok and waiting:  # single sign-on: people who logged in and have no account yet
        st.markdown(f"**{ui.tr('admin.sso_waiting')}**")
        st.caption(ui.tr("admin.sso_waiting_help"))
        ui.plain_list(
            [
                ui.tr(
                    "admin.sso_waiting_row", email=w.email, n=w.attempts, at=ui.local_time(w.last)
                )
                for w in waiting
            ]
        )
    with st.form(K.NEW_USER_FORM):
        username = st.text_input(ui.tr("firstrun.username"))
        name = st.text_input(ui.tr("firstrun.name"))
        email = st.text_input(ui.tr("admin.email"))
        roles = st.multiselect(
            ui.tr("login.col.roles"),
            ROLES,
            format_func=lambda r: ui.tr(f"role.{r}"),
            placeholder=ui.tr("ui.choose_many"),
            select_all=False,
        )
        team = st.selectbox(
            ui.tr("login.col.team"),
            [None, *teams],
            format_func=lambda t: "—" if t is None else teams[t],
            placeholder=ui.tr("ui.choose_one"),
        )
        password = st.text_input(ui.tr("admin.initial_password"), type="password")
        submitted = st.form_submit_button(ui.tr("admin.create_user"), type="primary")
    if submitted:
        ok, _ = ui.call(
            accounts.create_user, engine, uid, username, name, password, roles, team, email or None
        )
        if ok:
            st.session_state[K.ADMIN_NOTICE] = ui.tr(
                "admin.user_created", username=username.strip().lower()
            )
            st.rerun()

with tab_structure:
    orgs = dict(directory.organisations)
    c1, c2 = st.columns(2)
    with c1, st.form(K.NEW_ORG_FORM):
        org_name = st.text_input(ui.tr("admin.organisation"))
        if st.form_submit_button(ui.tr("admin.create_org")):
            ok, _ = ui.call(accounts.create_organisation, engine, uid, org_name)
            if ok:
                st.session_state[K.ADMIN_NOTICE] = ui.tr(
                    "admin.created", name=ui.md(org_name.strip())
                )
                st.rerun()
    with c2, st.form(K.NEW_TEAM_FORM):
        org_id = st.selectbox(
            ui.tr("admin.organisation"),
            list(orgs),
            format_func=lambda o: orgs[o],
            placeholder=ui.tr("ui.choose_one"),
        )
        team_name = st.text_input(ui.tr("login.col.team"))
        if st.form_submit_button(ui.tr("admin.create_team")):
            if org_id is None:
                st.error(ui.tr("error.organisation_not_found"))
            else:
                ok, _ = ui.call(accounts.create_team, engine, uid, org_id, team_name)
                if ok:
                    st.session_state[K.ADMIN_NOTICE] = ui.tr(
                        "admin.created", name=ui.md(team_name.strip())
                    )
                    st.rerun()
    with st.form(K.RENAME_FORM):
        st.markdown(f"**{ui.tr('admin.rename')}**")
        kinds = {"team": dict(directory.teams), "organisation": orgs}
        kind = st.radio(
            ui.tr("admin.rename_kind"),
            list(kinds),
            format_func=lambda k: ui.tr(f"admin.kind.{k}"),
            horizontal=True,
        )
        item = st.selectbox(
            ui.tr("admin.rename_item"),
            [(k, i) for k in kinds for i in kinds[k]],
            format_func=lambda x: f"{ui.tr('admin.kind.' + x[0])}: {kinds[x[0]][x[1]]}",
            placeholder=ui.tr("ui.choose_one"),
        )
        new_name = st.text_input(ui.tr("admin.new_name"))
        keep_active = st.checkbox(ui.tr("admin.active"), value=True)
        if st.form_submit_button(ui.tr("admin.save")):
            if item is None or item[0] != kind:
                st.error(ui.tr("admin.rename_mismatch"))
            else:
                ok, _ = ui.call(accounts.rename, engine, uid, kind, item[1], new_name, keep_active)
                if ok:
                    st.session_state[K.ADMIN_NOTICE] = ui.tr("admin.saved")
                    st.rerun()
    for org_name, team_names in directory.teams_by_organisation.items():
        st.markdown(f"**{ui.md(org_name)}**")
        st.text("\n".join(team_names) or "—")

with tab_assign:
    st.caption(ui.tr("admin.assignments_note"))
    teams = dict(directory.teams)
    orgs = dict(directory.organisations)
    with st.form(K.ASSIGN_FORM):
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
            placeholder=ui.tr("ui.choose_one"),
        )
        org = st.selectbox(
            ui.tr("admin.assign_org"),
            [None, *orgs],
            format_func=lambda o: "—" if o is None else orgs[o],
            placeholder=ui.tr("ui.choose_one"),
        )
        if st.form_submit_button(ui.tr("admin.assign")):
            ok, _ = ui.call(accounts.assign, engine, uid, who, role, team, org)
            if ok:
                st.session_state[K.ADMIN_NOTICE] = ui.tr("admin.assigned")
                st.rerun()
    ok, rows = ui.call(accounts.assignments, engine, uid)
    for row in rows if ok else []:
        c1, c2 = st.columns([4, 1])
        c1.text(f"{row.username} · {ui.tr(f'role.{row.role}')} · {row.scope}")
        if c2.button(ui.tr("admin.remove_assignment"), key=K.item("unassign", row.id)):
            ui.act(accounts.unassign, engine, uid, row.id)
