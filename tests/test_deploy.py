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
