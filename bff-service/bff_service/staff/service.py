"""A teacher's record with the state of their invitation; resending it; refusing bookings with
teachers who no longer work here."""

from __future__ import annotations

from typing import Any

from ..downstream import Caller, fan_out
from ..reference import service as reference_service
from .errors import TeacherUnavailable


async def invitations_by_id(caller: Caller, user_ids: list[str]) -> dict[str, dict[str, Any]]:
    """Invitation state per user id; empty when auth-service does not answer (the list still shows)."""
    if not user_ids:
        return {}
    values, _ = await fan_out(
        {"auth": caller.get("auth", "/users/invitation-status", params={"user_id": user_ids[:100]})}
    )
    return {str(item["user_id"]): item for item in values["auth"] or []}


async def with_invitations(caller: Caller, teachers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The teachers, each with `invitation` (null when unknown)."""
    invitations = await invitations_by_id(caller, [str(teacher["id"]) for teacher in teachers])
    return [{**teacher, "invitation": invitations.get(str(teacher["id"]))} for teacher in teachers]


async def get_teacher(caller: Caller, teacher_id: str) -> dict[str, Any]:
    """One teacher's full record with their invitation."""
    teacher: dict[str, Any] = await caller.get("teachers", f"/admin/teachers/{teacher_id}")
    [record] = await with_invitations(caller, [teacher])
    return record


async def resend_invitation(caller: Caller, teacher_id: str) -> dict[str, Any]:
    """A fresh invitation e-mail for a teacher who has not set a password yet."""
    teacher: dict[str, Any] = await caller.get("teachers", f"/admin/teachers/{teacher_id}")
    invitation: dict[str, Any] = await caller.post("auth", f"/users/{teacher_id}/invitation")
    return {**teacher, "invitation": invitation}


async def ensure_bookable(caller: Caller, teacher_id: str) -> None:
    """Refuse a new lesson with a teacher who is not active. When teachers-service does not answer
    the booking goes on: calendary still guards the teacher's time."""
    active = await reference_service.teachers_by_id(caller)
    if active and str(teacher_id) not in active:
        raise TeacherUnavailable("This teacher does not take new bookings.")
