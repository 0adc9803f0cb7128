"""Benchmarks of Lån et øre, printed as one JSON object per line on stdout.

    python bench/run.py                  # 1k and 10k sessions, SQLite
    python bench/run.py --full           # adds 100k sessions
    python bench/run.py --backend both   # SQLite and PostgreSQL (127.0.0.1:5432)
    python bench/run.py --smoke          # tiny and quick: keeps the harness working in CI

Every figure is measured in this one process, so ratios compare like with like on whatever
machine runs it. Progress goes to stderr. See bench/README.md for what each figure means and
its target.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_LOGGER_LEVEL", "error")  # AppTest's bare-mode warnings

PG_ADMIN_URL = os.environ.get(
    "LISES_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
COOKIE_KEY = "bench-" + "k" * 10 + "0123456789abcdefghijklmnopqrstuvwxyz"
TEAMS = 60


def emit(metric: str, size: int, value: float, unit: str, **extra: Any) -> None:
    row = {"metric": metric, "size": size, "value": round(value, 4), "unit": unit, **extra}
    print(json.dumps(row, ensure_ascii=False), flush=True)


def say(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median_ms(fn: Callable[[], Any], runs: int, warm: int = 1) -> float:
    for _ in range(warm):
        fn()
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return statistics.median(times) * 1000


# ------------------------------------------------------------------ databases


@contextlib.contextmanager
def database(backend: str, workdir: Path, name: str) -> Iterator[str]:
    if backend == "sqlite":
        yield f"sqlite:///{workdir / (name + '.sqlite3')}"
        return
    from tests.pg import throwaway_pg_database

    with throwaway_pg_database(PG_ADMIN_URL, f"lises_bench_{name}") as url:
        yield url


def pg_reachable() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            PG_ADMIN_URL.replace("postgresql+psycopg", "postgresql"), connect_timeout=3
        ):
            return True
    except Exception:  # noqa: BLE001
        return False


def seed(url: str, sessions: int) -> float:
    """seed-demo through the CLI, as an operator would; returns seconds."""
    env = {**os.environ, "DATABASE_URL": url}
    began = time.perf_counter()
    for args in (
        ["init-db"],
        ["seed-demo", "--sessions", str(sessions), "--teams", str(TEAMS), "--quiet"],
    ):
        subprocess.run(
            [sys.executable, "-m", "lises_reflect", *args],
            cwd=ROOT,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    return time.perf_counter() - began


# ------------------------------------------------------------------ the actors


@dataclass
class Scene:
    url: str
    engine: Any
    users: dict[str, int]
    team: int  # the lead's own team
    session: int  # one of the caseworker's sessions
    half: Any  # the half year with data


def scene(url: str) -> Scene:
    from sqlalchemy import text

    from lises_reflect import periods
    from lises_reflect.db import get_engine

    engine = get_engine(url)
    with engine.connect() as conn:
        users = dict(conn.execute(text('SELECT username, id FROM "user"')).all())
        team = conn.execute(
            text("SELECT team_id FROM \"user\" WHERE username = 'hanne'")
        ).scalar_one()
        session = conn.execute(
            text(
                "SELECT id FROM reflection_session WHERE bringer_id = :u ORDER BY id DESC LIMIT 1"
            ),
            {"u": users["mette"]},
        ).scalar_one()
    # The last closed half year: only closed periods are released (lises_reflect/releases.py),
    # so that is what leads read. Page timings are medians, i.e. after its first release.
    running = periods.containing(datetime.now(timezone.utc), "half")
    half = periods.containing(running.start() - timedelta(days=1), "half")
    return Scene(url, engine, users, team, session, half)


# ------------------------------------------------------------------ page runs (AppTest)

PAGES: dict[str, list[tuple[str, str | None]]] = {
    # role: [(page script, username)]
    "caseworker": [
        ("pages/my_reflections.py", "mette"),
        ("pages/new_session.py", "mette"),
        ("pages/session.py", "mette"),
    ],
    "teamlead": [("pages/home.py", "hanne"), ("pages/team_insights.py", "hanne")],
    "facilitator": [
        ("pages/home.py", "sofie"),
        ("pages/flip_prep.py", "sofie"),
        # The FLIP page's other tabs: only the open tab runs, so each is a page run of its own.
        ("pages/flip_prep.py#flip.pool", "sofie"),  # #<the page's tabs>.<tab>
        ("pages/flip_prep.py#flip.pack", "sofie"),
    ],
    "admin": [("pages/home.py", "admin"), ("pages/admin.py", "admin")],
}


def _env_for_app(url: str, workdir: Path) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ["LISES_COOKIE_KEY"] = COOKIE_KEY
    os.environ["LISES_DEMO"] = "1"  # seed-demo's accounts are demo accounts
    os.environ["LISES_DATA_DIR"] = str(workdir)


def logged_in_app(sc: Scene, username: str, page: str) -> tuple[Any, float]:
    """The page opened by a logged-in demo account, and how long that first run took (ms)."""
    from streamlit.testing.v1 import AppTest

    from lises_reflect import login, ui

    key = uuid.uuid4().hex
    login.open_session(sc.engine, sc.users[username], key)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.session_state["login_key"] = key
    page, _, tab = page.partition("#")
    if page == "pages/session.py":
        at.query_params["s"] = str(sc.session)
    if tab:  # opened as a click on the tab does (`ui.tabs`)
        from lises_reflect import i18n
        from lises_reflect import state_keys as K

        tabs, _, label = tab.partition(".")
        at.session_state[K.tabs(tabs, "da")] = i18n.t(f"{tabs}.tab.{label}", "da")
    at.run()
    ui.chart_payload.cache_clear()  # the first run pays for its charts, as a new view does
    began = time.perf_counter()
    at.switch_page(page).run()
    first_ms = (time.perf_counter() - began) * 1000
    if at.exception:
        raise RuntimeError(f"{page} as {username}: {[e.value for e in at.exception]}")
    return at, first_ms


_FIRST_PAGE_RUN: dict[tuple[str, str], tuple[int, float]] = {}


def bench_pages(sc: Scene, size: int, runs: int) -> None:
    from streamlit.testing.v1 import AppTest

    trivial = AppTest.from_string('import streamlit as st\nst.write("x")', default_timeout=60)
    base = median_ms(lambda: trivial.run(), runs)
    emit("page_run_trivial", size, base, "ms")
    took_by_page: dict[tuple[str, str], float] = {}
    for role, pages in PAGES.items():
        for page, username in pages:
            at, first_ms = logged_in_app(sc, username, page)
            took = median_ms(lambda at=at: at.run(), runs, warm=0)
            name = Path(page.partition("#")[0]).stem + "".join(
                f"_{x.split('.')[-1]}" for x in page.split("#")[1:]
            )
            took_by_page[(name, role)] = took
            emit("page_run_first_ms", size, first_ms, "ms", page=name, role=role)
            emit("page_run_ms", size, took, "ms", page=name, role=role)
            emit("page_run_ratio", size, took / base, "x", page=name, role=role, target=3.0)
            # How the page grows with the data: this size against the smallest one measured.
            first = _FIRST_PAGE_RUN.setdefault((name, role), (size, took))
            if first[0] != size:
                emit(
                    "page_run_growth",
                    size,
                    took / first[1],
                    "x",
                    page=name,
                    role=role,
                    against=first[0],
                    target=2.0,
                )
    # The frame alone (login check, actor, sidebar, navigation) is what a logged-in page that
    # shows almost nothing costs: the fastest home page. Each page against it says what the
    # page itself adds, apart from the frame every page pays.
    frame = min(ms for (name, _role), ms in took_by_page.items() if name == "home")
    emit("page_run_frame", size, frame, "ms")
    for (name, role), took in took_by_page.items():
        emit("page_run_frame_ratio", size, took / frame, "x", page=name, role=role)


def bench_memory(sc: Scene, size: int) -> None:
    """Peak Python memory of one full run of the heaviest pages, measured by tracemalloc."""
    for page, username in (
        ("pages/team_insights.py", "hanne"),
        ("pages/flip_prep.py", "sofie"),
        ("pages/my_reflections.py", "mette"),
    ):
        at, _first_ms = logged_in_app(sc, username, page)
        tracemalloc.start()
        at.run()
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        emit("page_peak_memory", size, peak / 2**20, "MiB", page=Path(page).stem)


def bench_charts(sc: Scene, size: int) -> None:
    """Bytes each chart sends to the browser: its Vega-Lite spec, data included."""
    from lises_reflect import charts, insights

    overview = insights.team_overview(sc.engine, sc.users["hanne"], sc.team, sc.half.key, "da")
    teams = insights.facilitated_teams(sc.engine, sc.users["sofie"])
    compared = [x.team_id for x in teams][: insights.MAX_COMPARED_TEAMS]  # the page's default
    patterns = insights.flip_patterns(
        sc.engine, sc.users["sofie"], sc.half.key, "da", team_ids=compared
    )
    figures = [("team", f) for f in overview.figures] + [("flip", f) for f in patterns.figures]
    largest = 0
    for where, fig in figures:
        n = len(json.dumps(charts.browser_spec(fig), separators=(",", ":")).encode())
        largest = max(largest, n)
        emit("chart_bytes", size, n, "bytes", page=where, figure=fig.key, target=50_000)
    emit("chart_bytes_max", size, largest, "bytes", target=50_000)


# ------------------------------------------------------------------ aggregations vs plain SQL


def _param(dialect: str, d: datetime) -> Any:
    # SQLAlchemy stores SQLite datetimes as text in this form; PostgreSQL takes the object.
    if dialect == "sqlite":
        return d.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    return d


def _bucket_sql(half: Any, column: str) -> tuple[str, dict[str, Any]]:
    months = half.months
    whens = " ".join(f"WHEN {column} < :m{i} THEN '{m.key}'" for i, m in enumerate(months[:-1]))
    return f"CASE {whens} ELSE '{months[-1].key}' END", {
        f"m{i}": m.end() for i, m in enumerate(months[:-1])
    }


def plain_queries(
    half: Any, team: int, lens_ids: list[str]
) -> dict[str, tuple[str, dict[str, Any]]]:
    """The same figures as `insights`, written by hand: the yardstick for the ORM's overhead."""
    bucket, bp = _bucket_sql(half, "rs.finished_at")  # finished sessions, by finishing month
    scope = (
        "rs.team_id = :team AND rs.status = 'finished' "
        "AND rs.finished_at >= :start AND rs.finished_at < :end"
    )
    base = {**bp, "start": half.start(), "end": half.end(), "team": team}
    lens_sums = ", ".join(
        f"SUM(CASE WHEN CAST(rs.lenses AS TEXT) LIKE :l{i} THEN 1 ELSE 0 END)"
        for i in range(len(lens_ids))
    )
    lens_params = {f"l{i}": f'%"{lid}"%' for i, lid in enumerate(lens_ids)}
    month_keys = ", ".join(f"'{m.key}'" for m in half.months)
    return {
        "sessions": (
            f"SELECT {bucket}, rs.bringer_id, COUNT(*) FROM reflection_session rs "
            f"WHERE {scope} GROUP BY 1, 2",
            base,
        ),
        "lenses": (
            f"SELECT {bucket}, rs.bringer_id, {lens_sums} FROM reflection_session rs "
            f"WHERE {scope} GROUP BY 1, 2",
            {**base, **lens_params},
        ),
        "tags": (
            f"SELECT {bucket}, t.tag_id, rs.bringer_id, t.annotator_id, COUNT(*) "
            f"FROM turn_tag t JOIN reflection_session rs ON rs.id = t.session_id "
            f"WHERE {scope} GROUP BY 1, 2, 3, 4",
            base,
        ),
        "outcomes": (
            f"SELECT {bucket}, g.outcome, rs.bringer_id, g.annotator_id, COUNT(*) "
            f"FROM gribning_link g JOIN reflection_session rs ON rs.id = g.session_id "
            f"WHERE {scope} GROUP BY 1, 2, 3, 4",
            base,
        ),
        "process": (
            f"SELECT {bucket}, r.user_id FROM process_check_receipt r "
            f"JOIN reflection_session rs ON rs.id = r.session_id WHERE {scope} GROUP BY 1, 2",
            base,
        ),
        # The anonymous answers themselves: the second query of the same figure.
        "process_answers": (
            "SELECT period, SUM(safe_frame), COUNT(*) FROM process_check "
            f"WHERE team_id = :team AND period IN ({month_keys}) "
            "GROUP BY period",
            {"team": team},
        ),
    }


