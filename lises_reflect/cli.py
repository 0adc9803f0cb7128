"""Command line for operators, tests and benchmarks."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from lises_reflect.config import load_settings
from lises_reflect.models import ROLES


def _engine(args: argparse.Namespace):
    from lises_reflect.db import get_engine, migrate

    engine = get_engine(_database_url(args))
    migrate(engine)
    return engine


class ProgressBar:
    """A plain text progress bar on stderr; enough for a seed run, no dependency needed."""

    def __init__(self, label: str, stream: TextIO | None = None, width: int = 30) -> None:
        self.label, self.stream, self.width = label, stream or sys.stderr, width
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        frac = done / total if total else 1.0
        filled = int(self.width * frac)
        elapsed = time.monotonic() - self.started
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] "
            f"{done}/{total} ({frac:4.0%}) {elapsed:5.1f}s"
        )
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def cmd_init_db(args: argparse.Namespace) -> int:
    from lises_reflect.db import current_revision

    engine = _engine(args)
    print(f"Database ready at revision {current_revision(engine)}: {engine.url.render_as_string()}")
    return 0


def cmd_check_prompts(args: argparse.Namespace) -> int:
    from lises_reflect.catalogue import CatalogueError, load_catalogue

    try:
        cat = load_catalogue(args.directory)
    except CatalogueError as err:
        print(f"Prompt catalogue is invalid: {err}", file=sys.stderr)
        return 1
    questions = sum(len(lens.questions) for lens in cat.lenses)
    print(
        f"Prompt catalogue OK: {len(cat.phases)} phases, {len(cat.lenses)} lenses, "
        f"{questions} questions."
    )
    return 0


def _run(
    args: argparse.Namespace, action: Callable[[], object], done: Callable[[object], str] = str
) -> int:
    """Run a command's action and print what it did; a refusal is printed in English (exit 2):
    a service's refusal as its message, a backup's as what the operator must do."""
    from lises_reflect.backup import BackupError
    from lises_reflect.errors import ServiceError
    from lises_reflect.i18n import t

    try:
        result = action()
    except ServiceError as err:
        print(t(err.code, "en", **err.params), file=sys.stderr)
        return 2
    except BackupError as err:
        print(f"{args.command}: {err}", file=sys.stderr)
        return 2
    print(done(result))
    return 0


def cmd_create_organisation(args: argparse.Namespace) -> int:
    from lises_reflect.accounts import create_organisation
    from lises_reflect.auth import OPERATOR

    return _run(args, lambda: create_organisation(_engine(args), OPERATOR, args.name))


def cmd_create_team(args: argparse.Namespace) -> int:
    from lises_reflect.accounts import create_team
    from lises_reflect.auth import OPERATOR

    return _run(args, lambda: create_team(_engine(args), OPERATOR, args.organisation_id, args.name))


def cmd_create_user(args: argparse.Namespace) -> int:
    from lises_reflect.accounts import create_user
    from lises_reflect.auth import OPERATOR

    password = os.environ.get("LISES_NEW_PASSWORD") or getpass.getpass("Password: ")
    return _run(
        args,
        lambda: create_user(
            _engine(args),
            OPERATOR,
            args.username,
            args.name,
            password,
            args.role,
            args.team_id,
            args.email,
        ),
        lambda uid: f"Created user {args.username} (id {uid}).",
    )


def cmd_assign(args: argparse.Namespace) -> int:
    from lises_reflect.accounts import assign
    from lises_reflect.auth import OPERATOR

    return _run(
        args,
        lambda: assign(
            _engine(args), OPERATOR, args.username, args.role, args.team_id, args.organisation_id
        ),
        lambda aid: f"Assigned {args.username} as {args.role} (assignment {aid}).",
    )


def _database_url(args: argparse.Namespace) -> str:
    env = dict(os.environ)
    if getattr(args, "database_url", None):
        env["DATABASE_URL"] = args.database_url
    return load_settings(env).database_url


def cmd_backup(args: argparse.Namespace) -> int:
    from lises_reflect.backup import backup

    return _run(
        args,
        lambda: backup(_database_url(args), args.path),
        lambda r: f"Backup written: {r.path} ({r.size} bytes, {r.method}).",
    )


def cmd_restore(args: argparse.Namespace) -> int:
    from lises_reflect.backup import restore

    return _run(args, lambda: restore(_database_url(args), args.path, force=args.force))


def cmd_purge(args: argparse.Namespace) -> int:
    from lises_reflect.retention import purge

    settings = load_settings()
    report = purge(_engine(args), settings.retention)
    print(
        f"Purged {report.sessions} reflection sessions (no activity since "
        f"{report.session_cutoff:%Y-%m-%d}), {report.process_checks} process-check answers "
        f"and {report.audit_entries} audit entries (older than {report.audit_cutoff:%Y-%m-%d})."
    )
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from lises_reflect.demo import seed
    from lises_reflect.demo_content import DemoContentError

    engine = _engine(args)
    bar = None if args.quiet else ProgressBar("Seeding sessions")
    try:
        result = seed(
            engine, sessions=args.sessions, teams=args.teams, seed=args.seed, progress=bar
        )
    except RuntimeError as err:
        print(str(err), file=sys.stderr)
        return 2
    except DemoContentError as err:
        print(f"Demo data is invalid: {err}", file=sys.stderr)
        return 1
    print(f"Seeded {result['sessions']} sessions across {result['teams']} teams.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m lises_reflect", description=__doc__)
    p.add_argument("--database-url", help="overrides DATABASE_URL for this command")
    sub = p.add_subparsers(dest="command", required=True)

    sub.add_parser("init-db", help="create or upgrade the schema (Alembic)").set_defaults(
        func=cmd_init_db
    )

    cp = sub.add_parser("check-prompts", help="validate the prompt catalogue")
    cp.add_argument("directory", nargs="?", type=Path, default=None)
    cp.set_defaults(func=cmd_check_prompts)

    co = sub.add_parser("create-organisation", help="create a municipality/organisation")
    co.add_argument("name")
    co.set_defaults(func=cmd_create_organisation)

    ct = sub.add_parser("create-team", help="create a team in an organisation")
    ct.add_argument("organisation_id", type=int)
    ct.add_argument("name")
    ct.set_defaults(func=cmd_create_team)

    cu = sub.add_parser(
        "create-user",
        help="create a user (password from LISES_NEW_PASSWORD or a prompt)",
    )
    cu.add_argument("username")
    cu.add_argument("--name", required=True)
    cu.add_argument(
        "--role",
        action="append",
        required=True,
        choices=ROLES,
        help="repeat for several roles",
    )
    cu.add_argument("--team-id", type=int, default=None)
    cu.add_argument("--email", default=None)
    cu.set_defaults(func=cmd_create_user)

    asg = sub.add_parser(
        "assign", help="give a team lead another team, or a facilitator a team/organisation"
    )
    asg.add_argument("username")
    asg.add_argument("--role", required=True, choices=["teamlead", "facilitator"])
    target = asg.add_mutually_exclusive_group(required=True)
    target.add_argument("--team-id", type=int)
    target.add_argument("--organisation-id", type=int)
    asg.set_defaults(func=cmd_assign)

    sub.add_parser(
        "purge", help="delete what is past retention (LISES_RETENTION_MONTHS, …) and report"
    ).set_defaults(func=cmd_purge)
    bk = sub.add_parser("backup", help="write a consistent backup while the app runs")
    bk.add_argument("path", type=Path)
    bk.set_defaults(func=cmd_backup)
    rs = sub.add_parser("restore", help="bring a backup back (replaces the database)")
    rs.add_argument("path", type=Path)
    rs.add_argument("--force", action="store_true", help="replace a database that holds data")
    rs.set_defaults(func=cmd_restore)

    sd = sub.add_parser("seed-demo", help="fill an empty database with synthetic data")
    sd.add_argument("--sessions", type=int, default=160)
    sd.add_argument("--teams", type=int, default=5)
    sd.add_argument("--seed", type=int, default=1)
    sd.add_argument("--quiet", action="store_true", help="no progress bar")
    sd.set_defaults(func=cmd_seed_demo)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.func(args)
