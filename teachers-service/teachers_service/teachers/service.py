"""Teacher profile rules: public cards without contacts, admin records, self-service bio/photo."""

import uuid
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..database import outbox
from ..events.published import TeacherUpdated
from . import repository as teacher_repository
from .errors import TeacherExists, TeacherNotFound
from .models import Teacher
from .schemas import (
    REQUIRED_FIELDS,
    SELF_EDITABLE_FIELDS,
    FeedbackReceived,
    Page,
    Rating,
    TeacherCreate,
    TeacherFilter,
    TeacherPublic,
    TeacherRead,
    TeacherUpdate,
)


def _public_fields(teacher: Teacher, rating: tuple[float, int] | None) -> dict[str, Any]:
    average, count = rating if rating else (None, 0)
    return {
        "id": teacher.id,
        "first_name": teacher.first_name,
        "last_name": teacher.last_name,
        "bio": teacher.bio,
        "levels": list(teacher.levels),
        "specialisations": list(teacher.specialisations),
        "timezone": teacher.timezone,
        "photo_url": teacher.photo_url,
        "rating": Rating(average=round(average, 2) if average is not None else None, count=count),
    }


def _full(teacher: Teacher, rating: tuple[float, int] | None) -> TeacherRead:
    return TeacherRead(
        **_public_fields(teacher, rating),
        email=teacher.email,
        phone=teacher.phone,
        status=teacher.status,
        created_at=teacher.created_at,
        updated_at=teacher.updated_at,
    )


async def list_public(session: AsyncSession) -> list[TeacherPublic]:
    """Active teachers for booking: names, bio, levels; never contacts."""
    teachers = await teacher_repository.list_active_teachers(session)
    ratings = await teacher_repository.ratings_of(session, [t.id for t in teachers])
    return [TeacherPublic(**_public_fields(t, ratings.get(t.id))) for t in teachers]


async def get_public(session: AsyncSession, teacher_id: uuid.UUID, principal: Principal) -> TeacherPublic:
    """One public card; an inactive teacher is hidden from everyone but admins."""
    teacher = await teacher_repository.get_teacher(session, teacher_id)
    if teacher is None or (teacher.status != "active" and principal.role != "admin"):
        raise TeacherNotFound()
    ratings = await teacher_repository.ratings_of(session, [teacher.id])
    return TeacherPublic(**_public_fields(teacher, ratings.get(teacher.id)))


async def list_teachers(session: AsyncSession, filters: TeacherFilter) -> Page[TeacherRead]:
    """Full records for admins, with search and pages."""
    teachers, total = await teacher_repository.list_teachers(session, filters)
    ratings = await teacher_repository.ratings_of(session, [t.id for t in teachers])
    return Page[TeacherRead](
        items=[_full(t, ratings.get(t.id)) for t in teachers], total=total, page=filters.page, size=filters.size
    )


async def get_teacher(session: AsyncSession, teacher_id: uuid.UUID) -> TeacherRead:
    """One full record."""
    teacher = await teacher_repository.get_teacher(session, teacher_id)
    if teacher is None:
        raise TeacherNotFound()
    return _full(teacher, (await teacher_repository.ratings_of(session, [teacher.id])).get(teacher.id))


async def _publish_updated(session: AsyncSession, teacher: Teacher) -> None:
    await outbox.add(session, TeacherUpdated(teacher_id=teacher.id, status=teacher.status))


async def _flush_unique(session: AsyncSession) -> None:
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise TeacherExists() from exc


async def create_teacher(session: AsyncSession, data: TeacherCreate) -> TeacherRead:
    """Create a teacher profile (its id is the auth user id when given) and announce it."""
    teacher_id = data.id or uuid.uuid4()
    if await teacher_repository.get_teacher(session, teacher_id) is not None:
        raise TeacherExists()
    if await teacher_repository.get_teacher_by_email(session, data.email) is not None:
        raise TeacherExists("Another teacher already uses this email.")
    values = data.model_dump(exclude={"id"}, mode="json")
    teacher = Teacher(id=teacher_id, **values)
    session.add(teacher)
    await _flush_unique(session)
    await _publish_updated(session, teacher)
    await session.refresh(teacher)
    return _full(teacher, None)


async def update_teacher(
    session: AsyncSession, teacher_id: uuid.UUID, data: TeacherUpdate, principal: Principal
) -> TeacherRead:
    """Admins change anything; a teacher only their own bio and photo."""
    is_self = principal.role == "teacher" and principal.subject == str(teacher_id)
    if principal.role != "admin" and not is_self:
        raise Forbidden("Only admins and the teacher themself can edit this profile.")
    teacher = await teacher_repository.get_teacher(session, teacher_id)
    if teacher is None:
        raise TeacherNotFound()
    changes = data.model_dump(exclude_unset=True, mode="json")
    if principal.role != "admin":
        refused = sorted(set(changes) - SELF_EDITABLE_FIELDS)
        if refused:
            raise Forbidden(f"You cannot change: {', '.join(refused)}.")
    other = await teacher_repository.get_teacher_by_email(session, changes["email"]) if changes.get("email") else None
    if other is not None and other.id != teacher.id:
        raise TeacherExists("Another teacher already uses this email.")
    for field, value in changes.items():
        if value is None and field in REQUIRED_FIELDS:
            continue
        setattr(teacher, field, value)
    await _flush_unique(session)
    await _publish_updated(session, teacher)
    await session.refresh(teacher)
    return await get_teacher(session, teacher.id)


async def record_feedback(session: AsyncSession, data: FeedbackReceived) -> None:
    """Count a student's rating of a lesson once, whatever the delivery count."""
    await teacher_repository.add_feedback(
        session, lesson_id=data.lesson_id, student_id=data.student_id, teacher_id=data.teacher_id, rating=data.rating
    )
