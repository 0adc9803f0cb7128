"""Refleksion: one Lån et øre session, phase by phase, for the bringer and the listeners."""

from __future__ import annotations

import streamlit as st

from lises_reflect import export, freetext, sessions, tagging, turn_rules, ui
from lises_reflect.sessions import SessionView
from lises_reflect.transcript import read_upload

uid = ui.require_role("caseworker")
engine = ui.engine()
cat = sessions.catalogue()
lang = ui.lang()

raw = st.query_params.get("s") or st.session_state.get("current_session")
try:
    sid = int(raw) if raw is not None else None
except (TypeError, ValueError):
    sid = None
if sid is None:
    st.info(ui.tr("error.no_session_selected"))
    st.page_link(ui.PAGES["mine"], label=ui.tr("nav.mine"), icon=":material/menu_book:")
    st.stop()

ok, view = ui.call(sessions.session_view, engine, uid, sid)
if not ok:
    st.page_link(ui.PAGES["mine"], label=ui.tr("nav.mine"), icon=":material/menu_book:")
    st.stop()
st.session_state["current_session"] = sid
if st.query_params.get("s") != str(sid):
    st.query_params["s"] = str(sid)
v: SessionView = view
readonly = v.finished
ok, talk = ui.call(tagging.talk_view, engine, uid, sid)
if not ok:
    st.stop()
SPEAKER_BADGE = {"caseworker": "blue", "citizen": "orange", "other": "gray"}
ui.live_typing()


# ---------------------------------------------------------------- header and live updates

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
st.markdown(
    " · ".join(
        f"{ui.md(p.name)} ({ui.tr('mine.role.' + p.role)}"
        + (f", {ui.tr('rules.ok_short')})" if p.acknowledged else ")")
        for p in v.participants
    )
)
if readonly:
    st.success(ui.tr("session.finished_note"))

# What this run of the page shows; the fragment below compares it with the database.
stamp = ui.call(sessions.session_stamp, engine, uid, sid)[1]


@st.fragment(run_every=1)
def live_updates() -> None:
    """One shared room: others' saved changes show within about a second, without a click.

    A change reruns the whole page. Text a person is typing stays in the browser's field
    (the page never writes into a field the person has unsaved text in), and it is saved by
    the field itself while typing. Works across replicas: the stamp lives in the database."""
    ok, live = ui.quiet_call(sessions.live_state, engine, uid, sid)
    if not ok:
        return
    if live.stamp != stamp:
        st.rerun(scope="app")
    ui.presence(live)


live_updates()

if v.is_bringer:
    with st.expander(ui.tr("export.title"), icon=":material/download:", expanded=readonly):
        st.caption(ui.tr("export.note"))

        def build(kind: str):
            def make() -> bytes:
                data = tagging.export_session(engine, uid, sid, lang)
                return {
                    "pdf": export.handout_pdf,
                    "csv": export.tags_csv,
                    "json": export.session_json,
                }[kind](data)

            return make

        stub = export.SessionExport(
            title=v.title,
            kind_label="",
            created=v.created_at.strftime("%Y-%m-%d"),
            lang=lang,
            turns=(),
            questions=(),
            tags=(),
            links=(),
        )
        mimes = {"pdf": "application/pdf", "csv": "text/csv", "json": "application/json"}
        for col, (kind, mime) in zip(st.columns(3), mimes.items(), strict=True):
            col.download_button(
                ui.tr(f"export.{kind}"),
                data=build(kind),
                file_name=export.filename(stub, kind),
                mime=mime,
                on_click="ignore",
                key=f"export:{kind}",
            )
        if readonly:

            def on_excerpt_for_listeners() -> None:
                value = st.session_state[f"excerpt_for_listeners:{sid}"]
                ui.call(sessions.set_excerpt_for_listeners, engine, uid, sid, value)

            efl_key = ui.synced(f"excerpt_for_listeners:{sid}", v.excerpt_for_listeners)
            st.toggle(
                ui.tr("finish.excerpt_for_listeners"),
                value=bool(ui.held(efl_key)),
                key=efl_key,
                on_change=on_excerpt_for_listeners,
                help=ui.tr("finish.excerpt_for_listeners_help"),
            )
