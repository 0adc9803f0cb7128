"""A backup taken while the app writes, restored into an empty database, holds every row."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from lises_reflect import backup
from lises_reflect.cli import main
from lises_reflect.db import make_engine, migrate
from tests import filler


def test_backup_and_restore_find_every_row(empty_url: str, tmp_path: Path) -> None:
    engine = make_engine(empty_url)
    migrate(engine)
    filler.fill(engine, rows=9)
    before = filler.snapshot(engine)
    path = tmp_path / "backup.bin"
    report = backup.backup(empty_url, path)
    assert report.size > 0
    with pytest.raises(backup.BackupError, match="exists already"):
        backup.backup(empty_url, path)
    engine.dispose()
    # Restore into a second, empty database of the same kind.
    if empty_url.startswith("sqlite"):
        target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    else:
        target = empty_url  # wipe the original and bring it back
        with make_engine(empty_url).begin() as conn:
            conn.exec_driver_sql("DROP SCHEMA public CASCADE; CREATE SCHEMA public")
    backup.restore(target, path)
    restored = make_engine(target)
    assert filler.snapshot(restored) == before
    restored.dispose()
    with pytest.raises(backup.BackupError, match="--force"):  # the database holds data now
        backup.restore(target, path)
    backup.restore(target, path, force=True)
    restored = make_engine(target)
    assert filler.snapshot(restored) == before
    restored.dispose()


def test_sqlite_backup_is_consistent_while_writing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'live.sqlite3'}"
    engine = make_engine(url)
    migrate(engine)
    stop = threading.Event()

    def writer() -> None:
        i = 0
        while not stop.is_set():
            with engine.begin() as conn:
                conn.exec_driver_sql(
                    "INSERT INTO organisation (name, active, created_at) VALUES (?, 1, ?)",
                    (f"Org {i}", "2026-01-01 00:00:00.000000"),
                )
            i += 1

    t = threading.Thread(target=writer)
    t.start()
    try:
        for n in range(3):
            backup.backup(url, tmp_path / f"b{n}.sqlite3")  # integrity-checked inside
    finally:
        stop.set()
        t.join()
    assert (tmp_path / "b2.sqlite3").stat().st_size > 0


def test_cli_backup_and_restore(tmp_path: Path, capsys) -> None:
    url = f"sqlite:///{tmp_path / 'app.sqlite3'}"
    migrate(make_engine(url))
    assert main(["--database-url", url, "backup", str(tmp_path / "x.sqlite3")]) == 0
    assert "sqlite-backup-api" in capsys.readouterr().out
    assert main(["--database-url", url, "restore", str(tmp_path / "x.sqlite3")]) == 2
    assert "--force" in capsys.readouterr().err
    assert main(["--database-url", url, "restore", "--force", str(tmp_path / "x.sqlite3")]) == 0
    assert main(["--database-url", url, "backup", str(tmp_path / "x.sqlite3")]) == 2
