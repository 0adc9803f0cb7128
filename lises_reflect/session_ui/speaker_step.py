"""The speaker step under the excerpt field: a transcription tool's file names people, so the
bringer gives each speaker a role before anything is saved (`speakers`)."""

from __future__ import annotations

import hashlib
import re

import streamlit as st

from lises_reflect import speakers, ui
from lises_reflect import state_keys as K
from lises_reflect.i18n import whole_number
from lises_reflect.session_ui.context import SessionContext
from lises_reflect.transcript import MAX_TURNS, Source, Speaker


def excerpt_widget(sid: int) -> str:
    return K.autosave(K.session_text(sid, "excerpt")).widget


def needs_step(text: str) -> bool:
    """A text that must pass the speaker step before it is saved."""
    return speakers.step_source(text) is not None


def speaker_step(ctx: SessionContext) -> None:
    sid, lang = ctx.sid, ctx.lang
    done = st.session_state.pop(K.in_session("speakers_done", sid), None)
    if done is not None:
        st.success(ui.tr("speakers.done", turns=done), icon=":material/check:")
    source = speakers.step_source(st.session_state.get(excerpt_widget(sid)) or "")
    if ctx.readonly or source is None:
        return
    with st.container(border=True):
        st.markdown(f"**{ui.tr('speakers.heading')}**")
        if source.format == "lines":
            st.caption(ui.tr("speakers.intro_names"))
        else:
            format_name = ui.tr(speakers.FORMAT_NAMES[source.format])
            st.caption(ui.tr("speakers.intro_tool", format=format_name))
        roles = {sp.key: _role_choice(sid, sp) for sp in source.speakers}
        first, last = _span_choice(sid, source, lang)
        try:
            excerpt = speakers.to_excerpt(source, roles, first, last, lang)
        except ui.USER_ERRORS as err:
            st.info(ui.error_text(err))
            excerpt = None
        if excerpt is not None and excerpt.replaced:
            hits = ", ".join(
                ui.tr("speakers.hit", name=ui.md(h.name), turn=h.turn) for h in excerpt.replaced
            )
            st.warning(ui.tr("speakers.replaced", hits=hits), icon=":material/badge:")
        st.button(
            ui.tr("speakers.use"),
            type="primary",
            disabled=excerpt is None,
            on_click=_use,
            args=(sid, excerpt),
            key=K.in_session("speakers_use", sid),
        )


def _role_choice(sid: int, sp: Speaker) -> str | None:
    # Keyed by the speaker as the source names it, so a choice survives edits of the text.
    key = K.in_session("speaker_role", sid, hashlib.sha1(sp.key.encode()).hexdigest()[:12])
    if key not in st.session_state and sp.role is not None:
        st.session_state[key] = sp.role
    return st.selectbox(
        ui.tr("speakers.role", name=_label_text(sp.name), first_words=_label_text(sp.first_words)),
        speakers.ROLES,
        index=None,
        format_func=lambda role: ui.tr(f"speaker.{role}").capitalize(),
        placeholder=ui.tr("speakers.choose"),
        key=key,
    )


# Words and the punctuation of speech, not at the start of a line: no Markdown in a label.
_PLAIN = re.compile(r"(?![-+\d])[\w\s'’,.:;?!…()-]*")


def _label_text(text: str) -> str:
    """User text in a widget label: as it is when it cannot be Markdown, since the label is
    also the field's accessible name, read out with every backslash; escaped otherwise."""
    return text if _PLAIN.fullmatch(text) else ui.md(text)


def _span_choice(sid: int, source: Source, lang: str) -> tuple[int, int]:
    """The whole file when it fits an excerpt; else the bringer picks the part."""
    total = len(source.turns)
    first, last = speakers.default_span(source)
    if (first, last) == (1, total):
        return first, last
    st.caption(
        ui.tr(
            "speakers.span_help",
            total=whole_number(total, lang),
            turns=whole_number(MAX_TURNS, lang),
            chars=whole_number(speakers.MAX_CHARS, lang),
        )
    )

    def option(number: int) -> str:
        start = source.turns[number - 1].start
        time = speakers.clock(start) if start is not None else "–"
        return ui.tr("speakers.turn_option", number=number, time=time)

    chosen = st.select_slider(
        ui.tr("speakers.span"),
        options=list(range(1, total + 1)),
        value=(first, last),
        format_func=option,
        key=K.in_session("speaker_span", sid),
    )
    return int(chosen[0]), int(chosen[1])


def _use(sid: int, excerpt: speakers.Excerpt | None) -> None:
    """Into the field, then saved as if typed: the text now names roles only."""
    if excerpt is None:
        return
    st.session_state[excerpt_widget(sid)] = excerpt.text
    st.session_state[K.in_session("upload_pending", sid)] = True
    st.session_state[K.in_session("speakers_done", sid)] = excerpt.turns
