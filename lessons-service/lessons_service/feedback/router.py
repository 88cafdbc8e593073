"""HTTP routes of feedback: from the student (web) and from the bot (internal)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Depends

from studio_kit.auth import CurrentUser, require_service
from studio_kit.db import SessionDep

from . import service as feedback_service
from .schemas import FeedbackCreate, FeedbackRead, InternalFeedbackCreate

router = APIRouter(tags=["feedback"])


@router.post("/lessons/{lesson_id}/feedback", status_code=201, response_model=FeedbackRead)
async def leave_feedback(
    lesson_id: uuid.UUID, data: FeedbackCreate, session: SessionDep, user: CurrentUser
) -> FeedbackRead:
    """Rate a completed lesson (1 to 5) with an optional comment, once."""
    return await feedback_service.leave_own_feedback(session, lesson_id, user, data)


@router.post(
    "/internal/lessons/{lesson_id}/feedback",
    status_code=201,
    response_model=FeedbackRead,
    dependencies=[Depends(require_service("lessons:feedback"))],
)
async def leave_feedback_for_student(
    lesson_id: uuid.UUID, data: InternalFeedbackCreate, session: SessionDep
) -> FeedbackRead:
    """Feedback collected by the bot on a student's behalf."""
    return await feedback_service.leave_feedback(session, lesson_id, data.student_id, data)
