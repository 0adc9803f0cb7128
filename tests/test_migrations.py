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