elif readonly:
    # A listener's own file from the finished record; what goes in is decided (and
    # explained) in tagging.own_contributions.
    with st.expander(ui.tr("record.own_title"), icon=":material/download:", expanded=True):
        note = "with_excerpt" if v.excerpt_for_listeners else "without_excerpt"
        st.caption(ui.tr(f"record.own_note_{note}", bringer=ui.md(v.bringer_name)))

        def own(kind: str):
            def make() -> bytes:
                writers = {"txt": export.contributions_text, "json": export.contributions_json}
                return writers[kind](tagging.own_contributions(engine, uid, sid, lang))

            return make

        own_stub = export.ContributionsExport(
            "", "", v.created_at.strftime("%Y-%m-%d"), lang, False, (), (), (), (), (), ()
        )
        own_mimes = {"txt": "text/plain", "json": "application/json"}
        for col, (kind, mime) in zip(st.columns(2), own_mimes.items(), strict=True):
            col.download_button(
                ui.tr(f"record.own_{kind}"),
                data=own(kind),
                file_name=export.contributions_filename(own_stub, kind),
                mime=mime,
                on_click="ignore",
                key=f"own_export:{kind}",
            )

# ---------------------------------------------------------------- phase navigation


def phase_title(number: int) -> str:
    return cat.phases[number - 1].title.get(lang)


# A finished session is a record: each reader picks the phase to read, locally; the stored
# phase does not move. An open session shows the group's phase, which the bringer moves.
shown = v.phase
if readonly:
    shown = st.selectbox(
        ui.tr("record.pick"),
        [p.number for p in cat.phases],
        index=v.phase - 1,
        format_func=lambda n: f"{n}. {phase_title(n)}",
        key=f"record:{sid}",
    )
phase = cat.phases[shown - 1]
st.progress(
    shown / sessions.PHASE_COUNT,
    text=ui.tr(
        "session.phase_of", number=shown, total=sessions.PHASE_COUNT, name=phase.title.get(lang)
    ),
)


def go(target: int) -> None:
    ok, _ = ui.call(sessions.set_phase, engine, uid, sid, target)
    if ok:
        st.rerun()


@st.fragment(run_every=4)
def proposal_notice() -> None:
    """The bringer sees a listener's proposal by itself (stored, so from any replica)."""
    ok, proposal = ui.call(sessions.phase_proposal, engine, uid, sid)
    if not ok or proposal is None:
        return
    with st.container(border=True):
        st.info(
            ui.tr(
                "lead.proposal_for_bringer",
                who=ui.md(proposal.by_name),
                number=proposal.phase,
                name=phase_title(proposal.phase),
            ),
            icon=":material/front_hand:",
        )
        cols = st.columns(2)
        if cols[0].button(ui.tr("lead.follow"), type="primary", key=f"follow:{sid}"):
            ok, _ = ui.call(sessions.set_phase, engine, uid, sid, proposal.phase)
            if ok:
                st.rerun(scope="app")
        if cols[1].button(ui.tr("lead.dismiss"), key=f"dismiss:{sid}"):
            ok, _ = ui.call(sessions.dismiss_proposal, engine, uid, sid)
            if ok:
                st.rerun(scope="app")


def listener_lead() -> None:
    """A listener sees who leads and may propose moving on; only the bringer moves."""
    cols = st.columns([3, 1])
    cols[0].markdown(
        ui.tr("lead.leads", bringer=ui.md(v.bringer_name))
        + " "
        + ui.tr("lead.listener_note", bringer=ui.md(v.bringer_name))
    )
    if v.proposed_phase is not None:
        if v.proposed_by_me:
            text = ui.tr(
                "lead.proposed_by_me",
                name=phase_title(v.proposed_phase),
                bringer=ui.md(v.bringer_name),
            )
        else:
            text = ui.tr(
                "lead.proposed_by_other",
                who=ui.md(v.proposed_by_name),
                name=phase_title(v.proposed_phase),
            )
        st.caption(text)
    wanted = v.phase + 1
    if cols[1].button(
        ui.tr("lead.propose_next"),
        disabled=wanted > sessions.PHASE_COUNT or (v.proposed_by_me and v.proposed_phase == wanted),
        icon=":material/front_hand:",
        width="stretch",
    ):
        ok, _ = ui.call(sessions.propose_phase, engine, uid, sid, wanted)
        if ok:
            st.rerun()


