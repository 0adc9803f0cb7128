"""How long a saved change takes to appear on another participant's screen, without a click.

    .venv/bin/python bench/propagation.py                 # SQLite and, when reachable, PostgreSQL
    .venv/bin/python bench/propagation.py --changes 40    # more changes per backend

Two Chromium contexts: the bringer (mette) and the listener (jonas) of one demo session in
phase 6. The bringer types a new "Det gjorde indtryk på mig" text and leaves the field (the
moment the browser commits it is t0, read from the bringer's clock); the listener's page notes,
with a MutationObserver, the moment the text appears (read from the listener's clock; both are
the same machine's clock). On SQLite both browsers use one app process; on PostgreSQL each
browser has its own app process (two replicas on one database), so the change travels through
the database. One JSON line per backend on stdout:

    {"metric": "propagation_p95_ms", "backend": "postgresql", "replicas": 2, "value": 1234.0, ...}

Target: p95 <= 1,500 ms. Read by people; a browser test only checks that changes arrive.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM_ARGS  # noqa: E402  (the browser tests' flags)

PG_ADMIN_URL = os.environ.get("LISES_PG_URL", "postgresql+psycopg://127.0.0.1:5432/test")
CHROMIUM = os.environ.get("LISES_E2E_CHROMIUM", "/usr/bin/chromium")
STRUCK = "Det gjorde indtryk på mig"

_WATCH = """(text) => {
  window.__lisesSeen = null;
  const look = () => {
    if (window.__lisesSeen === null && document.body.textContent.includes(text)) {
      window.__lisesSeen = Date.now();
    }
  };
  window.__lisesObserver?.disconnect();
  window.__lisesObserver = new MutationObserver(look);
  window.__lisesObserver.observe(document.body, {subtree: true, childList: true,
                                                 characterData: true});
  look();
}"""


EXCERPT = "\n".join(
    [
        "R: Hvordan er det gået i praktikken siden sidst?",
        "B: Det er gået okay … jeg kan godt lide at være der om morgenen.",
        "R: Du skal jo være der i 13 uger, og vi skal have underskrevet aftalen.",
        "B: Måske kunne jeg også hjælpe i køkkenet en dag.",
        "R: Lad os lige få papirerne på plads først.",
    ]
)


def prepare_session(
    engine: Any,
    bringer: str = "mette",
    listener: str = "jonas",
    phase: int = 6,
    *,
    title: str = "",
    excerpt: str = EXCERPT,
) -> int:
    """A session of two colleagues (the demo pair by default) with the rules confirmed, in
    `phase` (6, the bringer's response, by default). Also the browser tests' starting point."""
    from lises_reflect import auth, sessions

    mette = auth.actor_by_username(engine, bringer).user_id
    jonas = auth.actor_by_username(engine, listener).user_id
    sid = sessions.create_session(engine, mette, title or f"Udbredelse {uuid.uuid4().hex[:6]}")
    sessions.set_listeners(engine, mette, sid, [jonas])
    sessions.update_choices(
        engine,
        mette,
        sid,
        conversation_kind="follow_up",
        situation=["activity_ready"],
        lenses=["gribning"],
    )
    sessions.update_text(engine, mette, sid, "excerpt", excerpt, "")
    sessions.set_phase(engine, mette, sid, 2)
    for uid in (mette, jonas):
        sessions.acknowledge_rules(engine, uid, sid)
    sessions.set_phase(engine, mette, sid, phase)
    return sid


def measure(bringer: Any, listener: Any, changes: int, wait: Any) -> list[float]:
    """Milliseconds from the bringer's commit to the text on the listener's screen, per change.

    Both pages must already show the session in phase 6. Each change waits a random part of a
    second first, so that changes land anywhere in the listener's polling cycle (without it they
    would all land at the same point of it, and the figure would depend on where)."""
    field = bringer.get_by_role("textbox", name=STRUCK, exact=True)
    jitter = random.Random(13)
    out: list[float] = []
    for i in range(changes):
        bringer.wait_for_timeout(jitter.uniform(0, 1000))
        text = f"Indtryk {i}: borgeren nævnte køkkenet ({uuid.uuid4().hex[:6]})"
        listener.evaluate(_WATCH, text)
        field.fill(text)
        t0 = bringer.evaluate("Date.now()")
        field.press("Tab")  # leaving the field commits it; the save follows on the server
        listener.wait_for_function("() => window.__lisesSeen !== null", timeout=15_000)
        out.append(float(listener.evaluate("window.__lisesSeen")) - t0)
        wait(bringer)
    return out


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, round(0.95 * len(ordered)) - 1)]


# ------------------------------------------------------------------ running it stand-alone


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def app(env: dict[str, str], workdir: Path) -> Iterator[str]:
    port = _free_port()
    cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py")]
    cmd += ["--server.port", str(port), "--server.address", "127.0.0.1"]
    cmd += ["--server.headless", "true", "--browser.gatherUsageStats", "false"]
    cmd += ["--server.fileWatcherType", "none"]
    log = open(workdir / f"app-{port}.log", "wb")  # noqa: SIM115
    proc = subprocess.Popen(
        cmd,
        cwd=ROOT,
        env={**os.environ, **env},
        stdout=log,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as r,
            ):
                if r.status == 200:
                    break
            time.sleep(0.25)
        yield base
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        proc.wait(timeout=20)
        log.close()


def _wait(page: Any) -> None:
    page.wait_for_timeout(150)
    page.wait_for_function(
        """() => document.querySelector('[data-testid="stApp"]')
                   ?.getAttribute('data-test-script-state') === 'notRunning'""",
        timeout=30_000,
        polling=50,
    )


def _login(page: Any, base: str, username: str) -> None:
    from lises_reflect.demo import DEMO_PASSWORD

    page.goto(base)
    page.get_by_role("textbox", name="Brugernavn", exact=True).wait_for(timeout=60_000)
    page.wait_for_timeout(1_500)  # the cookie manager's rerun after a fresh load
    _wait(page)
    page.get_by_role("textbox", name="Brugernavn", exact=True).fill(username)
    page.get_by_role("textbox", name="Adgangskode", exact=True).fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log ind", exact=True).click()
    page.get_by_text("Logget ind som").wait_for(timeout=60_000)
    _wait(page)


def run(backend: str, changes: int, workdir: Path) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    from lises_reflect.db import make_engine
    from tests.pg import throwaway_pg_database

    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite:///{workdir / 'propagation.sqlite3'}"
        else:
            url = stack.enter_context(throwaway_pg_database(PG_ADMIN_URL, "lises_propagation"))
        env = {"LISES_DEMO": "1", "DATABASE_URL": url, "LISES_DATA_DIR": str(workdir)}
        first = stack.enter_context(app(env, workdir))
        pw = stack.enter_context(sync_playwright())
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        stack.callback(browser.close)
        bringer = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        _login(bringer, first, "mette")  # the first request seeds the demo
        second = first if backend == "sqlite" else stack.enter_context(app(env, workdir))
        listener = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        _login(listener, second, "jonas")
        engine = make_engine(url)
        stack.callback(engine.dispose)
        sid = prepare_session(engine)
        for page, base in ((bringer, first), (listener, second)):
            page.goto(f"{base}/refleksion?s={sid}")
            page.get_by_text("Fase 6 af 8", exact=False).first.wait_for(timeout=60_000)
            _wait(page)
        values = measure(bringer, listener, changes, _wait)
    return {
        "metric": "propagation_p95_ms",
        "backend": backend,
        "replicas": 1 if backend == "sqlite" else 2,
        "changes": len(values),
        "value": round(p95(values), 1),
        "median_ms": round(statistics.median(values), 1),
        "max_ms": round(max(values), 1),
        "unit": "ms",
        "target": 1500,
    }


def _pg_reachable() -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", 5432), timeout=1):
        return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--changes", type=int, default=20, help="changes per backend (>= 20)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    args = parser.parse_args(argv)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not _pg_reachable():
        print("PostgreSQL is not reachable: SQLite only", file=sys.stderr)
        backends = [b for b in backends if b != "postgresql"]
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix="lises-propagation-") as tmp:
            print(json.dumps(run(backend, max(args.changes, 20), Path(tmp))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
