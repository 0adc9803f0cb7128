"""The demo is rich enough for the lead and facilitator pages to show real charts.

Counted in SQL on both backends. Each test seeds once: the `engine` fixture empties the
database per test, so the checks of one seeded demo live together in one test.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from lises_reflect import demo, demo_content, flip, insights, periods
from lises_reflect.auth import actor_by_username
from lises_reflect.models import ProcessCheckReceipt, ReflectionSession
from lises_reflect.privacy import find_personal_data

NOW = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)
FRAMES = "frames_demands"
CASEWORKERS = (
    'SELECT COUNT(DISTINCT u.id) FROM "user" u JOIN userrole r ON r.user_id = u.id'
    " WHERE u.team_id = :t AND u.active = :yes AND r.role = 'caseworker'"
)


def rows(engine: Engine, sql: str, **params) -> list[tuple]:
    with engine.connect() as c:
        return [tuple(r) for r in c.execute(text(sql), params)]


def one(engine: Engine, sql: str, **params):
    return rows(engine, sql, **params)[0][0]


def teams_in_order(engine: Engine) -> tuple[list[int], int]:
    """The normal teams in creation order, and the small team."""
    found = rows(engine, "SELECT id, name FROM team ORDER BY id")
    small = [tid for tid, name in found if name == demo_content.content().small_team]
    assert len(small) == 1
    return [tid for tid, _name in found if tid != small[0]], small[0]


def in_range(p: periods.Period) -> bool:
    """Whether a period overlaps the 12 months the default demo covers."""
    return p.end() > NOW - timedelta(days=365) and p.start() < NOW


def wipe(engine: Engine) -> None:
    with engine.begin() as c:
        for table in reversed(SQLModel.metadata.sorted_tables):
            c.execute(table.delete())


# ------------------------------------------------------------------------------ the checks


def check_people(engine: Engine, team_ids: list[int], small: int) -> None:
    yes = True  # a bound parameter: booleans are spelled differently on the two backends
    mette = actor_by_username(engine, "mette")
    assert mette.team_id == team_ids[0]
    for username in ("jonas", "aisha", "hanne"):
        assert actor_by_username(engine, username).team_id == team_ids[0]
    assert one(engine, CASEWORKERS, t=team_ids[0], yes=yes) == 12
    assert one(engine, CASEWORKERS, t=team_ids[1], yes=yes) >= 10  # shared text every half
    for tid in team_ids[1:]:
        assert 8 <= one(engine, CASEWORKERS, t=tid, yes=yes) <= 12
    assert one(engine, CASEWORKERS, t=small, yes=yes) == 3
    orgs = rows(engine, "SELECT id FROM organisation ORDER BY id")
    assert len(orgs) == 2
    assert one(engine, "SELECT organisation_id FROM team WHERE id = :t", t=small) in {
        o for (o,) in orgs
    }

    def assigned(username: str, role: str) -> set[tuple]:
        return set(
            rows(
                engine,
                'SELECT a.team_id, a.organisation_id FROM assignment a JOIN "user" u'
                " ON u.id = a.user_id WHERE u.username = :u AND a.role = :r",
                u=username,
                r=role,
            )
        )

    assert assigned("hanne", "teamlead") == {(team_ids[0], None), (team_ids[1], None)}
    assert assigned("sofie", "facilitator") == {(None, o) for (o,) in orgs}


def check_sessions(engine: Engine, team_ids: list[int], small: int) -> None:
    # Bringer and 1–3 listeners from the session's own team; 1–2 lenses.
    assert not rows(
        engine,
        'SELECT p.id FROM participant p JOIN "user" u ON u.id = p.user_id'
        " JOIN reflection_session s ON s.id = p.session_id WHERE u.team_id <> s.team_id",
    )
    per_session = rows(
        engine,
        "SELECT s.id, SUM(CASE WHEN p.role = 'bringer' AND p.user_id = s.bringer_id"
        " THEN 1 ELSE 0 END), SUM(CASE WHEN p.role = 'listener' THEN 1 ELSE 0 END)"
        " FROM reflection_session s JOIN participant p ON p.session_id = s.id GROUP BY s.id",
    )
    total = one(engine, "SELECT COUNT(*) FROM reflection_session")
    assert len(per_session) == total
    assert all(b == 1 and 1 <= n <= 3 for _sid, b, n in per_session)
    for (lenses,) in rows(engine, "SELECT lenses FROM reflection_session"):
        assert 1 <= len(lenses if isinstance(lenses, list) else json.loads(lenses)) <= 2
    # Most sessions older than two weeks are finished.
    old, old_finished = rows(
        engine,
        "SELECT COUNT(*), SUM(CASE WHEN status = 'finished' THEN 1 ELSE 0 END)"
        " FROM reflection_session WHERE created_at < :t",
        t=NOW - timedelta(days=14),
    )[0]
    assert old_finished >= 0.9 * old
    # The whole range, and nothing older than the retention period.
    with engine.connect() as c:  # typed, so SQLite returns a datetime too
        first = c.execute(select(func.min(ReflectionSession.created_at))).scalar_one()
    first = first if first.tzinfo else first.replace(tzinfo=timezone.utc)
    assert NOW - timedelta(days=366) < first < NOW - timedelta(days=330)

    # 8–12 sessions per normal team and complete month; 6+ different bringers in team 0.
    months = [m for m in periods.recent("month", NOW, 13)[1:] if in_range(m)]
    assert len(months) == 12
    spread = []
    for m in months:
        for tid in team_ids:
            n, bringers = rows(
                engine,
                "SELECT COUNT(*), COUNT(DISTINCT bringer_id) FROM reflection_session"
                " WHERE team_id = :t AND created_at >= :a AND created_at < :b",
                t=tid,
                a=m.start(),
                b=m.end(),
            )[0]
            if tid == team_ids[0]:
                spread.append(bringers)
            if m.start() > NOW - timedelta(days=330):  # the months wholly in range
                assert 7 <= n <= 16, (m.key, tid, n)
    assert sum(b >= 6 for b in spread) >= 9, spread
    small_sessions = one(
        engine, "SELECT COUNT(*) FROM reflection_session WHERE team_id = :t", t=small
    )
    assert 0 < small_sessions < 40


def check_learning_points(engine: Engine, team_ids: list[int]) -> None:
    per_finished = rows(
        engine,
        "SELECT s.id, COUNT(lp.id), SUM(CASE WHEN lp.category IS NULL THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN lp.shared IS NULL THEN 1 ELSE 0 END) FROM reflection_session s"
        " LEFT JOIN learning_point lp ON lp.session_id = s.id"
        " WHERE s.status = 'finished' GROUP BY s.id",
    )
    assert per_finished and all(1 <= n <= 3 and not c and not u for _s, n, c, u in per_finished)
    points, shared, frames = rows(
        engine,
        "SELECT COUNT(*), SUM(CASE WHEN lp.shared = :yes THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN lp.shared = :yes AND lp.category = :f THEN 1 ELSE 0 END)"
        " FROM learning_point lp JOIN reflection_session s ON s.id = lp.session_id"
        " WHERE s.status = 'finished'",
        yes=True,
        f=FRAMES,
    )[0]
    assert 0.5 <= shared / points <= 0.7, (shared, points)
    assert 0.25 <= frames / shared <= 0.42, (frames, shared)
    distinct_frames = {
        t
        for (t,) in rows(
            engine, "SELECT DISTINCT text FROM learning_point WHERE category = :f", f=FRAMES
        )
    }
    assert len(distinct_frames) >= 30

    # The lead's list of frames: every half year holds shared points from 10+ bringers.
    halves = [h for h in periods.recent("half", NOW, 4) if in_range(h)]
    assert len(halves) == 3
    for tid in team_ids[:2]:
        for h in halves:
            bringers = one(
                engine,
                "SELECT COUNT(DISTINCT s.bringer_id) FROM learning_point lp"
                " JOIN reflection_session s ON s.id = lp.session_id WHERE s.team_id = :t"
                " AND lp.shared = :yes AND lp.category = :f"
                " AND s.created_at >= :a AND s.created_at < :b",
                t=tid,
                yes=True,
                f=FRAMES,
                a=h.start(),
                b=h.end(),
            )
            assert bringers >= 10, (tid, h.key, bringers)


def check_excerpts_and_process(engine: Engine) -> None:
    finished, excerpts = rows(
        engine,
        "SELECT COUNT(*), SUM(CASE WHEN excerpt_shared = :yes THEN 1 ELSE 0 END)"
        " FROM reflection_session WHERE status = 'finished'",
        yes=True,
    )[0]
    assert excerpts >= 25 and 0.25 <= excerpts / finished <= 0.45
    assert not one(
        engine,
        "SELECT COUNT(*) FROM reflection_session WHERE excerpt_shared = :yes"
        " AND status <> 'finished'",
        yes=True,
    )

    # Anonymous answers and receipts agree, per team and month as well as in total.
    checks = dict(
        ((t, p), n)
        for t, p, n in rows(
            engine, "SELECT team_id, period, COUNT(*) FROM process_check GROUP BY team_id, period"
        )
    )
    receipts: dict[tuple, int] = {}
    with engine.connect() as c:
        receipt_rows = c.execute(
            select(ReflectionSession.team_id, ReflectionSession.created_at).join(
                ProcessCheckReceipt, ProcessCheckReceipt.session_id == ReflectionSession.id
            )
        ).all()
    for team_id, created in receipt_rows:
        created = created if created.tzinfo else created.replace(tzinfo=timezone.utc)
        key = (team_id, periods.month_key(created))
        receipts[key] = receipts.get(key, 0) + 1
    assert checks == receipts and sum(checks.values()) > 500
    answered, possible = rows(
        engine,
        "SELECT COUNT(r.user_id), COUNT(*) FROM participant p"
        " JOIN reflection_session s ON s.id = p.session_id AND s.status = 'finished'"
        " LEFT JOIN process_check_receipt r"
        " ON r.session_id = p.session_id AND r.user_id = p.user_id",
    )[0]
    assert 0.7 <= answered / possible <= 0.9
    assert not one(
        engine,
        "SELECT COUNT(*) FROM process_check_receipt r JOIN reflection_session s"
        " ON s.id = r.session_id WHERE s.status <> 'finished'",
    )
    frames = dict(rows(engine, "SELECT safe_frame, COUNT(*) FROM process_check GROUP BY 1"))
    assert set(frames) <= {1, 2, 3, 4, 5}
    assert frames.get(3, 0) + frames.get(4, 0) + frames.get(5, 0) >= 0.75 * sum(frames.values())


def check_no_personal_data(engine: Engine) -> None:
    texts = set(demo_content.free_texts())
    for sql in (
        "SELECT text FROM learning_point",
        "SELECT text FROM contribution",
        "SELECT excerpt FROM reflection_session",
        "SELECT title FROM reflection_session",
        "SELECT context_wish FROM reflection_session",
    ):
        texts |= {r[0] for r in rows(engine, sql)}
    assert len(texts) > 200
    assert {t: find_personal_data(t) for t in texts if find_personal_data(t)} == {}


def check_pages(engine: Engine, team_ids: list[int]) -> None:
    """What hanne and sofie see: real figures, shared text, and the small team left out."""
    hanne = actor_by_username(engine, "hanne").user_id
    sofie = actor_by_username(engine, "sofie").user_id
    led = insights.led_teams(engine, hanne)
    assert [t.team_id for t in led] == team_ids[:2]
    # The lead's first view: the last closed quarter (nothing is released for a running one).
    half = insights.period_choices("quarter", NOW)[0].key
    for team in led:
        ov = insights.team_overview(engine, hanne, team.team_id, half)
        shown = {f.key: sum(b.status == "shown" for b in f.bars) for f in ov.figures}
        assert all(n > 0 for n in shown.values()), shown
        assert ov.frames_enough and len(ov.frames_points) >= 10
    small_lead = actor_by_username(engine, "lederunge").user_id
    (small,) = insights.led_teams(engine, small_lead)
    assert insights.team_overview(engine, small_lead, small.team_id, half).small_team
    pattern = insights.flip_patterns(engine, sofie, half)
    assert len(pattern.teams_shown) == len(team_ids) and pattern.teams_not_shown == 1
    pool = flip.shared_pool(engine, sofie, half)
    assert pool.excerpts_enough and pool.excerpts_total >= 25 and pool.points_enough


# ------------------------------------------------------------------------------ tests


def test_default_demo_is_rich_enough_for_leads_and_facilitators(engine) -> None:
    result = demo.seed(engine, now=NOW)
    team_ids, small = teams_in_order(engine)
    assert result["teams"] == len(team_ids) == 5
    assert result["sessions"] == one(engine, "SELECT COUNT(*) FROM reflection_session")
    check_people(engine, team_ids, small)
    check_sessions(engine, team_ids, small)
    check_learning_points(engine, team_ids)
    check_excerpts_and_process(engine)
    check_no_personal_data(engine)
    check_pages(engine, team_ids)


def fingerprint(engine: Engine) -> list:
    """Counts that do not depend on row ids (PostgreSQL keeps its sequences after a wipe)."""
    queries = (
        "SELECT t.name, s.status, s.phase, s.title, COUNT(*), SUM(CASE WHEN s.excerpt_shared"
        " = :yes THEN 1 ELSE 0 END) FROM reflection_session s JOIN team t ON t.id = s.team_id"
        " GROUP BY t.name, s.status, s.phase, s.title ORDER BY 1, 2, 3, 4",
        "SELECT t.name, u.username, COUNT(*) FROM reflection_session s"
        ' JOIN team t ON t.id = s.team_id JOIN "user" u ON u.id = s.bringer_id'
        " GROUP BY t.name, u.username ORDER BY 1, 2",
        "SELECT lp.category, lp.shared, lp.text, COUNT(*) FROM learning_point lp"
        " GROUP BY lp.category, lp.shared, lp.text ORDER BY 1, 2, 3",
        "SELECT t.name, c.period, c.safe_frame, COUNT(*) FROM process_check c"
        " JOIN team t ON t.id = c.team_id GROUP BY t.name, c.period, c.safe_frame"
        " ORDER BY 1, 2, 3",
        "SELECT tag_id, COUNT(*) FROM turn_tag GROUP BY tag_id ORDER BY 1",
        "SELECT outcome, COUNT(*) FROM gribning_link GROUP BY outcome ORDER BY 1",
        "SELECT kind, COUNT(*) FROM contribution GROUP BY kind ORDER BY 1",
        "SELECT COUNT(*) FROM process_check_receipt",
        "SELECT role, COUNT(*) FROM participant GROUP BY role ORDER BY 1",
        'SELECT u.username, t.name FROM "user" u LEFT JOIN team t ON t.id = u.team_id ORDER BY 1',
    )
    return [rows(engine, q, yes=True) for q in queries]


def test_same_seed_gives_the_same_demo(engine) -> None:
    demo.seed(engine, now=NOW, seed=3)
    first = fingerprint(engine)
    wipe(engine)
    demo.seed(engine, now=NOW, seed=3)
    assert fingerprint(engine) == first
    wipe(engine)
    demo.seed(engine, now=NOW, seed=4)
    assert fingerprint(engine) != first


def test_an_explicit_session_count_is_exact(engine) -> None:
    """The command line and the benchmarks ask for a number of sessions and teams."""
    calls: list[tuple[int, int]] = []
    result = demo.seed(
        engine, sessions=250, teams=3, seed=7, now=NOW, progress=lambda d, t: calls.append((d, t))
    )
    assert result == {"teams": 3, "sessions": 250}
    assert calls[-1] == (250, 250)
    team_ids, small = teams_in_order(engine)
    per_team = dict(
        rows(engine, "SELECT team_id, COUNT(*) FROM reflection_session GROUP BY team_id")
    )
    assert set(per_team) == set(team_ids) and sum(per_team.values()) == 250
    assert max(per_team.values()) - min(per_team.values()) <= 6  # 3 showcase sessions in team 0
    assert one(engine, CASEWORKERS, t=small, yes=True) == 3
    receipts = one(engine, "SELECT COUNT(*) FROM process_check_receipt")
    assert receipts == one(engine, "SELECT COUNT(*) FROM process_check") > 0


def test_seed_refuses_a_database_with_users(engine) -> None:
    demo.seed(engine, sessions=5, teams=1, now=NOW)
    assert one(engine, "SELECT COUNT(*) FROM reflection_session") == 5
    with pytest.raises(RuntimeError, match="empty database"):
        demo.seed(engine, sessions=5)


@pytest.mark.parametrize(
    "day", [datetime(2026, 6, 10, tzinfo=timezone.utc), datetime(2027, 8, 10, tzinfo=timezone.utc)]
)
def test_the_demo_seeds_on_days_where_a_small_category_runs_out_of_texts(engine, day) -> None:
    """A session with three learning points all drawn from a barrier category (two texts each)
    once asked for a third text that did not exist: `seed-demo` crashed on these days."""
    result = demo.seed(engine, now=day)
    assert result["sessions"] == one(engine, "SELECT COUNT(*) FROM reflection_session") > 0
    check_no_personal_data(engine)
