"""Which phase is shown, and the phase controls: the bringer moves the group, a listener
proposes moving on, a finished record is read phase by phase. The controls stand at the top
of the phase and again at its bottom (a phase can be long, on a phone especially)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from lises_reflect import sessions, ui
from lises_reflect import state_keys as K
from lises_reflect.provenance import research_line
from lises_reflect.session_rules import neighbours, next_proposal, phase_controls
from lises_reflect.session_ui.context import SessionContext


def choose_shown(ctx: SessionContext) -> SessionContext:
    """A finished session is a record: each reader picks the phase to read, locally; the
    stored phase does not move. An open session shows the group's phase, which the bringer
    moves."""
    if not ctx.readonly:
        return replace(ctx, shown=ctx.view.phase)
    shown = st.selectbox(
        ui.tr("record.pick"),
        [p.number for p in ctx.cat.phases],
        index=ctx.view.phase - 1,
        format_func=lambda n: f"{n}. {ctx.phase_title(n)}",
        key=K.in_session("record", ctx.sid),
        placeholder=ui.tr("ui.choose_one"),
    )
    return replace(ctx, shown=shown)


def top(ctx: SessionContext) -> None:
    """Progress, the phase controls, and the phase's instruction."""
    st.progress(
        ctx.shown / sessions.PHASE_COUNT,
        text=ui.tr(
            "session.phase_of",
            number=ctx.shown,
            total=sessions.PHASE_COUNT,
            name=ctx.phase.title.get(ctx.lang),
        ),
    )
    controls = phase_controls(ctx.readonly, ctx.view.is_bringer)
    if controls == "record":
        st.caption(ui.tr("record.note"))
    elif controls == "lead":
        proposal_notice(ctx)
        bringer_nav(ctx)
    else:
        listener_lead(ctx)
    # Where the phase comes from, at the end of its instruction rather than on a line of its
    # own: on a phone the first turn must stay on the first screen.
    st.info(f"{ctx.phase.instruction.get(ctx.lang)} *({research_line(ctx.phase, ctx.lang)})*")


def bottom(ctx: SessionContext) -> None:
    """The same controls after the phase, so nobody scrolls back up to move on. Labels that
    name the target phase (and differ from the top's, so each button has its own name)."""
    controls = phase_controls(ctx.readonly, ctx.view.is_bringer)
    if controls == "record":
        return
    v, sid = ctx.view, ctx.sid
    if controls == "lead":
        before, after = neighbours(v.phase)
        st.divider()
        cols = st.columns(2)
        if before is not None and cols[0].button(
            ui.tr("session.back_to", number=before),
            key=K.in_session("bottom_prev", sid),
            help=ctx.phase_title(before),
            width="stretch",
        ):
            ui.act(sessions.set_phase, ctx.engine, ctx.uid, ctx.sid, before)
        if after is not None and cols[1].button(
            ui.tr("session.on_to", number=after),
            key=K.in_session("bottom_next", sid),
            help=ctx.phase_title(after),
            type="primary",
            width="stretch",
        ):
            ui.act(sessions.set_phase, ctx.engine, ctx.uid, ctx.sid, after)
        return
    wanted, allowed = next_proposal(v.phase, v.proposed_phase, v.proposed_by_me)
    if wanted > sessions.PHASE_COUNT:
        return
    st.divider()
    if st.button(
        ui.tr("lead.propose_phase", number=wanted),
        key=K.in_session("bottom_propose", sid),
        help=ctx.phase_title(wanted),
        disabled=not allowed,
        icon=":material/front_hand:",
    ):
        ui.act(sessions.propose_phase, ctx.engine, ctx.uid, ctx.sid, wanted)


@st.fragment
def proposal_notice(ctx: SessionContext) -> None:
    """The bringer sees a listener's proposal by itself: a proposal moves the session's stamp,
    so `header.live_updates` redraws the page, and the view it reads carries the proposal
    (stored, so from any replica)."""
    v = ctx.view
    if v.proposed_phase is None:
        return
    with st.container(border=True):
        st.info(
            ui.tr(
                "lead.proposal_for_bringer",
                who=ui.md(v.proposed_by_name),
                number=v.proposed_phase,
                name=ctx.phase_title(v.proposed_phase),
            ),
            icon=":material/front_hand:",
        )
        cols = st.columns(2)
        if cols[0].button(
            ui.tr("lead.follow"), type="primary", key=K.in_session("follow", ctx.sid)
        ):
            # ui.act reruns the whole app (st.rerun's default), not just this fragment.
            ui.act(sessions.set_phase, ctx.engine, ctx.uid, ctx.sid, v.proposed_phase)
        if cols[1].button(ui.tr("lead.dismiss"), key=K.in_session("dismiss", ctx.sid)):
            ui.act(sessions.dismiss_proposal, ctx.engine, ctx.uid, ctx.sid)


def bringer_nav(ctx: SessionContext) -> None:
    v = ctx.view
    nav = st.columns([1, 3, 1])
    if nav[0].button(ui.tr("session.prev"), disabled=v.phase <= 1, width="stretch"):
        ui.act(sessions.set_phase, ctx.engine, ctx.uid, ctx.sid, v.phase - 1)
    choice = nav[1].selectbox(
        ui.tr("session.goto"),
        [p.number for p in ctx.cat.phases],
        index=v.phase - 1,
        format_func=lambda n: f"{n}. {ctx.phase_title(n)}",
        label_visibility="collapsed",
        key=K.in_session("goto", ctx.sid, v.phase),
        placeholder=ui.tr("ui.choose_one"),
    )
    if choice != v.phase:
        ui.act(sessions.set_phase, ctx.engine, ctx.uid, ctx.sid, choice)
    if nav[2].button(
        ui.tr("session.next"),
        disabled=v.phase >= sessions.PHASE_COUNT,
        type="primary",
        width="stretch",
    ):
        ui.act(sessions.set_phase, ctx.engine, ctx.uid, ctx.sid, v.phase + 1)


def listener_lead(ctx: SessionContext) -> None:
    """A listener sees who leads and may propose moving on; only the bringer moves."""
    v = ctx.view
    cols = st.columns([3, 1])
    cols[0].caption(
        ui.tr("lead.leads", bringer=ui.md(v.bringer_name))
        + " "
        + ui.tr("lead.listener_note", bringer=ui.md(v.bringer_name))
    )
    if v.proposed_phase is not None:
        if v.proposed_by_me:
            text = ui.tr(
                "lead.proposed_by_me",
                name=ctx.phase_title(v.proposed_phase),
                bringer=ui.md(v.bringer_name),
            )
        else:
            text = ui.tr(
                "lead.proposed_by_other",
                who=ui.md(v.proposed_by_name),
                name=ctx.phase_title(v.proposed_phase),
            )
        st.caption(text)
    wanted, allowed = next_proposal(v.phase, v.proposed_phase, v.proposed_by_me)
    if cols[1].button(
        ui.tr("lead.propose_next"),
        disabled=not allowed,
        icon=":material/front_hand:",
        width="stretch",
    ):
        ui.act(sessions.propose_phase, ctx.engine, ctx.uid, ctx.sid, wanted)
