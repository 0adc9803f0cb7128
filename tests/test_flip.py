"""The facilitator's FLIP service (`lises_reflect.flip`): the shared pool needs enough sharers
and hides who shared, the pack's list, and paging with an access log of what was shown."""

from __future__ import annotations

import pytest
from sqlmodel import select

from lises_reflect.db import session_scope
from lises_reflect.errors import PermissionDenied
from lises_reflect.models import AuditEntry
from tests import builders as b
from tests.builders import busy_team
from tests.conftest import Org


def _all_shared(org: Org) -> None:
    """A busy team of 10 whose every excerpt is shared, facilitated by the org's facilitator."""
    from lises_reflect.models import ReflectionSession

    busy_team(org, n=10)
    with session_scope(org.engine) as s:
        for rs in s.exec(select(ReflectionSession)).all():
            rs.excerpt_shared = True
            s.add(rs)
    b.facilitate(org.engine, org.facilitator, org.team)


def test_shared_pool_needs_ten_sharers_and_hides_who(org: Org):
    from lises_reflect import flip

    people = b.caseworkers(org.engine, org.team, 10, "del")
    b.facilitate(org.engine, org.facilitator, org.team)
    excerpt = "Mette: Hvad tænker du om praktik?\nB: Jeg kunne godt tænke mig noget med dyr."
    for i, p in enumerate(people[:9]):
        b.session(
            org.engine,
            org.team,
            p,
            [people[(i + 1) % 10]],
            b.when("2026-02", 1 + i),
            excerpt=excerpt,
            shared_excerpt=True,
            tags=((p, "meaning_making"),),
            points=(("Tidsfristen fylder.", "frames_demands", True),),
        )
    pool = flip.shared_pool(org.engine, org.facilitator, "2026-Q1")
    assert not pool.excerpts_enough and pool.excerpts == () and pool.points == ()
    assert flip.pack_choices(org.engine, org.facilitator, "2026-Q1") == ()
    b.session(
        org.engine,
        org.team,
        people[9],
        [people[0]],
        b.when("2026-03"),
        excerpt=excerpt,
        shared_excerpt=True,
        points=(("Tidsfristen fylder.", "frames_demands", True),),
    )
    pool = flip.shared_pool(org.engine, org.facilitator, "2026-Q1")
    assert pool.excerpts_enough and len(pool.excerpts) == 10 and len(pool.points) == 10
    first = pool.excerpts[0]
    assert [turn.label for turn in first.turns] == ["Anden", "Borger"]  # "Mette" is gone
    assert "Mette" not in repr(pool)
    only = flip.shared_pool(org.engine, org.facilitator, "2026-Q1", tag="meaning_making")
    assert len(only.excerpts) == 9 and only.points == ()
    assert flip.shared_pool(org.engine, org.facilitator, "2026-Q2").excerpts == ()
    with pytest.raises(PermissionDenied):
        flip.shared_pool(org.engine, org.lead, "2026-Q1")
    # The pack's list: the pool's excerpts with the same headings, no text, no audit entry.
    audited = _audit_count(org)
    choices = flip.pack_choices(org.engine, org.facilitator, "2026-Q1")
    assert [(c.token, c.heading, c.kind, c.lenses) for c in choices] == [
        (e.token, e.heading, e.kind, e.lenses) for e in pool.excerpts
    ]
    assert _audit_count(org) == audited
    # The pack tab asks only for the excerpts added to the pack: in that order, once each, and
    # without one no longer in the pool.
    wanted = (choices[-1].token, "gone", choices[0].token, choices[-1].token)
    only = flip.pack_choices(org.engine, org.facilitator, "2026-Q1", tokens=wanted)
    assert only == (choices[-1], choices[0])
    assert flip.pack_choices(org.engine, org.facilitator, "2026-Q1", tokens=()) == ()
    for other in (org.lead, org.bringer, org.admin):
        with pytest.raises(PermissionDenied):
            flip.pack_choices(org.engine, other, "2026-Q1")


def _audit_count(org: Org) -> int:
    from sqlmodel import func, select

    from lises_reflect.models import AuditEntry

    with session_scope(org.engine) as s:
        return s.exec(select(func.count()).select_from(AuditEntry)).one()


