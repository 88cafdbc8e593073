"""A teacher's record with the state of their invitation; resending it; refusing bookings with
teachers who no longer work here."""

from __future__ import annotations

from typing import Any

from ..clients.auth import AuthClient
from ..clients.teachers import TeachersClient
from ..downstream import Caller, fan_out
from ..reference import service as reference_service
from ..schemas import Invitation, TeacherRecord
from .errors import TeacherUnavailable


async def invitations_by_id(caller: Caller, user_ids: list[str]) -> dict[str, Invitation]:
    """Invitation state per user id; empty when auth-service does not answer (the list still shows)."""
    if not user_ids:
        return {}
    values, _ = await fan_out({"auth": AuthClient(caller).invitation_statuses(user_ids[:100])})
    return {str(item.user_id): item for item in values["auth"] or []}


async def with_invitations(caller: Caller, teachers: list[TeacherRecord]) -> list[TeacherRecord]:
    """The teachers, each with `invitation` (null when unknown)."""
    invitations = await invitations_by_id(caller, [str(teacher.id) for teacher in teachers])
    return [teacher.model_copy(update={"invitation": invitations.get(str(teacher.id))}) for teacher in teachers]


async def get_teacher(caller: Caller, teacher_id: str) -> TeacherRecord:
    """One teacher's full record with their invitation."""
    [record] = await with_invitations(caller, [await TeachersClient(caller).admin_teacher(teacher_id)])
    return record


async def resend_invitation(caller: Caller, teacher_id: str) -> TeacherRecord:
    """A fresh invitation e-mail for a teacher who has not set a password yet."""
    teacher = await TeachersClient(caller).admin_teacher(teacher_id)
    invitation = await AuthClient(caller).resend_invitation(teacher_id)
    return teacher.model_copy(update={"invitation": invitation})


async def ensure_bookable(caller: Caller, teacher_id: str) -> dict[str, dict[str, Any]]:
    """Refuse a new lesson with a teacher who is not active. When teachers-service does not answer
    the booking goes on: calendary still guards the teacher's time. Returns the active teachers' cards
    by id (for decorating the booked lesson without reading them twice)."""
    active = await reference_service.teachers_by_id(caller)
    if active and str(teacher_id) not in active:
        raise TeacherUnavailable("This teacher does not take new bookings.")
    return active
