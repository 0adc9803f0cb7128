"""Accounts, roles and the caller identity every service function checks."""

from __future__ import annotations

import re
import secrets
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bcrypt
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect import freetext
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, NotFound, PermissionDenied
from lises_reflect.models import ROLES, Assignment, Organisation, Team, User, UserRole

BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 12
MIN_COOKIE_KEY_LENGTH = 32
_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


@dataclass(frozen=True)
class Actor:
    """The caller, as the database says now (not as the browser remembers)."""

    user_id: int
    username: str
    display_name: str
    roles: frozenset[str]
    team_id: int | None
    organisation_id: int | None
    must_change_password: bool = False  # after an admin's reset: nothing opens until changed

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass(frozen=True)
class Operator:
    """The operator at the command line (`lises_reflect.cli`), who runs the program against the
    database directly and so is trusted with creating structure and accounts. Passed instead
    of a user id, on purpose: a missing user id (`None`, nobody logged in) is refused, never
    taken as "the command line"."""

    name: str = "command line"


OPERATOR = Operator()


def _admin_or_operator(s: Session, actor_id: int | Operator | None) -> None:
    """Admins in the app, or the operator at the command line; nobody else, and never None."""
    if isinstance(actor_id, Operator):
        return
    require(s, actor_id, "admin")


def hash_password(password: str, rounds: int | None = None) -> str:
    # bcrypt looks at 72 bytes at most; Danish letters are 2 bytes in UTF-8, so check bytes.
    raw = password.encode("utf-8")
    if len(raw) > 72:
        raise InvalidInput("error.password_too_long")
    return bcrypt.hashpw(raw, bcrypt.gensalt(rounds or BCRYPT_ROUNDS)).decode("ascii")


def check_password(password: str, password_hash: str) -> bool:
    try:
        return bcrypt.checkpw(password.encode("utf-8")[:72], password_hash.encode("ascii"))
    except ValueError:
        return False


@lru_cache(maxsize=1)
def _common_passwords() -> frozenset[str]:
    path = Path(__file__).resolve().parent / "data" / "common_passwords.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(x.strip().lower() for x in lines if x.strip() and not x.startswith("#"))


def validate_new_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput("error.password_short", minimum=MIN_PASSWORD_LENGTH)
    if len(password.encode("utf-8")) > 72:
        raise InvalidInput("error.password_too_long")
    if password.strip().lower() in _common_passwords():
        raise InvalidInput("error.password_common")


def strong_cookie_key(key: str | None) -> bool:
    return bool(key) and len(key) >= MIN_COOKIE_KEY_LENGTH and len(set(key)) >= 10


def new_cookie_key() -> str:
    return secrets.token_urlsafe(48)


def load_actor(session: Session, user_id: int | None) -> Actor:
    """Fresh from the database on every call, so deactivation and role changes bite at once."""
    if user_id is None:
        raise PermissionDenied("error.not_logged_in")
    user = session.get(User, user_id)
    if user is None or not user.active:
        raise PermissionDenied("error.not_logged_in")
    roles = frozenset(session.exec(select(UserRole.role).where(UserRole.user_id == user_id)).all())
    org_id = None
    if user.team_id is not None:
        team = session.get(Team, user.team_id)
        org_id = team.organisation_id if team else None
    return Actor(
        user.id,
        user.username,
        user.display_name,
        roles,
        user.team_id,
        org_id,
        bool(user.must_change_password),
    )


def require(session: Session, user_id: int | None, *roles: str) -> Actor:
    actor = load_actor(session, user_id)
    if roles and not (actor.roles & set(roles)):
        raise PermissionDenied("error.role_required", roles=", ".join(roles))
    return actor


def actor_by_username(engine: Engine, username: str) -> Actor | None:
    with session_scope(engine) as s:
        user = s.exec(select(User).where(User.username == username)).first()
        if user is None or not user.active:
            return None
        return load_actor(s, user.id)


