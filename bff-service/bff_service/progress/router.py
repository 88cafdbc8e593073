"""CEFR assessments: the admin and the student's teachers record them; the student reads their history."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from ..session.dependencies import AnyCaller
from .schemas import Assessment, AssessmentCreate

router = APIRouter(prefix="/api/students/{student_id}", tags=["progress"])


@router.get("/assessments", response_model=list[Assessment])
async def student_assessments(student_id: UUID, caller: AnyCaller) -> list[dict[str, Any]]:
    """The student's level history, newest first (the admin, their teachers, the student themself)."""
    assessments: list[dict[str, Any]] = await caller.get("students", f"/students/{student_id}/assessments")
    return assessments


@router.post("/assessments", status_code=201, response_model=Assessment)
async def add_student_assessment(student_id: UUID, data: AssessmentCreate, caller: AnyCaller) -> dict[str, Any]:
    """Record a level assessment (admins and the student's teachers); the newest sets the profile's level."""
    assessment: dict[str, Any] = await caller.post(
        "students", f"/students/{student_id}/assessments", json=data.model_dump(mode="json")
    )
    return assessment
