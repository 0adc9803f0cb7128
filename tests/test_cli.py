"""The operator command line: help, init-db, check-prompts, create-user, seed-demo."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlmodel import func, select

from lises_reflect import demo_content
from lises_reflect.catalogue import DEFAULT_DIR
from lises_reflect.cli import main
from lises_reflect.db import get_engine, session_scope
from lises_reflect.models import Contribution, LearningPoint, ReflectionSession, User
from lises_reflect.privacy import find_personal_data

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lises_reflect", *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_help_lists_the_commands() -> None:
    out = run("--help")
    assert out.returncode == 0
    for command in ("init-db", "create-user", "seed-demo", "check-prompts"):
        assert command in out.stdout
    seed_help = run("seed-demo", "--help").stdout
    for option in ("--sessions", "--teams", "--seed"):
        assert option in seed_help


def test_check_prompts_ok_and_broken(tmp_path: Path) -> None:
    ok = run("check-prompts")
    assert ok.returncode == 0, ok.stderr
    assert "6 lenses" in ok.stdout
    broken = tmp_path / "prompts"
    shutil.copytree(DEFAULT_DIR, broken)
    lens = broken / "lenses" / "gribning.yaml"
    lens.write_text(lens.read_text(encoding="utf-8").replace("en:", "eng:", 1), encoding="utf-8")
    bad = run("check-prompts", str(broken))
    assert bad.returncode != 0
    assert "gribning.yaml" in bad.stderr


def test_init_db_create_user_and_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    assert main(["init-db"]) == 0
    monkeypatch.setenv("LISES_NEW_PASSWORD", "kort")
    assert main(["create-user", "ole", "--name", "Ole", "--role", "admin"]) == 2  # too short
    monkeypatch.setenv("LISES_NEW_PASSWORD", "en lang adgangskode med æøå")
    assert main(["create-user", "ole", "--name", "Ole", "--role", "admin"]) == 0
    assert main(["seed-demo", "--sessions", "5"]) == 2  # refuses a database with users


def test_seed_demo_with_broken_demo_data_names_the_file_and_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    data = tmp_path / "demo"
    shutil.copytree(demo_content.DATA_DIR, data)
    cases = data / "cases.yaml"
    text = cases.read_text(encoding="utf-8")
    cases.write_text(
        text.replace("conversation_kind: first_meeting", "conversation_kind: first", 1)
    )
    monkeypatch.setattr(demo_content, "DATA_DIR", data)
    demo_content.content.cache_clear()
    try:
        url = f"sqlite:///{tmp_path / 'seed.sqlite3'}"
        assert main(["--database-url", url, "init-db"]) == 0
        assert main(["--database-url", url, "seed-demo", "--sessions", "5", "--quiet"]) == 1
    finally:
        demo_content.content.cache_clear()
    err = capsys.readouterr().err
    assert f"Demo data is invalid: {cases}: cases[1].conversation_kind: unknown" in err
    with session_scope(get_engine(url)) as s:  # refused before anything was written
        assert s.exec(select(func.count()).select_from(User)).one() == 0


def test_seed_demo_generates_what_was_asked(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    url = f"sqlite:///{tmp_path / 'seed.sqlite3'}"
    assert (
        main(
            ["--database-url", url, "seed-demo", "--sessions", "120", "--teams", "4", "--seed", "7"]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "120/120" in err  # the progress bar reached the end
    engine = get_engine(url)
    with session_scope(engine) as s:
        assert s.exec(select(func.count()).select_from(ReflectionSession)).one() == 120
        assert len(set(s.exec(select(ReflectionSession.team_id)).all())) == 4
        statuses = set(s.exec(select(ReflectionSession.status)).all())
        assert statuses == {"open", "finished"}
        texts = s.exec(select(Contribution.text)).all() + s.exec(select(LearningPoint.text)).all()
        texts += s.exec(select(ReflectionSession.excerpt)).all()
        assert texts and not [t for t in texts if find_personal_data(t)]
        assert s.exec(select(func.count()).select_from(User)).one() > 4 * 8
