"""calendary-service and groups-service as this service uses them: typed calls, their problems
mapped to ours, an unreachable downstream as 503."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from studio_kit.errors import AppError, ServiceUnavailable
from studio_kit.http import ServiceClient, problem_body

from .lessons.errors import (
    CalendaryRejected,
    HoldExpired,
    OutsideAvailability,
    OutsideBookingWindow,
    RoomTaken,
    SlotTaken,
    TeacherUnavailable,
)
from .series.errors import GroupNotFound, GroupsRejected

logger = logging.getLogger("lessons_service.clients")

CALENDARY_PROBLEMS: dict[str, type[AppError]] = {
    "slot_taken": SlotTaken,
    "room_taken": RoomTaken,
    "outside_availability": OutsideAvailability,
    "outside_booking_window": OutsideBookingWindow,
    "hold_expired": HoldExpired,
    "teacher_unavailable": TeacherUnavailable,
}


@dataclass(frozen=True)
class LessonEvent:
    """A confirmed calendar event booked for a lesson (what the reconciler compares)."""

    id: uuid.UUID
    lesson_id: uuid.UUID
    starts_at: datetime
    ends_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Hold:
    id: uuid.UUID
    expires_at: str | None


class Calendary:
    """The calendar: holds that become bookings, cancellations, moves."""

    def __init__(self, client: ServiceClient | None) -> None:
        self.client = client

    def _require(self) -> ServiceClient:
        if self.client is None:
            raise ServiceUnavailable("calendary-service is not configured.", service="calendary")
        return self.client

    def _raise_for(self, response: httpx.Response) -> None:
        if response.status_code < 400:
            return
        if response.status_code >= 500:
            raise ServiceUnavailable("calendary-service is unavailable.", service="calendary")
        problem = problem_body(response)
        error = CALENDARY_PROBLEMS.get(str(problem.get("code")))
        if error is not None:
            raise error(str(problem.get("detail") or error.title))
        logger.warning("calendary answered %s: %s", response.status_code, response.text[:300])
        raise CalendaryRejected(
            str(problem.get("detail") or f"calendary answered {response.status_code}."),
            upstream_status=response.status_code,
            upstream_code=problem.get("code"),
        )

    async def hold(
        self,
        *,
        teacher_id: uuid.UUID,
        starts_at: datetime,
        ends_at: datetime,
        student_ids: list[uuid.UUID],
        kind: str,
        room_id: uuid.UUID | None,
        hold_seconds: int,
        idempotency_key: str,
        force: bool = False,
    ) -> Hold:
        response = await self._require().post(
            "/internal/holds",
            as_service=True,
            headers={"Idempotency-Key": idempotency_key},
            json={
                "teacher_id": str(teacher_id),
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "room_id": str(room_id) if room_id else None,
                "student_ids": [str(student) for student in student_ids],
                "kind": kind,
                "hold_seconds": hold_seconds,
                "force": force,
            },
        )
        self._raise_for(response)
        body = response.json()
        return Hold(id=uuid.UUID(str(body["id"])), expires_at=body.get("expires_at"))

    async def book(
        self,
        *,
        lesson_id: uuid.UUID,
        teacher_id: uuid.UUID,
        starts_at: datetime,
        ends_at: datetime,
        student_ids: list[uuid.UUID],
        kind: str,
    ) -> uuid.UUID:
        """Book the time for a lesson whose id we chose, in one call (the event is created confirmed);
        returns the event id. The key is the lesson's: a new attempt has a new lesson id."""
        response = await self._require().post(
            "/internal/holds",
            as_service=True,
            headers={"Idempotency-Key": f"lesson:{lesson_id}"},
            json={
                "teacher_id": str(teacher_id),
                "starts_at": starts_at.isoformat(),
                "ends_at": ends_at.isoformat(),
                "student_ids": [str(student) for student in student_ids],
                "kind": kind,
                "lesson_id": str(lesson_id),
            },
        )
        self._raise_for(response)
        return uuid.UUID(str(response.json()["id"]))

    async def lesson_events(self, starts_from: datetime) -> list[LessonEvent]:
        response = await self._require().get(
            "/internal/lesson-events", as_service=True, params={"from": starts_from.isoformat()}
        )
        self._raise_for(response)
        return [
            LessonEvent(
                id=uuid.UUID(item["id"]),
                lesson_id=uuid.UUID(item["lesson_id"]),
                starts_at=datetime.fromisoformat(item["starts_at"]),
                ends_at=datetime.fromisoformat(item["ends_at"]),
                updated_at=datetime.fromisoformat(item["updated_at"]),
            )
            for item in response.json()
        ]

    async def confirm(self, hold_id: uuid.UUID, lesson_id: uuid.UUID) -> None:
        response = await self._require().post(
            f"/internal/holds/{hold_id}/confirm", as_service=True, json={"lesson_id": str(lesson_id)}
        )
        self._raise_for(response)

    async def cancel(self, event_id: uuid.UUID) -> None:
        response = await self._require().post(f"/internal/events/{event_id}/cancel", as_service=True)
        if response.status_code == 404:
            return
        self._raise_for(response)

    async def event(self, event_id: uuid.UUID) -> dict[str, Any] | None:
        """One calendar event (`EventRead`), None when calendary does not know it."""
        response = await self._require().get(f"/internal/events/{event_id}", as_service=True)
        if response.status_code == 404:
            return None
        self._raise_for(response)
        event: dict[str, Any] = response.json()
        return event

    async def release(self, event_id: uuid.UUID) -> None:
        """Best-effort compensation: an unconfirmed hold expires on its own if this fails."""
        try:
            await self.cancel(event_id)
        except AppError as exc:
            logger.warning("could not release calendar hold %s (%s); it will expire", event_id, exc.detail)

    async def reschedule(
        self,
        event_id: uuid.UUID,
        starts_at: datetime,
        ends_at: datetime,
        *,
        force: bool = False,
        teacher_id: uuid.UUID | None = None,
    ) -> None:
        body: dict[str, Any] = {"starts_at": starts_at.isoformat(), "ends_at": ends_at.isoformat(), "force": force}
        if teacher_id is not None:
            body["teacher_id"] = str(teacher_id)
        response = await self._require().post(f"/internal/events/{event_id}/reschedule", as_service=True, json=body)
        self._raise_for(response)


class Groups:
    """groups-service: the roster and weekly pattern of a group."""

    def __init__(self, client: ServiceClient | None) -> None:
        self.client = client

    async def roster(self, group_id: uuid.UUID) -> dict[str, Any]:
        if self.client is None:
            raise ServiceUnavailable("groups-service is not configured.", service="groups")
        response = await self.client.get(f"/internal/groups/{group_id}/roster", as_service=True)
        if response.status_code == 404:
            raise GroupNotFound(f"Group {group_id} does not exist.")
        if response.status_code >= 500:
            raise ServiceUnavailable("groups-service is unavailable.", service="groups")
        if response.status_code >= 400:
            raise GroupsRejected(
                f"groups-service answered {response.status_code}.", upstream_status=response.status_code
            )
        body: dict[str, Any] = response.json()
        return body