def _run_plain(engine: Any, sql: str, params: dict[str, Any]) -> list[tuple]:
    dialect = engine.dialect.name
    fixed = {k: _param(dialect, v) if isinstance(v, datetime) else v for k, v in params.items()}
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        if dialect == "sqlite":
            cur.execute(sql, fixed)
        else:  # psycopg uses %(name)s
            import re

            cur.execute(re.sub(r":(\w+)", r"%(\1)s", sql.replace("%", "%%")), fixed)
        return [tuple(r) for r in cur.fetchall()]
    finally:
        raw.close()


def bench_aggregations(sc: Scene, size: int, runs: int) -> None:
    from sqlmodel import Session

    from lises_reflect import disclosure, insights
    from lises_reflect.catalogue import catalogue

    cat = catalogue()
    lens_ids = [lens.id for lens in cat.lenses]
    plain = plain_queries(sc.half, sc.team, lens_ids)
    k = 5
    for key in ("sessions", "lenses", "tags", "outcomes", "process"):

        def orm(key: str = key) -> list:
            with Session(sc.engine) as s:
                return insights.facts(s, key, [sc.team], sc.half, cat).get(sc.team, [])

        sql, params = plain[key]
        facts = orm()
        rows = _run_plain(sc.engine, sql, params)
        _check_same(key, facts, rows)
        queries = [plain[key]] + ([plain["process_answers"]] if key == "process" else [])

        def by_hand(queries: list = queries) -> None:
            for sql, params in queries:
                _run_plain(sc.engine, sql, params)

        t_orm = median_ms(orm, runs)
        t_sql = median_ms(by_hand, runs)
        m = insights.MEASURES[key]

        def decide(facts: list = facts, m: Any = m) -> None:
            # The rules alone, over the whole half year as if closed (the frozen store around
            # them is measured by the page figures below).
            disclosure.release(
                facts,
                sc.half,
                m.categories(cat),
                k,
                roles=m.roles,
                width=m.width,
                marginal=m.marginal,
                now=sc.half.end(),
            )

        t_release = median_ms(decide, runs)
        emit("aggregation_ms", size, t_orm, "ms", figure=key)
        emit("aggregation_plain_sql_ms", size, t_sql, "ms", figure=key)
        emit("aggregation_ratio", size, t_orm / t_sql, "x", figure=key, target=1.3)
        emit("release_ms", size, t_release, "ms", figure=key)
    lead, facilitator = sc.users["hanne"], sc.users["sofie"]
    emit(
        "team_overview_ms",
        size,
        median_ms(
            lambda: insights.team_overview(sc.engine, lead, sc.team, sc.half.key, "da"), runs
        ),
        "ms",
    )
    teams = [x.team_id for x in insights.facilitated_teams(sc.engine, facilitator)]
    for label, chosen in (("all", None), ("page_default", teams[: insights.MAX_COMPARED_TEAMS])):
        took = median_ms(
            lambda chosen=chosen: insights.flip_patterns(
                sc.engine, facilitator, sc.half.key, "da", team_ids=chosen
            ),
            runs,
        )
        goal = {"target": 300.0} if chosen is None else {}  # issue 16: all teams at 100k
        emit("flip_patterns_ms", size, took, "ms", teams=len(chosen or teams), scope=label, **goal)
    bench_pool(sc, size, runs)
    bench_material_log(sc, size, runs)
    bench_pack(sc, size)


