"""Administering people and structure: organisations, teams, accounts, roles, assignments.

Admins in the app, or the operator at the command line (`auth.OPERATOR`) for creating
structure and accounts; changes to an existing account are audited, and no function here
ever reads reflection content. Deactivating an account or resetting its password ends all of
its open logins at once; the material it wrote stays with the team. An admin cannot lock
himself or herself out. Who the caller is, and passwords, live in `auth`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from lises_reflect import audit, auth, freetext, login
from lises_reflect.auth import Operator
from lises_reflect.db import session_scope
from lises_reflect.errors import InvalidInput, NotFound, PermissionDenied
from lises_reflect.models import ROLES, Assignment, Organisation, Team, User, UserRole

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")


def _admin_or_operator(s: Session, actor_id: int | Operator | None) -> None:
    """Admins in the app, or the operator at the command line; nobody else, and never None."""
    if isinstance(actor_id, Operator):
        return
    auth.require(s, actor_id, "admin")


def _profile(
    s: Session, display_name: str, email: str | None, roles: Sequence[str], team_id: int | None
) -> tuple[str, str | None, tuple[str, ...]]:
    """The checks an account's name, e-mail, roles and team pass when created and when edited."""
    name = freetext.screen_name(display_name, "error.display_name")
    email = freetext.email(email)
    roles = tuple(dict.fromkeys(roles))
    unknown = set(roles) - set(ROLES)
    if unknown or not roles:
        raise InvalidInput("error.roles", roles=", ".join(sorted(unknown)))
    if team_id is not None and s.get(Team, team_id) is None:
        raise NotFound("error.team_not_found")
    if ("caseworker" in roles or "teamlead" in roles) and team_id is None:
        raise InvalidInput("error.team_required")
    return name, email, roles


def _create_user(
    s: Session,
    username: str,
    display_name: str,
    password: str,
    roles: Sequence[str],
    team_id: int | None,
    email: str | None = None,
) -> User:
    username = username.strip().lower()
    if not _USERNAME.match(username):
        raise InvalidInput("error.username_format")
    if s.exec(select(User).where(User.username == username)).first() is not None:
        raise InvalidInput("error.username_taken", username=username)
    display_name, email, roles = _profile(s, display_name, email, roles, team_id)
    auth.validate_new_password(password)
    user = User(
        username=username,
        display_name=display_name,
        email=email,
        password_hash=auth.hash_password(password),
        team_id=team_id,
    )
    s.add(user)
    s.flush()
    for role in sorted(roles):
        s.add(UserRole(user_id=user.id, role=role))
    s.flush()
    return user


def create_first_admin(engine: Engine, username: str, display_name: str, password: str) -> int:
    """Only while the database has no users at all: the first-run screen."""
    with session_scope(engine) as s:
        if s.exec(select(User.id)).first() is not None:
            raise PermissionDenied("error.first_run_done")
        return _create_user(s, username, display_name, password, ("admin",), None).id


def create_user(
    engine: Engine,
    actor_id: int | Operator | None,
    username: str,
    display_name: str,
    password: str,
    roles: list[str] | tuple[str, ...],
    team_id: int | None,
    email: str | None = None,
) -> int:
    """Admins create accounts, or the operator at the command line (`OPERATOR`)."""
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        return _create_user(s, username, display_name, password, roles, team_id, email).id


def _free_name(s: Session, name: str, organisation_id: int | None, item_id: int | None) -> str:
    """A screened name no other organisation (or team of the same organisation) has: the
    database refuses a duplicate too, but with an error nobody can act on."""
    name = freetext.screen_name(name, "error.name_required")
    model = Organisation if organisation_id is None else Team
    taken = select(model.id).where(model.name == name, model.id != (item_id or -1))
    if organisation_id is not None:
        taken = taken.where(Team.organisation_id == organisation_id)
    if s.exec(taken).first() is not None:
        raise InvalidInput("error.name_taken", name=name)
    return name


def create_organisation(engine: Engine, actor_id: int | Operator | None, name: str) -> int:
    with session_scope(engine) as s:
        _admin_or_operator(s, actor_id)
        name = _free_name(s, name, None, None)
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
        name = _free_name(s, name, organisation_id, None)
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


def directory(engine: Engine, actor_id: int, *, users: bool = True) -> Directory:
    """What an admin needs to manage accounts: structure and accounts, never reflection content.
    `users=False` leaves the accounts out (the page lists them only while their tab is open:
    720 accounts in a 60-team municipality)."""
    with session_scope(engine) as s:
        auth.require(s, actor_id, "admin")
        orgs = s.exec(select(Organisation.id, Organisation.name).order_by(Organisation.name)).all()
        teams = s.exec(select(Team.id, Team.name, Team.organisation_id).order_by(Team.name)).all()
        org_name = dict(orgs)
        rows = []
        if users:
            roles: dict[int, list[str]] = {}
            for uid, role in s.exec(select(UserRole.user_id, UserRole.role)).all():
                roles.setdefault(uid, []).append(role)
            team_by_id = {tid: (name, oid) for tid, name, oid in teams}
            for uid, username, name, team_id, active in s.exec(
                select(
                    User.id, User.username, User.display_name, User.team_id, User.active
                ).order_by(User.username)
            ).all():
                team = team_by_id.get(team_id) if team_id else None
                rows.append(
                    DirectoryRow(
                        organisation=org_name.get(team[1], "") if team else "",
                        team=team[0] if team else None,
                        username=username,
                        display_name=name,
                        roles=tuple(sorted(roles.get(uid, []))),
                        active=active,
                    )
                )
        return Directory(
            organisations=list(orgs),
            teams=[(tid, f"{org_name.get(oid, '')} – {name}") for tid, name, oid in teams],
            teams_by_organisation={
                oname: [name for _t, name, oid in teams if oid == org_id] for org_id, oname in orgs
            },
            users=rows,
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
                Assignment.team_id.is_not_distinct_from(team_id),
                Assignment.organisation_id.is_not_distinct_from(organisation_id),
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
        auth.require(s, actor_id, "admin")
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
        name, email, roles = _profile(s, edit.display_name, edit.email, edit.roles, edit.team_id)
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
        name = _free_name(s, name, getattr(row, "organisation_id", None), item_id)
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
            (uid, f"{username} – {name}")
            for uid, username, name in s.exec(
                select(User.id, User.username, User.display_name).order_by(User.username)
            ).all()
        ]
