"""Events groups-service publishes with a typed payload (docs/events.md), written through the outbox."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from ..database import outbox


class GroupWaitlistOffered(BaseModel):
    """A freed seat is held for this student until `expires_at`."""

    group_id: uuid.UUID
    group_name: str
    student_id: uuid.UUID
    teacher_id: uuid.UUID
    expires_at: datetime


class GroupWaitlistOfferLapsed(BaseModel):
    """The student declined the offer or let it expire; the seat passes to the next in line."""

    group_id: uuid.UUID
    student_id: uuid.UUID
    reason: str


EVENT_TYPES: dict[type[BaseModel], str] = {
    GroupWaitlistOffered: "group.waitlist_offered",
    GroupWaitlistOfferLapsed: "group.waitlist_offer_lapsed",
}


async def publish(session: AsyncSession, payload: BaseModel) -> None:
    """Write the event into the caller's transaction, keyed by the group."""
    data: dict[str, Any] = payload.model_dump(mode="json")
    await outbox.add(session, EVENT_TYPES[type(payload)], data, subject=str(data["group_id"]))
