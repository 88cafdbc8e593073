"""Progress rules: assessments are history; the newest one is the student's current level."""

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.auth import Principal
from studio_kit.errors import Forbidden

from ..students.models import Student
from . import repository as progress_repository
from .models import Assessment
from .schemas import AssessmentCreate


async def add_assessment(
    session: AsyncSession, student: Student, data: AssessmentCreate, principal: Principal
) -> Assessment:
    """Record an assessment and move the profile's level when it is the newest one."""
    if principal.role not in ("admin", "teacher"):
        raise Forbidden("Only admins and teachers assess a student's level.")
    assessment = await progress_repository.add_assessment(
        session,
        Assessment(
            student_id=student.id,
            level=data.level,
            assessed_at=data.assessed_at,
            comment=data.comment,
            assessed_by=principal.subject,
        ),
    )
    history = await progress_repository.list_assessments(session, student.id)
    if history[0].id == assessment.id:
        student.level = data.level
        await session.flush()
    return assessment


async def list_assessments(session: AsyncSession, student: Student) -> list[Assessment]:
    """The student's assessments, newest first."""
    return await progress_repository.list_assessments(session, student.id)
