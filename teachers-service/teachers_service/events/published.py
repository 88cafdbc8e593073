"""Events teachers-service publishes, fields exactly as docs/events.md lists them (the contract test
compares them). Write one with `outbox.add(session, TeacherUpdated(...))`."""

from __future__ import annotations

import uuid
from typing import ClassVar

from studio_kit.messaging import PublishedEvent


class TeacherUpdated(PublishedEvent):
    """A teacher profile was created or changed: the BFF drops its cached teacher list."""

    event_type: ClassVar[str] = "teacher.updated"
    subject_field: ClassVar[str | None] = "teacher_id"

    teacher_id: uuid.UUID
    status: str
