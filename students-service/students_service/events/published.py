"""Typed events students-service publishes through its outbox (docs/events.md lists the payloads).
Older events of this service are still written as dicts where they are published; new ones go here."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox


class LeadCreated(BaseModel):
    """A new open lead: the one moment admins are alerted. A prospect who sends the bot's form
    again updates the same open lead (one per phone) and publishes nothing."""

    lead_id: uuid.UUID
    student_id: uuid.UUID | None
    name: str
    phone: str
    is_child: bool
    level: str | None
    goal: str | None
    preferred_slot: dict[str, Any] | None
    time_of_day: str | None
    language: str | None
    source: str


EVENT_TYPES: dict[type[BaseModel], str] = {LeadCreated: "lead.created"}


async def publish(session: AsyncSession, payload: LeadCreated) -> None:
    """Write the event into the caller's transaction."""
    data: dict[str, Any] = payload.model_dump(mode="json")
    await outbox.add(session, EVENT_TYPES[type(payload)], data, subject=str(payload.lead_id))
