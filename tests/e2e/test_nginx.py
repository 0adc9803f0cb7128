"""Two replicas on PostgreSQL behind Debian's nginx, configured by deploy/nginx/lises.conf
itself (only its ports are changed here): a login and a save go through the WebSocket
upgrade, the security headers and the upload limit hold, and a client address sent by anyone
but the proxy is not believed.

nginx runs on a free port. Its connections to the replicas leave from 127.0.0.2
(`proxy_bind`), the one address the replicas trust (`FORWARDED_ALLOW_IPS`, read by uvicorn,
Streamlit's server), so a browser that talks to a replica directly (from 127.0.0.1) is a
client that is not the proxy.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from lises_reflect import accounts, auth
from lises_reflect.db import make_engine, session_scope
from lises_reflect.models import LoginAttempt
from tests.conftest import migrated_pg_database
from tests.e2e import flow
from tests.e2e.conftest import _free_port, _in_ci, running_app

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / "deploy" / "nginx" / "lises.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "nginx kodeord 2026"
COOKIE_KEY = "n" * 8 + "0123456789abcdefghijklmnopqrstuvwxyz"
PROXY_SOURCE = "127.0.0.2"
SPOOFED = "203.0.113.9"  # what a client claims to be


def with_ports(config: str, listen: int, replicas: tuple[int, int]) -> str:
    """deploy/nginx/lises.conf with the test's ports; it must still have the shape assumed."""
    servers = re.findall(r"^\s*server 127\.0\.0\.1:\d+;$", config, flags=re.M)
    assert len(servers) == 2, "deploy/nginx/lises.conf: expected two upstream servers"
    for line, port in zip(servers, replicas, strict=True):
        config = config.replace(line, f"    server 127.0.0.1:{port};", 1)
    config, n = re.subn(
        r"^(\s*)listen \d+;$", rf"\g<1>listen 127.0.0.1:{listen};", config, count=1, flags=re.M
    )
    assert n == 1, "deploy/nginx/lises.conf: expected one `listen <port>;`"
    return config


