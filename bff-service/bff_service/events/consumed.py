"""The parts of other services' events the BFF reads (docs/events.md; the contract test checks each
field is one the publisher sends)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from studio_kit.messaging import ConsumedEvent


class TeacherUpdated(ConsumedEvent):
    """Any change to a teacher: the cached teacher list is stale (no field needed)."""

    event_type: ClassVar[str] = "teacher.updated"


class UserDeactivated(ConsumedEvent):
    event_type: ClassVar[str] = "user.deactivated"

    user_id: uuid.UUID
    role: str | None = None


class UserSessionsRevoked(ConsumedEvent):
    event_type: ClassVar[str] = "user.sessions_revoked"

    user_id: uuid.UUID
    kept_session_id: uuid.UUID | None = None
