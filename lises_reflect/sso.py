"""Single sign-on: the municipality's identity provider (OpenID Connect through Streamlit's
`st.login`, e.g. Microsoft Entra ID, or OS2faktor / Keycloak in front of KOMBIT's Context
Handler) says who the person is; this module decides which account that is.

An account is found by the e-mail the provider vouches for, so the admin maps a person by
creating the account with that address (nobody gets an account just by having a municipal
login). The issuer must be the one configured (`LISES_SSO_ISSUER`), a deactivated account
stays shut, and when `LISES_SSO_ROLES_CLAIM` names a claim (Entra's app roles: "roles"), the
roles in it replace the account's at each login. Every login and refusal is audited.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import delete, select

from lises_reflect import audit
from lises_reflect.auth import Actor, load_actor, require
from lises_reflect.db import session_scope
from lises_reflect.errors import PermissionDenied
from lises_reflect.models import ROLES, AuditEntry, User, UserRole

__all__ = ["Waiting", "account", "waiting"]


def _claim_list(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [str(x) for x in value] if isinstance(value, (list, tuple)) else []


def account(
    engine: Engine,
    claims: Mapping[str, Any],
    issuer: str,
    roles_claim: str = "",
) -> Actor:
    """The account the provider's identity claims belong to, or a refusal saying why."""
    email = str(claims.get("email") or "").strip().lower()
    with session_scope(engine, writes=True) as s:

        def refuse(code: str, **details: Any) -> PermissionDenied:
            audit.record(s, None, "login.sso_refused", email or "?", reason=code, **details)
            s.commit()  # the refusal is kept, though the caller's block is left by an error
            return PermissionDenied(code, email=email or "?")

        if issuer and str(claims.get("iss") or "").rstrip("/") != issuer.rstrip("/"):
            raise refuse("error.sso_wrong_issuer", issuer=str(claims.get("iss") or ""))
        if not email or claims.get("email_verified") is False:
            raise refuse("error.sso_no_email")
        users = s.exec(select(User).where(func.lower(User.email) == email)).all()
        if len(users) != 1:
            raise refuse("error.sso_no_account", found=len(users))
        user = users[0]
        if not user.active:
            raise refuse("error.sso_inactive")
        if roles_claim:
            roles = sorted({r for r in _claim_list(claims.get(roles_claim)) if r in ROLES})
            if not roles:
                raise refuse("error.sso_no_role", claim=roles_claim)
            s.exec(delete(UserRole).where(UserRole.user_id == user.id))
            for role in roles:
                s.add(UserRole(user_id=user.id, role=role))
            s.flush()
        actor = load_actor(s, user.id)
        audit.record(s, actor, "login.sso", user.username, issuer=str(claims.get("iss") or ""))
        return actor


@dataclass(frozen=True)
class Waiting:
    email: str
    attempts: int
    last: datetime


def waiting(engine: Engine, actor_id: int | None, limit: int = 50) -> list[Waiting]:
    """The addresses the identity provider logged in that have no account yet, newest first:
    what the admin maps on a person's first login, by creating the account with the address."""
    with session_scope(engine) as s:
        require(s, actor_id, "admin")
        rows = s.exec(
            select(AuditEntry.target, AuditEntry.at, AuditEntry.filters)
            .where(AuditEntry.action == "login.sso_refused")
            .order_by(AuditEntry.id.desc())
        ).all()
        known = {e.lower() for e in s.exec(select(User.email).where(User.email != None)).all()}  # noqa: E711
    found: dict[str, Waiting] = {}
    for email, at, filters in rows:
        if (filters or {}).get("reason") != "error.sso_no_account" or email in known:
            continue
        seen = found.get(email)
        found[email] = Waiting(email, (seen.attempts if seen else 0) + 1, seen.last if seen else at)
    return list(found.values())[:limit]
