"""The files in deploy/ (the browser test tests/e2e/test_nginx.py runs nginx with the nginx
file itself): the systemd unit starts the app as the README and the nginx file expect."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNIT = ROOT / "deploy" / "systemd" / "lises@.service"
NGINX = ROOT / "deploy" / "nginx" / "lises.conf"


def _unit() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for line in UNIT.read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.lstrip().startswith(("#", "[")):
            key, value = line.split("=", 1)
            found.setdefault(key.strip(), []).append(value.strip())
    return found


def test_the_unit_runs_one_replica_per_port_on_loopback_behind_nginx() -> None:
    unit = _unit()
    start = unit["ExecStart"][0].split()
    assert start[1:5] == ["-m", "streamlit", "run", "app.py"]
    assert start[start.index("--server.address") + 1] == "127.0.0.1"  # only nginx reaches it
    assert start[start.index("--server.port") + 1] == "%i"  # the instance is the port
    assert (ROOT / unit["WorkingDirectory"][0].replace("/opt/lises", ".")).resolve() == ROOT
    assert unit["ExecStartPre"] == ["/opt/lises/.venv/bin/python -m lises_reflect init-db"]
    assert unit["User"] == ["lises"] and unit["Restart"] == ["on-failure"]
    assert "FORWARDED_ALLOW_IPS=127.0.0.1,::1" in unit["Environment"]
    assert unit["EnvironmentFile"] == ["/etc/lises/lises.env"]
    # The ports the README's example enables are the upstream servers of the nginx file.
    ports = re.findall(r"server 127\.0\.0\.1:(\d+);", NGINX.read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ports and all(f"lises@{p}" in readme for p in ports)


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_reads_the_unit() -> None:
    done = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", f"{UNIT}"], capture_output=True, text=True
    )
    # The checkout is not in /opt/lises here; anything else (a misspelt key, a bad value) is.
    problems = [x for x in done.stderr.splitlines() if "is not executable" not in x]
    assert not problems, done.stderr


def _drift_commands() -> dict[str, str]:
    """The `python -m lises_reflect …` commands of the README's operations part, as written
    there, by subcommand."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    drift = readme[readme.index("## Drift") : readme.index("## Layout")]
    found = re.findall(r"`(python -m lises_reflect [^`]+)`", drift)
    return {cmd.split()[3]: cmd for cmd in found}


def test_the_readme_upgrade_and_backup_steps_work_as_written(tmp_path: Path) -> None:
    """The operations part of the README walked as an operator would: back up, upgrade the
    schema, restore (refused over data without --force, then forced), purge. Each command is
    taken from the README itself, only its example path replaced."""
    import os
    import sys

    from lises_reflect.db import make_engine, migrate
    from tests import filler

    commands = _drift_commands()
    assert {"init-db", "backup", "restore", "purge"} <= commands.keys(), commands
    url = f"sqlite:///{tmp_path / 'lises.sqlite3'}"
    engine = make_engine(url)
    migrate(engine, "0001")  # an old installation with data, to be upgraded
    filler.fill(engine)
    old_columns = filler.columns(engine)
    before = filler.snapshot(engine, old_columns)
    engine.dispose()
    env = {**os.environ, "DATABASE_URL": url}

    def run(command: str, *extra: str) -> int:
        argv = command.split()[1:] + list(extra)  # "python" is this interpreter
        argv = [str(tmp_path / "backup.bak") if a.startswith("/sti/") else a for a in argv]
        done = subprocess.run(
            [sys.executable, *argv], cwd=ROOT, env=env, capture_output=True, text=True
        )
        return done.returncode

    def rows() -> dict:
        engine = make_engine(url)
        try:
            return filler.snapshot(engine, old_columns)
        finally:
            engine.dispose()

    assert run(commands["backup"]) == 0  # step 1 of "Opgradering": take a backup
    assert run(commands["init-db"]) == 0  # step 3: the schema to the newest
    assert rows() == before
    assert run(commands["restore"]) != 0  # refused: the database holds data
    assert run(commands["restore"], "--force") == 0  # back to the backup
    assert run(commands["init-db"]) == 0  # the restored (old) schema up again
    assert rows() == before
    assert run(commands["purge"]) == 0
