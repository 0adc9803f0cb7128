"""Phase 4's transcript: the excerpt panel, step-by-step reading, tags (open or blind), where
the tags differ, gribning links, observations and the descriptive summary."""

from __future__ import annotations

import streamlit as st

from lises_reflect import freetext, tagging, turn_rules, ui
from lises_reflect import state_keys as K
from lises_reflect.provenance import research_line
from lises_reflect.session_rules import (
    fit_link_choice,
    referenced_turns,
    turn_markdown,
    turns_to_read,
    writes,
)
from lises_reflect.session_ui.context import SessionContext
from lises_reflect.session_ui.fields import contribution_box, others
from lises_reflect.tagging import LinkView


def excerpt_panel(ctx: SessionContext, expanded: bool = False) -> None:
    v, talk = ctx.view, ctx.talk
    with st.expander(ui.tr("session.excerpt"), expanded=expanded):
        if talk.parse_error or not talk.turns:
            ui.plain(v.excerpt)
            return
        marked = referenced_turns(v.contributions, len(talk.turns))
        for t in turns_to_read(talk.turns, talk.reveal_upto, ctx.readonly):
            prefix = ":material/arrow_forward: " if t.number in marked else ""
            st.markdown(prefix + turn_markdown(t, ctx.lang))
        if marked:
            st.caption(ui.tr("talk.referenced", turns=", ".join(map(str, sorted(marked)))))
        if talk.reveal_upto is not None:
            st.caption(ui.tr("talk.hidden_turns", shown=talk.reveal_upto, total=len(talk.turns)))


def reveal_controls(ctx: SessionContext) -> None:
    """Step-by-step reading: at a citizen turn the group first imagines the next turns."""
    talk, sid = ctx.talk, ctx.sid
    if not talk.turns or ctx.readonly:
        return
    upto = talk.reveal_upto
    if upto is None:
        if st.button(ui.tr("talk.reveal_start"), disabled=ctx.readonly, icon=":material/step:"):
            ui.act(tagging.set_reveal, ctx.engine, ctx.uid, sid, 1)
        return
    last = talk.turns[upto - 1]
    if last.speaker == "citizen":
        st.warning(ui.tr("talk.imagine", turn=last.number), icon=":material/psychology:")
    c1, c2 = st.columns(2)
    if c1.button(ui.tr("talk.reveal_next"), type="primary", icon=":material/skip_next:"):
        ui.act(tagging.set_reveal, ctx.engine, ctx.uid, sid, upto + 1)
    if c2.button(ui.tr("talk.reveal_all"), icon=":material/visibility:"):
        ui.act(tagging.set_reveal, ctx.engine, ctx.uid, sid, None)


def blind_controls(ctx: SessionContext) -> None:
    """Blind tagging: everyone tags alone until the bringer shows all tags at once."""
    v, talk, sid = ctx.view, ctx.talk, ctx.sid
    if talk.tags_hidden:
        key = "talk.blind_on_bringer" if v.is_bringer else "talk.blind_on"
        st.info(ui.tr(key, bringer=ui.md(v.bringer_name)), icon=":material/visibility_off:")
        if v.is_bringer and st.button(
            ui.tr("talk.blind_reveal"),
            type="primary",
            disabled=ctx.readonly,
            icon=":material/visibility:",
            key=K.in_session("reveal_tags", sid),
        ):
            ui.act(tagging.reveal_tags, ctx.engine, ctx.uid, sid)
    elif talk.tagging_mode != "open":
        st.success(ui.tr("talk.blind_revealed"), icon=":material/visibility:")
    elif v.is_bringer and st.button(
        ui.tr("talk.blind_start"),
        help=ui.tr("talk.blind_start_help"),
        disabled=ctx.readonly,
        icon=":material/visibility_off:",
        key=K.in_session("blind_tags", sid),
    ):
        ui.act(tagging.start_blind_tagging, ctx.engine, ctx.uid, sid)