if readonly:
    st.caption(ui.tr("record.note"))
elif v.is_bringer:
    proposal_notice()
    nav = st.columns([1, 3, 1])
    if nav[0].button(ui.tr("session.prev"), disabled=v.phase <= 1, width="stretch"):
        go(v.phase - 1)
    choice = nav[1].selectbox(
        ui.tr("session.goto"),
        [p.number for p in cat.phases],
        index=v.phase - 1,
        format_func=lambda n: f"{n}. {phase_title(n)}",
        label_visibility="collapsed",
        key=f"goto:{sid}:{v.phase}",
    )
    if choice != v.phase:
        go(choice)
    if nav[2].button(
        ui.tr("session.next"),
        disabled=v.phase >= sessions.PHASE_COUNT,
        type="primary",
        width="stretch",
    ):
        go(v.phase + 1)
else:
    listener_lead()

st.info(phase.instruction.get(lang))


# ---------------------------------------------------------------- small helpers


def option_label(options, option_id: str | None) -> str:
    for o in options:
        if o.id == option_id:
            return o.label.get(lang)
    return "—"


def referenced_turns() -> set[int]:
    texts = [c.text for c in v.contributions if c.kind in ("observation", "reflection")]
    return tagging.turn_references("\n".join(texts), max_turn=len(talk.turns))


def turn_line(t) -> str:
    """One turn as Markdown: number, a coloured badge with the speaker (named, not colour
    alone), and the user's text escaped so that it can never become markup."""
    speaker = ui.tr(f"speaker.{t.speaker}")
    badge = f":{SPEAKER_BADGE[t.speaker]}-badge[{freetext.md_escape(t.label)} · {speaker}]"
    return f"**{t.number}** {badge} {freetext.md_escape(t.text)}"


def visible_turns() -> list:
    upto = None if readonly else talk.reveal_upto  # the finished record shows every turn
    return [t for t in talk.turns if upto is None or t.number <= upto]


def excerpt_panel(expanded: bool = False) -> None:
    with st.expander(ui.tr("session.excerpt"), expanded=expanded):
        if talk.parse_error or not talk.turns:
            ui.plain(v.excerpt)
            return
        marked = referenced_turns()
        for t in visible_turns():
            prefix = ":material/arrow_forward: " if t.number in marked else ""
            st.markdown(prefix + turn_line(t))
        if marked:
            st.caption(ui.tr("talk.referenced", turns=", ".join(map(str, sorted(marked)))))
        if talk.reveal_upto is not None:
            st.caption(ui.tr("talk.hidden_turns", shown=talk.reveal_upto, total=len(talk.turns)))


def session_text_box(name: str, label: str, value: str, **kw) -> None:
    """One of the bringer's session texts; its saved value is its own version."""

    def save(text: str, base, clear: bool = False) -> str:
        return sessions.update_text(engine, uid, sid, name, text, base.text, clear=clear)

    if st.session_state.pop(f"upload_pending:{sid}", False) and name == "excerpt":
        ui.save_now(f"{sid}:{name}", value, 0, save)

    ui.autosave_text(
        f"{sid}:{name}",
        label,
        value,
        0,
        save,
        field=name,
        visibility="vis.group",
        disabled=readonly,
        **kw,
    )


def save_contribution(kind: str, slot: str):
    def save(text: str, base, clear: bool = False) -> int:
        return sessions.save_contribution(
            engine, uid, sid, kind, slot, text, base.version, clear=clear
        )

    return save


def contribution_box(kind: str, slot: str, label: str, visibility: str, **kw) -> None:
    mine = v.mine(kind, slot)
    kw.setdefault("hints", kind in ("observation", "reflection"))
    ui.autosave_text(
        f"{sid}:{kind}:{slot}",
        label,
        mine.text if mine else "",
        mine.version if mine else 0,
        save_contribution(kind, slot),
        field=kind,
        visibility=visibility,
        disabled=readonly,
        **kw,
    )


