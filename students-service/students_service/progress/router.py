"""HTTP routes for level assessments."""

from fastapi import APIRouter

from studio_kit.auth import CurrentUser
from studio_kit.db import SessionDep

from ..students.dependencies import VisibleStudent
from . import service as progress_service
from .models import Assessment
from .schemas import AssessmentCreate, AssessmentRead

router = APIRouter(prefix="/students/{student_id}/assessments", tags=["progress"])


@router.post("", status_code=201, response_model=AssessmentRead)
async def add_assessment(
    data: AssessmentCreate, student: VisibleStudent, session: SessionDep, user: CurrentUser
) -> Assessment:
    """Record a level assessment (admins and the student's teachers)."""
    return await progress_service.add_assessment(session, student, data, user)


@router.get("", response_model=list[AssessmentRead])
async def list_assessments(student: VisibleStudent, session: SessionDep) -> list[Assessment]:
    """The student's assessment history, newest first."""
    return await progress_service.list_assessments(session, student)