def _check_same(key: str, facts: list, rows: list[tuple]) -> None:
    """The hand-written query must give the very figure, or the ratio means nothing."""
    if key == "sessions":
        ours = sorted((f.month, f.who[0], f.values[0]) for f in facts)
        theirs = sorted((m, b, float(n)) for m, b, n in rows)
    elif key == "lenses":
        ours = sorted((f.month, f.category, f.who[0], f.values[0]) for f in facts)
        from lises_reflect.catalogue import catalogue

        ids = [lens.id for lens in catalogue().lenses]
        theirs = sorted(
            (m, lid, b, float(n)) for m, b, *ns in rows for lid, n in zip(ids, ns, strict=True) if n
        )
    elif key in ("tags", "outcomes"):
        ours = sorted((f.month, f.category, *f.who, f.values[0]) for f in facts)
        theirs = sorted((m, c, b, a, float(n)) for m, c, b, a, n in rows)
    else:  # process: the receipts behind the months that have answers
        ours = sorted({(f.month, f.who[0]) for f in facts if f.who[0] != -1})
        answered = {f.month for f in facts}
        theirs = sorted({(m, u) for m, u in rows if m in answered})
    if ours != theirs:
        raise AssertionError(
            f"{key}: the plain SQL disagrees with insights ({len(ours)} vs {len(theirs)} rows)"
        )


