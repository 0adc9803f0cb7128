"""One renderer per phase of the session (`RENDERERS`), each taking the page's context."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from lises_reflect import sessions, ui
from lises_reflect import state_keys as K
from lises_reflect.catalogue import Lens
from lises_reflect.provenance import research_line
from lises_reflect.session_rules import NO_CHOICE, option_label, prepares, writes
from lises_reflect.session_ui.context import SessionContext
from lises_reflect.session_ui.fields import contribution_box, others, session_text_box
from lises_reflect.session_ui.learning import phase_learning
from lises_reflect.session_ui.speaker_step import excerpt_widget, needs_step, speaker_step
from lises_reflect.session_ui.talk import (
    excerpt_panel,
    gribning_links,
    links_record,
    observations,
    reveal_controls,
    summary_panel,
    tag_differences,
    tag_turns,
)
from lises_reflect.transcript import ACCEPTED_EXTENSIONS, read_upload


def phase_preparation(ctx: SessionContext) -> None:
    v, cat, lang, sid = ctx.view, ctx.cat, ctx.lang, ctx.sid
    if not prepares(1, v.is_bringer):
        st.write(ui.tr("prep.listener_note", bringer=ui.md(v.bringer_name)))
        situation = [option_label(cat.situation_categories, x, lang) for x in v.situation]
        for label, chosen in (
            ("prep.kind", [option_label(cat.conversation_kinds, v.conversation_kind, lang)]),
            ("prep.situation", situation),
            ("prep.lenses", [cat.lens(lid).title.get(lang) for lid in v.lenses]),
        ):
            st.markdown(f"**{ui.tr(label)}:** {', '.join(chosen) or NO_CHOICE}")
        about_lenses(ctx, [cat.lens(lid) for lid in v.lenses])
        excerpt_panel(ctx, expanded=True)
        return
    session_text_box(ctx, "title", ui.tr("new.session_title"), v.title, height=68)

    ok, team = ui.call(sessions.colleagues, ctx.engine, ctx.uid)
    team = team if ok else []
    names = dict(team)
    current = [p.user_id for p in v.participants if p.role == "listener"]
    for p in v.participants:
        names.setdefault(p.user_id, p.name)

    def on_listeners() -> None:
        chosen = ui.within_limit(
            st.session_state[K.in_session("listeners", sid)], sessions.MAX_LISTENERS
        )
        ok, _ = ui.call(sessions.set_listeners, ctx.engine, ctx.uid, sid, chosen)
        if not ok:
            st.session_state[K.in_session("listeners", sid)] = current

    ui.limited_multiselect(
        ui.tr("prep.listeners"),
        list(names),
        limit=sessions.MAX_LISTENERS,
        default=current,
        format_func=lambda u: names.get(u, "?"),
        placeholder=ui.tr("prep.choose"),
        key=K.in_session("listeners", sid),
        on_change=on_listeners,
        disabled=ctx.readonly,
        help=ui.tr("prep.listeners_help"),
    )

    def on_choice(kind: str) -> None:
        value = st.session_state[K.in_session(kind, sid)]
        ui.call(sessions.update_choices, ctx.engine, ctx.uid, sid, **{kind: value})

    def choice(widget, name: str, label: str, options: list[str], fmt, **kw) -> None:
        widget(
            label,
            options,
            format_func=fmt,
            key=K.in_session(name, sid),
            on_change=on_choice,
            args=(name,),
            disabled=ctx.readonly,
            placeholder=ui.tr("prep.choose"),
            **kw,
        )

    kinds = [o.id for o in cat.conversation_kinds]
    index = kinds.index(v.conversation_kind) if v.conversation_kind in kinds else None
    choice(
        st.selectbox,
        "conversation_kind",
        ui.tr("prep.kind"),
        kinds,
        lambda k: option_label(cat.conversation_kinds, k, lang),
        index=index,
    )
    choice(
        st.multiselect,
        "situation",
        ui.tr("prep.situation"),
        [o.id for o in cat.situation_categories],
        lambda k: option_label(cat.situation_categories, k, lang),
        default=v.situation,
        select_all=False,
        help=ui.tr("prep.situation_help"),
    )
    choice(
        st.multiselect,
        "lenses",
        ui.tr("prep.lenses"),
        [lens.id for lens in cat.lenses],
        lambda k: (
            cat.lens(k).title.get(lang)
            + (f" ({ui.tr('prep.optional')})" if cat.lens(k).optional else "")
        ),
        default=v.lenses,
        select_all=False,
    )
    about_lenses(ctx, cat.lenses)
    st.caption(ui.tr("vis.group"))

    def on_upload() -> None:
        upload = st.session_state.get(K.in_session("upload", sid))
        if upload is None:
            return
        try:
            text = read_upload(upload.name, upload.getvalue())
        except ui.USER_ERRORS as err:
            st.session_state[K.in_session("upload_error", sid)] = ui.error_text(err)
            return
        st.session_state.pop(K.in_session("upload_error", sid), None)
        # Into the field first: if the save is refused, the uploaded text is still there.
        st.session_state[excerpt_widget(sid)] = text
        # A transcription tool's file names people: nothing is saved before the speaker step,
        # and no "saved" from before stands under the field meanwhile.
        tool_file = needs_step(text)
        st.session_state[K.in_session("upload_pending", sid)] = not tool_file
        if tool_file:
            st.session_state.pop(K.autosave(K.session_text(sid, "excerpt")).status, None)

    st.file_uploader(
        ui.tr("prep.upload"),
        type=[extension.lstrip(".") for extension in ACCEPTED_EXTENSIONS],
        key=K.in_session("upload", sid),
        on_change=on_upload,
        disabled=ctx.readonly,
        help=ui.tr("prep.upload_help"),
    )
    if st.session_state.get(K.in_session("upload_error", sid)):
        st.error(st.session_state[K.in_session("upload_error", sid)])
    session_text_box(
        ctx,
        "excerpt",
        ui.tr("prep.excerpt"),
        v.excerpt,
        height=320,
        help=ui.tr("prep.excerpt_help"),
        placeholder=ui.tr("prep.excerpt_placeholder"),
    )
    speaker_step(ctx)


def about_lenses(ctx: SessionContext, lenses: Sequence[Lens]) -> None:
    """What each lens looks at, and where it comes from in the research."""
    if not lenses:
        return
    with st.expander(ui.tr("prep.about_lenses")):
        for lens in lenses:
            st.markdown(f"**{lens.title.get(ctx.lang)}** – {lens.description.get(ctx.lang)}")
            st.caption(research_line(lens, ctx.lang))


def phase_framing(ctx: SessionContext) -> None:
    v, cat, lang, sid = ctx.view, ctx.cat, ctx.lang, ctx.sid
    for rule in cat.ground_rules:
        st.markdown(f"- {rule.label.get(lang)}")
    # Said once for the rules the tool set itself, and by each rule the research gave.
    for line in dict.fromkeys(research_line(rule, lang) for rule in cat.ground_rules):
        st.caption(line)
    me = next(p for p in v.participants if p.user_id == ctx.uid)
    if me.acknowledged:
        st.success(ui.tr("rules.acknowledged"))
    elif st.button(ui.tr("rules.acknowledge"), type="primary", disabled=ctx.readonly):
        ui.act(sessions.acknowledge_rules, ctx.engine, ctx.uid, sid)
    waiting = [p.name for p in v.participants if not p.acknowledged]
    if waiting:
        st.caption(ui.tr("rules.waiting", names=", ".join(ui.md(n) for n in waiting)))


def phase_context(ctx: SessionContext) -> None:
    v, cat, lang = ctx.view, ctx.cat, ctx.lang
    st.subheader(cat.opening_question.get(lang))
    if "context_wish" in writes(3, v.is_bringer):
        session_text_box(ctx, "context_wish", ui.tr("context.label"), v.context_wish)
    else:
        st.caption(ui.tr("context.listener_note", bringer=ui.md(v.bringer_name)))
        ui.plain(v.context_wish)
    excerpt_panel(ctx)


def phase_describe(ctx: SessionContext) -> None:
    v, talk = ctx.view, ctx.talk
    if v.context_wish:
        st.caption(ui.tr("context.reminder"))
        ui.plain(v.context_wish)
    reveal_controls(ctx)
    # Untracked: the session page's tabs keep their place on a rerun (nothing above them comes
    # and goes), and a tracked tab's own rerun raced the keyboard in CI.
    tabs = st.tabs(
        [
            ui.tr("talk.tab_turns"),
            ui.tr("talk.tab_differences"),
            ui.tr("talk.tab_links"),
            ui.tr("talk.tab_observations"),
            ui.tr("talk.tab_summary"),
        ],
    )
    with tabs[0]:
        tag_turns(ctx)
    with tabs[1]:
        tag_differences(ctx)
    with tabs[2]:
        if ctx.readonly:
            links_record(ctx)
        else:
            gribning_links(ctx)
    with tabs[3]:
        excerpt_panel(ctx)
        observations(ctx)
    with tabs[4]:
        if talk.tags_hidden:
            st.caption(ui.tr("talk.summary_own_only"))
        summary_panel(ctx)


def phase_reflect(ctx: SessionContext) -> None:
    v, cat, lang = ctx.view, ctx.cat, ctx.lang
    excerpt_panel(ctx)
    if "reflection" not in writes(5, v.is_bringer):
        st.caption(ui.tr("reflect.bringer_note"))
    else:
        stems = " / ".join(s.get(lang) for s in cat.reflection_stems[:3])
        contribution_box(
            ctx, "reflection", "", ui.tr("reflect.my_reflection"), "vis.group", placeholder=stems
        )
    others(ctx, "reflection")


def phase_response(ctx: SessionContext) -> None:
    v = ctx.view
    if "struck" in writes(6, v.is_bringer):
        contribution_box(ctx, "struck", "", ui.tr("response.struck"), "vis.group")
        contribution_box(ctx, "takeaway", "", ui.tr("response.takeaway"), "vis.private")
    else:
        st.caption(ui.tr("response.listener_note", bringer=ui.md(v.bringer_name)))
        others(ctx, "struck")


def phase_closing(ctx: SessionContext) -> None:
    v, cat, lang, sid = ctx.view, ctx.cat, ctx.lang, ctx.sid
    for q in cat.closing_questions:
        st.markdown(f"- {q.get(lang)}")
    st.subheader(ui.tr("closing.check"))
    if v.process_check_done:
        st.success(ui.tr("closing.check_done"))
    elif ctx.readonly:
        st.caption(ui.tr("record.process_check_closed"))
    else:
        with st.form(K.in_session("check", sid)):
            score = st.radio(
                ui.tr("closing.safe_frame"),
                [1, 2, 3, 4, 5],
                index=None,
                horizontal=True,
                format_func=lambda n: (
                    f"{n} – {ui.tr(f'closing.scale.{n}')}" if n in (1, 5) else str(n)
                ),
            )
            st.caption(ui.tr("vis.anonymous"))
            sent = st.form_submit_button(ui.tr("closing.send"))
        if sent:
            if score is None:
                st.error(ui.tr("error.scale"))
            else:
                ui.act(sessions.submit_process_check, ctx.engine, ctx.uid, sid, score)
    if v.is_bringer and not ctx.readonly:
        st.divider()
        st.write(ui.tr("closing.finish_note"))
        finish_with_confirmation(ctx)


def finish_with_confirmation(ctx: SessionContext) -> None:
    """Two steps: first say plainly what finishing means, then finish."""
    v, sid = ctx.view, ctx.sid
    asking = K.in_session("confirm_finish", sid)
    if not st.session_state.get(asking):
        if st.button(ui.tr("closing.finish"), type="primary"):
            st.session_state[asking] = True
            st.rerun()
        return
    with st.container(border=True):
        st.warning(
            f"**{ui.tr('finish.confirm_title')}**\n\n{ui.tr('finish.confirm_body')}",
            icon=":material/lock:",
        )
        excerpt_along = st.checkbox(
            ui.tr("finish.excerpt_for_listeners"),
            value=v.excerpt_for_listeners,
            key=K.in_session("finish_excerpt", sid),
            help=ui.tr("finish.excerpt_for_listeners_help"),
        )
        cols = st.columns(2)
        if cols[0].button(ui.tr("finish.confirm"), type="primary"):
            ok, _ = ui.call(sessions.finish_session, ctx.engine, ctx.uid, sid, excerpt_along)
            if ok:
                st.session_state.pop(asking, None)
                st.rerun()
        if cols[1].button(ui.tr("finish.cancel")):
            st.session_state.pop(asking, None)
            st.rerun()


RENDERERS: dict[int, Callable[[SessionContext], None]] = {
    1: phase_preparation,
    2: phase_framing,
    3: phase_context,
    4: phase_describe,
    5: phase_reflect,
    6: phase_response,
    7: phase_learning,
    8: phase_closing,
}


def show(ctx: SessionContext) -> None:
    """The phase on screen, drawn by its renderer."""
    RENDERERS[ctx.shown](ctx)