def _main_config(tmp: Path) -> str:
    temp = "\n".join(
        f"    {kind}_temp_path {tmp / kind};"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers may write in tmp
    return f"""{user}worker_processes 1;
daemon off;
pid {tmp / "nginx.pid"};
error_log {tmp / "error.log"} warn;
events {{ worker_connections 256; }}
http {{
    access_log {tmp / "access.log"};
{temp}
    proxy_bind {PROXY_SOURCE};
    include {tmp / "lises.conf"};
}}
"""


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory) -> Iterator[dict[str, str]]:
    if not Path(NGINX).exists():
        msg = "nginx missing: run bash scripts/setup.sh (Debian's nginx package)"
        if _in_ci():
            pytest.fail(f"CI requires the nginx test: {msg}", pytrace=False)
        pytest.skip(msg)
    with migrated_pg_database("lises_nginx") as url:
        engine = make_engine(url)
        org = accounts.create_organisation(engine, auth.OPERATOR, "Jobcenter Proxy")
        team = accounts.create_team(engine, auth.OPERATOR, org, "Team Drift")
        for user in ("signe", "tobias", "ulla"):
            accounts.create_user(
                engine, auth.OPERATOR, user, user.title(), PASSWORD, ["caseworker"], team
            )
        engine.dispose()
        env = {
            "DATABASE_URL": url,
            "LISES_COOKIE_KEY": COOKIE_KEY,
            "LISES_DEMO": "0",
            "FORWARDED_ALLOW_IPS": PROXY_SOURCE,
        }
        with (
            running_app(env, tmp_path_factory.mktemp("replica-a")) as a,
            running_app(env, tmp_path_factory.mktemp("replica-b")) as b,
        ):
            tmp = tmp_path_factory.mktemp("nginx")
            port = _free_port()
            ports = (int(a.rsplit(":", 1)[1]), int(b.rsplit(":", 1)[1]))
            (tmp / "lises.conf").write_text(with_ports(CONFIG.read_text(), port, ports))
            (tmp / "nginx.conf").write_text(_main_config(tmp))
            check = subprocess.run(
                [NGINX, "-t", "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                capture_output=True,
                text=True,
            )
            assert check.returncode == 0, check.stderr
            proc = subprocess.Popen(
                [NGINX, "-p", str(tmp), "-c", str(tmp / "nginx.conf")],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
            try:
                for _ in range(100):
                    with socket.socket() as s:
                        if s.connect_ex(("127.0.0.1", port)) == 0:
                            break
                    time.sleep(0.1)
                yield {"proxy": f"http://127.0.0.1:{port}", "a": a, "db": url, "log": str(tmp)}
            finally:
                proc.terminate()
                proc.wait(timeout=20)


def test_a_login_and_a_save_go_through_nginx(behind_nginx, new_page, wait_for_streamlit) -> None:
    wait = wait_for_streamlit
    proxy = behind_nginx["proxy"]
    page = new_page()
    flow.submit_login(page, proxy, "signe", PASSWORD, wait)
    expect(page.get_by_role("heading", name="Mine refleksioner")).to_be_visible()
    page.get_by_role("link", name="Ny refleksion").click()
    wait(page)
    page.get_by_role("textbox", name="Arbejdstitel (valgfri)", exact=True).fill("Bag nginx")
    page.get_by_role("button", name="Start refleksion").click()
    wait(page)
    expect(page.get_by_role("heading", name="Bag nginx")).to_be_visible()
    excerpt = page.get_by_role("textbox", name="Uddrag eller noter fra samtalen", exact=True)
    excerpt.fill("R: Hvad vil du gerne?\nB: Arbejde med hænderne.")
    excerpt.press("Tab")  # leaving the field saves it
    wait(page)
    expect(page.get_by_text("✓ Gemt kl.").first).to_be_visible()
    # A reload through nginx logs in again from the cookie and finds what was saved.
    page.reload()
    flow.settle_after_load(page, wait)
    expect(page.get_by_role("heading", name="Bag nginx")).to_be_visible()
    expect(excerpt).to_have_value("R: Hvad vil du gerne?\nB: Arbejde med hænderne.")
    log = (Path(behind_nginx["log"]) / "access.log").read_text()
    assert re.search(r'"GET /_stcore/stream HTTP/1\.1" 101 ', log), "no WebSocket upgrade"


def test_headers_and_the_upload_limit(behind_nginx) -> None:
    with urllib.request.urlopen(behind_nginx["proxy"], timeout=10) as r:
        headers = r.headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "SAMEORIGIN"
    assert headers["Content-Security-Policy"] == "frame-ancestors 'self'"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert "camera=()" in headers["Permissions-Policy"]
    too_big = urllib.request.Request(
        f"{behind_nginx['proxy']}/_stcore/upload_file/x/y", data=b"0" * (5 * 2**20), method="PUT"
    )
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(too_big, timeout=30)
    assert refused.value.code == 413  # stopped by nginx before any replica reads it


def test_only_the_proxy_says_who_the_client_is(behind_nginx, new_page, wait_for_streamlit) -> None:
    """A failed login is counted against the client's address. Through nginx that is the
    address nginx saw (127.0.0.1; the connection itself comes from 127.0.0.2), whatever the
    browser claims; straight to a replica, the claim is ignored as well."""
    wait = wait_for_streamlit
    claim = {"X-Forwarded-For": SPOOFED, "X-Real-IP": SPOOFED}
    for base, username in ((behind_nginx["proxy"], "tobias"), (behind_nginx["a"], "ulla")):
        page = new_page(extra_http_headers=claim)
        flow.submit_login(page, base, username, "forkert kodeord!", wait)
        expect(page.get_by_text("Brugernavn eller adgangskode er forkert.")).to_be_visible()
    engine = make_engine(behind_nginx["db"])
    try:
        with session_scope(engine) as s:
            seen = dict(
                s.exec(
                    select(LoginAttempt.username, LoginAttempt.client).where(
                        LoginAttempt.success == False  # noqa: E712
                    )
                ).all()
            )
    finally:
        engine.dispose()
    # Not 127.0.0.2 (nginx's own address: its header was read), not the claim (ignored).
    assert seen == {"tobias": "127.0.0.1", "ulla": "127.0.0.1"}
