"""Settings from the environment, so the same code runs as a demo, in tests and in production."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from lises_reflect.disclosure import FLOOR, Thresholds
from lises_reflect.retention import Retention

REPO_ROOT = Path(__file__).resolve().parent.parent


def _falsy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"0", "false", "no", "off"}


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    demo: bool
    data_dir: Path
    database_url: str
    thresholds: Thresholds = field(default_factory=Thresholds)
    retention: Retention = field(default_factory=Retention)
    accessibility_url: str = ""  # the municipality's own accessibility statement
    # Single sign-on (`sso`): provider settings live in .streamlit/secrets.toml's [auth].
    password_login: bool = True  # the username/password form; off only where SSO is set up
    sso_issuer: str = ""  # the issuer an ID token must name
    sso_roles_claim: str = ""  # a claim whose roles replace the account's at each login

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")


def load_settings(env: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if env is None else env)
    demo = _truthy(env.get("LISES_DEMO"))
    data_dir = Path(env.get("LISES_DATA_DIR") or REPO_ROOT / "data")
    url = env.get("DATABASE_URL", "").strip()
    if not url:
        name = "demo.sqlite3" if demo else "lises.sqlite3"
        url = f"sqlite:///{data_dir / name}"
    elif url.startswith("postgresql://"):
        # psycopg 3 is the driver we ship; plain postgresql:// would look for psycopg2.
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    below = f"is below the privacy floor of {FLOOR}"
    at_least = "must be at least 1 month"
    return Settings(
        demo=demo,
        data_dir=data_dir,
        database_url=url,
        thresholds=Thresholds(
            figures=_whole_number(env, "LISES_MIN_CASEWORKERS", 5, FLOOR, below),
            text=_whole_number(env, "LISES_MIN_CASEWORKERS_TEXT", 10, FLOOR, below),
        ),
        retention=Retention(
            session_months=_whole_number(env, "LISES_RETENTION_MONTHS", 12, 1, at_least),
            audit_months=_whole_number(env, "LISES_AUDIT_RETENTION_MONTHS", 6, 1, at_least),
        ),
        accessibility_url=_web_address(env, "LISES_ACCESSIBILITY_URL"),
        password_login=not _falsy(env.get("LISES_PASSWORD_LOGIN")),
        sso_issuer=(env.get("LISES_SSO_ISSUER") or "").strip(),
        sso_roles_claim=(env.get("LISES_SSO_ROLES_CLAIM") or "").strip(),
    )


def _web_address(env: dict[str, str], name: str) -> str:
    """An https address shown as a link to everyone, or "" when unset; anything else stops
    the app with a message naming the variable (a typo would be a dead or unsafe link)."""
    raw = (env.get(name) or "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme != "https" or not parts.hostname or any(c in raw for c in " ()[]<>\"'"):
        raise ValueError(f"{name}={raw!r} is not an https:// address")
    return raw


def _whole_number(env: dict[str, str], name: str, default: int, minimum: int, floor: str) -> int:
    """A whole-number setting; a bad value stops the app with a message naming the variable."""
    raw = (env.get(name) or "").strip()
    try:
        value = int(raw) if raw else default
    except ValueError:
        raise ValueError(f"{name}={raw!r} is not a whole number") from None
    if value < minimum:
        raise ValueError(f"{name}={value} {floor}")
    return value
