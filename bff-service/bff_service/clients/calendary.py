"""calendary-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

import httpx
from pydantic import BaseModel, Field

from ..schemas import Room
from ..schemas import TimeOff as TimeOffRead
from ..teacher.schemas import AvailabilityException, AvailabilityRead
from .base import ServiceApi


class Interval(BaseModel):
    starts_at: datetime
    ends_at: datetime


class TimeOff(Interval):
    id: UUID
    reason: str | None = None


class TeacherSchedule(BaseModel):
    teacher_id: UUID
    timezone: str
    availability: list[Interval] = Field(default_factory=list)
    time_off: list[TimeOff] = Field(default_factory=list)


class FeedToken(BaseModel):
    token: str


class CalendaryClient(ServiceApi):
    service = "calendary"

    async def schedule(self, teacher_id: str, start: datetime, end: datetime) -> TeacherSchedule:
        """GET /teachers/{id}/schedule: one teacher's working intervals and time off in a range."""
        params = {"from": start.isoformat(), "to": end.isoformat()}
        return await self._get(TeacherSchedule, f"/teachers/{teacher_id}/schedule", params)

    async def schedules(self, teacher_ids: Sequence[str], start: datetime, end: datetime) -> list[TeacherSchedule]:
        """GET /schedules: several teachers' schedules in one round trip (admins and services)."""
        if not teacher_ids:
            return []
        params = {"from": start.isoformat(), "to": end.isoformat(), "teacher_id": list(teacher_ids)}
        return await self._get(list[TeacherSchedule], "/schedules", params)

    async def availability(self, teacher_id: str) -> AvailabilityRead:
        """GET /teachers/{id}/availability: the weekly rules, exceptions and time off."""
        return await self._get(AvailabilityRead, f"/teachers/{teacher_id}/availability")

    async def replace_availability(self, teacher_id: str, body: dict[str, Any]) -> AvailabilityRead:
        """PUT /teachers/{id}/availability: replace the weekly rules."""
        return await self._send(AvailabilityRead, "PUT", f"/teachers/{teacher_id}/availability", json=body)

    async def free_slots_json(self, teacher_id: str, start: datetime, end: datetime, duration_minutes: int) -> bytes:
        """GET /teachers/{id}/slots as calendary's JSON bytes: the BFF answers the same shape, so the
        bytes pass through without being parsed and serialised again."""
        params = {"from": start.isoformat(), "to": end.isoformat(), "duration_minutes": duration_minutes}
        response = await self.caller.send(self.service, "GET", f"/teachers/{teacher_id}/slots", params=params)
        return response.content

    async def free_slots_of_teachers_json(
        self, teacher_ids: Sequence[str], start: datetime, end: datetime, duration_minutes: int, *, deadline: float
    ) -> bytes:
        """GET /slots?teacher_id=…: many teachers' free slots as calendary's JSON bytes, passed through
        unparsed (calendary caps the teachers and the range)."""
        params = {
            "teacher_id": list(teacher_ids),
            "from": start.isoformat(),
            "to": end.isoformat(),
            "duration_minutes": duration_minutes,
        }
        response = await self._send_raw("GET", "/slots", params=params, deadline=deadline)
        return response.content

    async def free_slots(
        self, teacher_id: str, start: datetime, end: datetime, duration_minutes: int
    ) -> list[Interval]:
        """GET /teachers/{id}/slots: free slots starting in [start, end), UTC."""
        params = {"from": start.isoformat(), "to": end.isoformat(), "duration_minutes": duration_minutes}
        return await self._get(list[Interval], f"/teachers/{teacher_id}/slots", params)

    async def create_room(self, body: dict[str, Any]) -> Room:
        """POST /rooms: 409 `room_exists`."""
        return await self._send(Room, "POST", "/rooms", json=body)

    async def rooms(self) -> list[Room]:
        """GET /rooms: the studio's rooms."""
        return await self._get(list[Room], "/rooms")

    async def add_time_off(self, teacher_id: str, body: dict[str, Any]) -> TimeOffRead:
        """POST /teachers/{id}/time-off: block a period (booked lessons stay)."""
        return await self._send(TimeOffRead, "POST", f"/teachers/{teacher_id}/time-off", json=body)

    async def add_exception(self, teacher_id: str, body: dict[str, Any]) -> AvailabilityException:
        """POST /teachers/{id}/exceptions: a closed day or extra hours on one local date."""
        return await self._send(AvailabilityException, "POST", f"/teachers/{teacher_id}/exceptions", json=body)

    async def delete_exception(self, teacher_id: str, exception_id: str) -> None:
        """DELETE /teachers/{id}/exceptions/{exception_id}."""
        await self._send_ignoring_body("DELETE", f"/teachers/{teacher_id}/exceptions/{exception_id}")

    async def feed_token(self) -> FeedToken:
        """GET /me/feed-token: the caller's calendar feed token (created on first use)."""
        return await self._get(FeedToken, "/me/feed-token")

    async def regenerate_feed_token(self) -> FeedToken:
        """POST /me/feed-token: a new token; the old link stops working."""
        return await self._send(FeedToken, "POST", "/me/feed-token")

    async def revoke_feed_token(self) -> None:
        """DELETE /me/feed-token."""
        await self._send_ignoring_body("DELETE", "/me/feed-token")

    async def feed(self, token: str) -> httpx.Response:
        """GET /feeds/{token}.ics: the iCalendar bytes, passed on as calendary answered them."""
        return await self.caller.send(self.service, "GET", f"/feeds/{token}.ics")