def bench_pool(sc: Scene, size: int, runs: int) -> None:
    """The facilitator's pool (its first page, unfiltered) against hand-written queries that
    do the same: whether enough caseworkers shared, how many items there are, the page of
    each in the neutral order (numbered in SQL), and then the shown page's texts."""
    from sqlmodel import Session

    from lises_reflect import flip
    from lises_reflect.auth import load_actor
    from lises_reflect.disclosure import Thresholds
    from lises_reflect.models import POOL_ORDER_MODULUS

    fac = sc.users["sofie"]
    pool = flip.shared_pool(sc.engine, fac, sc.half.key)
    with Session(sc.engine) as s:
        scope_teams = sorted(_facilitated(sc, load_actor(s, fac)))
    teams = ", ".join(str(t) for t in scope_teams) or "-1"
    scope = (
        f"rs.team_id IN ({teams}) AND rs.status = 'finished' "
        "AND rs.finished_at >= :start AND rs.finished_at < :end"
    )
    params = {"start": sc.half.start(), "end": sc.half.end()}
    a, b = flip.order_constants(f"flip:{fac}:{sc.half.key}")
    order = f"(CAST(%s.pool_order AS BIGINT) * {a} + {b}) %% {POOL_ORDER_MODULUS}"
    k = Thresholds().text
    shared = f"FROM reflection_session rs WHERE {scope} AND rs.excerpt_shared = TRUE"
    points = (
        "FROM learning_point lp JOIN reflection_session rs ON rs.id = lp.session_id "
        f"WHERE {scope} AND lp.shared = TRUE"
    )
    index = [
        f"SELECT COUNT(*) FROM (SELECT DISTINCT rs.bringer_id {shared} LIMIT {k}) x",
        f"SELECT COUNT(*) FROM (SELECT DISTINCT rs.bringer_id {points} LIMIT {k}) x",
        f"SELECT COUNT(*) {shared}",
        f"SELECT id, n FROM (SELECT rs.id, ROW_NUMBER() OVER (ORDER BY {order % 'rs'}, rs.id) "
        f"AS n {shared}) x ORDER BY n LIMIT {flip.EXCERPTS_PER_PAGE}",
        f"SELECT COUNT(*) {points}",
        f"SELECT lp.id {points} ORDER BY {order % 'lp'}, lp.id LIMIT {flip.POINTS_PER_PAGE}",
    ]
    page = [str(r[0]) for r in _run_plain(sc.engine, index[3], params)] or ["-1"]
    counted = (_run_plain(sc.engine, index[2], params)[0][0], pool.excerpts_total)
    if pool.excerpts_enough and counted[0] != counted[1]:
        raise AssertionError(f"pool: the plain SQL counts {counted[0]}, the pool {counted[1]}")
    point_ids = [str(r[0]) for r in _run_plain(sc.engine, index[5], params)]
    ids, pids = ", ".join(page), ", ".join(point_ids) or "-1"
    texts = [
        "SELECT id, bringer_id, CAST(lenses AS VARCHAR), conversation_kind "
        f"FROM reflection_session WHERE id IN ({ids})",
        f"SELECT id, excerpt FROM reflection_session WHERE id IN ({ids})",
        f"SELECT DISTINCT session_id, tag_id FROM turn_tag WHERE session_id IN ({ids})",
        f"SELECT session_id, text, category FROM learning_point WHERE session_id IN ({ids}) "
        f"AND shared = TRUE",
        "SELECT lp.id, lp.session_id, rs.bringer_id, lp.category, CAST(rs.lenses AS VARCHAR) "
        "FROM learning_point lp JOIN reflection_session rs ON rs.id = lp.session_id "
        f"WHERE lp.id IN ({pids})",
        f"SELECT id, text FROM learning_point WHERE id IN ({pids})",
    ]

    def plain() -> None:
        for q in index + texts:
            _run_plain(sc.engine, q, params)

    t_orm = median_ms(lambda: flip.shared_pool(sc.engine, fac, sc.half.key), runs)
    t_sql = median_ms(plain, runs)
    emit(
        "pool_ms",
        size,
        t_orm,
        "ms",
        excerpts=pool.excerpts_total,
        points=pool.points_total,
        shown=len(pool.excerpts) + len(pool.points),
    )
    emit("pool_plain_sql_ms", size, t_sql, "ms")
    emit("pool_ratio", size, t_orm / t_sql, "x", target=1.3)


