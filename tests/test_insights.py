"""What a team lead and a facilitator get back: only suppressed figures, for their own teams."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlmodel import select

from lises_reflect import accounts, auth, insights
from lises_reflect.db import session_scope
from lises_reflect.disclosure import Thresholds
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import AuditEntry
from tests import builders as b
from tests.builders import busy_team
from tests.conftest import Org


def test_lead_sees_real_figures_for_a_busy_team(org: Org):
    busy_team(org)
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    assert not ov.small_team
    figs = {f.key: f for f in ov.figures}
    sessions = figs["sessions"]
    assert [bar.value for bar in sessions.bars] == [8.0, 8.0, 8.0]
    assert "24" in sessions.reading
    assert figs["process"].bars[-1].status == "shown"
    assert figs["participation"].bars[-1].text == "50–75 %"  # 8 of the team's 12
    # 8 distinct bringers shared "rammer/krav" points: below the free-text threshold of 10
    assert ov.frames_points == () and not ov.frames_enough
    with session_scope(org.engine) as s:
        entries = s.exec(select(AuditEntry)).all()
    assert [(e.action, e.filters) for e in entries] == [
        ("view.team_overview", {"period": "2026-Q1"})
    ]


def test_small_team_gets_an_explanation(org: Org):
    b.caseworkers(org.engine, org.team, 0, "x")  # the team has bringer/listener/... = 4
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    assert ov.small_team and ov.figures == ()


def test_lead_only_for_own_teams(org: Org):
    with pytest.raises(PermissionDenied):
        insights.team_overview(org.engine, org.lead, org.other_team, "2026-Q1")
    for who in (org.bringer, org.facilitator, org.admin):
        with pytest.raises(PermissionDenied):
            insights.team_overview(org.engine, who, org.team, "2026-Q1")
    b.assign(org.engine, org.lead, "teamlead", team_id=org.other_team)
    insights.team_overview(org.engine, org.lead, org.other_team, "2026-Q1")


def test_facilitator_sees_only_passing_teams(org: Org):
    busy_team(org)
    o = accounts.create_organisation(org.engine, auth.OPERATOR, "Jobcenter Andet")
    b.assign(org.engine, org.facilitator, "facilitator", org_id=o)
    with pytest.raises(PermissionDenied):
        insights.flip_patterns(org.engine, org.facilitator, "2026-H1", team_ids=[org.team])
    with session_scope(org.engine) as s:
        from lises_reflect.models import Team

        first_org = s.get(Team, org.team).organisation_id
    b.assign(org.engine, org.facilitator, "facilitator", org_id=first_org)
    pat = insights.flip_patterns(org.engine, org.facilitator, "2026-H1")
    assert pat.teams_shown == ("Team A (Jobcenter Test)",)
    assert pat.teams_not_shown == 1  # Team B: too few caseworkers
    tags = {f.key: f for f in pat.figures}["tags"]
    assert all(bar.group == "Team A (Jobcenter Test)" for bar in tags.bars)


def test_a_comparison_takes_at_most_eight_teams_fetched_together(org: Org):
    busy_team(org)
    with session_scope(org.engine) as s:
        from lises_reflect.models import Team

        first_org = s.get(Team, org.team).organisation_id
    b.assign(org.engine, org.facilitator, "facilitator", org_id=first_org)
    extra = [
        accounts.create_team(org.engine, auth.OPERATOR, first_org, f"Team {n}")
        for n in range(insights.MAX_COMPARED_TEAMS)
    ]
    with pytest.raises(InvalidInput):
        insights.flip_patterns(org.engine, org.facilitator, "2026-H1", team_ids=[org.team, *extra])
    # The same figures whether the teams are fetched together or one by one.
    together = insights.flip_patterns(
        org.engine, org.facilitator, "2026-H1", team_ids=[org.team, *extra[:3]]
    )
    alone = insights.flip_patterns(org.engine, org.facilitator, "2026-H1", team_ids=[org.team])
    assert together.figures == alone.figures
    assert together.teams_not_shown == 3


def test_csv_is_the_figure_and_is_audited(org: Org):
    busy_team(org)
    data = insights.team_figure_csv(org.engine, org.lead, org.team, "2026-H1", "sessions")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "Måned;Antal sessioner;Vist som;Status"
    assert "jan 2026;8;8;vist" in text


def test_thresholds_from_configuration(org: Org):
    busy_team(org, n=6)
    ov = insights.team_overview(
        org.engine, org.lead, org.team, "2026-03", thresholds=Thresholds(figures=7, text=10)
    )
    assert all(bar.value is None for f in ov.figures for bar in f.bars)


def test_frames_points_from_ten_bringers_without_names_or_order(org: Org):
    people = busy_team(org, n=10)
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    assert ov.frames_enough  # the same wording from 30 sessions is shown once
    assert ov.frames_points == ("Dokumentationskravet fylder i samtalen.",)
    names = {f"Cw {i}" for i in range(10)} | {f"cw{i}" for i in range(10)}
    assert not any(n in text for text in ov.frames_points for n in names)
    assert people


def test_admin_assigns_teams_and_organisations(org: Org, capsys):
    from lises_reflect.cli import main
    from lises_reflect.errors import InvalidInput, NotFound

    assert insights.led_teams(org.engine, org.lead)[0].team_id == org.team
    with pytest.raises(PermissionDenied):
        accounts.assign(org.engine, org.bringer, "lead", "teamlead", team_id=org.other_team)
    aid = accounts.assign(org.engine, org.admin, "lead", "teamlead", team_id=org.other_team)
    assert accounts.assign(org.engine, org.admin, "lead", "teamlead", team_id=org.other_team) == aid
    assert {x.team_id for x in insights.led_teams(org.engine, org.lead)} == {
        org.team,
        org.other_team,
    }
    with pytest.raises(InvalidInput):  # a caseworker is not a facilitator
        accounts.assign(org.engine, org.admin, "bringer", "facilitator", team_id=org.team)
    with pytest.raises(InvalidInput):
        accounts.assign(org.engine, org.admin, "facilitator", "facilitator")
    with pytest.raises(NotFound):
        accounts.assign(org.engine, org.admin, "nobody", "facilitator", team_id=org.team)
    url = org.engine.url.render_as_string(hide_password=False)
    assert (
        main(
            [
                "--database-url",
                url,
                "assign",
                "facilitator",
                "--role",
                "facilitator",
                "--team-id",
                str(org.team),
            ]
        )
        == 0
    )
    assert [x.team_id for x in insights.facilitated_teams(org.engine, org.facilitator)] == [
        org.team
    ]
    rows = accounts.assignments(org.engine, org.admin)
    assert [(r.username, r.role) for r in rows] == [
        ("facilitator", "facilitator"),
        ("lead", "teamlead"),
    ]
    accounts.unassign(org.engine, org.admin, aid)
    assert [x.team_id for x in insights.led_teams(org.engine, org.lead)] == [org.team]
    assert (
        main(
            [
                "--database-url",
                url,
                "assign",
                "bringer",
                "--role",
                "teamlead",
                "--team-id",
                str(org.team),
            ]
        )
        == 2
    )
    assert "does not have the role" in capsys.readouterr().err


def test_only_the_bringer_shares_the_excerpt(org: Org):
    from lises_reflect import sessions as S
    from lises_reflect.errors import InvalidInput

    sid = S.create_session(org.engine, org.bringer, "Deling")
    with pytest.raises(InvalidInput):
        S.set_excerpt_sharing(org.engine, org.bringer, sid, True)  # nothing to share yet
    S.set_listeners(org.engine, org.bringer, sid, [org.listener])
    with pytest.raises(PermissionDenied):
        S.set_excerpt_sharing(org.engine, org.listener, sid, True)


def test_a_caseworker_sees_who_opened_or_used_her_material(org: Org):
    from lises_reflect import audit, flip, tagging
    from lises_reflect import sessions as S

    people = b.caseworkers(org.engine, org.team, 10, "del")
    b.facilitate(org.engine, org.facilitator, org.team)
    ids = [
        b.session(
            org.engine,
            org.team,
            p,
            [people[(i + 1) % 10]],
            b.when("2026-02", 1 + i),
            shared_excerpt=True,
            points=(("Fristen fylder.", "frames_demands", True),),
        )
        for i, p in enumerate(people)
    ]
    mine = S.create_session(org.engine, org.bringer, "Min egen")
    S.set_listeners(org.engine, org.bringer, mine, [org.listener])
    S.session_view(org.engine, org.listener, mine)
    S.session_view(org.engine, org.listener, mine)  # a rerun: logged once per half hour
    S.update_text(org.engine, org.bringer, mine, "excerpt", "R: Hej.\nB: Hej.", "")
    tagging.export_session(org.engine, org.bringer, mine)
    log = audit.my_material_log(org.engine, org.bringer)
    assert [(r.who, r.what, r.title) for r in log] == [
        ("Bringer", "export.session", "Min egen"),
        ("Listener", "view.open", "Min egen"),
    ]
    pool = flip.shared_pool(org.engine, org.facilitator, "2026-Q1")
    req = flip.PackRequest(
        "FLIP",
        3,
        6,
        "2026-Q1",
        tuple(e.token for e in pool.excerpts[:2]),
        (),
        ("gribning",),
        ("Hvad hører I?",),
    )
    flip.export_pack(org.engine, org.facilitator, req, "pdf")
    seen = {(r.what, r.title) for p in people for r in audit.my_material_log(org.engine, p)}
    assert ("view.flip_pool", "Opfølgning") in seen
    used = [
        r
        for p in people
        for r in audit.my_material_log(org.engine, p)
        if r.what == "export.seminar_pack_pdf"
    ]
    assert len(used) == 2 and {r.who for r in used} == {"Facilitator"}
    assert len(ids) == 10


def test_text_stored_before_the_guard_knew_its_form_is_screened_on_the_way_out(org: Org):
    """Issue 14, item 3: a text stored before the guard caught thin spaces or `(at)` is not
    rewritten in the database; the pool, the seminar pack and the lead's list screen it again
    on the way out."""
    from sqlmodel import select

    from lises_reflect import flip
    from lises_reflect.models import LearningPoint, ReflectionSession

    people = b.caseworkers(org.engine, org.team, 10, "gammel")
    b.facilitate(org.engine, org.facilitator, org.team)
    for i, p in enumerate(people):
        b.session(
            org.engine,
            org.team,
            p,
            [people[(i + 1) % 10]],
            b.when("2026-02", 1 + i),
            excerpt="R: Hvad tænker du?\nB: Jeg vil gerne arbejde med dyr.",
            shared_excerpt=True,
            points=(("Tidsfristen fylder.", "frames_demands", True),),
        )
    old = (
        "R: Skriv til mig på jens(at)kommune.dk\n"
        "B: Mit cpr er 010190\u20091234, ring 12\u202f34\u202f56\u202f78."
    )
    with session_scope(org.engine) as s:  # written as an older version let it through
        for session in s.exec(select(ReflectionSession)).all():
            session.excerpt = old
            s.add(session)
        for point in s.exec(select(LearningPoint)).all():
            point.text = "Ring til borgeren på 12\u202f34\u202f56\u202f78 om fristen."
            s.add(point)
    pool = flip.shared_pool(org.engine, org.facilitator, "2026-Q1")
    assert pool.excerpts and pool.points
    shown = repr(pool)
    for secret in ("jens", "kommune.dk", "010190", "1234", "12 34", "12\u202f34"):
        assert secret not in shown, secret
    assert "[…]" in pool.excerpts[0].turns[0].text
    assert pool.points[0].text == "Ring til borgeren på […] om fristen."
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    assert ov.frames_points == ("Ring til borgeren på […] om fristen.",)


# ------------------------------------------------------------------- issue 21: content first


def test_the_outcome_figure_counts_only_the_three_research_outcomes(org: Org):
    """gribes, overhøres, overhales; the tool's own outcomes are never pooled with them, and
    the figure says so. A team that only ever chose the tool's own shows nothing of them."""
    # The whole half year, so no hidden quarter hides the first one.
    b.busy_team(
        org,
        each=lambda _m, _i, p, other: {"links": ((other, "partly_taken_up"), (p, "passed_over"))},
    )
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    outcomes = next(f for f in ov.figures if f.key == "outcomes")
    assert [bar.label for bar in outcomes.bars] == [
        "Grebet",
        "Overhørt",
        "Overhalet af institutionel tale",
    ]
    assert [bar.value for bar in outcomes.bars] == [None, 24.0, None]  # 8 people x 3 months
    assert any("Værktøjets egne kategorier" in note for note in outcomes.notes)
    assert "delvist" not in outcomes.reading.lower()
    assert "partly_taken_up" not in outcomes.csv().decode()
    patterns = insights.flip_patterns(org.engine, org.facilitator, "2026-Q1")
    compared = next(f for f in patterns.figures if f.key == "outcomes")
    assert {bar.label for bar in compared.bars} <= {
        "Grebet",
        "Overhørt",
        "Overhalet af institutionel tale",
    }
    assert any("Værktøjets egne kategorier" in note for note in compared.notes)


