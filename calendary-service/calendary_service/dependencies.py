"""Request-level dependencies shared by the domains: the transaction and who may touch whose calendar."""

import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

import redis.asyncio as aioredis
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import CurrentUser, Principal
from studio_kit.db import get_session as kit_get_session
from studio_kit.errors import Forbidden

from .config import Settings as Settings
from .config import SettingsDep as SettingsDep
from .config import get_settings as get_settings
from .slots import cache as slot_cache

READ_SCOPE = "calendary:read"
BOOK_SCOPE = "calendary:book"

_kit_session = contextlib.asynccontextmanager(kit_get_session)


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """The kit's one-transaction-per-request session, then a slot-cache version bump for every
    teacher whose calendar the transaction changed."""
    async with _kit_session(request) as session:
        yield session
    # Only after the commit: a reader that recomputed in between would otherwise cache the old
    # state under the new version and serve it until the TTL ran out.
    await slot_cache.bump_versions(request.app.state.redis, slot_cache.pop_changed(session))


SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]


async def get_redis(request: Request) -> aioredis.Redis | None:
    redis: aioredis.Redis | None = request.app.state.redis
    return redis


RedisDep = Annotated[aioredis.Redis | None, Depends(get_redis)]


def _same_person(principal: Principal, person_id: uuid.UUID) -> bool:
    try:
        return uuid.UUID(principal.subject) == person_id
    except ValueError:
        return False


def can_edit_teacher(principal: Principal, teacher_id: uuid.UUID) -> bool:
    return principal.role == "admin" or (principal.role == "teacher" and _same_person(principal, teacher_id))


async def teacher_editor(teacher_id: uuid.UUID, principal: CurrentUser) -> Principal:
    if not can_edit_teacher(principal, teacher_id):
        raise Forbidden("Only the teacher or an admin may change this calendar.")
    return principal


async def teacher_reader(teacher_id: uuid.UUID, principal: CurrentUser) -> Principal:
    if can_edit_teacher(principal, teacher_id):
        return principal
    if principal.is_service and (principal.has_scope(READ_SCOPE) or principal.has_scope(BOOK_SCOPE)):
        return principal
    raise Forbidden("Only the teacher, an admin or a service may read this calendar.")


async def slot_reader(principal: CurrentUser) -> Principal:
    if principal.is_service and not principal.has_scope(READ_SCOPE):
        raise Forbidden(f"Missing scope: {READ_SCOPE}.")
    return principal


async def student_owner(student_id: uuid.UUID, principal: CurrentUser) -> Principal:
    if principal.role == "admin" or (principal.role == "student" and _same_person(principal, student_id)):
        return principal
    raise Forbidden("Only the student or an admin may do this.")


TeacherEditor = Annotated[Principal, Depends(teacher_editor)]
TeacherReader = Annotated[Principal, Depends(teacher_reader)]
SlotReader = Annotated[Principal, Depends(slot_reader)]
StudentOwner = Annotated[Principal, Depends(student_owner)]