def bench_pack(sc: Scene, size: int) -> None:
    """The seminar pack a facilitator makes: four shared excerpts, the four figures, a lens and
    two questions. The PDF first, its charts rendered (the chart engine already started, as
    the FLIP page starts it), then the PowerPoint, reusing the PDF's charts; then the other
    order. Each build once: it is what a click costs."""
    from lises_reflect import flip, seminar
    from lises_reflect.flip import PackRequest

    fac = sc.users["sofie"]
    choices = flip.pack_choices(sc.engine, fac, sc.half.key)
    if len(choices) < 2:
        say(f"pack: only {len(choices)} shared excerpts in {sc.half.key}")
        return
    request = PackRequest(
        title="FLIP: Samtalen som faglig kerne",
        hours=3,
        participants=6,
        period_key=sc.half.key,
        excerpt_tokens=tuple(c.token for c in choices[:4]),
        figure_keys=("lenses", "tags", "outcomes", "process"),
        lens_ids=("gribning",),
        questions=("Hvad hører I borgeren sige om arbejde?", "Hvad vil I prøve?"),
    )
    seminar.warm_up().join()
    for order in (("pdf", "pptx"), ("pptx", "pdf")):
        seminar.forget_charts()
        for n, fmt in enumerate(order):
            began = time.perf_counter()
            flip.export_pack(sc.engine, fac, request, fmt)
            took = (time.perf_counter() - began) * 1000
            charts = "cached" if n else "rendered"
            emit("seminar_pack_ms", size, took, "ms", format=fmt, charts=charts, target=3000)


