"""The top of the session page: title, who takes part, who is here now, and the downloads."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from lises_reflect import export, sessions, tagging, ui
from lises_reflect.session_rules import DownloadFile, own_files, session_files
from lises_reflect.session_ui.context import SessionContext
from lises_reflect.session_ui.fields import synced_toggle

# Narrow screens only: a compact top and tabs that wrap (see the file).
PHONE_CSS = (
    "<style>"
    + (Path(__file__).parent.parent / "static" / "session_phone.css").read_text()
    + "</style>"
)


def show(ctx: SessionContext) -> None:
    """Title, participants and presence, then the downloads (bringer, or a listener's own
    file from a finished record)."""
    v = ctx.view
    st.html(PHONE_CSS)
    st.title(ui.md(v.title) or ui.tr("session.untitled"))
    st.caption(
        ui.tr(
            "session.meta",
            team=ui.md(v.team_name),
            bringer=ui.md(v.bringer_name),
            date=ui.local_time(v.created_at),
        )
        + " · "
        + ui.tr("session.you_are", role=ui.tr("mine.role." + v.my_role))
    )
    # Small print, like the line above: on a phone the phase and the transcript come first.
    st.caption(
        " · ".join(
            f"{ui.md(p.name)} ({ui.tr('mine.role.' + p.role)}"
            + (f", {ui.tr('rules.ok_short')})" if p.acknowledged else ")")
            for p in v.participants
        )
    )
    if ctx.readonly:
        st.success(ui.tr("session.finished_note"))
    live_updates(ctx)
    if v.is_bringer:
        session_downloads(ctx)
    elif ctx.readonly:
        own_downloads(ctx)


@st.fragment(run_every=1)
def live_updates(ctx: SessionContext) -> None:
    """One shared room: others' saved changes show within about a second, without a click.

    A change reruns the whole page. Text a person is typing stays in the browser's field: the
    page writes into a field only what the database holds when the server has that person's
    text there saved already (`ui.autosave_text`), and the field saves itself while typing.
    Works across replicas: the stamp lives in the database. One ask a second: at 0.5 s the
    browser tests showed Streamlit dropping elements and downloads when fragment runs and
    full runs came that close together (bench/propagation.py measures the way of a change)."""
    ok, live = ui.quiet_call(sessions.live_state, ctx.engine, ctx.uid, ctx.sid)
    if not ok:
        return
    if live.stamp != ctx.stamp:
        st.rerun(scope="app")
    ui.presence(live)


def session_downloads(ctx: SessionContext) -> None:
    v = ctx.view
    with st.expander(ui.tr("export.title"), icon=":material/download:", expanded=ctx.readonly):
        st.caption(ui.tr("export.note"))
        download_row(
            session_files(v.title, v.created_at, ctx.lang),
            partial(tagging.export_session, ctx.engine, ctx.uid, ctx.sid, ctx.lang),
            {"pdf": export.handout_pdf, "csv": export.tags_csv, "json": export.session_json},
        )
        if ctx.readonly:
            synced_toggle(
                ctx,
                "excerpt_for_listeners",
                v.excerpt_for_listeners,
                sessions.set_excerpt_for_listeners,
                ui.tr("finish.excerpt_for_listeners"),
                help=ui.tr("finish.excerpt_for_listeners_help"),
            )


def own_downloads(ctx: SessionContext) -> None:
    """A listener's own file from the finished record; what goes in is decided (and
    explained) in tagging.own_contributions."""
    v = ctx.view
    with st.expander(ui.tr("record.own_title"), icon=":material/download:", expanded=True):
        note = "with_excerpt" if v.excerpt_for_listeners else "without_excerpt"
        st.caption(ui.tr(f"record.own_note_{note}", bringer=ui.md(v.bringer_name)))
        download_row(
            own_files(v.created_at, ctx.lang),
            partial(tagging.own_contributions, ctx.engine, ctx.uid, ctx.sid, ctx.lang),
            {"txt": export.contributions_text, "json": export.contributions_json},
        )


def download_row(
    files: Sequence[DownloadFile],
    read: Callable[[], Any],
    writers: Mapping[str, Callable[[Any], bytes]],
) -> None:
    """One button per file, side by side; each file is read and built only when it is
    clicked."""
    for col, f in zip(st.columns(len(files)), files, strict=True):
        col.download_button(
            ui.tr(f.label_key),
            data=lambda write=writers[f.kind]: write(read()),
            file_name=f.file_name,
            mime=f.mime,
            on_click="ignore",
            key=f.widget_key,
        )
