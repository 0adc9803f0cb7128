"""AppTest of "Teamets refleksioner" and "FLIP-forberedelse" on a populated database."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from lises_reflect import flip, insights, periods
from lises_reflect.db import session_scope
from lises_reflect.models import AuditEntry
from tests import builders as b
from tests.conftest import Org
from tests.pages import app, no_exception, open_tab, texts

NOW = datetime.now(timezone.utc)
THIS_QUARTER = periods.containing(NOW, "quarter")
# Only closed periods are released (issue 14): the pages open on the last closed quarter.
LAST_QUARTER = periods.containing(THIS_QUARTER.start() - timedelta(days=1), "quarter")
WEEK_IN_LAST = next(
    w for w in range(21) if NOW - timedelta(days=7 * w, hours=1) < LAST_QUARTER.end()
)


@pytest.fixture
def busy(site: Org) -> Org:
    """Ten caseworkers who each bring a shared conversation every week for 21 weeks."""
    people = b.caseworkers(site.engine, site.team, 10, "cw")
    for week in range(21):
        for i, p in enumerate(people):
            other = people[(i + 1) % len(people)]
            b.session(
                site.engine,
                site.team,
                p,
                [other],
                NOW - timedelta(days=7 * week, hours=i + 1),
                tags=((p, "institutional"), (other, "institutional")),
                links=((other, "taken_up"),),
                points=((f"Dokumentationskravet fylder ({week}).", "frames_demands", True),),
                answers=((p, 4), (other, 5)),
                shared_excerpt=True,
            )
    b.facilitate(site.engine, site.facilitator, site.team)
    return site


def test_lead_sees_team_charts_readings_and_shared_frames(busy: Org) -> None:
    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    no_exception(at)
    assert [t.value for t in at.title] == ["Teamets refleksioner"]
    page = texts(at)
    assert "holdt teamet" in page  # the sessions chart's plain-language reading
    assert f"Dokumentationskravet fylder ({WEEK_IN_LAST})." in page
    assert "Dokumentationskravet fylder (0)." not in page  # this week: the quarter runs on
    assert "vises fra 1." in page  # and the page says when it will be shown
    # Issue 21: the learning categories too. Every session here has the one lens, so the lens
    # counts are the session counts and stay hidden: one sentence says why, with no chart of
    # "skjult" bars (issue 16).
    assert len(at.get("vega_lite_chart")) == 6
    assert "I " + LAST_QUARTER.label("da") + " er alle tallene her skjult" in page
    assert "Cw 1" not in page and "cw1" not in page
    with session_scope(busy.engine) as s:
        actions = [e.action for e in s.exec(select(AuditEntry)).all() if e.action != "system.purge"]
    # The view, and the shared points read (for their bringers' access logs, issue 14).
    assert sorted(actions) == ["view.learning_points", "view.team_overview"]


def test_lead_of_a_small_team_gets_the_explanation(site: Org) -> None:
    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    no_exception(at)
    assert any("færre end 5 sagsbehandlere" in i.value for i in at.info)
    assert not at.get("vega_lite_chart")


def test_lead_can_switch_to_a_month(busy: Org) -> None:
    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    at.radio(key="team:period:kind").set_value("month").run()
    no_exception(at)
    last_month = periods.containing(periods.containing(NOW).start() - timedelta(days=1))
    assert at.selectbox(key="team:period:month").value == last_month.key
    options = at.selectbox(key="team:period:month").options
    assert last_month.label("da") in options
    assert periods.containing(NOW).label("da") not in options


def _options(at) -> dict[str, int]:
    """Every choice list the page sends to the browser, by widget key: how many options."""
    lists = [*at.selectbox, *at.multiselect, *at.radio]
    return {w.key: len(w.options) for w in lists}


def _pack_buttons(at) -> list:
    return [b for b in at.button if b.key.startswith("pack:pool:")]


def test_facilitator_sees_patterns_pool_and_makes_a_pack(busy: Org) -> None:
    at = app("facilitator")
    at.switch_page("pages/flip_prep.py").run()
    no_exception(at)
    assert [t.value for t in at.title] == ["FLIP-forberedelse"]
    at.radio(key="flip:period:kind").set_value("quarter").run()
    page = texts(at)
    assert "Team A (Jobcenter Test)" in page
    open_tab(at, "flip", "Delt materiale")
    assert "Uddrag 1" in " ".join(e.label for e in at.expander)
    pool = flip.shared_pool(busy.engine, busy.facilitator, LAST_QUARTER.key)
    assert pool.excerpts_total > 4

    # The pool is paged by the service: the next page shows the next ten excerpts.
    def excerpt_headings() -> list[str]:
        labels = [e.label.split(" · ")[0] for e in at.expander]
        return [x for x in labels if x.startswith("Uddrag ")]

    assert excerpt_headings() == [f"Uddrag {n}" for n in range(1, 11)]
    at.selectbox(key="flip:excerpts:page").select(2).run()
    assert excerpt_headings() == [f"Uddrag {n}" for n in range(11, 21)]
    open_tab(at, "flip", "Seminarpakke")
    at.text_area(key="pack:questions").input("Hvad hører I borgeren sige?").run()
    at.button(key="pack:make:pdf").click().run()
    no_exception(at)
    assert [e.value for e in at.error] == ["Vælg 2–4 delte uddrag."]
    assert at.text_area(key="pack:questions").value == "Hvad hører I borgeren sige?"  # kept
    at.text_area(key="pack:questions").input("Ring til Mette på 12345678?").run()
    # Excerpts go into the pack from the pool's own items (here: Uddrag 11 and 12).
    open_tab(at, "flip", "Delt materiale")
    for key in [button.key for button in _pack_buttons(at)][:2]:
        at.button(key=key).click().run()
    open_tab(at, "flip", "Seminarpakke")
    assert at.text_area(key="pack:questions").value == "Ring til Mette på 12345678?"  # kept
    chosen = [m.value.split(" · ")[0] for m in at.markdown if m.value[:8] in _LETTERS]
    assert chosen == ["Uddrag A: Uddrag 11", "Uddrag B: Uddrag 12"]
    at.button(key="pack:make:pdf").click().run()
    assert any("12345678" in e.value for e in at.error)  # screened before it goes in a file
    at.text_area(key="pack:questions").input("Hvad hører I borgeren sige?").run()
    at.button(key="pack:make:pptx").click().run()
    no_exception(at)
    assert "Seminarpakken er klar." in [x.value for x in at.success]
    with session_scope(busy.engine) as s:
        actions = [e.action for e in s.exec(select(AuditEntry)).all() if e.action != "system.purge"]
    assert "export.seminar_pack_pptx" in actions and "view.flip_pool" in actions


def test_the_pack_is_built_from_the_pool_page_never_the_whole_pool(
    busy: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: the pack's picker sent every shared excerpt as an option (13,683 at 100k).
    Now no list the page sends holds more than a page of the pool, the excerpts are added from
    the pool's items, and the pack keeps them (in order, at most four) across pages."""
    at = app("facilitator")
    at.switch_page("pages/flip_prep.py").run()
    at.radio(key="flip:period:kind").set_value("quarter").run()
    no_exception(at)
    pool = flip.shared_pool(busy.engine, busy.facilitator, LAST_QUARTER.key)
    pages = -(-pool.excerpts_total // flip.EXCERPTS_PER_PAGE)
    assert pool.excerpts_total >= 100
    for tab in ("Delt materiale", "Seminarpakke"):
        sent = _options(open_tab(at, "flip", tab))
        # The largest list is the page picker (11 pages), never the pool's excerpts.
        assert max(sent.values()) <= max(pages, 20), sent
        assert not [w for w in at.multiselect if w.key == "pack:excerpts"]
    assert "Ingen uddrag i pakken endnu" in texts(at)
    open_tab(at, "flip", "Delt materiale")
    assert len(_pack_buttons(at)) == flip.EXCERPTS_PER_PAGE

    # Add two from page 1 and two from page 3; a fifth cannot be added.
    first = [button.key for button in _pack_buttons(at)]
    at.button(key=first[0]).click().run()
    at.button(key=first[3]).click().run()
    at.selectbox(key="flip:excerpts:page").select(3).run()
    third = [button.key for button in _pack_buttons(at)]
    at.button(key=third[1]).click().run()
    at.button(key=third[2]).click().run()
    no_exception(at)
    assert all(x.disabled for x in _pack_buttons(at) if x.key not in third[1:3])
    open_tab(at, "flip", "Seminarpakke")
    chosen = [m.value.split(" · ")[0] for m in at.markdown if m.value[:8] in _LETTERS]
    assert chosen == [
        "Uddrag A: Uddrag 1",
        "Uddrag B: Uddrag 4",
        "Uddrag C: Uddrag 22",
        "Uddrag D: Uddrag 23",
    ]
    # Taken out again, from the pack's list: the others move up.
    token = third[1].removeprefix("pack:pool:")
    at.button(key=f"pack:remove:{token}").click().run()
    chosen = [m.value.split(" · ")[0] for m in at.markdown if m.value[:8] in _LETTERS]
    assert chosen == ["Uddrag A: Uddrag 1", "Uddrag B: Uddrag 4", "Uddrag C: Uddrag 23"]
    open_tab(at, "flip", "Delt materiale")
    assert not any(x.disabled for x in _pack_buttons(at))
    assert at.selectbox(key="flip:excerpts:page").value == 3  # the pool's page is kept
    assert max(_options(at).values()) <= max(pages, 20)
    open_tab(at, "flip", "Seminarpakke")
    # The pack made uses exactly these three, in this order, with a progress bar meanwhile:
    # the page hands the build a callback that moves its bar, step by step up to 1.
    steps: list[tuple[float, str]] = []
    build = flip.export_pack
    requests: list[flip.PackRequest] = []

    def watched(*args, progress=None, **kwargs):
        requests.append(args[2])

        def both(fraction: float, label: str) -> None:
            steps.append((fraction, label))
            progress(fraction, label)

        return build(*args, progress=both, **kwargs)

    monkeypatch.setattr(flip, "export_pack", watched)
    at.button(key="pack:make:pdf").click().run()
    no_exception(at)
    fractions = [f for f, _label in steps]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0 and len(steps) >= 6
    assert "Uddrag C …" in [label for _f, label in steps]
    # The figures compare the teams chosen under the patterns tab, and the form says so.
    assert (
        requests[-1].team_ids
        == tuple(at.session_state["flip:teams"])
        == (busy.team, busy.other_team)
    )
    assert "Figurerne sammenligner de 2 team, der er valgt under »Mønstre på tværs af team«." in [
        c.value for c in at.caption
    ]
    assert "Seminarpakken er klar." in [x.value for x in at.success]
    with session_scope(busy.engine) as s:
        entry = s.exec(
            select(AuditEntry).where(AuditEntry.action == "export.seminar_pack_pdf")
        ).one()
    assert entry.filters["excerpts"] == 3


_LETTERS = ("Uddrag A", "Uddrag B", "Uddrag C", "Uddrag D")


def test_caseworker_is_refused_both_pages(busy: Org) -> None:
    for page in ("pages/team_insights.py", "pages/flip_prep.py"):
        at = app("bringer")
        at.switch_page(page).run()
        no_exception(at)
        assert any("kræver rollen" in e.value for e in at.error)
        assert not at.get("vega_lite_chart")


def test_lead_page_opens_on_what_the_team_reflects_on_with_volume_as_context(busy: Org) -> None:
    """Issue 21: content (lenses, tags, outcomes, learning categories, shared frames) first;
    session counts and participation after it, with one line on why, quoting the research."""
    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    no_exception(at)
    assert [h.value for h in at.header] == ["Hvad teamet reflekterer over", "Omfang, som baggrund"]
    headings = [h.value for h in at.subheader]
    order = [
        "Valgte linser",
        "Markeringer i udskrifterne (samlet for teamet)",
        "Hvad skete der efter borgerens meningsfulde ytring?",
        "Delte læringspunkter efter kategori – herunder barrierer for borgerinddragelse",
        "Rammer og krav, som fylder i samtalerne",
        "Refleksionssessioner pr. måned",
        "Andel af teamet, der har deltaget mindst én gang",
    ]
    assert [h for h in headings if h in order] == order
    why = [c.value for c in at.caption if "måltal" in c.value]
    assert why and "»men hvor opfyldelse af måltal ikke må blive et mål i sig selv«" in why[0]
    assert "afsnit 6.1" in why[0]


def test_every_figure_says_where_its_concept_comes_from(busy: Org) -> None:
    """Issue 21: the research quote by each figure a lead reads; the tool's own measures
    (participation, the process check) say so."""
    from lises_reflect.catalogue import FIGURE_KEYS, catalogue
    from lises_reflect.provenance import research_line

    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    no_exception(at)
    captions = [c.value for c in at.caption]
    cat = catalogue()
    shown = [key for key in FIGURE_KEYS if research_line(cat.figure_source(key), "da") in captions]
    assert {"lenses", "tags", "outcomes", "learning", "sessions"} <= set(shown)
    assert "Fra forskningen: »nogle gange gribes, mens de nogle gange overhøres" in "".join(
        captions
    )
    assert cat.figure_source("process").source is None  # the tool's own


def test_lead_page_opens_on_the_period_the_service_chose_and_says_which(busy: Org) -> None:
    """Issue 16: the first view is the newest period that can be shown, said in one sentence
    in place of the picker's note; a period the lead chooses is shown as chosen."""
    b.assign(busy.engine, busy.lead, "teamlead", team_id=busy.other_team)
    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    no_exception(at)
    kind = at.radio(key="team:period:kind").value
    chosen = periods.parse(at.selectbox(key=f"team:period:{kind}").value)
    (opening,) = [i.value for i in at.info if i.value.startswith("Du ser ")]
    assert opening.startswith(f"Du ser {chosen.label('da')}, den seneste")
    assert not [c for c in at.caption if c.value.startswith("Kun afsluttede perioder")]
    assert at.get("vega_lite_chart")

    at.radio(key="team:period:kind").set_value("month").run()  # the lead's own choice
    no_exception(at)
    assert not [i for i in at.info if i.value.startswith("Du ser ")]
    assert [c for c in at.caption if c.value.startswith("Kun afsluttede perioder")]

    at.selectbox(key="team:id").set_value(busy.other_team).run()  # a small team: no figures
    no_exception(at)
    assert any("færre end 5 sagsbehandlere" in i.value for i in at.info)


def test_a_pool_of_thousands_is_paged_by_number_not_by_a_list_of_pages() -> None:
    """13,683 shared excerpts at 100k sessions are 1,369 pages: the page picker then takes a
    number instead of sending 1,369 options."""
    from streamlit.testing.v1 import AppTest

    def script() -> None:
        import streamlit as st

        from lises_reflect import ui

        page = ui.page_asked("flip:excerpts")
        ui.page_picker(13_683, page, "flip:excerpts", 10, 10)
        st.write(f"page {page}")

    at = AppTest.from_function(script).run()
    no_exception(at)
    assert not at.selectbox
    at.number_input(key="flip:excerpts:page").set_value(1369).run()
    assert "page 1369" in [m.value for m in at.markdown]
    assert "13.683" in " ".join(c.value for c in at.caption) or "13683" in " ".join(
        c.value for c in at.caption
    )


def test_a_figures_table_is_drawn_when_opened_with_the_charts_numbers(busy: Org) -> None:
    """Issue 16: seven tables were a quarter of a lead's rerun at 100k; a table is drawn only
    while its "Vis tallene som tabel" is open, and then it holds what the chart shows."""
    at = app("lead")
    at.switch_page("pages/team_insights.py").run()
    no_exception(at)
    assert not at.dataframe
    labels = [e.label for e in at.expander]
    assert labels.count("Vis tallene som tabel") == len(at.get("vega_lite_chart")) > 0
    key = next(k for k in at.session_state if k.startswith("table:"))
    at.session_state[key] = True
    at.run()
    no_exception(at)
    (table,) = at.dataframe
    stub, figure = key.split(":")[1:]
    period = stub.removeprefix("teamets-refleksioner-")
    view = insights.team_overview(busy.engine, busy.lead, busy.team, period, "da")
    (fig,) = [f for f in view.figures if f.key == figure]
    assert table.value.equals(fig.frame())  # exactly what the chart shows
