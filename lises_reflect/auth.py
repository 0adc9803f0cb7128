"""Who the caller is: the identity and roles every service function checks, and passwords.

Creating and changing accounts and structure is `accounts`."""

from __future__ import annotations

import secrets
from collections.abc import Collection
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import bcrypt
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import Team, User, UserRole

BCRYPT_ROUNDS = 12
MIN_PASSWORD_LENGTH = 12
MIN_COOKIE_KEY_LENGTH = 32


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


def load_actor_or_none(session: Session, user_id: int | None) -> Actor | None:
    try:
        return load_actor(session, user_id)
    except PermissionDenied:
        return None
