"""A tiny service built only from the kit, to test the kit's guarantees on real infrastructure."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Callable
from typing import Any, ClassVar

import pytest
from fastapi import APIRouter, Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy import Column, Integer, String, Table, Uuid, insert, literal, select
from sqlalchemy.ext.asyncio import create_async_engine

from studio_kit.app import Messaging, create_app
from studio_kit.auth import CurrentUser, require_roles
from studio_kit.config import ServiceSettings
from studio_kit.db import SessionDep, new_base
from studio_kit.errors import Conflict
from studio_kit.idempotency import Idempotency, IdempotencyKey, fingerprint, idempotency_table
from studio_kit.messaging import (
    ConsumedEvent,
    EventContext,
    EventHandlers,
    Outbox,
    PublishedEvent,
    inbox_table,
    outbox_table,
)
from studio_kit.testing import prepare_database
from studio_kit.types import MultiLineText, PageNumber, PageSize, SingleLineText

Base = new_base()
outbox_messages = outbox_table(Base.metadata)
inbox_messages = inbox_table(Base.metadata)
note = Table(
    "note",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("text", String(100), nullable=False),
)
effect = Table(
    "effect",
    Base.metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Uuid, nullable=False),
    Column("value", String(100), nullable=False),
)
idempotency_records = idempotency_table(Base.metadata)
outbox = Outbox(outbox_messages, source="kit-test")
idempotency = Idempotency(idempotency_records)


class KitSettings(ServiceSettings):
    service_name: str = "kit-test"


class FailureScript:
    """How many times the consumer's handler fails before it succeeds (per event id)."""

    def __init__(self) -> None:
        self.fail_times = 0
        self.calls: dict[uuid.UUID, int] = {}

    def reset(self, fail_times: int = 0) -> None:
        self.fail_times = fail_times
        self.calls.clear()


failures = FailureScript()


class NoteCreated(PublishedEvent):
    """What the kit's test service publishes."""

    event_type: ClassVar[str] = "note.created"
    subject_field: ClassVar[str | None] = "value"

    value: str


class NoteCreatedSeen(ConsumedEvent):
    """What its handler reads of it."""

    event_type: ClassVar[str] = "note.created"

    value: str


HANDLERS: EventHandlers[KitSettings] = EventHandlers()


def _count_call(event_id: uuid.UUID) -> None:
    failures.calls[event_id] = failures.calls.get(event_id, 0) + 1
    if failures.calls[event_id] <= failures.fail_times:
        raise RuntimeError(f"scripted failure {failures.calls[event_id]}")


@HANDLERS.on(NoteCreatedSeen)
async def record_effect(event: NoteCreatedSeen, context: EventContext[KitSettings]) -> None:
    _count_call(context.envelope.id)
    # "whoami" proves the handler gets the app's settings through its context.
    value = context.settings.service_name if event.value == "whoami" else event.value
    await context.session.execute(insert(effect).values(event_id=context.envelope.id, value=value))


class NotePoisonedSeen(ConsumedEvent):
    """An event whose handler fails as often as the test scripts."""

    event_type: ClassVar[str] = "note.poisoned"

    value: str


@HANDLERS.on(NotePoisonedSeen)
async def record_poisoned(event: NotePoisonedSeen, context: EventContext[KitSettings]) -> None:
    _count_call(context.envelope.id)
    await context.session.execute(insert(effect).values(event_id=context.envelope.id, value=event.value))


router = APIRouter()


@router.post("/notes", status_code=201)
async def create_note(body: dict[str, Any], session: SessionDep) -> dict[str, Any]:
    await session.execute(insert(note).values(text=body["text"]))
    await outbox.add(session, NoteCreated(value=body["text"]))
    if body.get("fail"):
        raise Conflict("Scripted conflict after writing.")
    return {"ok": True}


class NoteIn(BaseModel):
    text: str
    fail: bool = False


@router.post("/idempotent-notes", status_code=201)
async def create_note_once(body: NoteIn, session: SessionDep, user: CurrentUser, key: IdempotencyKey = None) -> Any:
    async def write() -> dict[str, Any]:
        note_id = (await session.execute(insert(note).values(text=body.text).returning(note.c.id))).scalar_one()
        await asyncio.sleep(0.2)  # widen the window in which a racing retry could write twice
        if body.fail:
            raise Conflict("Scripted conflict after writing.")
        return {"id": note_id, "text": body.text}

    outcome = await idempotency.run_once(
        session,
        principal=user.subject,
        key=key,
        request_hash=fingerprint("POST", "/idempotent-notes", body),
        status_code=201,
        operation=write,
    )
    return outcome.response()


@router.get("/notes")
async def list_notes(session: SessionDep) -> list[str]:
    return list((await session.execute(select(note.c.text).order_by(note.c.id))).scalars())


class Letter(BaseModel):
    subject: SingleLineText
    body: MultiLineText


@router.post("/letters", status_code=201)
async def write_letter(letter: Letter, session: SessionDep) -> dict[str, str]:
    await session.execute(insert(note).values(text=letter.subject[:100]))
    return {"subject": letter.subject, "body": letter.body}


@router.get("/notes/paged")
async def page_notes(session: SessionDep, page: PageNumber = 1, size: PageSize = 20) -> list[str]:
    query = select(note.c.text).order_by(note.c.id).offset((page - 1) * size).limit(size)
    return list((await session.execute(query)).scalars())


@router.get("/echo-number")
async def echo_number(session: SessionDep, value: int) -> int:
    """An unbounded integer sent to PostgreSQL as is: the kit's net under missing field bounds."""
    return int((await session.execute(select(literal(value)))).scalar_one())


@router.get("/log")
async def log_something() -> dict[str, bool]:
    logging.getLogger("kit.test").warning("hello from the kit")
    return {"ok": True}


@router.get("/whoami")
async def whoami(user: CurrentUser) -> dict[str, Any]:
    return {"sub": user.subject, "role": user.role, "scopes": sorted(user.scopes)}


@router.get("/admin-only", dependencies=[Depends(require_roles("admin"))])
async def admin_only() -> dict[str, bool]:
    return {"ok": True}


def build_app(settings: KitSettings, **kwargs: Any) -> FastAPI:
    return create_app(
        settings,
        title="kit-test",
        routers=[router],
        messaging=Messaging(
            outbox=outbox_messages,
            inbox=inbox_messages,
            handlers=HANDLERS,
            max_attempts=kwargs.pop("max_attempts", 4),
            backoff=kwargs.pop("backoff", (0.1, 0.2, 0.3)),
        ),
        **kwargs,
    )


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., KitSettings]) -> KitSettings:
    return make_settings(KitSettings, database="studio_kit_test", redis_db=15)


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[KitSettings], FastAPI]:
    return build_app


_created = False


@pytest.fixture
async def database_ready(service_settings: KitSettings) -> bool:
    global _created
    if _created:
        return True
    url = service_settings.database_url
    assert url is not None
    await prepare_database(url, None)
    engine = create_async_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
    await engine.dispose()
    _created = True
    return True


@pytest.fixture(autouse=True)
def _reset_failures() -> None:
    failures.reset()


class Kit:
    """What the tests reach into: tables, the outbox writer, the failure script, the factory."""

    effect = effect
    note = note
    outbox_table = outbox_messages
    outbox = outbox
    idempotency = idempotency
    idempotency_table = idempotency_records
    failures = failures
    NoteCreated = NoteCreated
    build_app = staticmethod(build_app)
    settings_cls = KitSettings


@pytest.fixture
def kit() -> type[Kit]:
    return Kit
