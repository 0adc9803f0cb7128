"""Real-browser end-to-end test harness (Streamlit server + headless Chromium).

Fixtures:
    app_data_dir      (module)   fresh LISES_DATA_DIR for the app server of this module
    app_server        (module)   base URL "http://127.0.0.1:PORT" of a running app
    browser           (session)  playwright Browser on /usr/bin/chromium
    new_page          (function) factory: new_page() -> Page in a fresh context
                                 (own cookies: one call per "user")
    page              (function) one fresh Page (= new_page())
    wait_for_streamlit(function) the helper below, as a fixture

Env:
    LISES_E2E_APP       Streamlit script to run (default: app.py in the repo root;
                        relative paths are taken from the repo root)
    LISES_E2E_CHROMIUM  browser executable (default: /usr/bin/chromium)
    CI                  when set (not "0"/"false"), a missing browser is an error
                        instead of a skip

On a failing test, a screenshot of every page it opened is written to
test-results/<test-id>-<n>.png.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
E2E_DIR = Path(__file__).resolve().parent
RESULTS_DIR = REPO_ROOT / "test-results"

CHROMIUM = os.environ.get("LISES_E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = 60.0
DEFAULT_TIMEOUT_MS = 20_000
VIEWPORT = {"width": 1280, "height": 900}
LOCALE = "da-DK"


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


# --------------------------------------------------------------------------
# Hooks: auto-mark e2e tests, remember test outcome for failure screenshots
# --------------------------------------------------------------------------


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if E2E_DIR in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"_lises_rep_{report.when}", report)
    return report


def _test_failed(node: pytest.Item) -> bool:
    return any(
        getattr(getattr(node, f"_lises_rep_{when}", None), "failed", False)
        for when in ("setup", "call")
    )


# --------------------------------------------------------------------------
# App server
# --------------------------------------------------------------------------


def _app_script() -> Path:
    raw = os.environ.get("LISES_E2E_APP", "app.py")
    path = Path(raw)
    if not path.is_absolute():
        path = REPO_ROOT / path
    return path


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, limit: int = 6000) -> str:
    try:
        text = path.read_text(errors="replace")
    except OSError:
        return ""
    return text[-limit:]


def _stop_process_group(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def app_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fresh, empty LISES_DATA_DIR for this module's app server."""
    return tmp_path_factory.mktemp("lises-data")


@contextlib.contextmanager
def running_app(
    extra_env: dict[str, str],
    log_dir: Path,
    *,
    port: int | None = None,
    args: tuple[str, ...] = (),
) -> Iterator[str]:
    """Start `streamlit run` on `port` (a free one by default) with `extra_env` and extra
    Streamlit `args`; yield its base URL; stop it."""
    script = _app_script()
    if not script.is_file():
        pytest.fail(f"Streamlit app not found: {script} (set LISES_E2E_APP to override)")

    port = port or _free_port()
    base_url = f"http://127.0.0.1:{port}"
    out_path, err_path = log_dir / "stdout.log", log_dir / "stderr.log"
    env = dict(os.environ)
    env.update(PYTHONUNBUFFERED="1", **extra_env)
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--server.address",
        "127.0.0.1",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        "--server.runOnSave",
        "false",
        *args,
    ]
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            cmd,
            cwd=REPO_ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,  # own process group, killed at teardown
        )
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"Streamlit server exited with code {proc.returncode} before "
                    f"becoming healthy.\n--- stderr ---\n{_tail(err_path)}"
                    f"\n--- stdout ---\n{_tail(out_path)}"
                )
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"Streamlit server not healthy after {SERVER_START_TIMEOUT:.0f} s "
                    f"({base_url}).\n--- stderr ---\n{_tail(err_path)}"
                    f"\n--- stdout ---\n{_tail(out_path)}"
                )
            time.sleep(0.25)
        yield base_url
    finally:
        _stop_process_group(proc)