def credentials(engine: Engine, usernames: Collection[str]) -> dict:
    """The structure streamlit-authenticator expects, for the users of this run only (the one
    logged in, or the one a login cookie names).

    The package only restores a login from its signed cookie and logs out; passwords are
    checked by `login.attempt`. So no password hash is handed over, and a run no longer loads
    every account of the municipality (720 rows a run with 60 teams).
    """
    wanted = sorted({u for u in usernames if u})
    if not wanted:
        return {"usernames": {}}
    with session_scope(engine) as s:
        users = s.exec(
            select(User).where(User.active == True, User.username.in_(wanted))  # noqa: E712
        ).all()
        roles: dict[int, list[str]] = {}
        for r in s.exec(select(UserRole).where(UserRole.user_id.in_([u.id for u in users]))):
            roles.setdefault(r.user_id, []).append(r.role)
        return {
            "usernames": {
                u.username: {
                    "name": u.display_name,
                    "email": u.email or "",
                    "roles": sorted(roles.get(u.id, [])),
                    "failed_login_attempts": 0,
                    "logged_in": False,
                }
                for u in users
            }
        }


def user_count(engine: Engine) -> int:
    with session_scope(engine) as s:
        return len(s.exec(select(User.id)).all())


def _create_user(
    s: Session,
    username: str,
    display_name: str,
    password: str,
    roles: list[str] | tuple[str, ...],
    team_id: int | None,
    email: str | None = None,
    rounds: int | None = None,
    check_strength: bool = True,
) -> User:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidInput("error.username_format")
    if s.exec(select(User).where(User.username == username)).first() is not None:
        raise InvalidInput("error.username_taken", username=username)
    display_name = freetext.screen_name(display_name, "error.display_name")
    email = freetext.email(email)
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise InvalidInput("error.roles", roles=", ".join(sorted(unknown)))
    if team_id is not None and s.get(Team, team_id) is None:
        raise NotFound("error.team_not_found")
    if ("caseworker" in roles or "teamlead" in roles) and team_id is None:
        raise InvalidInput("error.team_required")
    if check_strength:
        validate_new_password(password)
    user = User(
        username=username,
        display_name=display_name,
        email=email,
        password_hash=hash_password(password, rounds),
        team_id=team_id,
    )
    s.add(user)
    s.flush()
    for role in sorted(set(roles)):
        s.add(UserRole(user_id=user.id, role=role))
    s.flush()
    return user


def create_first_admin(engine: Engine, username: str, display_name: str, password: str) -> int:
    """Only while the database has no users at all: the first-run screen."""
    with session_scope(engine) as s:
        if s.exec(select(User.id)).first() is not None:
            raise PermissionDenied("error.first_run_done")
        return _create_user(s, username, display_name, password, ["admin"], None).id


def create_user(
    engine: Engine,
    actor_id: int | Operator | None,
    username: str,
    display_name: str,
    password: str,
    roles: list[str],
    team_id: int | None,
    email: str | None = None,
) -> int:
    """Admins create accounts, or the operator at the command line (`OPERATOR`)."""
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        return _create_user(s, username, display_name, password, roles, team_id, email).id


def create_organisation(engine: Engine, actor_id: int | Operator | None, name: str) -> int:
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        name = freetext.screen_name(name, "error.name_required")
        if s.exec(select(Organisation).where(Organisation.name == name)).first():
            raise InvalidInput("error.name_taken", name=name)
        org = Organisation(name=name)
        s.add(org)
        s.flush()
        return org.id


def create_team(
    engine: Engine, actor_id: int | Operator | None, organisation_id: int, name: str
) -> int:
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        if s.get(Organisation, organisation_id) is None:
            raise NotFound("error.organisation_not_found")
        name = freetext.screen_name(name, "error.name_required")
        exists = s.exec(
            select(Team).where(Team.organisation_id == organisation_id, Team.name == name)
        ).first()
        if exists:
            raise InvalidInput("error.name_taken", name=name)
        team = Team(organisation_id=organisation_id, name=name)
        s.add(team)
        s.flush()
        return team.id


@dataclass(frozen=True)
class DirectoryRow:
    organisation: str
    team: str | None
    username: str
    display_name: str
    roles: tuple[str, ...]  # sorted
    active: bool


@dataclass(frozen=True)
class Directory:
    organisations: list[tuple[int, str]]  # (id, name), by name
    teams: list[tuple[int, str]]  # (id, "organisation – team"), by team name
    teams_by_organisation: dict[str, list[str]]
    users: list[DirectoryRow]  # by username


