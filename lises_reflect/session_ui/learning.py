"""Phase 7: the learning points (text, category, sharing) and the bringer's choice to share
the excerpt, without names, with FLIP facilitators."""

from __future__ import annotations

import streamlit as st

from lises_reflect import sessions, ui
from lises_reflect import state_keys as K
from lises_reflect.session_rules import option_label
from lises_reflect.session_ui.context import SessionContext
from lises_reflect.session_ui.fields import synced_toggle


def phase_learning(ctx: SessionContext) -> None:
    v, cat, sid = ctx.view, ctx.cat, ctx.sid
    categories = [o.id for o in cat.learning_categories]
    share_label = {
        None: ui.tr("learning.share_unset"),
        True: ui.tr("learning.share_yes"),
        False: ui.tr("learning.share_no"),
    }
    for position in range(1, sessions.MAX_LEARNING_POINTS + 1):
        lp = v.learning_point(position)
        with st.container(border=True):
            st.markdown(f"**{ui.tr('learning.point', number=position)}**")

            def save(text: str, base, clear: bool = False, position: int = position) -> int:
                return sessions.save_learning_point(
                    ctx.engine, ctx.uid, sid, position, text, base.version, clear=clear
                )

            ui.autosave_text(
                K.session_text(sid, "lp", position),
                ui.tr("learning.text"),
                lp.text if lp else "",
                lp.version if lp else 0,
                save,
                field="learning_point",
                hints=True,
                visibility="vis.bringer_decides",
                height=90,
                disabled=ctx.readonly or bool(lp and lp.shared),
            )
            if lp and lp.shared and not ctx.readonly:
                st.caption(ui.tr("learning.frozen_shared"))
            has_text = bool(lp and lp.text.strip())

            def on_category(position: int = position) -> None:
                value = st.session_state[K.in_session("lpcat", sid, position)]
                ui.call(
                    sessions.set_learning_point_category, ctx.engine, ctx.uid, sid, position, value
                )

            cat_key = ui.synced(K.in_session("lpcat", sid, position), lp.category if lp else None)
            st.selectbox(
                ui.tr("learning.category"),
                categories,
                index=ui.held_index(categories, cat_key),
                format_func=lambda k: option_label(cat.learning_categories, k, ctx.lang),
                key=cat_key,
                on_change=on_category,
                disabled=ctx.readonly or not has_text or bool(lp and lp.shared),
                placeholder=ui.tr("prep.choose"),
            )
            if v.is_bringer:

                def on_share(
                    position: int = position, version: int | None = lp.version if lp else None
                ) -> None:
                    value = st.session_state[K.in_session("lpshare", sid, position)]
                    if value is not None:
                        ui.call(
                            sessions.set_learning_point_sharing,
                            ctx.engine,
                            ctx.uid,
                            sid,
                            position,
                            value,
                            version,  # the yes is to the text shown
                        )

                share_key = ui.synced(
                    K.in_session("lpshare", sid, position), lp.shared if lp else None
                )
                st.radio(
                    ui.tr("learning.share"),
                    [True, False],
                    index=ui.held_index([True, False], share_key),
                    format_func=lambda b: share_label[b],
                    key=share_key,
                    on_change=on_share,
                    disabled=ctx.readonly or not has_text,
                    horizontal=True,
                )
            else:
                st.caption(f"{ui.tr('learning.share')}: {share_label[lp.shared if lp else None]}")
    excerpt_sharing(ctx)


def excerpt_sharing(ctx: SessionContext) -> None:
    """The bringer's own choice, also after the session: FLIP facilitators may read the
    excerpt without any name, date or team."""
    v = ctx.view
    with st.container(border=True):
        if not v.is_bringer:
            st.caption(ui.tr("share_excerpt.yes" if v.excerpt_shared else "share_excerpt.no"))
            return
        synced_toggle(
            ctx,
            "excerptshare",
            v.excerpt_shared,
            sessions.set_excerpt_sharing,
            ui.tr("share_excerpt.label"),
            disabled=not v.excerpt.strip(),
        )
        st.caption(ui.tr("share_excerpt.help"))