def test_the_lead_sees_which_barriers_the_team_names_suppressed_as_other_figures(org: Org):
    def barriers(_m: int, i: int, _p: int, _other: int) -> dict:
        points = [("Vi kan ikke love tilbuddet.", "barrier_available_offers", True)]
        if i < 2:  # only two bringers name leadership backing: below k = 5, hidden
            points.append(("Ledelsen spørger kun til antal.", "barrier_leadership_backing", True))
        points.append(("Ikke delt.", "barrier_accessibility", False))  # not shared: not counted
        return {"points": tuple(points)}

    b.busy_team(org, each=barriers)
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    learning = next(f for f in ov.figures if f.key == "learning")
    bars = {bar.label: bar for bar in learning.bars}
    assert "Barriere: Beslutningsmyndighed" in bars and len(bars) == 11
    assert bars["Barriere: Tilgængelige tilbud"].value == 24.0  # 8 bringers x 3 months
    assert bars["Barriere: Ledelsesopbakning"].value is None
    assert bars["Barriere: Tilgængelighed"].value is None
    assert "Tilgængelige tilbud" in learning.reading
    csv = insights.team_figure_csv(org.engine, org.lead, org.team, "2026-Q1", "learning")
    assert "Barriere: Tilgængelige tilbud" in csv.decode()


