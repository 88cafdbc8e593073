"""SQL for student profiles and the teacher-student relation."""

import uuid
from collections.abc import Sequence

from sqlalchemy import Select, delete, func, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from ..ledger.models import LedgerEntry
from .models import Student, TeacherStudent
from .schemas import StudentFilter


async def get_student(session: AsyncSession, student_id: uuid.UUID) -> Student | None:
    return await session.get(Student, student_id)


async def lock_student(session: AsyncSession, student_id: uuid.UUID) -> Student | None:
    """Row lock that serializes every money movement of one student."""
    return await session.scalar(
        select(Student).where(Student.id == student_id).with_for_update().execution_options(populate_existing=True)
    )


async def get_student_by_email(session: AsyncSession, email: str) -> Student | None:
    return await session.scalar(select(Student).where(func.lower(Student.email) == email.lower()))


async def get_student_by_phone(session: AsyncSession, phone: str) -> Student | None:
    return await session.scalar(select(Student).where(Student.phone == phone).order_by(Student.created_at).limit(1))


async def list_students_by_ids(session: AsyncSession, ids: Sequence[uuid.UUID]) -> list[Student]:
    return list((await session.scalars(select(Student).where(Student.id.in_(ids)))).all())


def _balance_subquery() -> Select[uuid.UUID, int]:
    return select(LedgerEntry.student_id, func.sum(LedgerEntry.amount_minor).label("balance")).group_by(
        LedgerEntry.student_id
    )


async def balances_of(session: AsyncSession, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
    rows = (await session.execute(_balance_subquery().where(LedgerEntry.student_id.in_(ids)))).all()
    return {student_id: int(balance) for student_id, balance in rows}


async def list_students(
    session: AsyncSession, filters: StudentFilter, *, teacher_id: uuid.UUID | None = None
) -> tuple[list[tuple[Student, int]], int]:
    query = select(Student)
    if teacher_id is not None:
        query = query.where(
            Student.id.in_(select(TeacherStudent.student_id).where(TeacherStudent.teacher_id == teacher_id))
        )
    if filters.status:
        query = query.where(Student.status == filters.status)
    if filters.level:
        query = query.where(Student.level == filters.level)
    if filters.search:
        escaped = filters.search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{escaped}%"
        query = query.where(
            or_(
                Student.first_name.ilike(pattern),
                Student.last_name.ilike(pattern),
                (Student.first_name + " " + Student.last_name).ilike(pattern),
                Student.email.ilike(pattern),
                Student.phone.ilike(pattern),
            )
        )
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    balances = _balance_subquery().subquery()
    page_query = (
        query.add_columns(func.coalesce(balances.c.balance, 0))
        .outerjoin(balances, balances.c.student_id == Student.id)
        .order_by(Student.last_name, Student.first_name, Student.id)
        .offset((filters.page - 1) * filters.size)
        .limit(filters.size)
    )
    rows = (await session.execute(page_query)).all()
    return [(student, int(balance)) for student, balance in rows], int(total or 0)


async def teaches(session: AsyncSession, teacher_id: uuid.UUID, student_id: uuid.UUID) -> bool:
    found = await session.scalar(
        select(TeacherStudent.student_id)
        .where(TeacherStudent.teacher_id == teacher_id, TeacherStudent.student_id == student_id)
        .limit(1)
    )
    return found is not None


async def link_teacher(
    session: AsyncSession, *, teacher_id: uuid.UUID, student_id: uuid.UUID, via: str, ref_id: uuid.UUID
) -> None:
    await session.execute(
        pg_insert(TeacherStudent)
        .values(teacher_id=teacher_id, student_id=student_id, via=via, ref_id=ref_id)
        .on_conflict_do_nothing()
    )


_LINK_TEACHER_TO_STUDENTS = text(
    """
    INSERT INTO teacher_student (teacher_id, student_id, via, ref_id)
    SELECT :teacher_id, student_id, :via, :ref_id FROM unnest(CAST(:student_ids AS uuid[])) AS student_id
    ON CONFLICT DO NOTHING
    """
)


async def link_teacher_to_students(
    session: AsyncSession, *, teacher_id: uuid.UUID, student_ids: Sequence[uuid.UUID], via: str, ref_id: uuid.UUID
) -> None:
    """`link_teacher` for several students in one statement (SQL text: compiled once, no statement
    to build per event). `created_at` is the server's default, the transaction's now()."""
    await session.execute(
        _LINK_TEACHER_TO_STUDENTS,
        {"teacher_id": teacher_id, "student_ids": list(student_ids), "via": via, "ref_id": ref_id},
    )


async def unlink_teacher(session: AsyncSession, *, student_id: uuid.UUID, via: str, ref_id: uuid.UUID) -> None:
    await session.execute(
        delete(TeacherStudent).where(
            TeacherStudent.student_id == student_id, TeacherStudent.via == via, TeacherStudent.ref_id == ref_id
        )
    )
