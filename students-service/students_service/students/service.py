"""Rules for student profiles: who may see and change whom, and the teacher relation."""

import uuid
from collections.abc import Iterable, Sequence

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal, Role
from studio_kit.errors import Forbidden

from ..database import outbox
from ..events.published import StudentCreated
from . import repository as student_repository
from .errors import IdentityMismatch, StudentEmailTaken, StudentExists, StudentNotFound
from .models import Student
from .schemas import (
    SELF_EDITABLE_FIELDS,
    Guardian,
    Money,
    Page,
    StudentCreate,
    StudentFilter,
    StudentRead,
    StudentUpdate,
)


def principal_uuid(principal: Principal) -> uuid.UUID | None:
    try:
        return uuid.UUID(principal.subject)
    except ValueError:
        return None


def to_read(student: Student, balance_minor: int, currency: str) -> StudentRead:
    guardian = None
    if student.guardian_name:
        guardian = Guardian(name=student.guardian_name, phone=student.guardian_phone, email=student.guardian_email)
    return StudentRead(
        id=student.id,
        user_id=student.user_id,
        first_name=student.first_name,
        last_name=student.last_name,
        email=student.email,
        phone=student.phone,
        birth_date=student.birth_date,
        level=student.level,
        goals=student.goals,
        timezone=student.timezone,
        status=student.status,
        source=student.source,
        guardian=guardian,
        created_at=student.created_at,
        balance=Money(amount_minor=balance_minor, currency=currency),
    )


async def read_student(session: AsyncSession, student: Student, currency: str) -> StudentRead:
    balances = await student_repository.balances_of(session, [student.id])
    return to_read(student, balances.get(student.id, 0), currency)


async def get_accessible_student(
    session: AsyncSession, student_id: uuid.UUID, principal: Principal, roles: Iterable[Role]
) -> Student:
    """The student if the caller may act on them; a student who is not yours does not exist."""
    if principal.role not in roles:
        raise Forbidden("Your role cannot do this.")
    caller = principal_uuid(principal)
    if principal.role == "student" and caller != student_id:
        raise StudentNotFound()
    if principal.role == "teacher" and (
        caller is None or not await student_repository.teaches(session, caller, student_id)
    ):
        raise StudentNotFound()
    student = await student_repository.get_student(session, student_id)
    if student is None:
        raise StudentNotFound()
    return student


async def get_own_student(session: AsyncSession, principal: Principal) -> Student:
    """The caller's own profile: by the identity rule its id is the token's subject."""
    if principal.role != "student":
        raise Forbidden("Only students have a student profile.")
    caller = principal_uuid(principal)
    student = await student_repository.get_student(session, caller) if caller else None
    if student is None:
        raise StudentNotFound("You have no student profile yet.")
    return student


async def list_students(
    session: AsyncSession, filters: StudentFilter, principal: Principal, currency: str
) -> Page[StudentRead]:
    """Admins see every student, teachers only the students they teach."""
    if principal.role not in ("admin", "teacher"):
        raise Forbidden("Only admins and teachers can list students.")
    teacher_id = None
    if principal.role == "teacher":
        teacher_id = principal_uuid(principal) or uuid.UUID(int=0)
    rows, total = await student_repository.list_students(session, filters, teacher_id=teacher_id)
    return Page[StudentRead](
        items=[to_read(student, balance, currency) for student, balance in rows],
        total=total,
        page=filters.page,
        size=filters.size,
    )


async def _ensure_email_free(session: AsyncSession, email: str | None, student_id: uuid.UUID | None) -> None:
    if email is None:
        return
    other = await student_repository.get_student_by_email(session, email)
    if other is not None and other.id != student_id:
        raise StudentEmailTaken()


async def _publish_created(session: AsyncSession, student: Student) -> None:
    await outbox.add(
        session,
        StudentCreated(
            student_id=student.id,
            user_id=student.user_id,
            first_name=student.first_name,
            last_name=student.last_name,
            email=student.email,
            phone=student.phone,
            status=student.status,
        ),
    )