def test_the_pool_is_paged_by_the_service_and_audits_only_what_was_shown(org: Org):
    from lises_reflect import flip
    from lises_reflect.models import ReflectionSession, Team

    busy_team(org, n=10)  # 60 conversations of 10 bringers in 2026-H1
    with session_scope(org.engine) as s:
        org_id = s.get(Team, org.team).organisation_id
        for rs in s.exec(select(ReflectionSession)).all():
            rs.excerpt_shared = True
            s.add(rs)
    b.assign(org.engine, org.facilitator, "facilitator", org_id=org_id)
    fac = org.facilitator
    first = flip.shared_pool(org.engine, fac, "2026-H1")
    assert (first.excerpts_total, first.points_total) == (60, 60)
    assert len(first.excerpts) == flip.EXCERPTS_PER_PAGE and len(first.points) == 20
    assert [e.heading for e in first.excerpts] == [f"Uddrag {n}" for n in range(1, 11)]
    second = flip.shared_pool(org.engine, fac, "2026-H1", excerpt_page=2, point_page=3)
    assert [e.heading for e in second.excerpts] == [f"Uddrag {n}" for n in range(11, 21)]
    assert (second.excerpt_page, second.point_page) == (2, 3)
    seen = {e.token for e in first.excerpts} | {e.token for e in second.excerpts}
    assert len(seen) == 20  # no excerpt on two pages
    # Every excerpt is on exactly one page, and the pack lists them all in the same order.
    pages = [flip.shared_pool(org.engine, fac, "2026-H1", excerpt_page=n) for n in range(1, 7)]
    tokens = [e.token for pool in pages for e in pool.excerpts]
    assert tokens == [c.token for c in flip.pack_choices(org.engine, fac, "2026-H1")]
    beyond = flip.shared_pool(org.engine, fac, "2026-H1", excerpt_page=99, point_page=0)
    assert (beyond.excerpt_page, beyond.point_page) == (6, 1)  # kept within the pages there are
    assert beyond.excerpts == pages[-1].excerpts
    # A narrower search pages what matches (half the bringers chose only "gribning").
    narrow = flip.shared_pool(org.engine, fac, "2026-H1", lens="institutional_turns")
    assert narrow.excerpts_total == 30
    assert all("institutional_turns" in e.lens_ids for e in narrow.excerpts)
    # The access log names the conversations on the page that was shown, not the whole pool.
    with session_scope(org.engine) as s:
        last = s.exec(
            select(AuditEntry)
            .where(AuditEntry.action == "view.flip_pool")
            .order_by(AuditEntry.id.desc())
        ).first()
    assert len(last.filters["sessions"]) == 10


def test_the_pack_charts_are_drawn_before_the_click(org: Org, monkeypatch: pytest.MonkeyPatch):
    """`prepare_pack` draws the chosen figures' charts in the background while the form is
    filled in; the build then draws none. Once per choice; a caller who may not is left for the
    build to refuse, and nothing is audited (nothing was shown)."""
    from lises_reflect import flip, seminar

    _all_shared(org)
    monkeypatch.setattr(seminar, "PNG_SCALE", 1.0)
    seminar.forget_charts()
    drawn: list[str] = []
    real = seminar.charts.png
    monkeypatch.setattr(
        seminar.charts, "png", lambda fig, *a, **k: drawn.append(fig.key) or real(fig, *a, **k)
    )
    audited = _audit_count(org)
    assert flip.prepare_pack(org.engine, org.lead, "2026-H1", ("tags",)).join() is None
    assert drawn == [] and _audit_count(org) == audited
    flip.prepare_pack(org.engine, org.facilitator, "2026-H1", ("tags", "outcomes")).join()
    assert sorted(drawn) == ["outcomes", "tags"] and _audit_count(org) == audited
    assert flip.prepare_pack(org.engine, org.facilitator, "2026-H1", ("outcomes", "tags")) is None
    assert flip.prepare_pack(org.engine, org.facilitator, "2026-H1", ()) is None
    drawn.clear()
    pool = flip.shared_pool(org.engine, org.facilitator, "2026-H1")
    request = flip.PackRequest(
        "FLIP",
        3,
        6,
        "2026-H1",
        tuple(x.token for x in pool.excerpts[:2]),
        ("tags", "outcomes"),
        ("gribning",),
    )
    assert flip.export_pack(org.engine, org.facilitator, request, "pdf")[:4] == b"%PDF"
    assert drawn == []


