"""A service with the kit's whole stack (uvicorn with uvloop and httptools, the kit's middleware,
error handlers, health router, pools, outbox-less idempotent consumer) and no domain at all.

Its routes and its one event handler do the least a real hop does: parse, validate, answer, and
for the database route and the event, one statement in one transaction. bench/floor/floor.py
drives it and measures CPU per call; the difference between this and a real service's hop is the
service's own work."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, status
from pydantic import BaseModel, Field
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_kit_app
from studio_kit.config import ServiceSettings
from studio_kit.db import get_session
from studio_kit.messaging import ConsumedEvent, EventContext, EventHandlers
from studio_kit.messaging.outbox import inbox_table

metadata = MetaData()
inbox = inbox_table(metadata)
router = APIRouter(prefix="/floor")
HANDLERS: EventHandlers[ServiceSettings] = EventHandlers()


class Ping(ConsumedEvent):
    event_type = "floor.ping"

    lesson_id: uuid.UUID
    student_ids: list[uuid.UUID]


class Empty(BaseModel):
    ok: bool = True


class BookingIn(BaseModel):
    """The shape of a booking request (teacher, time, length, kind)."""

    teacher_id: uuid.UUID
    starts_at: datetime
    duration_minutes: int = Field(ge=15, le=240)
    kind: str = Field(default="individual", max_length=20)


class BookingOut(BookingIn):
    id: uuid.UUID
    status: str
    student_ids: list[uuid.UUID]
    price: int


@router.get("/empty")
async def empty() -> Empty:
    return Empty()


@router.post("/json", status_code=status.HTTP_201_CREATED)
async def json_echo(body: BookingIn) -> BookingOut:
    return BookingOut(**body.model_dump(), id=uuid.uuid4(), status="scheduled", student_ids=[uuid.uuid4()], price=0)


@router.get("/db")
async def one_statement(session: Annotated[AsyncSession, Depends(get_session)]) -> Empty:
    await session.execute(text("SELECT 1"))
    return Empty()


@HANDLERS.on(Ping)
async def handle_ping(event: Ping, context: EventContext[ServiceSettings]) -> None:
    await context.session.execute(text("SELECT 1"))


async def create_tables(app: FastAPI) -> None:
    async with app.state.database.engine.begin() as connection:
        await connection.run_sync(metadata.create_all)


def create_app() -> FastAPI:
    settings = ServiceSettings()
    return create_kit_app(
        settings,
        title="floor",
        routers=[router],
        messaging=Messaging(inbox=inbox, handlers=HANDLERS),
        startup=[create_tables],
        use_redis=False,
    )