def test_the_lead_overview_opens_on_content_and_keeps_volume_as_context(org: Org):
    busy_team(org)
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-Q1")
    assert [f.key for f in ov.figures] == [
        "lenses",
        "tags",
        "outcomes",
        "learning",
        "sessions",
        "participation",
        "process",
    ]
    assert [f.key for f in ov.content] == ["lenses", "tags", "outcomes", "learning"]
    assert [f.key for f in ov.context] == ["sessions", "participation", "process"]
    # The facilitator's side-by-side figures: content first, the process check after it.
    assert insights.COMPARED_FIGURES[-1] == "process"


def test_a_learning_point_shared_after_its_month_ended_does_not_count_there(org: Org):
    from lises_reflect.models import LearningPoint

    people = b.caseworkers(org.engine, org.team, 6, "cw")
    sids = []
    for m in range(1, 7):
        for i, p in enumerate(people):
            sids.append(
                b.session(
                    org.engine,
                    org.team,
                    p,
                    [people[(i + 1) % 6]],
                    b.when(f"2026-0{m}", 3 + i),
                    points=(("Tilbuddet lukkede.", "barrier_predictability", True),),
                )
            )
    with session_scope(org.engine) as s:  # one January point was shared only in March
        lp = s.exec(select(LearningPoint).where(LearningPoint.session_id == sids[0])).one()
        lp.updated_at = b.when("2026-03", 10)
        s.add(lp)
    ov = insights.team_overview(org.engine, org.lead, org.team, "2026-H1")
    bars = {bar.label: bar for bar in next(f for f in ov.figures if f.key == "learning").bars}
    assert bars["Barriere: Forudsigelighed"].value == 35.0  # 36 shared, one of them too late