def tag_turns(ctx: SessionContext) -> None:
    talk, cat, lang, sid = ctx.talk, ctx.cat, ctx.lang, ctx.sid
    if not talk.tags_hidden:  # while blind, the blind note says who sees what
        st.caption(ui.tr("talk.tag_note"))
    if talk.parse_error:
        st.warning(ui.tr("talk.parse_error"))
        return
    blind_controls(ctx)
    saved_key = K.in_session("tags_saved", sid)
    for t in turn_rules.visible(talk.turns, talk.reveal_upto):
        # Half the width for the tags: long tag names stay readable as chips.
        left, right = st.columns([1, 1])
        left.markdown(turn_markdown(t, ctx.lang))
        if t.others:
            left.caption(
                " · ".join(
                    f"{name}: " + ", ".join(cat.tag(x).label.get(lang) for x in tags)
                    for name, tags in sorted(t.others.items())
                )
            )
        options = [tag.id for tag in cat.tags_for(t.speaker)]

        def on_tags(number: int = t.number) -> None:
            chosen = st.session_state[K.in_session("tags", sid, number)]
            ok, _ = ui.call(tagging.set_turn_tags, ctx.engine, ctx.uid, sid, number, chosen)
            st.session_state[saved_key] = number if ok else None

        tags_key = ui.synced(
            K.in_session("tags", sid, t.number), [x for x in t.my_tags if x in options]
        )
        right.multiselect(
            ui.tr("talk.my_tags", turn=t.number),
            options,
            format_func=lambda x: cat.tag(x).label.get(lang),
            default=ui.held(tags_key),
            key=tags_key,
            on_change=on_tags,
            disabled=ctx.readonly,
            label_visibility="collapsed",
            placeholder=ui.tr("talk.tag_placeholder", turn=t.number),
            select_all=False,
        )
        if st.session_state.get(saved_key) == t.number:
            right.caption(ui.tr("talk.tags_saved"))
    tags_about(ctx)  # after the turns: on a phone the first turn stays on the first screen


def tags_about(ctx: SessionContext) -> None:
    """The tags this excerpt offers, each with what it describes and where it comes from:
    the research's words, or the tool's own design. One list for all turns, in catalogue
    order, so the pickers stay one line each."""
    cat, lang = ctx.cat, ctx.lang
    speakers = {t.speaker for t in ctx.talk.turns}
    offered = {tag.id for speaker in speakers for tag in cat.tags_for(speaker)}
    if not offered:
        return
    with st.expander(ui.tr("talk.tags_about")):
        for tag in cat.tags:
            if tag.id in offered:
                st.markdown(f"**{tag.label.get(lang)}** – {tag.description.get(lang)}")
                st.caption(research_line(tag, lang))


def tag_differences(ctx: SessionContext) -> None:
    """The turns where the tags differ ("Tal om denne tur"), and who chose what. No counts,
    no scores: a place to start talking."""
    talk, cat, lang = ctx.talk, ctx.cat, ctx.lang
    if talk.tags_hidden:
        st.info(ui.tr("talk.diff_hidden"), icon=":material/visibility_off:")
        return
    st.caption(ui.tr("talk.diff_note"))
    if not talk.differences:
        st.info(ui.tr("talk.diff_none"))
        return
    by_number = {t.number: t for t in talk.turns}
    for diff in talk.differences:
        with st.container(border=True):
            st.markdown(turn_markdown(by_number[diff.number], ctx.lang))
            st.markdown(f"**:material/forum: {ui.tr('talk.diff_heading')}**")
            for name, tags in diff.choices:
                chosen = ", ".join(cat.tag(x).label.get(lang) for x in tags)
                st.markdown(f"- {ui.md(name)}: {chosen or '_' + ui.tr('talk.diff_no_tag') + '_'}")


