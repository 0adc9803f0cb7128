"""The demo is rich enough for the lead and facilitator pages to show real charts."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
from sqlalchemy import text
from sqlmodel import select

from lises_reflect import demo, flip, insights, periods
from lises_reflect.auth import actor_by_username
from lises_reflect.db import session_scope
from lises_reflect.models import ProcessCheck, ProcessCheckReceipt, Team, User
from lises_reflect.privacy import find_personal_data

NOW = datetime(2026, 11, 23, 12, tzinfo=timezone.utc)


@pytest.fixture
def seeded(engine):
    demo.seed(engine, now=NOW)
    return engine


def test_lead_and_facilitator_pages_have_real_figures(seeded):
    hanne = actor_by_username(seeded, "hanne").user_id
    sofie = actor_by_username(seeded, "sofie").user_id
    teams = insights.led_teams(seeded, hanne)
    assert len(teams) == 2 and teams[0].team_id == actor_by_username(seeded, "mette").team_id
    half = periods.containing(NOW, "half").key
    ov = insights.team_overview(seeded, hanne, teams[0].team_id, half)
    shown = {f.key: sum(b.status == "shown" for b in f.bars) for f in ov.figures}
    assert all(n > 0 for n in shown.values()), shown
    assert ov.frames_enough and len(ov.frames_points) >= 5
    pattern = insights.flip_patterns(seeded, sofie, half)
    assert len(pattern.teams_shown) >= 4 and pattern.teams_not_shown == 1  # the small team
    pool = flip.shared_pool(seeded, sofie, half)
    assert pool.excerpts_enough and len(pool.excerpts) >= 25 and pool.points_enough


def test_demo_shape(seeded):
    with session_scope(seeded) as s:
        small = s.exec(select(Team).where(Team.name.contains("lille"))).one()
        size = s.exec(select(User).where(User.team_id == small.id)).all()
        assert len(size) == 3
        checks = len(s.exec(select(ProcessCheck)).all())
        receipts = len(s.exec(select(ProcessCheckReceipt)).all())
        assert checks == receipts > 100
    with seeded.connect() as c:
        texts = [r[0] for r in c.execute(text("SELECT text FROM learning_point"))]
        texts += [r[0] for r in c.execute(text("SELECT excerpt FROM reflection_session"))]
    assert not [t for t in set(texts) if any(f.blocking for f in find_personal_data(t))]


def test_months_have_enough_bringers_for_the_lead(seeded):
    mette = actor_by_username(seeded, "mette")
    months = periods.recent("month", NOW, 12)[1:]  # the complete months
    with seeded.connect() as c:
        counts = [
            c.execute(
                text(
                    "SELECT COUNT(DISTINCT bringer_id) FROM reflection_session "
                    "WHERE team_id = :t AND created_at >= :a AND created_at < :b"
                ),
                {"t": mette.team_id, "a": m.start(), "b": m.end()},
            ).scalar()
            for m in months
        ]
    assert sum(n >= 6 for n in counts) >= 9, counts
