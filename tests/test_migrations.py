"""Upgrading a database that holds data keeps every row, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from lises_reflect.db import current_revision, make_engine, migrate
from lises_reflect.models import ReflectionSession
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