def others(kind: str, slot: str | None = None) -> None:
    shown = [c for c in v.others(kind) if slot is None or c.slot == slot]
    for c in shown:
        if c.text.strip():
            with st.container(border=True):
                st.caption(ui.md(c.author_name))
                ui.plain(c.text)


# ---------------------------------------------------------------- the phases


def phase_preparation() -> None:
    if not v.is_bringer:
        st.write(ui.tr("prep.listener_note", bringer=ui.md(v.bringer_name)))
        st.markdown(
            f"**{ui.tr('prep.kind')}:** {option_label(cat.conversation_kinds, v.conversation_kind)}"
        )
        situation = ", ".join(option_label(cat.situation_categories, s) for s in v.situation) or "—"
        st.markdown(f"**{ui.tr('prep.situation')}:** {situation}")
        lenses = ", ".join(cat.lens(lid).title.get(lang) for lid in v.lenses) or "—"
        st.markdown(f"**{ui.tr('prep.lenses')}:** {lenses}")
        excerpt_panel(expanded=True)
        return
    session_text_box("title", ui.tr("new.session_title"), v.title, height=68)

    ok, team = ui.call(sessions.colleagues, engine, uid)
    team = team if ok else []
    names = dict(team)
    current = [p.user_id for p in v.participants if p.role == "listener"]
    for p in v.participants:
        names.setdefault(p.user_id, p.name)

    def on_listeners() -> None:
        chosen = st.session_state[f"listeners:{sid}"]
        ok, _ = ui.call(sessions.set_listeners, engine, uid, sid, chosen)
        if not ok:
            st.session_state[f"listeners:{sid}"] = current

    st.multiselect(
        ui.tr("prep.listeners"),
        list(names),
        default=current,
        format_func=lambda u: names.get(u, "?"),
        max_selections=sessions.MAX_LISTENERS,
        placeholder=ui.tr("prep.choose"),
        key=f"listeners:{sid}",
        on_change=on_listeners,
        disabled=readonly,
        help=ui.tr("prep.listeners_help"),
    )

    def on_choice(kind: str) -> None:
        value = st.session_state[f"{kind}:{sid}"]
        ui.call(sessions.update_choices, engine, uid, sid, **{kind: value})

    def choice(widget, name: str, label: str, options: list[str], fmt, **kw) -> None:
        widget(
            label,
            options,
            format_func=fmt,
            key=f"{name}:{sid}",
            on_change=on_choice,
            args=(name,),
            disabled=readonly,
            **kw,
        )

    kinds = [o.id for o in cat.conversation_kinds]
    index = kinds.index(v.conversation_kind) if v.conversation_kind in kinds else None
    choice(
        st.selectbox,
        "conversation_kind",
        ui.tr("prep.kind"),
        kinds,
        lambda k: option_label(cat.conversation_kinds, k),
        index=index,
        placeholder=ui.tr("prep.choose"),
    )
    choice(
        st.multiselect,
        "situation",
        ui.tr("prep.situation"),
        [o.id for o in cat.situation_categories],
        lambda k: option_label(cat.situation_categories, k),
        default=v.situation,
        placeholder=ui.tr("prep.choose"),
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
        placeholder=ui.tr("prep.choose"),
    )
    with st.expander(ui.tr("prep.about_lenses")):
        for lens in cat.lenses:
            st.markdown(f"**{lens.title.get(lang)}** – {lens.description.get(lang)}")
    st.caption(ui.tr("vis.group"))

    def on_upload() -> None:
        upload = st.session_state.get(f"upload:{sid}")
        if upload is None:
            return
        try:
            text = read_upload(upload.name, upload.getvalue())
        except ui.USER_ERRORS as err:
            st.session_state[f"upload_error:{sid}"] = ui.error_text(err)
            return
        st.session_state.pop(f"upload_error:{sid}", None)
        # Into the field first: if the save is refused, the uploaded text is still there.
        st.session_state[f"w:{sid}:excerpt"] = text
        st.session_state[f"upload_pending:{sid}"] = True

    st.file_uploader(
        ui.tr("prep.upload"),
        type=["txt", "docx"],
        key=f"upload:{sid}",
        on_change=on_upload,
        disabled=readonly,
        help=ui.tr("prep.upload_help"),
    )
    if st.session_state.get(f"upload_error:{sid}"):
        st.error(st.session_state[f"upload_error:{sid}"])
    session_text_box(
        "excerpt",
        ui.tr("prep.excerpt"),
        v.excerpt,
        height=320,
        help=ui.tr("prep.excerpt_help"),
        placeholder=ui.tr("prep.excerpt_placeholder"),
    )


