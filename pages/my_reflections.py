"""Mine refleksioner: own sessions, and own practice compared only with one's own earlier self."""

import streamlit as st

from lises_reflect import audit, charts, sessions, ui
from lises_reflect import state_keys as K
from lises_reflect.catalogue import catalogue

uid = ui.require_role("caseworker")
engine = ui.engine()
st.title(ui.tr("mine.title"))

pending = st.session_state.pop(K.MINE_NOTICE, None)
if pending:
    st.success(ui.tr(pending))

cat = catalogue()
lang = ui.lang()

if st.button(ui.tr("mine.start_new"), type="primary"):
    st.switch_page(ui.PAGES["new"])

tab_sessions, tab_practice, tab_access = ui.tabs(
    "mine", [ui.tr("mine.tab_sessions"), ui.tr("mine.tab_practice"), ui.tr("mine.tab_access")]
)

ok, listed = (
    ui.call(sessions.my_sessions_page, engine, uid, ui.page_asked(K.MINE_SESSIONS))
    if tab_sessions.open  # only the open tab runs
    else (False, None)
)
if ok and listed is not None:
    with tab_sessions:
        if not listed.total:
            st.info(ui.tr("mine.empty"))
        for item in listed.items:
            with st.container(border=True):
                left, right = st.columns([4, 2])
                with left:
                    st.markdown(
                        f"**{ui.tr('mine.role.' + item.my_role)}** · "
                        + ui.local_time(item.updated_at)
                    )
                    st.text(item.title or ui.tr("session.untitled"))
                    phase = cat.phases[item.phase - 1].title.get(lang)
                    status = (
                        ui.tr("mine.finished")
                        if item.status == "finished"
                        else ui.tr("mine.phase", number=item.phase, name=phase)
                    )
                    people = ", ".join(ui.md(name) for name in item.others) or "—"
                    st.caption(f"{status} · {ui.tr('mine.with', people=people)}")
                with right:
                    if st.button(
                        ui.tr("mine.open") if item.status == "finished" else ui.tr("mine.continue"),
                        key=K.item("open", item.id),
                    ):
                        st.session_state[K.CURRENT_SESSION] = item.id
                        st.switch_page(ui.PAGES["session"], query_params={"s": str(item.id)})
                    label = "mine.delete" if item.my_role == "bringer" else "mine.withdraw"
                    confirm_key = K.item("confirm", item.id)
                    if st.session_state.get(confirm_key):
                        st.warning(ui.tr(label + "_confirm"))
                        c1, c2 = st.columns(2)
                        if c1.button(ui.tr("mine.yes"), key=K.item("yes", item.id), type="primary"):
                            ok, outcome = ui.call(sessions.delete_session, engine, uid, item.id)
                            st.session_state.pop(confirm_key, None)
                            if ok:
                                st.session_state[K.MINE_NOTICE] = f"mine.{outcome}"
                                if st.session_state.get(K.CURRENT_SESSION) == item.id:
                                    st.session_state.pop(K.CURRENT_SESSION, None)
                                st.rerun()
                        if c2.button(ui.tr("mine.no"), key=K.item("no", item.id)):
                            st.session_state.pop(confirm_key, None)
                            st.rerun()
                    elif st.button(ui.tr(label), key=K.item("del", item.id)):
                        st.session_state[confirm_key] = True
                        st.rerun()
        ui.page_picker(
            listed.total,
            listed.page,
            K.MINE_SESSIONS,
            sessions.SESSIONS_PER_PAGE,
            len(listed.items),
        )

ok, practice = ui.call(sessions.my_practice, engine, uid) if tab_practice.open else (False, None)
if ok and practice is not None:
    with tab_practice:
        st.caption(ui.tr("mine.practice_note"))
        c1, c2, c3 = st.columns(3)
        c1.metric(ui.tr("mine.brought"), practice.total_brought)
        c2.metric(ui.tr("mine.listened"), practice.total_listened)
        c3.metric(
            ui.tr("mine.this_quarter"),
            practice.this_quarter,
            delta=practice.this_quarter - practice.previous_quarter,
            delta_color="off",
            help=ui.tr("mine.quarter_help", previous=practice.previous_quarter),
        )
        if practice.by_month:
            chart = charts.practice_chart(
                practice.by_month,
                lang,
                month=ui.tr("mine.month"),
                count=ui.tr("mine.sessions"),
                role=ui.tr("mine.as"),
                bringer=ui.tr("mine.role.bringer"),
                listener=ui.tr("mine.role.listener"),
            )
            st.altair_chart(chart, width="stretch")
            st.caption(
                ui.tr(
                    "mine.chart_reading",
                    total=practice.total_brought + practice.total_listened,
                    months=len(practice.by_month),
                )
            )
        st.subheader(ui.tr("mine.lenses"))
        if practice.lenses:
            st.dataframe(
                [
                    {
                        ui.tr("mine.lens"): cat.lens(lens_id).title.get(lang),
                        ui.tr("mine.sessions"): n,
                    }
                    for lens_id, n in practice.lenses
                ],
                hide_index=True,
            )
        else:
            st.caption("—")
        st.subheader(ui.tr("mine.takeaways"))
        st.caption(ui.tr("vis.private"))
        if not practice.takeaways:
            st.caption("—")
        for when, title, text in practice.takeaways:
            with st.container(border=True):
                st.caption(f"{ui.local_time(when)} · {ui.md(title) or ui.tr('session.untitled')}")
                ui.plain(text)

if tab_access.open:
    with tab_access:
        st.caption(ui.tr("mine.access_intro"))
        ok, log = ui.call(audit.my_material_log, ui.engine(), ui.user_id())
        if ok and not log:
            st.caption("—")
        if ok and log:
            st.dataframe(
                [
                    {
                        ui.tr("mine.access.when"): ui.local_time(row.at),
                        ui.tr("mine.access.who"): row.who,
                        ui.tr("mine.access.what"): ui.tr(f"access.{row.what}"),
                        ui.tr("mine.access.conversation"): row.title or ui.tr("session.untitled"),
                    }
                    for row in log
                ],
                hide_index=True,
            )