# ------------------------------------------------------------------ the lead's first view (issue 16)


def clock(monkeypatch: pytest.MonkeyPatch, year: int, month: int, day: int) -> None:
    now = datetime(year, month, day, 12, tzinfo=timezone.utc)
    monkeypatch.setattr(insights, "_now", lambda: now)


def test_the_first_view_opens_on_the_newest_closed_period_and_says_so(
    org: Org, monkeypatch: pytest.MonkeyPatch
):
    busy_team(org)  # every month of 2026-H1
    clock(monkeypatch, 2026, 7, 15)  # the second quarter and the half year have just ended
    ov = insights.team_overview(org.engine, org.lead, org.team, None)
    assert ov.period_key == "2026-Q2"  # the quarter: the half year shows no figure more
    assert ov.opening == (
        "Du ser 2. kvartal 2026, den seneste afsluttede periode; "
        "tal for 3. kvartal 2026 vises fra 1. oktober 2026."
    )
    # The lens counts stay hidden here, with the session counts (complement), in both periods.
    assert [f.has_values for f in ov.content] == [False, True, True, True]
    asked = insights.team_overview(org.engine, org.lead, org.team, "2026-Q2")
    assert asked.figures == ov.figures and asked.opening == "" and asked.period_key == "2026-Q2"
    with session_scope(org.engine) as s:
        entries = [(e.action, e.filters) for e in s.exec(select(AuditEntry)).all()]
    assert entries == [
        ("view.team_overview", {"period": "2026-Q2", "first_view": True}),
        ("view.team_overview", {"period": "2026-Q2"}),
    ]


