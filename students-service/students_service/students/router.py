"""HTTP routes for student profiles, and the internal lookups other services use."""

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from studio_kit.auth import CurrentUser, Principal, require_roles, require_service
from studio_kit.db import SessionDep
from studio_kit.errors import BadRequest

from ..config import SettingsDep
from ..database import audit
from . import service as student_service
from .dependencies import VisibleStudent
from .schemas import Page, StudentCreate, StudentFilter, StudentRead, StudentUpdate

router = APIRouter(prefix="/students", tags=["students"])
internal_router = APIRouter(prefix="/internal/students", tags=["internal"])
ServiceReader = Annotated[Principal, Depends(require_service("students:read"))]


async def _creator(user: CurrentUser) -> Principal:
    # The BFF creates the profile of a self-registered student with its own service token.
    if user.role == "service" and user.has_scope("students:write"):
        return user
    return await require_roles("admin")(user)


@router.get("", response_model=Page[StudentRead])
async def list_students(
    filters: Annotated[StudentFilter, Query()], session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> Page[StudentRead]:
    """Search students; a teacher sees only the students they teach."""
    return await student_service.list_students(session, filters, user, settings.students_currency)


@router.post("", status_code=201, response_model=StudentRead)
async def create_student(
    data: StudentCreate,
    session: SessionDep,
    settings: SettingsDep,
    creator: Annotated[Principal, Depends(_creator)],
) -> StudentRead:
    """Create a student profile."""
    student = await student_service.create_student(session, data)
    summary = data.model_dump(mode="json", include={"first_name", "last_name", "email", "level", "source"})
    await audit.record(session, creator, "student.created", ("student", student.id), summary)
    return await student_service.read_student(session, student, settings.students_currency)


@router.get("/me", response_model=StudentRead)
async def get_my_profile(session: SessionDep, user: CurrentUser, settings: SettingsDep) -> StudentRead:
    """The calling student's own profile."""
    student = await student_service.get_own_student(session, user)
    return await student_service.read_student(session, student, settings.students_currency)


@router.get("/{student_id}", response_model=StudentRead)
async def get_student(student: VisibleStudent, session: SessionDep, settings: SettingsDep) -> StudentRead:
    """One student profile with its balance."""
    return await student_service.read_student(session, student, settings.students_currency)


@router.patch("/{student_id}", response_model=StudentRead)
async def update_student(
    data: StudentUpdate, student: VisibleStudent, session: SessionDep, user: CurrentUser, settings: SettingsDep
) -> StudentRead:
    """Update a profile: admins anything, a student their own contact details."""
    student = await student_service.update_student(session, student, data, user)
    changes = data.model_dump(mode="json", exclude_unset=True)
    await audit.record(session, user, "student.updated", ("student", student.id), {"changed": changes})
    return await student_service.read_student(session, student, settings.students_currency)


@internal_router.get("", response_model=list[StudentRead])
async def internal_list_students(
    session: SessionDep, settings: SettingsDep, _: ServiceReader, ids: Annotated[str, Query(max_length=4000)]
) -> list[StudentRead]:
    """Profiles by comma-separated ids, for other services."""
    try:
        parsed = [uuid.UUID(part) for part in ids.split(",") if part.strip()]
    except ValueError as exc:
        raise BadRequest("ids must be comma-separated UUIDs.") from exc
    if len(parsed) > 200:
        raise BadRequest("At most 200 ids per request.")
    return await student_service.get_students_for_service(session, parsed, settings.students_currency)


@internal_router.get("/{student_id}", response_model=StudentRead)
async def internal_get_student(
    student_id: uuid.UUID, session: SessionDep, settings: SettingsDep, _: ServiceReader
) -> StudentRead:
    """One profile for other services."""
    return await student_service.get_student_for_service(session, student_id, settings.students_currency)