def phase_framing() -> None:
    for rule in cat.ground_rules:
        st.markdown(f"- {rule.label.get(lang)}")
    me = next(p for p in v.participants if p.user_id == uid)
    if me.acknowledged:
        st.success(ui.tr("rules.acknowledged"))
    elif st.button(ui.tr("rules.acknowledge"), type="primary", disabled=readonly):
        ok, _ = ui.call(sessions.acknowledge_rules, engine, uid, sid)
        if ok:
            st.rerun()
    waiting = [p.name for p in v.participants if not p.acknowledged]
    if waiting:
        st.caption(ui.tr("rules.waiting", names=", ".join(ui.md(n) for n in waiting)))


def phase_context() -> None:
    st.subheader(cat.opening_question.get(lang))
    if v.is_bringer:
        session_text_box("context_wish", ui.tr("context.label"), v.context_wish)
    else:
        st.caption(ui.tr("context.listener_note", bringer=ui.md(v.bringer_name)))
        ui.plain(v.context_wish)
    excerpt_panel()


def reveal_controls() -> None:
    """Step-by-step reading: at a citizen turn the group first imagines the next turns."""
    if not talk.turns or readonly:
        return
    upto = talk.reveal_upto
    if upto is None:
        if st.button(ui.tr("talk.reveal_start"), disabled=readonly, icon=":material/step:"):
            ui.act(tagging.set_reveal, engine, uid, sid, 1)
        return
    last = talk.turns[upto - 1]
    if last.speaker == "citizen":
        st.warning(ui.tr("talk.imagine", turn=last.number), icon=":material/psychology:")
    c1, c2 = st.columns(2)
    if c1.button(ui.tr("talk.reveal_next"), type="primary", icon=":material/skip_next:"):
        ui.act(tagging.set_reveal, engine, uid, sid, upto + 1)
    if c2.button(ui.tr("talk.reveal_all"), icon=":material/visibility:"):
        ui.act(tagging.set_reveal, engine, uid, sid, None)


def blind_controls() -> None:
    """Blind tagging: everyone tags alone until the bringer shows all tags at once."""
    if talk.tags_hidden:
        key = "talk.blind_on_bringer" if v.is_bringer else "talk.blind_on"
        st.info(ui.tr(key, bringer=ui.md(v.bringer_name)), icon=":material/visibility_off:")
        if v.is_bringer and st.button(
            ui.tr("talk.blind_reveal"),
            type="primary",
            disabled=readonly,
            icon=":material/visibility:",
            key=f"reveal_tags:{sid}",
        ):
            ui.act(tagging.reveal_tags, engine, uid, sid)
    elif talk.tagging_mode != "open":
        st.success(ui.tr("talk.blind_revealed"), icon=":material/visibility:")
    elif v.is_bringer and st.button(
        ui.tr("talk.blind_start"),
        help=ui.tr("talk.blind_start_help"),
        disabled=readonly,
        icon=":material/visibility_off:",
        key=f"blind_tags:{sid}",
    ):
        ui.act(tagging.start_blind_tagging, engine, uid, sid)