def test_the_pack_compares_the_teams_chosen_on_the_page_never_all(
    org: Org, monkeypatch: pytest.MonkeyPatch
):
    """Issue 16: the pack drew every facilitated team into each chart (60 panels, 77 s at
    100k). Its figures cover the teams compared on the page; None is the page's default (the
    first eight), more than eight or a team not one's own is refused."""
    from lises_reflect import accounts, auth, flip, insights, seminar
    from lises_reflect.errors import InvalidInput
    from lises_reflect.models import ReflectionSession, Team

    busy_team(org, n=10)
    with session_scope(org.engine) as s:
        organisation = s.get(Team, org.team).organisation_id
        for rs in s.exec(select(ReflectionSession)).all():
            rs.excerpt_shared = True
            s.add(rs)
    teams = [org.team] + [
        accounts.create_team(org.engine, auth.OPERATOR, organisation, f"Team {n:02d}")
        for n in range(9)
    ]
    for team in teams:
        b.facilitate(org.engine, org.facilitator, team)
    monkeypatch.setattr(seminar, "PNG_SCALE", 1.0)
    compared: list[list[int]] = []
    real = insights._flip_figures
    monkeypatch.setattr(
        insights,
        "_flip_figures",
        lambda s, choices, *a: (
            compared.append([c.team_id for c in choices]) or real(s, choices, *a)
        ),
    )
    pool = flip.shared_pool(org.engine, org.facilitator, "2026-H1")
    tokens = tuple(x.token for x in pool.excerpts[:2])

    def build(team_ids):
        request = flip.PackRequest(
            "FLIP", 3, 6, "2026-H1", tokens, ("tags",), ("gribning",), team_ids=team_ids
        )
        return flip.export_pack(org.engine, org.facilitator, request, "pdf")

    assert build((org.team, teams[3]))[:4] == b"%PDF"
    assert sorted(compared[-1]) == sorted([org.team, teams[3]])
    build(None)
    assert len(compared[-1]) == insights.MAX_COMPARED_TEAMS and set(compared[-1]) < set(teams)
    with pytest.raises(InvalidInput):
        build(tuple(teams))  # nine
    elsewhere = accounts.create_organisation(org.engine, auth.OPERATOR, "Jobcenter Andetsteds")
    outside = accounts.create_team(org.engine, auth.OPERATOR, elsewhere, "Team Ude")
    with pytest.raises(PermissionDenied):
        build((org.team, outside))  # not facilitated


def test_the_neutral_order_is_random_per_row_and_the_same_in_sql_as_its_formula(org: Org):
    """The pool is ordered in SQL (`flip.order_key`): on either backend the order is the
    formula's, each row's place is random (not its id, so not its age), and each facilitator
    and period has an order of its own."""
    from sqlalchemy import literal_column

    from lises_reflect import flip
    from lises_reflect.models import POOL_ORDER_MODULUS, ReflectionSession

    for i in range(40):
        b.session(org.engine, org.team, org.colleague, [], b.when("2026-02", 1 + i % 20))
    with session_scope(org.engine) as s:
        rows = s.exec(select(ReflectionSession.id, ReflectionSession.pool_order)).all()
        assert len({x for _id, x in rows}) == len(rows)  # random: no two alike here
        assert all(0 <= x < POOL_ORDER_MODULUS for _id, x in rows)
        by_id = sorted(rows)
        assert [x for _i, x in by_id] != sorted(x for _i, x in by_id)  # not in age order
        orders = {}
        for salt in ("flip:1:2026-H1", "flip:2:2026-H1", "flip:1:2026-Q1"):
            a, c = flip.order_constants(salt)
            expected = sorted(rows, key=lambda r: ((r[1] * a + c) % POOL_ORDER_MODULUS, r[0]))
            key = flip.order_key(ReflectionSession.pool_order, salt)
            got = s.exec(
                select(ReflectionSession.id, key.label("k")).order_by(
                    literal_column("k"), ReflectionSession.id
                )
            ).all()
            assert [r[0] for r in got] == [r[0] for r in expected]
            assert [r[1] for r in got] == [(x * a + c) % POOL_ORDER_MODULUS for _i, x in expected]
            orders[salt] = [r[0] for r in got]
        assert len({tuple(x) for x in orders.values()}) == 3


def test_a_token_the_pool_never_showed_finds_nothing(org: Org):
    """The pack finds its excerpts by the tokens the pool handed out; a token made up (or from
    before a restart) names no excerpt, and the pack says the excerpt is gone."""
    from lises_reflect import flip
    from lises_reflect.errors import InvalidInput

    _all_shared(org)
    shown = flip.shared_pool(org.engine, org.facilitator, "2026-H1").excerpts[0].token
    made_up = "0" * len(shown)
    assert flip.pack_choices(org.engine, org.facilitator, "2026-H1", tokens=[made_up]) == ()
    both = flip.pack_choices(org.engine, org.facilitator, "2026-H1", tokens=[made_up, shown])
    assert [c.token for c in both] == [shown]
    request = flip.PackRequest("FLIP", 2, 10, "2026-H1", (shown, made_up))
    with pytest.raises(InvalidInput) as refused:
        flip.export_pack(org.engine, org.facilitator, request, "pdf")
    assert refused.value.code == "error.pack_excerpt_gone"
