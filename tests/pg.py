"""Throwaway PostgreSQL databases for the tests and the benchmarks (bench/ imports this too);
not part of the application."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import text

from lises_reflect.db import dispose_engine, make_engine


@contextmanager
def throwaway_pg_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new, empty PostgreSQL database for the duration of the block (tests, benchmarks);
    its URL. Dropped afterwards even while connections are still open."""
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    url = admin_url.rsplit("/", 1)[0] + "/" + name
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
