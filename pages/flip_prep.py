"""FLIP-forberedelse: patterns across the facilitator's teams, the shared pool, a seminar pack."""

import streamlit as st

from lises_reflect import flip, freetext, insights, seminar, ui
from lises_reflect import state_keys as K
from lises_reflect.catalogue import catalogue
from lises_reflect.flip import PackRequest

uid = ui.require_role("facilitator")
engine = ui.engine()
th = ui.settings().thresholds
lang = ui.lang()
cat = catalogue()
st.title(ui.tr("flip.title"))
st.caption(ui.tr("flip.intro", k=th.figures, k_text=th.text))
period_key = ui.period_picker(K.FLIP_PERIOD, default_kind="half")

seminar.warm_up()  # the chart engine starts while the facilitator chooses (once per process)


def chosen_tokens() -> list[str]:
    """The excerpts in the pack, for the period shown: added from the pool, one at a time."""
    by_period = st.session_state.setdefault(K.PACK_CHOSEN, {})
    return by_period.setdefault(period_key, [])


def add_to_pack(token: str) -> None:
    chosen = chosen_tokens()
    if token not in chosen and len(chosen) < flip.MAX_PACK_EXCERPTS:
        chosen.append(token)


def remove_from_pack(token: str) -> None:
    chosen = chosen_tokens()
    if token in chosen:
        chosen.remove(token)


patterns_tab, pool_tab, pack_tab = ui.tabs(
    "flip", [ui.tr("flip.tab.patterns"), ui.tr("flip.tab.pool"), ui.tr("flip.tab.pack")]
)

if patterns_tab.open:  # only the open tab runs (the pool's search cost 0.6 s at 100k)
    with patterns_tab:
        ok, choices = ui.call(insights.facilitated_teams, engine, uid)
        names = {c.team_id: f"{c.name} ({c.organisation})" for c in choices} if ok else {}
        team_ids = ui.limited_multiselect(
            ui.tr("flip.compare_teams", n=insights.MAX_COMPARED_TEAMS),
            list(names),
            limit=insights.MAX_COMPARED_TEAMS,
            default=list(names)[: insights.MAX_COMPARED_TEAMS],
            format_func=names.get,
            key=K.FLIP_TEAMS,
            persist_state="session",
        )
        ok, pat = ui.call(
            insights.flip_patterns, engine, uid, period_key, lang, thresholds=th, team_ids=team_ids
        )
        if ok:
            if pat.teams_shown:
                st.write(ui.tr("flip.teams_shown", teams=", ".join(map(ui.md, pat.teams_shown))))
            else:
                st.info(ui.tr("flip.no_teams", k=pat.k))
            if pat.teams_not_shown:
                st.caption(ui.tr("flip.teams_left_out", n=pat.teams_not_shown, k=pat.k))
            for fig in pat.figures if pat.teams_shown else ():
                ui.figure_block(
                    fig,
                    lambda key=fig.key: insights.flip_figure_csv(
                        engine, uid, period_key, key, lang, thresholds=th, team_ids=team_ids
                    ),
                    f"flip-{period_key}",
                )