def tag_turns() -> None:
    if not talk.tags_hidden:  # while blind, the blind note says who sees what
        st.caption(ui.tr("talk.tag_note"))
    if talk.parse_error:
        st.warning(ui.tr("talk.parse_error"))
        return
    blind_controls()
    saved_key = f"tags_saved:{sid}"
    for t in turn_rules.visible(talk.turns, talk.reveal_upto):
        # Half the width for the tags: long tag names stay readable as chips.
        left, right = st.columns([1, 1])
        left.markdown(turn_line(t))
        if t.others:
            left.caption(
                " · ".join(
                    f"{name}: " + ", ".join(cat.tag(x).label.get(lang) for x in tags)
                    for name, tags in sorted(t.others.items())
                )
            )
        options = [tag.id for tag in cat.tags_for(t.speaker)]

        def on_tags(number: int = t.number) -> None:
            chosen = st.session_state[f"tags:{sid}:{number}"]
            ok, _ = ui.call(tagging.set_turn_tags, engine, uid, sid, number, chosen)
            st.session_state[saved_key] = number if ok else None

        tags_key = ui.synced(f"tags:{sid}:{t.number}", [x for x in t.my_tags if x in options])
        right.multiselect(
            ui.tr("talk.my_tags", turn=t.number),
            options,
            format_func=lambda x: cat.tag(x).label.get(lang),
            default=ui.held(tags_key),
            key=tags_key,
            on_change=on_tags,
            disabled=readonly,
            label_visibility="collapsed",
            placeholder=ui.tr("talk.tag_placeholder", turn=t.number),
        )
        if st.session_state.get(saved_key) == t.number:
            right.caption(ui.tr("talk.tags_saved"))


def tag_differences() -> None:
    """The turns where the tags differ ("Tal om denne tur"), and who chose what. No counts,
    no scores: a place to start talking."""
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
            st.markdown(turn_line(by_number[diff.number]))
            st.markdown(f"**:material/forum: {ui.tr('talk.diff_heading')}**")
            for name, tags in diff.choices:
                chosen = ", ".join(cat.tag(x).label.get(lang) for x in tags)
                st.markdown(f"- {ui.md(name)}: {chosen or '_' + ui.tr('talk.diff_no_tag') + '_'}")


def gribning_links() -> None:
    st.caption(ui.tr("talk.link_note"))
    if not any(t.speaker == "citizen" for t in talk.turns):
        st.info(ui.tr("talk.no_citizen_turns"))
        return
    from_key, to_key, outcome_key = f"link_from:{sid}", f"link_to:{sid}", f"link_outcome:{sid}"
    done_key, error_key = f"link_saved:{sid}", f"link_error:{sid}"
    by_number = {t.number: t for t in talk.turns}
    sources = turn_rules.link_sources(talk.turns, talk.reveal_upto)
    # Choices from before the group restarted its step-by-step reading may no longer fit.
    # Set only when they must change: a value set by code every run would override the
    # user's next choice in the browser.
    source = st.session_state.get(from_key)
    if source is not None and source not in sources:
        st.session_state[from_key] = source = None
    later = turn_rules.link_targets(talk.turns, source, talk.reveal_upto) if source else []
    picked = st.session_state.get(to_key) or []
    if any(n not in later for n in picked):
        st.session_state[to_key] = [n for n in picked if n in later]

    def label(n: int) -> str:
        return turn_rules.option_label(by_number[n], lang)

    def on_source() -> None:
        st.session_state[to_key] = []  # the turns after another turn are other turns
        st.session_state.pop(done_key, None)

    def on_save() -> None:
        chosen_from = st.session_state.get(from_key)
        chosen_to = list(st.session_state.get(to_key) or [])
        outcome = st.session_state.get(outcome_key)
        if outcome is None:
            st.session_state[error_key] = ui.tr("error.choose_outcome")
            return
        try:
            tagging.save_link(engine, uid, sid, chosen_from, chosen_to, outcome)
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
        with st.container(height=480):
            for t in turn_rules.visible(talk.turns, talk.reveal_upto):
                mark = (
                    ":material/record_voice_over: "
                    if t.number == source
                    else ":material/subdirectory_arrow_right: "
                    if t.number in chosen
                    else ""
                )
                st.markdown(mark + turn_line(t))
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
            disabled=readonly or not sources,
        )
        st.multiselect(
            ui.tr("talk.link_to"),
            later,
            format_func=label,
            placeholder=ui.tr("talk.choose_targets" if source else "talk.source_first"),
            key=to_key,
            disabled=readonly or source is None,
        )
        outcome = st.radio(
            ui.tr("talk.outcome"),
            [o.id for o in cat.link_outcomes],
            index=None,
            format_func=lambda o: cat.outcome(o).label.get(lang),
            key=outcome_key,
        )
        st.caption(ui.tr("vis.group"))
        complete = bool(source and st.session_state.get(to_key) and outcome)
        st.button(
            ui.tr("talk.save_link"),
            type="primary",
            disabled=readonly or not complete,
            on_click=on_save,
            key=f"save_link:{sid}",
        )
        if error := st.session_state.pop(error_key, None):
            st.error(error)
        elif done := st.session_state.pop(done_key, None):
            st.success(done)
        elif not complete and not readonly:
            st.caption(ui.tr("talk.link_incomplete"))
    if talk.links:
        st.markdown(f"**{ui.tr('talk.links_saved_heading')}**")
    for link in talk.links:
        cols = st.columns([5, 1])
        to = ", ".join(map(str, link.to_turns))
        cols[0].markdown(
            f"**{ui.tr('talk.turn')} {link.from_turn}** → {to}: "
            f"{cat.outcome(link.outcome).label.get(lang)} · _{freetext.md_escape(link.annotator)}_"
        )
        if (
            link.mine
            and not readonly
            and cols[1].button(ui.tr("talk.delete_link"), key=f"dl:{link.from_turn}")
        ):
            ui.act(tagging.delete_link, engine, uid, sid, link.from_turn)