def _facilitated(sc: Scene, actor: Any) -> set[int]:
    from sqlmodel import Session

    from lises_reflect import insights

    with Session(sc.engine) as s:
        return insights.facilitated_team_ids(s, actor)


def bench_material_log(sc: Scene, size: int, runs: int) -> None:
    """A caseworker's "who has seen my material": the same rows by hand-written SQL."""
    from lises_reflect import audit

    uid = sc.users["mette"]
    rows = audit.my_material_log(sc.engine, uid)
    actions = ", ".join(f"'{a}'" for a in audit.MATERIAL_ACTIONS)
    queries = [
        "SELECT id, title FROM reflection_session WHERE bringer_id = :u",
        'SELECT id, display_name FROM "user"',
        f"SELECT at, actor_id, action, target, filters FROM audit_entry "
        f"WHERE action IN ({actions}) ORDER BY id DESC",
    ]

    def plain() -> None:
        for q in queries:
            _run_plain(sc.engine, q, {"u": uid})

    t_orm = median_ms(lambda: audit.my_material_log(sc.engine, uid), runs)
    t_sql = median_ms(plain, runs)
    emit("material_log_ms", size, t_orm, "ms", rows=len(rows))
    emit("material_log_plain_sql_ms", size, t_sql, "ms")
    emit("material_log_ratio", size, t_orm / t_sql, "x", target=1.3)


