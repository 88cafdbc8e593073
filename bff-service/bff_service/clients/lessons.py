"""lessons-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import httpx
from pydantic import BaseModel

from studio_kit.types import Page

from ..frontdesk.schemas import BookingPolicy
from ..groupdesk.schemas import ActivationResult, ClosedDay
from ..money.schemas import PriceList
from ..schemas import Lesson, LessonDetail, Money
from ..student.schemas import CancelResult, FeedbackRead
from .base import ServiceApi


class StudentLessonOverview(BaseModel):
    upcoming: list[Lesson]
    homework: list[Lesson]


class AttendanceSummary(BaseModel):
    lessons: int
    charged_seats: int
    attended_seats: int


class DeliveredMonth(BaseModel):
    month: str
    delivered_minor: int
    lessons: int
    currency: str


class LessonsClient(ServiceApi):
    service = "lessons"

    async def list_lessons(
        self,
        *,
        start: datetime | None = None,
        end: datetime | None = None,
        teacher_id: str | None = None,
        student_id: str | None = None,
        group_id: str | None = None,
        status: str | None = None,
        page: int = 1,
        size: int = 50,
    ) -> Page[Lesson]:
        """GET /lessons: one page of the lessons the caller may see."""
        params: dict[str, Any] = {
            "from": start.isoformat() if start else None,
            "to": end.isoformat() if end else None,
            "teacher_id": teacher_id,
            "student_id": student_id,
            "group_id": group_id,
            "status": status,
            "page": page,
            "size": size,
        }
        return await self._get(Page[Lesson], "/lessons", params)

    async def student_overview(
        self, student_id: str, *, upcoming: int, upcoming_days: int, homework_days: int
    ) -> StudentLessonOverview:
        """GET /students/{id}/lesson-overview: the next lessons and the recent homework at once."""
        params = {"upcoming": upcoming, "upcoming_days": upcoming_days, "homework_days": homework_days}
        return await self._get(StudentLessonOverview, f"/students/{student_id}/lesson-overview", params)

    async def attendance_summary(self, start: datetime, end: datetime) -> AttendanceSummary:
        """GET /reports/attendance: charged and attended seats of the lessons completed in a range."""
        params = {"from": start.isoformat(), "to": end.isoformat()}
        return await self._get(AttendanceSummary, "/reports/attendance", params)

    async def delivered_by_month(self, months: int) -> list[DeliveredMonth]:
        """GET /reports/delivered-by-month: the price of the lessons delivered per studio month."""
        return await self._get(list[DeliveredMonth], "/reports/delivered-by-month", {"months": months})

    async def get_lesson(self, lesson_id: str) -> LessonDetail:
        """GET /lessons/{id}: one lesson with its roster, as the caller may see it."""
        return await self._get(LessonDetail, f"/lessons/{lesson_id}")

    async def mark_attendance(self, lesson_id: str, body: dict[str, Any]) -> LessonDetail:
        """PUT /lessons/{id}/attendance: attendance, topic, homework and notes."""
        return await self._send(LessonDetail, "PUT", f"/lessons/{lesson_id}/attendance", json=body)

    async def complete(self, lesson_id: str) -> LessonDetail:
        """POST /lessons/{id}/complete."""
        return await self._send(LessonDetail, "POST", f"/lessons/{lesson_id}/complete")

    async def book(self, body: dict[str, Any], *, idempotency_key: str | None) -> tuple[Lesson, bool]:
        """POST /lessons: the booking saga, once per Idempotency-Key. Returns (lesson, replayed)."""
        deadline = max(self.caller.settings.downstream_timeout_seconds, 10.0)
        return await self._send_once(Lesson, "/lessons", json=body, idempotency_key=idempotency_key, deadline=deadline)

    async def cancel(self, lesson_id: str, body: dict[str, Any]) -> CancelResult:
        """POST /lessons/{id}/cancel: under the notice policy; says whether it was late and the charge."""
        return await self._send(CancelResult, "POST", f"/lessons/{lesson_id}/cancel", json=body)

    async def leave_feedback(self, lesson_id: str, body: dict[str, Any]) -> FeedbackRead:
        """POST /lessons/{id}/feedback: rate a completed lesson."""
        return await self._send(FeedbackRead, "POST", f"/lessons/{lesson_id}/feedback", json=body)

    async def reschedule(self, lesson_id: str, starts_at: datetime) -> Lesson:
        """POST /lessons/{id}/reschedule: move a lesson (lessons-service decides who may)."""
        body = {"starts_at": starts_at.isoformat()}
        return await self._send(Lesson, "POST", f"/lessons/{lesson_id}/reschedule", json=body)

    async def price_quote(self, kind: str, duration_minutes: int, starts_at: datetime) -> Money:
        """GET /prices/quote: the price list's price of a lesson of this kind and length on its date."""
        params = {"kind": kind, "duration_minutes": duration_minutes, "starts_at": starts_at.isoformat()}
        return await self._get(Money, "/prices/quote", params)

    async def policy(self) -> BookingPolicy:
        """GET /policy: the notice and booking limits every client shows."""
        return await self._get(BookingPolicy, "/policy")

    async def prices(self) -> PriceList:
        """GET /prices: the price list in force today."""
        return await self._get(PriceList, "/prices")

    async def set_prices(self, body: dict[str, Any]) -> PriceList:
        """PUT /prices: a new price list from a date."""
        return await self._send(PriceList, "PUT", "/prices", json=body)

    async def plan_group(self, group_id: str, action: str, *, deadline: float) -> ActivationResult:
        """POST /groups/{id}/lessons/{activate|replan}: book (or move) a group's term of lessons."""
        path = f"/groups/{group_id}/lessons/{action}"
        return await self._send(ActivationResult, "POST", path, deadline=deadline)

    async def closed_days(self, start: date | None, end: date | None) -> list[ClosedDay]:
        """GET /closed-days: the studio's closed days (local dates)."""
        params = {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None}
        return await self._get(list[ClosedDay], "/closed-days", params)

    async def add_closed_day(self, body: dict[str, Any]) -> ClosedDay:
        """POST /closed-days (idempotent)."""
        return await self._send(ClosedDay, "POST", "/closed-days", json=body)

    async def delete_closed_day(self, closed_date: date) -> None:
        """DELETE /closed-days/{date}."""
        await self._send_ignoring_body("DELETE", f"/closed-days/{closed_date.isoformat()}")

    async def substitute(self, lesson_id: str, teacher_id: str) -> Lesson:
        """POST /lessons/{id}/substitute: another teacher at the same time; 409 when busy or off."""
        body = {"teacher_id": teacher_id}
        return await self._send(Lesson, "POST", f"/lessons/{lesson_id}/substitute", json=body)

    async def release_trial_hold(self, hold_id: str) -> None:
        """POST /trial-holds/{id}/release: free a slot held for a prospect (idempotent)."""
        await self._send_ignoring_body("POST", f"/trial-holds/{hold_id}/release")

    async def open_export(self, kind: str, params: Mapping[str, Any], token: str) -> httpx.Response:
        """GET /exports/{kind} as a stream (CSV or XLSX), its body unread: the caller relays and closes it."""
        return await self._open_stream(f"/exports/{kind}", params, token)
