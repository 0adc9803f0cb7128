"""Administering accounts after they exist: edit, move, roles, deactivate, reset a password.

Admins only, every change audited, and never a look at reflection content. Deactivating an
account or resetting its password ends all of its open logins at once; the material it wrote
stays with the team. An admin cannot lock himself or herself out.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import select

from lises_reflect import audit, auth, freetext, login
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, NotFound
from lises_reflect.models import ROLES, Organisation, Team, User, UserRole


@dataclass(frozen=True)
class UserEdit:
    display_name: str
    email: str | None
    team_id: int | None
    roles: tuple[str, ...]
    active: bool


def update_user(engine: Engine, actor_id: int | None, user_id: int, edit: UserEdit) -> None:
    with session_scope(engine) as s:
        actor = auth.require(s, actor_id, "admin")
        user = s.get(User, user_id)
        if user is None:
            raise NotFound("error.user_not_found")
        name = freetext.screen_name(edit.display_name, "error.display_name")
        email = freetext.email(edit.email)
        roles = tuple(dict.fromkeys(edit.roles))
        if not roles or set(roles) - set(ROLES):
            raise InvalidInput("error.roles", roles=", ".join(sorted(set(roles) - set(ROLES))))
        if edit.team_id is not None and s.get(Team, edit.team_id) is None:
            raise NotFound("error.team_not_found")
        if ("caseworker" in roles or "teamlead" in roles) and edit.team_id is None:
            raise InvalidInput("error.team_required")
        if user.id == actor.user_id and (not edit.active or "admin" not in roles):
            raise InvalidInput("error.admin_self")
        old_roles = sorted(s.exec(select(UserRole.role).where(UserRole.user_id == user.id)).all())
        target = user.username
        if name != user.display_name or email != user.email:
            audit.record(s, actor, "user.updated", target)
        user.display_name, user.email = name, email
        if edit.team_id != user.team_id:
            audit.record(
                s, actor, "user.moved", target, old_team=user.team_id, new_team=edit.team_id
            )
            user.team_id = edit.team_id
        if sorted(roles) != old_roles:
            audit.record(s, actor, "user.roles_changed", target, old=old_roles, new=sorted(roles))
            s.exec(delete(UserRole).where(UserRole.user_id == user.id))
            for role in roles:
                s.add(UserRole(user_id=user.id, role=role))
        if edit.active != user.active:
            audit.record(s, actor, "user.activated" if edit.active else "user.deactivated", target)
            user.active = edit.active
            if not edit.active:
                login.end_user_sessions(s, user.id, "deactivated")
        s.add(user)


def reset_password(engine: Engine, actor_id: int | None, user_id: int, temporary: str) -> None:
    """The user must choose a new password at the next login; open logins end now."""
    with session_scope(engine) as s:
        actor = auth.require(s, actor_id, "admin")
        user = s.get(User, user_id)
        if user is None:
            raise NotFound("error.user_not_found")
        auth.validate_new_password(temporary)
        user.password_hash = auth.hash_password(temporary)
        user.must_change_password = True
        s.add(user)
        login.end_user_sessions(s, user.id, "password_reset")
        audit.record(s, actor, "password.reset", user.username)


def rename(
    engine: Engine, actor_id: int | None, kind: str, item_id: int, name: str, active: bool = True
) -> None:
    """Organisations and teams: a new name, or deactivated (kept, so history stays readable)."""
    model = {"organisation": Organisation, "team": Team}.get(kind)
    if model is None:
        raise InvalidInput("error.invalid")
    with session_scope(engine) as s:
        actor = auth.require(s, actor_id, "admin")
        row = s.get(model, item_id)
        if row is None:
            raise NotFound()
        name = freetext.screen_name(name, "error.name_required")
        audit.record(s, actor, f"{kind}.updated", f"{kind}:{item_id}", name=name, active=active)
        row.name, row.active = name, active
        s.add(row)


@dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    email: str | None
    team_id: int | None
    roles: tuple[str, ...]
    active: bool
    must_change_password: bool


def account(engine: Engine, actor_id: int | None, user_id: int) -> AccountRow:
    with session_scope(engine) as s:
        auth.require(s, actor_id, "admin")
        u = s.get(User, user_id)
        if u is None:
            raise NotFound("error.user_not_found")
        roles = tuple(sorted(s.exec(select(UserRole.role).where(UserRole.user_id == u.id)).all()))
        return AccountRow(
            u.id,
            u.username,
            u.display_name,
            u.email,
            u.team_id,
            roles,
            u.active,
            u.must_change_password,
        )


def accounts(engine: Engine, actor_id: int | None) -> list[tuple[int, str]]:
    with session_scope(engine) as s:
        auth.require(s, actor_id, "admin")
        return [
            (u.id, f"{u.username} – {u.display_name}")
            for u in s.exec(select(User).order_by(User.username)).all()
        ]
