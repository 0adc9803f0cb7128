"""Settings from the environment, so the same code runs as a demo, in tests and in production."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    demo: bool
    data_dir: Path
    database_url: str

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
    return Settings(demo=demo, data_dir=data_dir, database_url=url)
