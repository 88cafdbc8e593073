"""One way to make a write idempotent: the `Idempotency-Key` header, one table per service, replay.

A service adds the table to its metadata (`idempotency_table(Base.metadata)`, plus one migration
that creates it: `create_idempotency_table()`), builds one `Idempotency` from it, and wraps a write:

    @router.post("/payments", status_code=201)
    async def record_payment(body: PaymentIn, session: SessionDep, user: CurrentUser,
                             key: IdempotencyKey) -> JSONResponse:
        outcome = await idempotency.run_once(
            session, principal=user.subject, key=key,
            request_hash=fingerprint("POST", "/payments", body), status_code=201,
            operation=lambda: service.record_payment(session, body))
        return outcome.response()

The first successful result is stored in the write's own transaction, so a rolled-back write
leaves no record and a retry is evaluated afresh; a retry racing the first attempt waits on an
advisory lock for its result instead of doing the work twice. A key reused with a different
request answers 422 `idempotency_key_reused` everywhere (draft-ietf-httpapi-idempotency-key-header
§2.7). Keys are 8 to 200 characters. `purge` forgets keys older than the replay window.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Annotated, Any

from fastapi import Header
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from sqlalchemy import Column, DateTime, Integer, MetaData, String, Table, delete, func, insert, select
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.ext.asyncio import AsyncSession

from .errors import UnprocessableEntity

KEY_MIN_LENGTH = 8
KEY_MAX_LENGTH = 200
DEFAULT_TTL = timedelta(hours=48)
IDEMPOTENCY_HEADER = "Idempotency-Key"

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias=IDEMPOTENCY_HEADER,
        min_length=KEY_MIN_LENGTH,
        max_length=KEY_MAX_LENGTH,
        description="A retry with the same key replays the first result instead of writing twice.",
    ),
]
"""The optional header (declare it `key: IdempotencyKey = None`)."""

RequiredIdempotencyKey = Annotated[
    str,
    Header(
        alias=IDEMPOTENCY_HEADER,
        min_length=KEY_MIN_LENGTH,
        max_length=KEY_MAX_LENGTH,
        description="Required: a retry with the same key replays the first result instead of writing twice.",
    ),
]
"""The header for a write that must never run without one (a booking): missing is a 422."""


class IdempotencyKeyReused(UnprocessableEntity):
    code = "idempotency_key_reused"
    title = "Idempotency-Key reused with a different request"


def idempotency_table(metadata: MetaData) -> Table:
    return Table(
        "idempotency_record",
        metadata,
        Column("principal", String(200), primary_key=True),
        Column("idempotency_key", String(KEY_MAX_LENGTH), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer, nullable=False),
        Column("response", JSONB, nullable=False),
        Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now(), index=True),
    )


def create_idempotency_table() -> None:
    """For a service's migration: the table `idempotency_table` describes."""
    import sqlalchemy as sa
    from alembic import op

    op.create_table(
        "idempotency_record",
        sa.Column("principal", sa.String(200), nullable=False),
        sa.Column("idempotency_key", sa.String(KEY_MAX_LENGTH), nullable=False),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("response", JSONB(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False, server_default=sa.func.now()),
        sa.PrimaryKeyConstraint("principal", "idempotency_key", name="pk_idempotency_record"),
    )
    op.create_index("ix_idempotency_record_created_at", "idempotency_record", ["created_at"])


def fingerprint(method: str, path: str, payload: BaseModel | dict[str, Any] | None) -> str:
    """A stable hash of what the request asks for: the same key must come with the same request."""
    body = payload.model_dump(mode="json") if isinstance(payload, BaseModel) else payload
    canonical = json.dumps([method.upper(), path, body], sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


@dataclass(frozen=True)
class Outcome:
    status_code: int
    body: Any
    replayed: bool

    def response(self) -> JSONResponse:
        """The stored or fresh result; a replay says so in `Idempotent-Replayed: true`."""
        headers = {"Idempotent-Replayed": "true"} if self.replayed else None
        return JSONResponse(self.body, status_code=self.status_code, headers=headers)


def _dump(result: BaseModel | dict[str, Any] | list[Any]) -> Any:
    return result.model_dump(mode="json") if isinstance(result, BaseModel) else result


class Idempotency:
    """Runs a write once per (principal, key) and replays its first successful result."""

    def __init__(self, table: Table) -> None:
        self.table = table

    async def _lock(self, session: AsyncSession, principal: str, key: str) -> None:
        # Serialise requests with the same key until this transaction ends.
        lock_id = func.hashtextextended(f"{self.table.name}\x1f{principal}\x1f{key}", 0)
        await session.execute(select(func.pg_advisory_xact_lock(lock_id)))

    async def lock(self, session: AsyncSession, principal: str, key: str) -> None:
        """Serialise requests with the same key until this transaction ends (run_once does this;
        a caller that must not hold a transaction across a slow step takes its own lock)."""
        await self._lock(session, principal, key)

    async def replay(self, session: AsyncSession, *, principal: str, key: str, request_hash: str) -> Outcome | None:
        """The stored result of this key, or None when it was never used; 422
        `idempotency_key_reused` when it was used for another request."""
        row = (
            await session.execute(
                select(self.table.c.request_hash, self.table.c.status_code, self.table.c.response).where(
                    self.table.c.principal == principal, self.table.c.idempotency_key == key
                )
            )
        ).one_or_none()
        if row is None:
            return None
        if row.request_hash != request_hash:
            raise IdempotencyKeyReused("This Idempotency-Key was used for a different request.")
        return Outcome(row.status_code, row.response, replayed=True)

    async def record(
        self,
        session: AsyncSession,
        *,
        principal: str,
        key: str,
        request_hash: str,
        status_code: int,
        result: BaseModel | dict[str, Any] | list[Any],
    ) -> Outcome:
        """Store the first result of this key, in the caller's transaction."""
        body = _dump(result)
        await session.execute(
            insert(self.table).values(
                principal=principal,
                idempotency_key=key,
                request_hash=request_hash,
                status_code=status_code,
                response=body,
            )
        )
        return Outcome(status_code, body, replayed=False)

    async def run_once(
        self,
        session: AsyncSession,
        *,
        principal: str,
        key: str | None,
        request_hash: str,
        status_code: int,
        operation: Callable[[], Awaitable[BaseModel | dict[str, Any] | list[Any]]],
    ) -> Outcome:
        """Run the operation, or return what it returned the first time this key was used.

        Failures are not recorded (their transaction rolls back), so a retry after a conflict is
        evaluated afresh. Without a key the operation simply runs."""
        if key is None:
            return Outcome(status_code, _dump(await operation()), replayed=False)
        await self._lock(session, principal, key)
        stored = await self.replay(session, principal=principal, key=key, request_hash=request_hash)
        if stored is not None:
            return stored
        return await self.record(
            session,
            principal=principal,
            key=key,
            request_hash=request_hash,
            status_code=status_code,
            result=await operation(),
        )

    async def purge(self, session: AsyncSession, older_than: timedelta = DEFAULT_TTL) -> int:
        """Forget keys older than the replay window; returns how many were forgotten."""
        cutoff = datetime.now(UTC) - older_than
        result = await session.execute(
            delete(self.table).where(self.table.c.created_at < cutoff).returning(self.table.c.principal)
        )
        return len(result.all())
