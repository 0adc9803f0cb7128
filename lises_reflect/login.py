"""Logging in and staying logged in, in the database so it holds across replicas.

* Every try is counted by username (as typed) and by client. Five failures within 15 minutes
  lock that username for 15 minutes; a client is locked after `CLIENT_LIMIT` failures (set
  higher: a whole jobcentre may share one address behind its proxy).
* An unknown username costs one bcrypt check against a dummy hash, exactly like a wrong
  password, and gets the same answer: nobody can learn which usernames exist.
* A successful login opens a server-side session keyed by a hash of the signed login cookie's
  contents. It ends after 30 minutes idle, after 12 hours, or at logout; after that the same
  cookie, even copied to another browser, opens nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import lru_cache

import jwt
from sqlalchemy import func, select, update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from lises_reflect import audit, auth
from lises_reflect.auth import Actor
from lises_reflect.db import serialize, session_scope
from lises_reflect.errors import InvalidInput, PermissionDenied
from lises_reflect.models import LoginAttempt, LoginSession, User, utcnow

FAILURE_LIMIT = 5
CLIENT_LIMIT = 20
WINDOW = timedelta(minutes=15)
IDLE = timedelta(minutes=30)
ABSOLUTE = timedelta(hours=12)
TOUCH_EVERY = timedelta(seconds=60)  # last_seen is written at most once a minute


@dataclass(frozen=True)
class Outcome:
    status: str  # ok | failed | locked
    actor: Actor | None = None


@lru_cache(maxsize=4)
def _dummy_hash(rounds: int) -> str:
    return auth.hash_password("not a password anybody has", rounds)


def _failures(s, column, value: str, since: datetime) -> int:
    return int(
        s.execute(
            select(func.count())
            .select_from(LoginAttempt)
            .where(column == value, LoginAttempt.success == False, LoginAttempt.at >= since)  # noqa: E712
        ).scalar_one()
    )


def attempt(
    engine: Engine, username: str, password: str, client: str = "", now: datetime | None = None
) -> Outcome:
    """One login try. The count of recent failures and the record of this try are one atomic
    step (`db.serialize` on the username and the client): 30 parallel tries used to read the
    count before any wrote its own, so all 30 were judged against zero failures."""
    now = now or utcnow()
    name = (username or "").strip().lower()[:100]
    client = (client or "")[:100]
    # The slow bcrypt check runs outside the lock (it does not depend on the count), so
    # parallel logins of different people do not queue behind each other's bcrypt.
    with session_scope(engine) as s:
        user = s.execute(select(User).where(User.username == name)).scalar_one_or_none()
        usable = user is not None and user.active
        stored = user.password_hash if usable else _dummy_hash(auth.BCRYPT_ROUNDS)
        user_id = user.id if usable else None
    right = auth.check_password(password or "", stored) and usable  # always one bcrypt
    with session_scope(engine) as s:
        # Username before client, always: a fixed order cannot deadlock.
        serialize(s, f"login:user:{name}", *([f"login:client:{client}"] if client else []))
        since = now - WINDOW
        locked = _failures(s, LoginAttempt.username, name, since) >= FAILURE_LIMIT or (
            bool(client) and _failures(s, LoginAttempt.client, client, since) >= CLIENT_LIMIT
        )
        if right:  # still the same active account and password now that we hold the lock
            current = s.get(User, user_id)
            right = bool(current and current.active and current.password_hash == stored)
        s.add(LoginAttempt(username=name, client=client, at=now, success=right and not locked))
        if locked:
            audit.record(s, None, "login.refused_locked", name, client=client)
            return Outcome("locked")
        if not right:
            audit.record(s, None, "login.failed", name, client=client)
            s.flush()  # the count below includes this failure
            if _failures(s, LoginAttempt.username, name, since) == FAILURE_LIMIT:
                audit.record(s, None, "login.locked", name, client=client)
            return Outcome("failed")
        actor = auth.load_actor(s, user_id)
        audit.record(s, actor, "login", name, client=client)
        return Outcome("ok", actor)


def cookie_username(token: str | None, cookie_key: str) -> str | None:
    """Whom a login cookie names, if its signature holds and it has not expired; the
    server-side session it stands for is checked separately (`check_session`)."""
    if not token:
        return None
    try:
        claims = jwt.decode(token, cookie_key, algorithms=["HS256"])
    except jwt.PyJWTError:
        return None
    username, expires = claims.get("username"), claims.get("exp_date")
    if not isinstance(username, str) or not isinstance(expires, int | float):
        return None
    return username if expires > datetime.now().timestamp() else None


def key_hash(username: str, issued: float) -> str:
    """The login cookie is a signed token of (username, expiry); its hash names the session."""
    return hashlib.sha256(f"{username}|{issued!r}".encode()).hexdigest()


def open_session(engine: Engine, user_id: int, key: str, now: datetime | None = None) -> None:
    now = now or utcnow()
    with session_scope(engine) as s:
        s.add(LoginSession(key_hash=key, user_id=user_id, created_at=now, last_seen_at=now))


def check_session(engine: Engine, key: str | None, now: datetime | None = None) -> str | None:
    """None while the session is good (and marks it as seen); else why it is not."""
    if not key:
        return "unknown"
    now = now or utcnow()
    with session_scope(engine) as s:
        row = _login_row(s, key)
        if row is None:
            return "unknown"
        if row.ended_at is not None:
            return row.ended_reason or "ended"
        created, seen = _aware(row.created_at), _aware(row.last_seen_at)
        reason = "absolute" if now - created >= ABSOLUTE else "idle" if now - seen >= IDLE else None
        if reason:
            row.ended_at, row.ended_reason = now, reason
            s.add(row)
            return reason
        if now - seen >= TOUCH_EVERY:
            row.last_seen_at = now
            s.add(row)
        return None


def end_session(engine: Engine, key: str | None, reason: str = "logout") -> None:
    if not key:
        return
    with session_scope(engine) as s:
        row = _login_row(s, key)
        if row is not None and row.ended_at is None:
            row.ended_at, row.ended_reason = utcnow(), reason
            s.add(row)
            audit.record(s, auth.load_actor_or_none(s, row.user_id), "logout", reason)


def _login_row(s: Session, key: str) -> LoginSession | None:
    return s.execute(select(LoginSession).where(LoginSession.key_hash == key)).scalar_one_or_none()


def end_user_sessions(s: Session, user_id: int, reason: str, keep: str | None = None) -> None:
    """A deactivated account or a changed password ends every open login at once (inside the
    caller's transaction, so the change and the logouts land together); `keep` spares the
    login the change was made from."""
    where = [LoginSession.user_id == user_id, LoginSession.ended_at.is_(None)]
    if keep:
        where.append(LoginSession.key_hash != keep)
    s.execute(update(LoginSession).where(*where).values(ended_at=utcnow(), ended_reason=reason))


def change_password(
    engine: Engine, actor_id: int | None, old: str, new: str, keep: str | None = None
) -> None:
    """The user's own change: every other login of the account ends (another browser, or
    whoever logged in with the temporary password), the one it was made from (`keep`, the
    caller's login key) stays, as people expect after choosing a new password."""
    with session_scope(engine) as s:
        actor = auth.load_actor(s, actor_id)
        user = s.get(User, actor.user_id)
        if not auth.check_password(old or "", user.password_hash):
            raise PermissionDenied("error.old_password")
        if new == old:
            raise InvalidInput("error.password_same")
        auth.validate_new_password(new)
        user.password_hash = auth.hash_password(new)
        user.must_change_password = False
        s.add(user)
        end_user_sessions(s, user.id, "password_changed", keep=keep)
        audit.record(s, actor, "password.changed", actor.username)


def _aware(d: datetime) -> datetime:
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)
