"""CEFR assessments: the admin and the student's teachers record them; the student reads their history."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from ..clients.students import StudentsClient
from ..session.dependencies import AnyCaller
from .schemas import Assessment, AssessmentCreate

router = APIRouter(prefix="/api/students/{student_id}", tags=["progress"])


@router.get("/assessments", response_model=list[Assessment])
async def student_assessments(student_id: UUID, caller: AnyCaller) -> list[Assessment]:
    """The student's level history, newest first (the admin, their teachers, the student themself)."""
    return await StudentsClient(caller).assessments(str(student_id))


@router.post("/assessments", status_code=201, response_model=Assessment)
async def add_student_assessment(student_id: UUID, data: AssessmentCreate, caller: AnyCaller) -> Assessment:
    """Record a level assessment (admins and the student's teachers); the newest sets the profile's level."""
    return await StudentsClient(caller).add_assessment(str(student_id), data.model_dump(mode="json"))
