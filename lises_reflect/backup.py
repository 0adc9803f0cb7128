"""Consistent backups while the app runs, and restores, for SQLite and PostgreSQL.

SQLite: the built-in online backup API copies a consistent snapshot page by page, also while
other connections write (WAL). PostgreSQL: `pg_dump` (custom format) and `pg_restore`, the
tools every PostgreSQL operator already knows; when they are missing we say how to get them.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url


class BackupError(RuntimeError):
    """Something the operator must act on; the message says what."""


@dataclass(frozen=True)
class BackupReport:
    path: Path
    size: int
    method: str


def _sqlite_path(url: str) -> Path:
    database = make_url(url).database
    if not database or database == ":memory:":
        raise BackupError("an in-memory SQLite database cannot be backed up")
    return Path(database)


def _libpq(url: str) -> str:
    """The URL without SQLAlchemy's driver suffix, as pg_dump expects."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise BackupError(
            f"{name} was not found. Install the PostgreSQL client tools matching the server "
            f"(Debian/Ubuntu: apt install postgresql-client), or back up with your own "
            f"'{name}' against DATABASE_URL."
        )
    return found


def _sqlite_copy(source: Path, target: Path) -> str:
    """Copy `source` into `target`; SQLite's integrity check of the copy ("ok" or the fault)."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # a consistent snapshot even while the app writes
        return dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()


def backup(url: str, target: Path) -> BackupReport:
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.startswith("sqlite"):
        source = _sqlite_path(url)
        if not source.exists():
            raise BackupError(f"no database at {source}")
        ok = _sqlite_copy(source, target)
        if ok != "ok":
            target.unlink(missing_ok=True)
            raise BackupError(f"the copy failed its integrity check: {ok}")
        return BackupReport(target, target.stat().st_size, "sqlite-backup-api")
    run = subprocess.run(
        [_tool("pg_dump"), "--format=custom", "--no-owner", f"--file={target}", _libpq(url)],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        target.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {run.stderr.strip()}")
    return BackupReport(target, target.stat().st_size, "pg_dump-custom")


def restore(url: str, source: Path, *, force: bool = False) -> str:
    """Bring a backup back into the database at `url`. Refuses to overwrite data unless
    `force`: a restore replaces everything, including what was written since the backup."""
    source = Path(source)
    if not source.exists():
        raise BackupError(f"no backup at {source}")
    if url.startswith("sqlite"):
        target = _sqlite_path(url)
        if target.exists() and target.stat().st_size > 0 and not force:
            raise BackupError(f"{target} holds data; add --force to replace it with the backup")
        target.parent.mkdir(parents=True, exist_ok=True)
        ok = _sqlite_copy(source, target)
        if ok != "ok":
            raise BackupError(f"the restored database failed its integrity check: {ok}")
        return f"restored {source} into {target}"
    args = [_tool("pg_restore"), "--no-owner", "--exit-on-error", f"--dbname={_libpq(url)}"]
    if force:
        args[1:1] = ["--clean", "--if-exists"]
    run = subprocess.run([*args, str(source)], capture_output=True, text=True, check=False)
    if run.returncode != 0:
        hint = "" if force else " (if the database holds data, add --force to replace it)"
        raise BackupError(f"pg_restore failed: {run.stderr.strip()}{hint}")
    return f"restored {source} into the PostgreSQL database"
