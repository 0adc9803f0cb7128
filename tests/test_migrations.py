"""Upgrading a database that holds data keeps every row, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from lises_reflect import preferences
from lises_reflect.db import current_revision, make_engine, migrate
from lises_reflect.models import ReflectionSession, User
from tests import filler

HEAD = sorted(
    p.name.split("_", 1)[0]
    for p in (Path(__file__).resolve().parent.parent / "lises_reflect/migrations/versions").glob(
        "0*.py"
    )
)[-1]


def test_upgrade_from_the_first_migration_keeps_every_row(empty_url: str) -> None:
    engine = make_engine(empty_url)
    try:
        migrate(engine, "0001")
        assert current_revision(engine) == "0001"
        counts = filler.fill(engine)
        assert len(counts) >= 10 and set(counts.values()) == {7}
        old_columns = filler.columns(engine)
        before = filler.snapshot(engine, old_columns)
        migrate(engine)  # to head, as the app does at start-up
        assert current_revision(engine) == HEAD
        assert filler.snapshot(engine, old_columns) == before
        with Session(engine) as s:  # new columns have their defaults, models read old rows
            rows = s.exec(select(ReflectionSession)).all()
            assert len(rows) == 7 and not any(r.excerpt_shared for r in rows)
        migrate(engine)  # idempotent
    finally:
        engine.dispose()


def test_user_language_arrives_unchosen_and_goes_back_down(empty_url: str) -> None:
    """0008 adds user.language: existing accounts have chosen nothing (Danish), a choice is
    stored, and the downgrade drops the column and keeps every user."""
    from alembic import command
    from sqlalchemy import inspect

    from lises_reflect.db import _alembic_config

    engine = make_engine(empty_url)
    try:
        migrate(engine, "0007")
        filler.fill(engine)
        migrate(engine, "0008")
        with Session(engine) as s:
            users = s.exec(select(User).order_by(User.id)).all()
            assert len(users) == 7 and all(u.language is None for u in users)
            active = next(u.id for u in users if u.active)
        assert preferences.language(engine, active) is None
        preferences.set_language(engine, active, "en")
        assert preferences.language(engine, active) == "en"
        old_columns = {
            table: [c for c in cols if (table, c) != ("user", "language")]
            for table, cols in filler.columns(engine).items()
        }
        before = filler.snapshot(engine, old_columns)
        command.downgrade(_alembic_config(engine), "0007")  # SQLite rebuilds the user table
        assert current_revision(engine) == "0007"
        assert "language" not in {c["name"] for c in inspect(engine).get_columns("user")}
        assert filler.snapshot(engine, old_columns) == before  # rows pointing at users too
        migrate(engine)
    finally:
        engine.dispose()


def test_concrete_lm_becomes_names_concrete_job_and_back_keeping_every_tag(
    empty_url: str,
) -> None:
    """0012 (issue 21): the caseworker-turn tag concrete_lm is renamed names_concrete_job in
    the stored tags and in released and frozen tag figures; every row keeps its turn,
    annotator and session, other tags stay, and the downgrade maps back."""
    import json

    from alembic import command
    from sqlalchemy import text

    from lises_reflect.db import _alembic_config

    engine = make_engine(empty_url)
    try:
        migrate(engine, "0011")
        filler.fill(engine)
        facts = [["concrete_lm", [2.0], [1, 2]], ["general_lm", [1.0], [1, 3]]]
        with engine.begin() as conn:
            ids = conn.execute(text("SELECT id FROM turn_tag ORDER BY id")).scalars().all()
            for row_id, tag in zip(
                ids,
                ("concrete_lm", "concrete_lm", "general_lm", "work_talk", "concrete_lm"),
                strict=False,
            ):
                conn.execute(
                    text("UPDATE turn_tag SET tag_id = :t WHERE id = :i"), {"t": tag, "i": row_id}
                )
            cells = conn.execute(
                text("SELECT team_id, measure, k, period, category FROM released_cell")
            ).all()
            for (team, measure, k, period, category), (new_measure, new_category) in zip(
                cells,
                (("tags", "concrete_lm"), ("lenses", "concrete_lm"), ("tags", "general_lm")),
                strict=False,
            ):
                conn.execute(
                    text(
                        "UPDATE released_cell SET measure = :m2, category = :c2 WHERE team_id = :t"
                        " AND measure = :m AND k = :k AND period = :p AND category = :c"
                    ),
                    {"m2": new_measure, "c2": new_category, "t": team, "m": measure, "k": k}
                    | {"p": period, "c": category},
                )
            team, measure, month = conn.execute(
                text("SELECT team_id, measure, month FROM frozen_month ORDER BY team_id, month")
            ).first()
            conn.execute(
                text(
                    "UPDATE frozen_month SET measure = 'tags', facts = :f"
                    " WHERE team_id = :t AND measure = :m AND month = :mo"
                ),
                {"f": json.dumps(facts), "t": team, "m": measure, "mo": month},
            )
        columns = filler.columns(engine)
        before = filler.snapshot(engine, columns)

        migrate(engine)
        assert current_revision(engine) == HEAD
        after = filler.snapshot(engine, columns)

        def renamed(table: str, column: str, old: str, new: str) -> list[tuple]:
            at = columns[table].index(column)
            return [
                tuple(new if i == at and v == old else v for i, v in enumerate(row))
                for row in before[table]
            ]

        tag_at = columns["turn_tag"].index("tag_id")
        assert after["turn_tag"] == renamed(
            "turn_tag", "tag_id", "concrete_lm", "names_concrete_job"
        )
        assert [r[tag_at] for r in after["turn_tag"]][:5] == [
            "names_concrete_job",
            "names_concrete_job",
            "general_lm",
            "work_talk",
            "names_concrete_job",
        ]
        m_at, c_at = (
            columns["released_cell"].index("measure"),
            columns["released_cell"].index("category"),
        )
        released = {(r[m_at], r[c_at]) for r in after["released_cell"]}
        assert ("tags", "names_concrete_job") in released
        assert ("lenses", "concrete_lm") in released  # only the tags figure names tags
        assert ("tags", "concrete_lm") not in released
        assert len(after["released_cell"]) == len(before["released_cell"])
        with engine.connect() as conn:
            stored = conn.execute(
                text("SELECT facts FROM frozen_month WHERE measure = 'tags'")
            ).scalar_one()
        assert json.loads(stored) == [
            ["names_concrete_job", [2.0], [1, 2]],
            ["general_lm", [1.0], [1, 3]],
        ]
        for table in before:  # nothing else changed, and no row is lost anywhere
            if table not in ("turn_tag", "released_cell", "frozen_month"):
                assert after[table] == before[table], table
            assert len(after[table]) == len(before[table]), table

        command.downgrade(_alembic_config(engine), "0011")
        assert current_revision(engine) == "0011"
        assert filler.snapshot(engine, columns) == before
        migrate(engine)
    finally:
        engine.dispose()