@pytest.fixture(scope="module")
def app_server(app_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the Streamlit app in demo mode on a free port; yield its base URL."""
    env = {"LISES_DEMO": "1", "LISES_DATA_DIR": str(app_data_dir)}
    with running_app(env, tmp_path_factory.mktemp("lises-server")) as base_url:
        yield base_url


# --------------------------------------------------------------------------
# Browser and pages
# --------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        msg = (
            f"{CHROMIUM} not found: install Debian's chromium "
            "(bash scripts/setup.sh does it with apt-get)"
        )
        if _in_ci():
            pytest.fail(f"CI requires the browser tests to run: {msg}", pytrace=False)
        pytest.skip(msg)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _safe_name(nodeid: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", nodeid).strip("_")[:150]


@pytest.fixture
def new_page(browser, request: pytest.FixtureRequest) -> Iterator[Callable[..., object]]:
    """Factory: ``new_page()`` returns a Page in a fresh browser context.

    Each call is a separate "browser" (own cookies/storage), so two calls give
    two independent users. Viewport 1280x900, locale da-DK, 20 s default
    timeout. Contexts are closed at teardown; failing tests get screenshots.
    """
    contexts = []
    pages = []

    def factory(**context_kwargs):
        kwargs = {"viewport": VIEWPORT, "locale": LOCALE, **context_kwargs}
        context = browser.new_context(**kwargs)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        context.set_default_navigation_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        pg = context.new_page()
        pages.append(pg)
        return pg

    yield factory

    if _test_failed(request.node):
        RESULTS_DIR.mkdir(parents=True, exist_ok=True)
        base = _safe_name(request.node.nodeid)
        for i, pg in enumerate(pages, start=1):
            target = RESULTS_DIR / f"{base}-{i}.png"
            try:
                pg.screenshot(path=str(target), full_page=True, timeout=10_000)
                print(f"\nscreenshot saved: {target}")
            except Exception as exc:  # noqa: BLE001 - best effort only
                print(f"\ncould not save screenshot {target}: {exc}")
    for context in contexts:
        with contextlib.suppress(Exception):  # the browser may already be gone
            context.close()


@pytest.fixture
def page(new_page):
    """One fresh Page in its own browser context (not navigated yet)."""
    return new_page()


# --------------------------------------------------------------------------
# Streamlit helpers
# --------------------------------------------------------------------------


def wait_for_streamlit(
    page,
    timeout: float = DEFAULT_TIMEOUT_MS,
    initial_wait: int = 200,
    fail_on_exception: bool = True,
) -> None:
    """Wait until the Streamlit app is connected and its script run has finished.

    Call after ``page.goto(...)`` and after every interaction that makes the
    script rerun (click, fill + Enter, ...). ``initial_wait`` (ms) lets a rerun
    triggered by the interaction start before we look. With
    ``fail_on_exception`` an uncaught exception shown by Streamlit
    (``stException``) fails the test with its text.
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

    if initial_wait:
        page.wait_for_timeout(initial_wait)
    try:
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]',
            state="attached",
            timeout=timeout,
        )
        # script state goes "initial" -> "running" -> "notRunning"
        page.wait_for_function(
            """() => {
                const app = document.querySelector('[data-testid="stApp"]');
                if (!app) return false;
                const s = app.getAttribute('data-test-script-state');
                if (s !== 'notRunning' && s !== 'compilationError') return false;
                const icon = document.querySelector('[data-testid="stStatusWidgetRunningIcon"]');
                return !icon || icon.offsetParent === null;
            }""",
            timeout=timeout,
            polling=100,
        )
    except PlaywrightTimeoutError as exc:
        state = page.evaluate(
            """() => {
                const app = document.querySelector('[data-testid="stApp"]');
                return app ? [app.getAttribute('data-test-connection-state'),
                              app.getAttribute('data-test-script-state')] : null;
            }"""
        )
        text = page.evaluate("() => document.body ? document.body.innerText : ''")
        raise AssertionError(
            f"Streamlit app at {page.url} did not finish running within {timeout / 1000:.0f} s "
            f"(stApp [connection, script] state: {state}).\nVisible text:\n{text[-2000:]}"
        ) from exc
    page.wait_for_timeout(100)  # let the last deltas render
    if fail_on_exception:
        exc = page.locator('[data-testid="stException"]')
        if exc.count():
            raise AssertionError(f"Streamlit shows an exception:\n{exc.first.inner_text()}")


@pytest.fixture(name="wait_for_streamlit")
def wait_for_streamlit_fixture():
    """The :func:`wait_for_streamlit` helper, for use in tests."""
    return wait_for_streamlit