def gribning_links(ctx: SessionContext) -> None:
    talk, cat, lang, sid = ctx.talk, ctx.cat, ctx.lang, ctx.sid
    st.caption(ui.tr("talk.link_note"))
    if not any(t.speaker == "citizen" for t in talk.turns):
        st.info(ui.tr("talk.no_citizen_turns"))
        return
    from_key, to_key, outcome_key, done_key, error_key = (
        K.in_session(name, sid)
        for name in ("link_from", "link_to", "link_outcome", "link_saved", "link_error")
    )
    by_number = {t.number: t for t in talk.turns}
    # Choices from before the group restarted its step-by-step reading may no longer fit.
    # Set only when they must change: a value set by code every run would override the
    # user's next choice in the browser.
    asked = st.session_state.get(from_key)
    picked = st.session_state.get(to_key) or []
    fit = fit_link_choice(talk.turns, talk.reveal_upto, asked, picked)
    sources, source, later = fit.sources, fit.source, fit.targets
    if asked is not None and source is None:
        st.session_state[from_key] = None
    if fit.picked != list(picked):
        st.session_state[to_key] = fit.picked

    def label(n: int) -> str:
        return turn_rules.option_label(by_number[n], lang)

    def on_source() -> None:
        st.session_state[to_key] = []  # the turns after another turn are other turns
        st.session_state.pop(done_key, None)
        st.session_state.pop(error_key, None)

    def on_save() -> None:
        chosen_from = st.session_state.get(from_key)
        chosen_to = list(st.session_state.get(to_key) or [])
        outcome = st.session_state.get(outcome_key)
        if outcome is None:
            st.session_state[error_key] = ui.tr("error.choose_outcome")
            return
        try:
            tagging.save_link(ctx.engine, ctx.uid, sid, chosen_from, chosen_to, outcome)
        except ui.USER_ERRORS as err:
            st.session_state[error_key] = ui.error_text(err)
            return
        st.session_state.pop(error_key, None)
        st.session_state[done_key] = ui.tr(
            "talk.link_saved", source=chosen_from, targets=", ".join(map(str, sorted(chosen_to)))
        )
        st.session_state[from_key] = None
        st.session_state[to_key] = []
        st.session_state[outcome_key] = None

    text_col, form_col = st.columns([1, 1], gap="large")
    with text_col:
        st.markdown(f"**{ui.tr('talk.link_transcript')}**")
        chosen = set(st.session_state.get(to_key) or [])
        # Not a scrolling box: a scroll region without anything focusable in it cannot be
        # scrolled by keyboard (axe: scrollable-region-focusable).
        with st.container():
            for t in turn_rules.visible(talk.turns, talk.reveal_upto):
                mark = (
                    ":material/record_voice_over: "
                    if t.number == source
                    else ":material/subdirectory_arrow_right: "
                    if t.number in chosen
                    else ""
                )
                st.markdown(mark + turn_markdown(t, ctx.lang))
        if talk.reveal_upto is not None:
            st.caption(ui.tr("talk.hidden_turns", shown=talk.reveal_upto, total=len(talk.turns)))
    with form_col:
        if not sources:
            st.info(ui.tr("talk.no_linkable"))
        st.selectbox(
            ui.tr("talk.link_from"),
            sources,
            index=None,
            format_func=label,
            placeholder=ui.tr("talk.choose_source"),
            key=from_key,
            on_change=on_source,
            disabled=ctx.readonly or not sources,
        )
        st.multiselect(
            ui.tr("talk.link_to"),
            later,
            format_func=label,
            placeholder=ui.tr("talk.choose_targets" if source else "talk.source_first"),
            select_all=False,
            key=to_key,
            disabled=ctx.readonly or source is None,
        )
        outcome = st.radio(
            ui.tr("talk.outcome"),
            [o.id for o in cat.link_outcomes],
            index=None,
            format_func=lambda o: cat.outcome(o).label.get(lang),
            captions=[research_line(o, lang) for o in cat.link_outcomes],
            key=outcome_key,
        )
        st.caption(ui.tr("vis.group"))
        complete = bool(source and st.session_state.get(to_key) and outcome)
        st.button(
            ui.tr("talk.save_link"),
            type="primary",
            disabled=ctx.readonly or not complete,
            on_click=on_save,
            key=K.in_session("save_link", sid),
        )
        # Kept until the next choice (not popped when shown): the page redraws itself whenever
        # someone else saves something, and a one-time message would vanish at once.
        if error := st.session_state.get(error_key):
            st.error(error)
        elif done := st.session_state.get(done_key):
            st.success(done)
        elif not complete and not ctx.readonly:
            st.caption(ui.tr("talk.link_incomplete"))
    if talk.links:
        st.markdown(f"**{ui.tr('talk.links_saved_heading')}**")
    for link in talk.links:
        cols = st.columns([5, 1])
        cols[0].markdown(link_line(ctx, link))
        if (
            link.mine
            and not ctx.readonly
            and cols[1].button(ui.tr("talk.delete_link"), key=K.item("dl", link.from_turn))
        ):
            ui.act(tagging.delete_link, ctx.engine, ctx.uid, sid, link.from_turn)


