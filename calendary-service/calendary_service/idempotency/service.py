"""Replay the first successful result of a request repeated with the same Idempotency-Key."""

import hashlib
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from . import repository as idempotency_repository
from .errors import IdempotencyKeyReused


@dataclass(frozen=True)
class Outcome:
    status_code: int
    body: dict[str, Any]
    replayed: bool


def fingerprint(method: str, path: str, payload: BaseModel | None) -> str:
    body = payload.model_dump(mode="json") if payload is not None else None
    canonical = json.dumps([method, path, body], sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


async def run_once(
    session: AsyncSession,
    *,
    principal: str,
    key: str | None,
    request_hash: str,
    status_code: int,
    operation: Callable[[], Awaitable[BaseModel]],
) -> Outcome:
    """Run the operation, or return what it returned the first time this key was used.

    Failures are not recorded (their transaction rolls back), so a retry after a conflict is
    evaluated afresh."""
    if key is None:
        return Outcome(status_code, (await operation()).model_dump(mode="json"), replayed=False)
    await idempotency_repository.lock_key(session, principal, key)
    record = await idempotency_repository.get_record(session, principal, key)
    if record is not None:
        if record.request_hash != request_hash:
            raise IdempotencyKeyReused("This Idempotency-Key was used for a different request.")
        return Outcome(record.status_code, record.response, replayed=True)
    body = (await operation()).model_dump(mode="json")
    await idempotency_repository.add_record(session, principal, key, request_hash, status_code, body)
    return Outcome(status_code, body, replayed=False)


async def purge_expired(session: AsyncSession, ttl_hours: int) -> int:
    """Forget keys older than the replay window."""
    return await idempotency_repository.delete_older_than(session, datetime.now(UTC) - timedelta(hours=ttl_hours))
