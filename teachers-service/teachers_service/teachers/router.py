"""HTTP routes for teacher profiles."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Query

from studio_kit.auth import AdminUser, CurrentUser
from studio_kit.db import SessionDep

from ..database import audit
from . import service as teacher_service
from .schemas import Page, TeacherCreate, TeacherFilter, TeacherPublic, TeacherRead, TeacherUpdate

router = APIRouter(tags=["teachers"])


@router.get("/teachers", response_model=list[TeacherPublic])
async def list_teachers(session: SessionDep, _: CurrentUser) -> list[TeacherPublic]:
    """Active teachers for booking, without contacts."""
    return await teacher_service.list_public(session)


@router.get("/teachers/{teacher_id}", response_model=TeacherPublic)
async def get_teacher(teacher_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> TeacherPublic:
    """One teacher's public card."""
    return await teacher_service.get_public(session, teacher_id, user)


@router.post("/teachers", status_code=201, response_model=TeacherRead)
async def create_teacher(data: TeacherCreate, session: SessionDep, user: AdminUser) -> TeacherRead:
    """Create a teacher profile."""
    teacher = await teacher_service.create_teacher(session, data)
    summary = data.model_dump(mode="json", include={"first_name", "last_name", "email", "levels", "timezone"})
    await audit.record(session, user, "teacher.created", ("teacher", teacher.id), summary)
    return teacher


@router.patch("/teachers/{teacher_id}", response_model=TeacherRead)
async def update_teacher(
    teacher_id: uuid.UUID, data: TeacherUpdate, session: SessionDep, user: CurrentUser
) -> TeacherRead:
    """Update a profile: admins anything, the teacher their own bio and photo."""
    teacher = await teacher_service.update_teacher(session, teacher_id, data, user)
    changes = data.model_dump(mode="json", exclude_unset=True)
    await audit.record(session, user, "teacher.updated", ("teacher", teacher_id), {"changed": changes})
    return teacher


@router.get("/admin/teachers", response_model=Page[TeacherRead])
async def admin_list_teachers(
    filters: Annotated[TeacherFilter, Query()], session: SessionDep, _: AdminUser
) -> Page[TeacherRead]:
    """Full teacher records with contacts and status."""
    return await teacher_service.list_teachers(session, filters)


@router.get("/admin/teachers/{teacher_id}", response_model=TeacherRead)
async def admin_get_teacher(teacher_id: uuid.UUID, session: SessionDep, _: AdminUser) -> TeacherRead:
    """One full teacher record."""
    return await teacher_service.get_teacher(session, teacher_id)