def links_record() -> None:
    """The gribning links of a finished session, read-only (no form to fill in)."""
    if not talk.links:
        st.caption(ui.tr("talk.link_note"))
    for link in talk.links:
        to = ", ".join(map(str, link.to_turns))
        st.markdown(
            f"**{ui.tr('talk.turn')} {link.from_turn}** → {to}: "
            f"{cat.outcome(link.outcome).label.get(lang)} · _{freetext.md_escape(link.annotator)}_"
        )


def summary_panel() -> None:
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
                "talk.summary_meaning_one"
                if len(summary.meaning_making_turns) == 1
                else "talk.summary_meaning",
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


def observations() -> None:
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
        for q in lens.questions:
            st.markdown(f"**{q.text.get(lang)}**")
            if not v.is_bringer:
                contribution_box(
                    "observation", q.id, ui.tr("describe.my_observation"), "vis.group", height=100
                )
            others("observation", q.id)


def phase_describe() -> None:
    if v.context_wish:
        st.caption(ui.tr("context.reminder"))
        ui.plain(v.context_wish)
    reveal_controls()
    tabs = st.tabs(
        [
            ui.tr("talk.tab_turns"),
            ui.tr("talk.tab_differences"),
            ui.tr("talk.tab_links"),
            ui.tr("talk.tab_observations"),
            ui.tr("talk.tab_summary"),
        ]
    )
    with tabs[0]:
        tag_turns()
    with tabs[1]:
        tag_differences()
    with tabs[2]:
        if readonly:
            links_record()
        else:
            gribning_links()
    with tabs[3]:
        excerpt_panel()
        observations()
    with tabs[4]:
        if talk.tags_hidden:
            st.caption(ui.tr("talk.summary_own_only"))
        summary_panel()


def phase_reflect() -> None:
    excerpt_panel()
    if v.is_bringer:
        st.caption(ui.tr("reflect.bringer_note"))
    else:
        stems = " / ".join(s.get(lang) for s in cat.reflection_stems[:3])
        contribution_box(
            "reflection", "", ui.tr("reflect.my_reflection"), "vis.group", placeholder=stems
        )
    others("reflection")


def phase_response() -> None:
    if v.is_bringer:
        contribution_box("struck", "", ui.tr("response.struck"), "vis.group")
        contribution_box("takeaway", "", ui.tr("response.takeaway"), "vis.private")
    else:
        st.caption(ui.tr("response.listener_note", bringer=ui.md(v.bringer_name)))
        others("struck")


