"""Alembic environment: migrations run programmatically on a connection the register hands over."""

from __future__ import annotations

from alembic import context

from dancoso_compare.register.tables import Base

# Any constant: serialises concurrent first opens of one PostgreSQL database.
_PG_LOCK = 0x64616E636F736F


def run_migrations_online() -> None:
    connection = context.config.attributes["connection"]
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_LOCK})")
        context.run_migrations()


if context.is_offline_mode():  # pragma: no cover - the register never migrates offline
    raise SystemExit("dancoso register migrations run online only")
run_migrations_online()
