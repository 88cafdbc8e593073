"""lessons-service's own copy of the events it consumes: only the fields its handlers read
(docs/events.md; the publisher may send more, which is ignored)."""

from __future__ import annotations

import uuid

from pydantic import BaseModel


class GroupMemberAdded(BaseModel):
    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberRemoved(BaseModel):
    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberMoved(BaseModel):
    student_id: uuid.UUID
    from_group_id: uuid.UUID
    to_group_id: uuid.UUID