def test_a_newer_period_with_every_figure_hidden_is_passed_over_and_named(
    org: Org, monkeypatch: pytest.MonkeyPatch
):
    busy_team(org)
    clock(monkeypatch, 2026, 10, 15)  # the third quarter has ended, with nothing in it
    ov = insights.team_overview(org.engine, org.lead, org.team, None)
    assert ov.period_key == "2026-Q2"
    assert ov.opening == (
        "Du ser 2. kvartal 2026, den seneste periode med tal, der kan vises: i 3. kvartal 2026 "
        "står der færre end 5 sagsbehandlere bag tallene, og tal for 4. kvartal 2026 vises fra "
        "1. januar 2027."
    )
    empty = insights.team_overview(org.engine, org.lead, org.team, "2026-Q3")  # still chosen
    lenses = empty.figures[0]
    assert not lenses.has_values and lenses.reading == (
        "I 3. kvartal 2026 står der færre end 5 sagsbehandlere bag hvert af tallene her, "
        "så de vises ikke."
    )


def test_the_half_year_when_the_quarter_ending_with_it_hides_a_whole_figure(
    org: Org, monkeypatch: pytest.MonkeyPatch
):
    """Issue 16: the quarter's gribning outcomes were all hidden, the half year's shown."""
    b.busy_team(
        org,
        each=lambda m, i, p, other: {
            "lenses": ("gribning",) if i % 2 else ("gribning", "institutional_turns"),
            "tags": ((p, "institutional"), (other, "institutional")),
            "links": ((other, "taken_up"),) if m <= 3 else (),  # none in the second quarter
        },
    )
    clock(monkeypatch, 2026, 7, 15)
    quarter = insights.team_overview(org.engine, org.lead, org.team, "2026-Q2")
    assert not next(f for f in quarter.figures if f.key == "outcomes").has_values
    ov = insights.team_overview(org.engine, org.lead, org.team, None)
    assert ov.period_key == "2026-H1"
    assert next(f for f in ov.figures if f.key == "outcomes").has_values
    assert ov.opening == (
        "Du ser 1. halvår 2026, den seneste afsluttede periode, fordi flere af tallene er skjult "
        "i 2. kvartal 2026; tal for 2. halvår 2026 vises fra 1. januar 2027."
    )


def test_with_nothing_to_show_anywhere_the_newest_quarter_says_why(
    org: Org, monkeypatch: pytest.MonkeyPatch
):
    b.caseworkers(org.engine, org.team, 4, "cw")  # eight caseworkers, no finished session
    clock(monkeypatch, 2026, 7, 15)
    ov = insights.team_overview(org.engine, org.lead, org.team, None)
    assert not ov.small_team and ov.period_key == "2026-Q2"
    assert not any(f.has_values for f in ov.content)
    assert ov.opening == (
        "Du ser 2. kvartal 2026, den seneste afsluttede periode, men i ingen af de seneste "
        "perioder står der mindst 5 sagsbehandlere bag teamets tal; tal for 3. kvartal 2026 "
        "vises fra 1. oktober 2026."
    )


def test_a_small_team_opens_on_the_newest_quarter_without_computing_anything(
    org: Org, monkeypatch: pytest.MonkeyPatch
):
    clock(monkeypatch, 2026, 7, 15)
    ov = insights.team_overview(org.engine, org.lead, org.team, None)
    assert ov.small_team and ov.figures == () and ov.period_key == "2026-Q2"
    assert ov.opening == ""


def test_a_comparison_reads_as_one_sentence_about_categories_never_ranking_teams(org: Org):
    busy_team(org)
    b.facilitate(org.engine, org.facilitator, org.team)
    patterns = insights.flip_patterns(org.engine, org.facilitator, "2026-H1")
    readings = {f.key: f.reading for f in patterns.figures}
    assert readings["tags"] == (
        "I 1. halvår 2026 var »Institutionel taletur« den hyppigste markering i 1 af de 1 team, "
        "der kan vises."
    )
    assert readings["process"].startswith("I 1. halvår 2026 lå gennemsnittet for hele perioden")
    assert "Team A" not in " ".join(readings.values())
