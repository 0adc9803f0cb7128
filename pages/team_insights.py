"""Teamets refleksioner: the lead's view of the team's patterns, never of a person."""

import streamlit as st

from lises_reflect import insights, ui
from lises_reflect import state_keys as K

uid = ui.require_role("teamlead")
engine = ui.engine()
th = ui.settings().thresholds
st.title(ui.tr("team.title"))
st.caption(ui.tr("team.intro", k=th.figures))

ok, teams = ui.call(insights.led_teams, engine, uid)
if not ok:
    st.stop()
if not teams:
    st.info(ui.tr("team.none"))
    st.stop()
names = {x.team_id: f"{x.name} ({x.organisation})" for x in teams}
team_id = ui.choose(ui.tr("team.choose"), names, K.TEAM_ID)

# The first view opens on the period the service chooses (the newest that can be shown) and
# says why; so does a change of team while the lead has not chosen a period.
period = ui.period_asked(K.TEAM_PERIOD, scope=team_id)
ok, ov = ui.call(insights.team_overview, engine, uid, team_id, period, ui.lang(), thresholds=th)
if not ok:
    st.stop()
opening = ui.period_opened(K.TEAM_PERIOD, team_id, ov.period_key, ov.opening)
ui.period_picker(K.TEAM_PERIOD, show=ov.period_key if ov.opening else None, note=not opening)
period_key = ov.period_key
if opening:
    st.info(opening, icon=":material/event:")
if ov.small_team:
    st.info(ui.tr("team.small", team=ui.md(ov.team_name), k=ov.k))
    st.stop()

stub = f"teamets-refleksioner-{period_key}"


def figures(figs) -> None:
    for fig in figs:
        ui.figure_block(
            fig,
            lambda key=fig.key: insights.team_figure_csv(
                engine, uid, team_id, period_key, key, ui.lang(), thresholds=th
            ),
            stub,
        )


# What the team reflects on first; volume only after it, as context (issue 21).
st.header(ui.tr("team.content"))
st.caption(ui.tr("team.content_intro"))
figures(ov.content)

with st.container(border=True):
    st.subheader(ui.tr("team.frames"))
    st.caption(ui.tr("team.frames_intro"))
    if not ov.frames_enough:
        st.info(ui.tr("team.frames_too_few", k=ov.k_text))
    ui.plain_list(ov.frames_points)

st.header(ui.tr("team.context"))
st.caption(ui.tr("team.context_why"))
figures(ov.context)
