"""Async SQLAlchemy: engine, sessions, a declarative base per service, and the request session."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import URL, BindParameter, DateTime, MetaData, func, literal
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


# Timestamps are always timezone-aware.
TYPE_ANNOTATION_MAP: dict[Any, Any] = {datetime: DateTime(timezone=True)}


def service_metadata() -> MetaData:
    """A fresh MetaData with the shared naming convention. Every service's database.py declares its
    base the same way (spelled out, so mypy sees a real class):

        class Base(DeclarativeBase):
            metadata = service_metadata()
            type_annotation_map = TYPE_ANNOTATION_MAP

    so services never share table metadata, even when their tests run in one pytest session."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def new_base() -> type[DeclarativeBase]:
    """The same base built at run time (for code that needs several, like the kit's tests)."""

    class Base(DeclarativeBase):
        metadata = service_metadata()
        type_annotation_map = TYPE_ANNOTATION_MAP

    return Base


class UUIDPrimaryKeyMixin:
    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)


class TimestampMixin:
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), server_default=func.now(), default=utcnow, onupdate=utcnow
    )


class Database:
    """One engine and session factory per process."""

    def __init__(self, url: URL | str, *, pool_size: int = 10, max_overflow: int = 0, echo: bool = False) -> None:
        # No pre-ping: it costs a round trip on every checkout. A connection the server dropped fails
        # its first statement instead; SQLAlchemy then marks it (and every older pooled connection)
        # invalid, the request answers 503 database_unavailable (studio_kit.errors), and the next
        # checkout opens a fresh connection. Recycling keeps connections younger than server or
        # proxy idle timeouts.
        self.engine: AsyncEngine = create_async_engine(
            url, pool_size=pool_size, max_overflow=max_overflow, pool_pre_ping=False, pool_recycle=1800, echo=echo
        )
        self.sessionmaker = async_sessionmaker(self.engine, expire_on_commit=False, autoflush=False)

    async def dispose(self) -> None:
        await self.engine.dispose()


def inline(value: str) -> BindParameter[str]:
    """A constant written into the statement's text instead of sent as a parameter.

    A partial index whose predicate names constants (`WHERE status = 'pending'`) serves only the
    statements that spell those constants. asyncpg prepares every statement, and after five runs
    PostgreSQL may switch to the generic plan, which cannot prove the predicate from a parameter:
    it then scans the whole table. Match a partial index's constants with `inline`:
    `table.c.status.in_([inline(s) for s in OPEN])`, `Model.status == inline("pending")`."""
    return literal(value, literal_execute=True)


def database_of(request: Request) -> Database:
    """The app's database (`create_app` keeps it on `app.state.database`)."""
    database: Database | None = getattr(request.app.state, "database", None)
    if database is None:
        raise RuntimeError("this service has no database configured")
    return database


async def get_database(request: Request) -> Database:
    """The FastAPI dependency for `database_of`: async, so FastAPI does not hop to a worker thread
    for it (a sync dependency costs a thread hand-off on every request, issue 19)."""
    return database_of(request)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One transaction per request: commit when the endpoint returns, roll back when it raises."""
    database = database_of(request)
    async with database.sessionmaker() as session:
        try:
            yield session
        except BaseException:
            await session.rollback()
            raise
        else:
            await session.commit()


# scope="function": commit before the response is sent, so a failed commit is never reported as success.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


def as_dict(row: Any) -> dict[str, Any]:
    """A mapped row as a plain dict of its column values."""
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}
