"""`/api/admin/teachers/{id}`: a teacher's record and their invitation."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from ..schemas import TeacherRecord
from ..session.dependencies import AdminCaller
from . import service as staff_service

router = APIRouter(prefix="/api/admin/teachers", tags=["admin"])


@router.get("/{teacher_id}", response_model=TeacherRecord)
async def get_teacher_record(teacher_id: UUID, caller: AdminCaller) -> Any:
    """One teacher with contacts, status and whether the invitation was accepted."""
    return await staff_service.get_teacher(caller, str(teacher_id))


@router.post("/{teacher_id}/invitation", response_model=TeacherRecord)
async def resend_teacher_invitation(teacher_id: UUID, caller: AdminCaller) -> Any:
    """Send the invitation again (a fresh link); 409 when the teacher already set a password."""
    return await staff_service.resend_invitation(caller, str(teacher_id))