async def create_student(session: AsyncSession, data: StudentCreate) -> Student:
    """Create a profile (its id is the auth user id when there is one) and announce it."""
    student_id = data.user_id or uuid.uuid4()
    if await student_repository.get_student(session, student_id) is not None:
        raise StudentExists()
    await _ensure_email_free(session, data.email, None)
    guardian = data.guardian
    student = Student(
        id=student_id,
        user_id=data.user_id,
        first_name=data.first_name,
        last_name=data.last_name,
        email=data.email,
        phone=data.phone,
        birth_date=data.birth_date,
        level=data.level,
        goals=data.goals,
        timezone=data.timezone,
        status=data.status,
        source=data.source,
        guardian_name=guardian.name if guardian else None,
        guardian_phone=guardian.phone if guardian else None,
        guardian_email=str(guardian.email) if guardian and guardian.email else None,
    )
    session.add(student)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        # A concurrent create with the same id or email won the race.
        raise StudentExists("A student with this id or email already exists.") from exc
    await _publish_created(session, student)
    return student


async def create_lead_student(session: AsyncSession, *, name: str, phone: str) -> Student:
    """A profile for a prospect without an account, so the lead has somewhere to grow into."""
    first_name, _, last_name = name.strip().partition(" ")
    student = Student(
        first_name=(first_name or name)[:100],
        last_name=last_name.strip()[:100],
        phone=phone if phone.startswith("+") else None,
        timezone="Europe/Moscow",
        status="lead",
        source="telegram",
    )
    session.add(student)
    await session.flush()
    await _publish_created(session, student)
    return student


async def update_student(session: AsyncSession, student: Student, data: StudentUpdate, principal: Principal) -> Student:
    """Admins change anything; a student changes only their own contact details and goals."""
    changes = data.model_dump(exclude_unset=True)
    if principal.role == "student":
        refused = sorted(set(changes) - SELF_EDITABLE_FIELDS)
        if refused:
            raise Forbidden(f"You cannot change: {', '.join(refused)}.")
    elif principal.role != "admin":
        raise Forbidden("Only admins and the student can edit a profile.")
    if "user_id" in changes and changes["user_id"] not in (None, student.id):
        raise IdentityMismatch()
    if "email" in changes:
        await _ensure_email_free(session, changes["email"], student.id)
    guardian = changes.pop("guardian", ...)
    if guardian is not ...:
        model = data.guardian
        student.guardian_name = model.name if model else None
        student.guardian_phone = model.phone if model else None
        student.guardian_email = str(model.email) if model and model.email else None
    for field, value in changes.items():
        if field in ("first_name", "timezone", "status", "source") and value is None:
            continue
        setattr(student, field, value)
    try:
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise StudentEmailTaken() from exc
    return student


async def get_students_for_service(session: AsyncSession, ids: list[uuid.UUID], currency: str) -> list[StudentRead]:
    """Profiles with balances for other services (BFF, notifications, lessons)."""
    students = await student_repository.list_students_by_ids(session, ids)
    balances = await student_repository.balances_of(session, [s.id for s in students])
    return [to_read(s, balances.get(s.id, 0), currency) for s in students]


async def get_student_for_service(session: AsyncSession, student_id: uuid.UUID, currency: str) -> StudentRead:
    """One profile with its balance for another service."""
    found = await get_students_for_service(session, [student_id], currency)
    if not found:
        raise StudentNotFound()
    return found[0]


async def link_teacher(
    session: AsyncSession, *, teacher_id: uuid.UUID, student_id: uuid.UUID, via: str, ref_id: uuid.UUID
) -> None:
    await student_repository.link_teacher(session, teacher_id=teacher_id, student_id=student_id, via=via, ref_id=ref_id)


async def link_teacher_to_students(
    session: AsyncSession, *, teacher_id: uuid.UUID, student_ids: Sequence[uuid.UUID], via: str, ref_id: uuid.UUID
) -> None:
    await student_repository.link_teacher_to_students(
        session, teacher_id=teacher_id, student_ids=student_ids, via=via, ref_id=ref_id
    )


async def unlink_teacher(session: AsyncSession, *, student_id: uuid.UUID, via: str, ref_id: uuid.UUID) -> None:
    await student_repository.unlink_teacher(session, student_id=student_id, via=via, ref_id=ref_id)
