"""The benchmark harness keeps working: `bench/run.py --smoke` prints every figure family.

Not a timing test: the numbers themselves are read by people (bench/README.md), never asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FAMILIES = {
    "seed_seconds",
    "aggregation_ms",
    "aggregation_plain_sql_ms",
    "aggregation_ratio",
    "release_ms",
    "team_overview_ms",
    "flip_patterns_ms",
    "pool_ratio",
    "material_log_ratio",
    "seminar_pack_ms",
    "chart_bytes",
    "chart_bytes_max",
    "page_run_trivial",
    "page_run_first_ms",
    "page_run_ms",
    "page_run_ratio",
    "page_run_frame",
    "page_run_frame_ratio",
    "page_peak_memory",
    "autosave_median",
    "autosave_p95",
    "autosave_throughput",
}


def test_bench_smoke_prints_every_figure_as_json_lines(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--smoke"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in done.stdout.splitlines() if line.strip()]
    assert rows and all(set(r) >= {"metric", "size", "value", "unit"} for r in rows)
    assert {r["metric"] for r in rows} >= FAMILIES, FAMILIES - {r["metric"] for r in rows}
    pages = {(r["page"], r["role"]) for r in rows if r["metric"] == "page_run_ratio"}
    assert len(pages) == 11  # every page of every role, and the FLIP page's other two tabs
    assert {("flip_prep_pool", "facilitator"), ("flip_prep_pack", "facilitator")} <= pages
