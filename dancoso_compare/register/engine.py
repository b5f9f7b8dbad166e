"""Opening a register: URL resolution, engine set-up for safe concurrent writes, migrations on open."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from dancoso_compare.errors import DancosoError

ENV_VAR = "DANCOSO_DB"
MIGRATIONS = Path(__file__).parent / "migrations"


class RegisterError(DancosoError):
    """The review register could not be opened or used (bad URL, server down, missing driver)."""

    code = "register_error"
    summary_vi = "không ghi hoặc đọc được sổ rà soát"


def default_url() -> str:
    """``$DANCOSO_DB``, else a SQLite file in the user data folder."""
    if os.environ.get(ENV_VAR):
        return os.environ[ENV_VAR]
    from platformdirs import user_data_dir

    folder = Path(user_data_dir("dancoso_compare", appauthor=False))
    return f"sqlite:///{folder / 'register.sqlite3'}"


def normalize_url(url: str) -> str:
    """A plain path means a SQLite file; ``postgresql://`` uses psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    try:
        return make_url(normalize_url(url)).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"


def make_engine(url: str) -> Engine:
    target = normalize_url(url)
    try:
        parsed = make_url(target)
    except ArgumentError as exc:
        raise RegisterError(f"{url}: not a database URL; use sqlite:///PATH, postgresql://USER@HOST/DB or a file path") from exc
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(target, parsed.database)
    if parsed.get_backend_name() == "postgresql" and parsed.get_driver_name() == "psycopg":
        try:
            import psycopg  # noqa: F401
        except ImportError as exc:
            raise RegisterError(
                f"{redact(url)}: PostgreSQL needs the optional driver: pip install 'dancoso_compare[postgres]'"
            ) from exc
    try:
        return create_engine(target, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError, SQLAlchemyError) as exc:
        raise RegisterError(f"{redact(url)}: cannot use this database ({exc})") from exc


def _sqlite_engine(target: str, database: str | None) -> Engine:
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(target, connect_args={"timeout": 60})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # noqa: ANN001
        # The driver's own transaction handling is switched off: every transaction
        # begins IMMEDIATE (below), taking the write lock up front, so two writers
        # queue on the busy timeout instead of failing on a lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout=60000")
        cursor.execute("PRAGMA foreign_keys=ON")
        _use_wal(cursor)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # noqa: ANN001
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _use_wal(cursor, deadline_s: float = 60.0) -> None:  # noqa: ANN001
    """Switch the file to WAL (persistent: done once per file, then only read back).

    Changing the journal mode needs the file to itself, and SQLite answers "database is
    locked" at once, without waiting on the busy timeout, when another process holds it at
    that moment (two first opens racing). That is retried here until the deadline.
    """
    import sqlite3
    import time

    if cursor.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
        return
    start, pause = time.monotonic(), 0.01
    while True:
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() - start > deadline_s:
                raise
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


def migrate(engine: Engine) -> None:
    """Bring the schema to the head revision (idempotent; safe when several processes open at once)."""
    from alembic import command
    from alembic.config import Config
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with engine.connect() as connection:
        if MigrationContext.configure(connection).get_current_revision() == head:
            return
    with engine.connect() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
        connection.commit()