def links_record(ctx: SessionContext) -> None:
    """The gribning links of a finished session, read-only (no form to fill in)."""
    if not ctx.talk.links:
        st.caption(ui.tr("talk.link_note"))
    for link in ctx.talk.links:
        st.markdown(link_line(ctx, link))


def link_line(ctx: SessionContext, link: LinkView) -> str:
    """A saved gribning link: from which turn, to which, what came of it, and whose it is."""
    to = ", ".join(map(str, link.to_turns))
    outcome = ctx.cat.outcome(link.outcome).label.get(ctx.lang)
    return (
        f"**{ui.tr('talk.turn')} {link.from_turn}** → {to}: "
        f"{outcome} · _{freetext.md_escape(link.annotator)}_"
    )


def summary_panel(ctx: SessionContext) -> None:
    talk, cat, lang = ctx.talk, ctx.cat, ctx.lang
    summary = talk.summary
    st.caption(ui.tr("talk.summary_note"))
    st.markdown(
        ui.tr(
            "talk.summary_turns",
            turns=summary.turns,
            citizen=summary.citizen_turns,
            caseworker=summary.caseworker_turns,
        )
    )
    if summary.meaning_making_turns:
        st.markdown(
            ui.tr(
                "talk.summary_meaning",
                count=len(summary.meaning_making_turns),
                turns=", ".join(map(str, summary.meaning_making_turns)),
            )
        )
        for n, outcomes in summary.after.items():
            said = ", ".join(cat.outcome(o).label.get(lang).lower() for o in outcomes) or ui.tr(
                "talk.no_outcome"
            )
            st.markdown(f"- {ui.tr('talk.turn')} {n}: {said}")
    else:
        st.markdown(ui.tr("talk.summary_no_meaning"))
    if summary.institutional_share is not None:
        st.markdown(
            ui.tr(
                "talk.summary_institutional",
                count=summary.institutional_turns,
                total=summary.caseworker_turns,
                share=round(100 * summary.institutional_share),
            )
        )


def observations(ctx: SessionContext) -> None:
    v, cat, lang = ctx.view, ctx.cat, ctx.lang
    if v.is_bringer:
        st.caption(ui.tr("describe.bringer_note"))
    else:
        with st.expander(ui.tr("describe.stems")):
            for stem in cat.observation_stems:
                st.markdown(f"- {stem.get(lang)}")
    for lens_id in v.lenses:
        lens = cat.lens(lens_id)
        st.subheader(lens.title.get(lang))
        st.caption(lens.description.get(lang))
        st.caption(research_line(lens, lang))
        for q in lens.questions:
            st.markdown(f"**{q.text.get(lang)}**")
            if q.source != lens.source:  # the lens's own quote is shown once, above
                st.caption(research_line(q, lang))
            if "observation" in writes(4, v.is_bringer):
                contribution_box(
                    ctx,
                    "observation",
                    q.id,
                    ui.tr("describe.my_observation"),
                    "vis.group",
                    height=100,
                )
            others(ctx, "observation", q.id)
