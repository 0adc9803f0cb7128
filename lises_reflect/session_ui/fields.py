"""The autosaving texts of the session page, and the others' texts beside them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from lises_reflect import sessions, ui
from lises_reflect import state_keys as K
from lises_reflect.session_ui.context import SessionContext


def session_text_box(ctx: SessionContext, name: str, label: str, value: str, **kw: Any) -> None:
    """One of the bringer's session texts; its saved value is its own version."""
    sid = ctx.sid

    def save(text: str, base, clear: bool = False) -> str:
        return sessions.update_text(ctx.engine, ctx.uid, sid, name, text, base.text, clear=clear)

    if name == "excerpt" and st.session_state.pop(K.in_session("upload_pending", sid), False):
        ui.save_now(K.session_text(sid, name), value, 0, save)
        # The page's view was read before this save: it is not another tab's newer text.
        value = st.session_state[K.autosave(K.session_text(sid, name)).base].text

    ui.autosave_text(
        K.session_text(sid, name),
        label,
        value,
        0,
        save,
        field=name,
        visibility="vis.group",
        disabled=ctx.readonly,
        **kw,
    )


def contribution_box(
    ctx: SessionContext, kind: str, slot: str, label: str, visibility: str, **kw: Any
) -> None:
    """One of the caller's own texts; its saved version is the contribution's."""
    mine = ctx.view.mine(kind, slot)

    def save(text: str, base, clear: bool = False) -> int:
        return sessions.save_contribution(
            ctx.engine, ctx.uid, ctx.sid, kind, slot, text, base.version, clear=clear
        )

    kw.setdefault("hints", kind in ("observation", "reflection"))
    ui.autosave_text(
        K.session_text(ctx.sid, kind, slot),
        label,
        mine.text if mine else "",
        mine.version if mine else 0,
        save,
        field=kind,
        visibility=visibility,
        disabled=ctx.readonly,
        **kw,
    )


def others(ctx: SessionContext, kind: str, slot: str | None = None) -> None:
    shown = [c for c in ctx.view.others(kind) if slot is None or c.slot == slot]
    for c in shown:
        if c.text.strip():
            with st.container(border=True):
                st.caption(ui.md(c.author_name))
                ui.plain(c.text)


def synced_toggle(
    ctx: SessionContext,
    name: str,
    stored: bool,
    service: Callable[..., Any],
    label: str,
    **kw: Any,
) -> None:
    """One of the bringer's yes/no choices: `service` stores it when flipped, and a change
    from another tab shows (`ui.synced`)."""
    key = ui.synced(K.in_session(name, ctx.sid), stored)

    def on_change() -> None:
        ui.call(service, ctx.engine, ctx.uid, ctx.sid, st.session_state[key])

    st.toggle(label, value=bool(ui.held(key)), key=key, on_change=on_change, **kw)