# ------------------------------------------------------------------ autosave


def bench_autosave(backend: str, url: str, size: int, saves: int) -> None:
    """Autosave latency: one person typing, and 20 people autosaving at the same moment."""
    from lises_reflect import accounts, auth, sessions
    from lises_reflect.catalogue import catalogue
    from lises_reflect.db import make_engine, migrate

    auth.BCRYPT_ROUNDS = 4  # the users are made here, not measured
    engine = make_engine(url)
    migrate(engine)
    org = accounts.create_organisation(engine, auth.OPERATOR, "Jobcenter Bench")
    team = accounts.create_team(engine, auth.OPERATOR, org, "Team Bench")
    lenses = [lens.id for lens in catalogue().lenses]
    slots = [q.id for lens in catalogue().lenses for q in lens.questions]

    def user(name: str) -> int:
        return accounts.create_user(
            engine, auth.OPERATOR, name, name, "correct horse battery", ["caseworker"], team
        )

    listeners = [user(f"lytter{i:02d}") for i in range(20)]
    sids = []
    for pair in range(10):
        bringer = user(f"fortaeller{pair:02d}")
        sid = sessions.create_session(engine, bringer, "Bench")
        sessions.update_choices(engine, bringer, sid, lenses=lenses)
        sessions.set_listeners(engine, bringer, sid, listeners[2 * pair : 2 * pair + 2])
        sids += [sid, sid]

    known: dict[int, dict[str, int]] = {uid: {} for uid in listeners}  # the versions each has seen

    def typing(uid: int, sid: int, n: int, out: list[float]) -> None:
        versions = known[uid]
        for i in range(n):
            slot = slots[i % len(slots)]
            began = time.perf_counter()
            versions[slot] = sessions.save_contribution(
                engine, uid, sid, "observation", slot, f"tekst {i} af {uid}", versions.get(slot, 0)
            )
            out.append(time.perf_counter() - began)

    one: list[float] = []
    typing(listeners[0], sids[0], saves, one)
    _emit_latency("autosave", backend, size, one, threads=1)
    many: list[float] = []
    barrier = threading.Barrier(20)

    def worker(i: int) -> None:
        barrier.wait()
        typing(listeners[i], sids[i], saves, many)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(20)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - began
    _emit_latency("autosave", backend, size, many, threads=20)
    emit("autosave_throughput", size, len(many) / elapsed, "saves/s", backend=backend, threads=20)
    engine.dispose()


