"""Storage: migrations match the models, SQLite is configured for durability, settings."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import SQLModel

from lises_reflect.config import load_settings
from lises_reflect.db import current_revision


def test_migrations_create_exactly_the_models(engine: Engine) -> None:
    assert current_revision(engine) is not None
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_sqlite_pragmas(tmp_path) -> None:
    from lises_reflect.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
    engine.dispose()


def test_settings_choose_the_database() -> None:
    demo = load_settings({"LISES_DEMO": "1", "LISES_DATA_DIR": "/x"})
    assert demo.demo and demo.database_url == "sqlite:////x/demo.sqlite3"
    prod = load_settings({"DATABASE_URL": "postgresql://u@h/db"})
    assert not prod.demo and prod.database_url == "postgresql+psycopg://u@h/db"


def test_streamlit_configuration_keeps_protections_on() -> None:
    import tomllib
    from pathlib import Path

    config = tomllib.loads(
        (Path(__file__).resolve().parent.parent / ".streamlit" / "config.toml").read_text()
    )
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True
    assert config["server"]["maxUploadSize"] <= 10
    assert not (Path(__file__).resolve().parent.parent / ".streamlit" / "secrets.toml").exists()


def test_effective_streamlit_configuration(monkeypatch) -> None:
    """What Streamlit itself reads when started from the repository, not only the file."""
    from pathlib import Path

    from streamlit import config as st_config

    from lises_reflect.transcript import MAX_UPLOAD_BYTES

    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    st_config.get_config_options(force_reparse=True)
    try:
        assert st_config.get_option("server.enableXsrfProtection") is True
        assert st_config.get_option("server.enableCORS") is True  # cross-origin requests refused
        assert st_config.get_option("server.maxUploadSize") * 1024**2 >= MAX_UPLOAD_BYTES
        assert st_config.get_option("server.maxUploadSize") <= 3
        assert st_config.get_option("client.showErrorDetails") == "none"
        # No English "Ask Google" / "Ask ChatGPT" links under an error box (issue 16).
        from streamlit.proto.NewSession_pb2 import Config
        from streamlit.runtime.app_session import _get_show_error_links

        assert _get_show_error_links() == Config.ShowErrorLinks.SHOW_ERROR_LINKS_FALSE
    finally:
        monkeypatch.undo()
        st_config.get_config_options(force_reparse=True)
