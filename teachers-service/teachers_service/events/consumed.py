"""The parts of other services' events teachers-service reads: only the fields its handlers use,
each a field the publisher sends (docs/events.md; the contract test checks). Each is the domain's
own input model (payroll, teachers) tied to its routing key."""

from __future__ import annotations

from typing import ClassVar

from studio_kit.messaging import ConsumedEvent

from ..payroll import schemas as payroll_schemas
from ..teachers import schemas as teacher_schemas


class LessonCompleted(ConsumedEvent, payroll_schemas.LessonCompleted):
    event_type: ClassVar[str] = "lesson.completed"


class FeedbackReceived(ConsumedEvent, teacher_schemas.FeedbackReceived):
    event_type: ClassVar[str] = "feedback.received"