if pool_tab.open:  # only the open tab runs (the pool's search cost 0.6 s at 100k)
    with pool_tab:
        cols = st.columns(3)

        def search_box(col, label: str, ids, name, key: str):
            return col.selectbox(
                ui.tr(label),
                [None, *ids],
                format_func=lambda x: ui.tr("flip.filter.all") if x is None else name(x).get(lang),
                key=key,
                persist_state="session",
                placeholder=ui.tr("ui.choose_one"),
            )

        lens = search_box(
            cols[0], "flip.filter.lens", cat.lens_ids(), lambda x: cat.lens(x).title, K.FLIP_LENS
        )
        tag = search_box(
            cols[1], "flip.filter.tag", cat.tag_ids(), lambda x: cat.tag(x).label, K.FLIP_TAG
        )
        category = search_box(
            cols[2],
            "flip.filter.category",
            [o.id for o in cat.learning_categories],
            lambda x: cat.learning_category(x).label,
            K.FLIP_CATEGORY,
        )
        ok, pool = ui.call(
            flip.shared_pool,
            engine,
            uid,
            period_key,
            lens=lens,
            tag=tag,
            category=category,
            lang=lang,
            thresholds=th,
            excerpt_page=ui.page_asked(K.FLIP_EXCERPTS),
            point_page=ui.page_asked(K.FLIP_POINTS),
        )

        def pool_heading(title: str, enough: bool, items: tuple) -> None:
            st.subheader(ui.tr(title))
            if not enough:
                st.info(ui.tr("flip.too_few_sharers", k=pool.k_text))
            elif not items:
                st.write(ui.tr("flip.no_match"))

        if ok:
            pool_heading("flip.excerpts", pool.excerpts_enough, pool.excerpts)
            chosen = chosen_tokens()
            for e in pool.excerpts:
                with st.container(border=True):
                    with st.expander(f"{e.heading} · {e.kind} · {', '.join(e.lenses)}"):
                        if e.tags:
                            st.caption(ui.tr("flip.tags_present", tags=", ".join(e.tags)))
                        st.markdown(
                            "\n\n".join(
                                f"**{turn.number} {turn.label}:** {freetext.md_escape(turn.text)}"
                                for turn in e.turns
                            )
                        )
                        for _cid, label, text in e.learning_points:
                            st.caption(label)
                            ui.plain(text)
                    # The pack is put together here, from the item itself: the pack tab never
                    # lists the whole pool (13,683 excerpts at 100k sessions) as options.
                    if e.token in chosen:
                        st.button(
                            ui.tr("flip.pack_remove", heading=e.heading),
                            key=K.pack(f"pool:{e.token}"),
                            on_click=remove_from_pack,
                            args=(e.token,),
                        )
                    else:
                        full = len(chosen) >= flip.MAX_PACK_EXCERPTS
                        st.button(
                            ui.tr("flip.pack_add", heading=e.heading),
                            key=K.pack(f"pool:{e.token}"),
                            on_click=add_to_pack,
                            args=(e.token,),
                            disabled=full,
                            help=ui.tr("flip.pack_full", n=flip.MAX_PACK_EXCERPTS)
                            if full
                            else None,
                        )
            ui.page_picker(
                pool.excerpts_total,
                pool.excerpt_page,
                K.FLIP_EXCERPTS,
                flip.EXCERPTS_PER_PAGE,
                len(pool.excerpts),
            )
            pool_heading("flip.points", pool.points_enough, pool.points)
            for point in pool.points:
                with st.container(border=True):
                    st.caption(point.category)
                    ui.plain(point.text)
            ui.page_picker(
                pool.points_total,
                pool.point_page,
                K.FLIP_POINTS,
                flip.POINTS_PER_PAGE,
                len(pool.points),
            )

