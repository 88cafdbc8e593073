"""Make-up credits: students-service keeps them; the BFF checks the lesson is the student's own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..downstream import Caller
from .errors import LessonNotForMakeup, MakeupCreditUnavailable


async def get_policy(caller: Caller) -> dict[str, Any]:
    policy: dict[str, Any] = await caller.get("students", "/makeup-policy")
    return policy


async def set_policy(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    policy: dict[str, Any] = await caller.put("students", "/makeup-policy", json=data)
    return policy


async def list_credits(caller: Caller, student_id: str) -> dict[str, Any]:
    credits: dict[str, Any] = await caller.get("students", f"/students/{student_id}/makeup-credits")
    return credits


async def use_credit(caller: Caller, student_id: str, lesson_id: str) -> dict[str, Any]:
    """Pay an upcoming lesson of the student with their oldest make-up credit (again: the same credit)."""
    lesson: dict[str, Any] = await caller.get("lessons", f"/lessons/{lesson_id}")
    starts_at = datetime.fromisoformat(lesson["starts_at"])
    if (
        student_id not in {str(item) for item in lesson.get("student_ids", [])}
        or lesson["status"] != "scheduled"
        or starts_at <= datetime.now(UTC)
    ):
        raise LessonNotForMakeup()
    credit: dict[str, Any] = await caller.post(
        "students", f"/students/{student_id}/makeup-credits/use", json={"lesson_id": lesson_id}
    )
    return credit


async def ensure_credit_left(caller: Caller, student_id: str, teacher_id: str, starts_at: datetime) -> None:
    """Before a booking that asks for a credit: refuse at once when none is left, unless a credit
    already pays for this very lesson (the booking's replay under its Idempotency-Key)."""
    credits = await list_credits(caller, student_id)
    if credits["available"] > 0:
        return
    for item in credits["items"]:
        if item["status"] != "reserved":
            continue
        lesson: dict[str, Any] = await caller.get("lessons", f"/lessons/{item['used_lesson_id']}")
        if str(lesson["teacher_id"]) == teacher_id and datetime.fromisoformat(lesson["starts_at"]) == starts_at:
            return
    raise MakeupCreditUnavailable()


async def hold_credit(caller: Caller, student_id: str, lesson_id: str) -> dict[str, Any]:
    """Right after booking: the new lesson is the student's own, so no lesson check is needed."""
    credit: dict[str, Any] = await caller.post(
        "students", f"/students/{student_id}/makeup-credits/use", json={"lesson_id": lesson_id}
    )
    return credit