def phase_learning() -> None:
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
                    engine, uid, sid, position, text, base.version, clear=clear
                )

            ui.autosave_text(
                f"{sid}:lp:{position}",
                ui.tr("learning.text"),
                lp.text if lp else "",
                lp.version if lp else 0,
                save,
                field="learning_point",
                hints=True,
                visibility="vis.bringer_decides",
                height=90,
                disabled=readonly,
            )
            has_text = bool(lp and lp.text.strip())

            def on_category(position: int = position) -> None:
                ui.call(
                    sessions.set_learning_point_category,
                    engine,
                    uid,
                    sid,
                    position,
                    st.session_state[f"lpcat:{sid}:{position}"],
                )

            cat_key = ui.synced(f"lpcat:{sid}:{position}", lp.category if lp else None)
            st.selectbox(
                ui.tr("learning.category"),
                categories,
                index=ui.held_index(categories, cat_key),
                format_func=lambda k: option_label(cat.learning_categories, k),
                key=cat_key,
                on_change=on_category,
                disabled=readonly or not has_text,
                placeholder=ui.tr("prep.choose"),
            )
            if v.is_bringer:

                def on_share(position: int = position) -> None:
                    value = st.session_state[f"lpshare:{sid}:{position}"]
                    if value is not None:
                        ui.call(
                            sessions.set_learning_point_sharing, engine, uid, sid, position, value
                        )

                share_key = ui.synced(f"lpshare:{sid}:{position}", lp.shared if lp else None)
                st.radio(
                    ui.tr("learning.share"),
                    [True, False],
                    index=ui.held_index([True, False], share_key),
                    format_func=lambda b: share_label[b],
                    key=share_key,
                    on_change=on_share,
                    disabled=readonly or not has_text,
                    horizontal=True,
                )
            else:
                st.caption(f"{ui.tr('learning.share')}: {share_label[lp.shared if lp else None]}")
    excerpt_sharing()


def excerpt_sharing() -> None:
    """The bringer's own choice, also after the session: FLIP facilitators may read the
    excerpt without any name, date or team."""
    with st.container(border=True):
        if not v.is_bringer:
            st.caption(ui.tr("share_excerpt.yes" if v.excerpt_shared else "share_excerpt.no"))
            return

        def on_share() -> None:
            ui.call(
                sessions.set_excerpt_sharing,
                engine,
                uid,
                sid,
                st.session_state[f"excerptshare:{sid}"],
            )

        share_key = ui.synced(f"excerptshare:{sid}", v.excerpt_shared)
        st.toggle(
            ui.tr("share_excerpt.label"),
            value=bool(ui.held(share_key)),
            key=share_key,
            on_change=on_share,
            disabled=not v.excerpt.strip(),
        )
        st.caption(ui.tr("share_excerpt.help"))


def phase_closing() -> None:
    for q in cat.closing_questions:
        st.markdown(f"- {q.get(lang)}")
    st.subheader(ui.tr("closing.check"))
    if v.process_check_done:
        st.success(ui.tr("closing.check_done"))
    elif readonly:
        st.caption(ui.tr("record.process_check_closed"))
    else:
        with st.form(f"check:{sid}"):
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
                ok, _ = ui.call(sessions.submit_process_check, engine, uid, sid, score)
                if ok:
                    st.rerun()
    if v.is_bringer and not readonly:
        st.divider()
        st.write(ui.tr("closing.finish_note"))
        finish_with_confirmation()


def finish_with_confirmation() -> None:
    """Two steps: first say plainly what finishing means, then finish."""
    asking = f"confirm_finish:{sid}"
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
            key=f"finish_excerpt:{sid}",
            help=ui.tr("finish.excerpt_for_listeners_help"),
        )
        cols = st.columns(2)
        if cols[0].button(ui.tr("finish.confirm"), type="primary"):
            ok, _ = ui.call(sessions.finish_session, engine, uid, sid, excerpt_along)
            if ok:
                st.session_state.pop(asking, None)
                st.rerun()
        if cols[1].button(ui.tr("finish.cancel")):
            st.session_state.pop(asking, None)
            st.rerun()


{
    1: phase_preparation,
    2: phase_framing,
    3: phase_context,
    4: phase_describe,
    5: phase_reflect,
    6: phase_response,
    7: phase_learning,
    8: phase_closing,
}[shown]()
