"""Shared Alembic environment: a service's `migrations/env.py` is two lines that call `run`."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import MetaData, pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from .config import ServiceSettings


def _do_run(connection: Connection, metadata: MetaData) -> None:
    context.configure(connection=connection, target_metadata=metadata, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


async def _run_async(url: str, metadata: MetaData) -> None:
    engine = create_async_engine(url, poolclass=pool.NullPool)
    async with engine.connect() as connection:
        await connection.run_sync(_do_run, metadata)
    await engine.dispose()


def run(metadata: MetaData, settings_cls: type[ServiceSettings]) -> None:
    """Migrate the database named by the service's settings (or `-x url=...`)."""
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        database_url = settings_cls().database_url
        if database_url is None:
            raise SystemExit("DB_HOST and POSTGRES_DB must be set to run migrations")
        url = database_url.render_as_string(hide_password=False)
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_async(url, metadata))
