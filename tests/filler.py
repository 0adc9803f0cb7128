"""Fill every table of whatever schema a database has, generically, and read it all back.

Used to prove that migrations, backups and restores keep every row: fill at an old revision
(or now), do the operation, compare. Values are derived from the row number, so unique and
composite keys stay unique, and foreign keys point at rows filled before.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, MetaData, String, Text
from sqlalchemy.engine import Engine

T0 = datetime(2026, 1, 5, 9, 30, tzinfo=timezone.utc)


def _value(column, i: int, ids: dict[str, list[Any]]) -> Any:
    for fk in column.foreign_keys:
        target = ids[fk.column.table.name]
        return target[i % len(target)]
    kind = column.type
    if isinstance(kind, Boolean):
        return i % 2 == 0
    if isinstance(kind, Integer):
        return i % 5 + 1
    if isinstance(kind, JSON):
        return ["gribning", i]
    if isinstance(kind, DateTime) or "DateTime" in type(kind).__name__:
        return T0 + timedelta(minutes=i)
    if isinstance(kind, Text):
        return f"Tekst {i}: æøå – (.) [overlap]"
    if isinstance(kind, String):
        text = f"{column.name}-{i}-ø"
        return text[: kind.length] if kind.length else text
    raise TypeError(f"no filler for {column.table.name}.{column.name}: {kind!r}")


def fill(engine: Engine, rows: int = 7) -> dict[str, int]:
    meta = MetaData()
    meta.reflect(engine)
    ids: dict[str, list[Any]] = {}
    counts = {}
    with engine.begin() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version":
                continue
            pk = list(table.primary_key.columns)
            auto = len(pk) == 1 and isinstance(pk[0].type, Integer) and not pk[0].foreign_keys
            data = [
                {c.name: _value(c, i, ids) for c in table.columns if not (auto and c.primary_key)}
                for i in range(rows)
            ]
            if auto:
                ids[table.name] = list(
                    conn.execute(table.insert().returning(pk[0]), data).scalars()
                )
            else:
                conn.execute(table.insert(), data)
                ids[table.name] = [d[pk[0].name] for d in data]
            counts[table.name] = rows
    return counts


def snapshot(engine: Engine, only: dict[str, list[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of every table, ordered by primary key; `only` limits tables and columns."""
    meta = MetaData()
    meta.reflect(engine)
    out = {}
    with engine.connect() as conn:
        for table in meta.sorted_tables:
            if table.name == "alembic_version" or (only is not None and table.name not in only):
                continue
            cols = [table.c[n] for n in only[table.name]] if only else list(table.columns)
            order = list(table.primary_key.columns)
            rows = conn.execute(table.select().with_only_columns(*cols).order_by(*order)).all()
            out[table.name] = [tuple(_plain(v) for v in r) for r in rows]
    return out


def columns(engine: Engine) -> dict[str, list[str]]:
    meta = MetaData()
    meta.reflect(engine)
    return {
        t.name: [c.name for c in t.columns]
        for t in meta.sorted_tables
        if t.name != "alembic_version"
    }


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return (value if value.tzinfo else value.replace(tzinfo=timezone.utc)).isoformat()
    if isinstance(value, str) and value[:1] in "[{":
        return value.replace(" ", "")  # JSON as text on one backend, parsed on the other
    if isinstance(value, list | dict):
        return str(value).replace(" ", "").replace("'", '"')
    return value