def directory(engine: Engine, actor_id: int) -> Directory:
    """What an admin needs to manage accounts: structure and accounts, never reflection content."""
    with session_scope(engine) as s:
        require(s, actor_id, "admin")
        orgs = s.exec(select(Organisation).order_by(Organisation.name)).all()
        teams = s.exec(select(Team).order_by(Team.name)).all()
        org_name = {o.id: o.name for o in orgs}
        team_by_id = {t.id: t for t in teams}
        roles: dict[int, list[str]] = {}
        for r in s.exec(select(UserRole)).all():
            roles.setdefault(r.user_id, []).append(r.role)
        users = []
        for u in s.exec(select(User).order_by(User.username)).all():
            team = team_by_id.get(u.team_id) if u.team_id else None
            users.append(
                DirectoryRow(
                    organisation=org_name.get(team.organisation_id, "") if team else "",
                    team=team.name if team else None,
                    username=u.username,
                    display_name=u.display_name,
                    roles=tuple(sorted(roles.get(u.id, []))),
                    active=u.active,
                )
            )
        return Directory(
            organisations=[(o.id, o.name) for o in orgs],
            teams=[(t.id, f"{org_name.get(t.organisation_id, '')} – {t.name}") for t in teams],
            teams_by_organisation={
                o.name: [t.name for t in teams if t.organisation_id == o.id] for o in orgs
            },
            users=users,
        )


def assign(
    engine: Engine,
    actor_id: int | Operator | None,
    username: str,
    role: str,
    team_id: int | None = None,
    organisation_id: int | None = None,
) -> int:
    """Give a team lead another team, or a facilitator a team or a whole municipality.

    The person must hold the role already; exactly one of team and organisation is given."""
    if role not in ("teamlead", "facilitator"):
        raise InvalidInput("error.assign_role")
    if (team_id is None) == (organisation_id is None):
        raise InvalidInput("error.assign_target")
    if role == "teamlead" and team_id is None:
        raise InvalidInput("error.assign_lead_team")
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        user = s.exec(select(User).where(User.username == username.strip().lower())).first()
        if user is None:
            raise NotFound("error.user_not_found")
        if s.get(UserRole, (user.id, role)) is None:
            raise InvalidInput("error.assign_missing_role", role=role)
        if team_id is not None and s.get(Team, team_id) is None:
            raise NotFound("error.team_not_found")
        if organisation_id is not None and s.get(Organisation, organisation_id) is None:
            raise NotFound("error.organisation_not_found")
        existing = s.exec(
            select(Assignment).where(
                Assignment.user_id == user.id,
                Assignment.role == role,
                Assignment.team_id == team_id
                if team_id is not None
                else Assignment.team_id.is_(None),
                Assignment.organisation_id == organisation_id
                if organisation_id is not None
                else Assignment.organisation_id.is_(None),
            )
        ).first()
        if existing is not None:
            return existing.id
        row = Assignment(
            user_id=user.id, role=role, team_id=team_id, organisation_id=organisation_id
        )
        s.add(row)
        s.flush()
        return row.id


def unassign(engine: Engine, actor_id: int | Operator | None, assignment_id: int) -> None:
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        row = s.get(Assignment, assignment_id)
        if row is None:
            raise NotFound()
        s.delete(row)


@dataclass(frozen=True)
class AssignmentRow:
    id: int
    username: str
    role: str
    scope: str  # "Organisation – Team" or "Organisation (alle team)"


def assignments(engine: Engine, actor_id: int | None) -> list[AssignmentRow]:
    with session_scope(engine) as s:
        require(s, actor_id, "admin")
        orgs = dict(s.exec(select(Organisation.id, Organisation.name)).all())
        teams = {t.id: t for t in s.exec(select(Team)).all()}
        rows = s.exec(
            select(Assignment, User.username)
            .join(User, User.id == Assignment.user_id)
            .order_by(User.username, Assignment.role, Assignment.id)
        ).all()
        out = []
        for a, username in rows:
            if a.team_id is not None:
                team = teams[a.team_id]
                scope = f"{orgs.get(team.organisation_id, '')} – {team.name}"
            else:
                scope = f"{orgs.get(a.organisation_id, '')} (*)"
            out.append(AssignmentRow(a.id, username, a.role, scope))
        return out


def load_actor_or_none(session: Session, user_id: int | None) -> Actor | None:
    try:
        return load_actor(session, user_id)
    except PermissionDenied:
        return None