def _emit_latency(name: str, backend: str, size: int, values: list[float], threads: int) -> None:
    values = sorted(values)
    median = values[len(values) // 2] * 1000
    p95 = values[min(len(values) - 1, int(len(values) * 0.95))] * 1000
    emit(f"{name}_median", size, median, "ms", backend=backend, threads=threads)
    emit(
        f"{name}_p95",
        size,
        p95,
        "ms",
        backend=backend,
        threads=threads,
        **({"target": 30.0} if backend == "sqlite" and threads == 20 else {}),
    )


# ------------------------------------------------------------------ main


def one_hour_vtt(cues: int = 900) -> bytes:
    """A Teams recording's .vtt of about an hour: two voices, a name now and then in the text."""
    parts = ["WEBVTT", ""]
    for i in range(cues):
        begin, voice = i * 4, ("Mette Hansen", "Ahmed Jensen")[i // 3 % 2]
        parts += [
            f"{begin // 3600:02d}:{begin % 3600 // 60:02d}:{begin % 60:02d}.000 --> "
            f"{(begin + 3) // 3600:02d}:{(begin + 3) % 3600 // 60:02d}:{(begin + 3) % 60:02d}.500",
            f"<v {voice}>Ja, Ahmed, det er sætning {i} om praktikken og om hvad du gerne vil.</v>",
            "",
        ]
    return "\n".join(parts).encode("utf-8")


def bench_transcript_import(runs: int) -> None:
    """Upload to excerpt: read the file, find the speakers, write the first part that fits
    with role labels (issue 15: a one-hour .vtt within a second)."""
    data = one_hour_vtt()
    roles = {"Mette Hansen": "caseworker", "Ahmed Jensen": "citizen"}

    from lises_reflect import speakers, transcript

    def upload() -> None:
        source = transcript.read_source(transcript.read_upload("samtale.vtt", data), whole=True)
        first, last = speakers.default_span(source)
        speakers.to_excerpt(source, roles, first, last, "da")

    emit("transcript_import_ms", 900, median_ms(upload, runs), "ms", bytes=len(data))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000", help="session counts, comma-separated")
    parser.add_argument("--full", action="store_true", help="add 100,000 sessions")
    parser.add_argument("--smoke", action="store_true", help="tiny size, few runs: CI")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    parser.add_argument("--runs", type=int, default=10, help="runs per median (at least 10)")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.split(",") if x]
    if args.full:
        sizes.append(100_000)
    runs, saves = max(args.runs, 10), 200
    if args.smoke:
        sizes, runs, saves = [200], 2, 10
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    if "postgresql" in backends and not pg_reachable():
        say("PostgreSQL is not reachable: SQLite only")
        backends = ["sqlite"]
    say("transcript import: a one-hour .vtt")
    bench_transcript_import(runs)
    with tempfile.TemporaryDirectory(prefix="lises-bench-") as tmp:
        workdir = Path(tmp)
        for backend in backends:
            for size in sizes:
                with database(backend, workdir, f"s{size}") as url:
                    say(f"{backend}: seeding {size} sessions across {TEAMS} teams")
                    emit("seed_seconds", size, seed(url, size), "s", backend=backend)
                    _env_for_app(url, workdir)
                    sc = scene(url)
                    say(f"{backend} {size}: aggregations")
                    bench_aggregations(sc, size, runs)
                    say(f"{backend} {size}: charts")
                    bench_charts(sc, size)
                    say(f"{backend} {size}: pages")
                    bench_pages(sc, size, runs)
                    if size == max(sizes):
                        say(f"{backend} {size}: memory")
                        bench_memory(sc, size)
                    sc.engine.dispose()
            with database(backend, workdir, "autosave") as url:
                say(f"{backend}: autosave")
                bench_autosave(backend, url, 0, saves)
    return 0


if __name__ == "__main__":
    sys.exit(main())
