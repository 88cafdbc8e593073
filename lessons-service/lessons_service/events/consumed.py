"""lessons-service's own copy of the events it consumes: only the fields its handlers read
(docs/events.md; the publisher may send more, which is ignored)."""

from __future__ import annotations

import uuid
from typing import ClassVar

from studio_kit.messaging import ConsumedEvent


class GroupMemberAdded(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_added"

    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberRemoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_removed"

    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberMoved(ConsumedEvent):
    event_type: ClassVar[str] = "group.member_moved"

    student_id: uuid.UUID
    from_group_id: uuid.UUID
    to_group_id: uuid.UUID