if pack_tab.open:  # only the open tab runs (the pool's search cost 0.6 s at 100k)
    with pack_tab:
        wanted = tuple(chosen_tokens())
        ok, usable = ui.call(
            flip.pack_choices, engine, uid, period_key, lang=lang, thresholds=th, tokens=wanted
        )
        usable = usable if ok else ()
        if ok and len(usable) < len(wanted):  # a bringer withdrew the sharing meanwhile
            st.warning(ui.tr("error.pack_excerpt_gone"))
            st.session_state[K.PACK_CHOSEN][period_key] = [c.token for c in usable]
        st.caption(ui.tr("flip.pack_intro"))
        title = st.text_input(
            ui.tr("flip.pack_title"),
            value=ui.tr("flip.pack_default_title"),
            key=K.pack("title"),
            persist_state="session",
            max_chars=120,
        )
        c1, c2 = st.columns(2)
        hours = c1.radio(
            ui.tr("flip.pack_hours"),
            [2, 3, 4],
            horizontal=True,
            key=K.pack("hours"),
            persist_state="session",
        )
        participants = c2.slider(
            ui.tr("flip.pack_participants"),
            4,
            8,
            6,
            key=K.pack("participants"),
            persist_state="session",
        )
        st.markdown(f"**{ui.tr('flip.pack_excerpts')}**")
        if not usable:
            st.info(ui.tr("flip.pack_none"))
        for n, c in enumerate(usable):
            row = st.columns([5, 1], vertical_alignment="center")
            letter = ui.tr("flip.pack_excerpt_heading", letter="ABCD"[n])
            row[0].markdown(f"{letter}: {c.heading} · {c.kind} · {', '.join(c.lenses)}")
            row[1].button(
                ui.tr("flip.pack_remove_short"),
                key=K.pack(f"remove:{c.token}"),
                on_click=remove_from_pack,
                args=(c.token,),
                help=ui.tr("flip.pack_remove", heading=c.heading),
            )
        if 0 < len(usable) < 2:
            st.caption(ui.tr("flip.pack_more"))
        figure_keys = st.multiselect(
            ui.tr("flip.pack_figures"),
            ["lenses", "tags", "outcomes", "process"],
            default=["tags", "outcomes"],
            format_func=lambda k: ui.tr(f"insights.{k}"),
            key=K.pack("figures"),
            persist_state="session",
            placeholder=ui.tr("ui.choose_many"),
            select_all=False,
        )
        lens_ids = st.multiselect(
            ui.tr("flip.pack_prompts"),
            list(cat.lens_ids()),
            default=[cat.lens_ids()[0]],
            format_func=lambda x: cat.lens(x).title.get(lang),
            key=K.pack("lenses"),
            persist_state="session",
            placeholder=ui.tr("ui.choose_many"),
            select_all=False,
        )
        # The figures compare the teams chosen under the patterns tab (kept when it is closed).
        compared = st.session_state.get(K.FLIP_TEAMS)
        if compared is not None:  # more than the limit: the first ones, as the tab says
            compared = ui.within_limit(compared, insights.MAX_COMPARED_TEAMS)
        if figure_keys and compared is not None:
            st.caption(
                ui.tr("flip.pack_teams", count=len(compared), tab=ui.tr("flip.tab.patterns"))
            )
        # The chosen figures' charts are drawn in the background while the form is filled in.
        flip.prepare_pack(
            engine, uid, period_key, figure_keys, lang=lang, thresholds=th, team_ids=compared
        )
        questions = st.text_area(
            ui.tr("flip.pack_questions"),
            key=K.pack("questions"),
            height=120,
            persist_state="session",
        )
        intro = st.text_area(
            ui.tr("flip.pack_note"), key=K.pack("intro"), height=80, persist_state="session"
        )
        request = PackRequest(
            title=title,
            hours=int(hours),
            participants=int(participants),
            period_key=period_key,
            excerpt_tokens=tuple(c.token for c in usable),
            figure_keys=tuple(figure_keys),
            lens_ids=tuple(lens_ids),
            questions=tuple(line for line in questions.splitlines() if line.strip()),
            intro=intro,
            team_ids=None if compared is None else tuple(compared),
        )
        ok, outline = ui.call(flip.pack_outline, request, usable, lang)
        if ok:
            with st.expander(ui.tr("flip.preview"), expanded=True):
                st.caption(ui.tr("flip.preview_note"))
                if outline.theme:
                    st.markdown(f"**{ui.tr('pack.theme', theme=outline.theme)}**")
                st.markdown(f"#### {ui.tr('pack.research_says')}")
                if outline.research:
                    st.caption(ui.tr("pack.research_intro"))
                else:
                    st.info(ui.tr("flip.preview_no_research"))
                for note in outline.research:
                    st.markdown(f"**{note.names}**  \n{note.line}")
                if outline.figures:
                    st.markdown(ui.tr("flip.preview_figures", figures=", ".join(outline.figures)))
                st.markdown(f"#### {ui.tr('pack.agenda')}")
                st.markdown(
                    "\n".join(
                        f"- {span} · {label} · {ui.tr('pack.minutes', minutes=m)}"
                        for span, label, m in outline.agenda
                    )
                )
        b1, b2 = st.columns(2)
        for col, fmt in ((b1, "pdf"), (b2, "pptx")):
            if col.button(ui.tr(f"flip.make_{fmt}"), key=K.pack(f"make:{fmt}")):
                bar = st.progress(0.0, text=ui.tr("flip.working"))
                ok, data = ui.call(
                    flip.export_pack,
                    engine,
                    uid,
                    request,
                    fmt,
                    lang=lang,
                    thresholds=th,
                    progress=lambda f, label, bar=bar: bar.progress(min(1.0, f), text=label),
                )
                bar.empty()
                if ok:
                    st.session_state[K.PACK_FILE] = (fmt, data)
        if K.PACK_FILE in st.session_state:
            fmt, data = st.session_state[K.PACK_FILE]
            mime = {
                "pdf": "application/pdf",
                "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            }[fmt]
            st.success(ui.tr("flip.ready"))
            st.download_button(
                ui.tr(f"flip.download_{fmt}"),
                data=data,
                file_name=f"flip-seminarpakke.{fmt}",
                mime=mime,
                on_click="ignore",
                key=K.pack("download"),
            )
