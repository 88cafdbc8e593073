"""Events calendary-service publishes (docs/events.md): none yet. Holds, bookings and moves are
answers to lessons-service's saga calls, which publishes the lesson's events itself; a new event
gets its pydantic model here and an entry in EVENT_TYPES, as in lessons_service/events/published.py."""

from __future__ import annotations

from pydantic import BaseModel

EVENT_TYPES: dict[type[BaseModel], str] = {}
