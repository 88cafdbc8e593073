"""Events groups-service publishes, fields exactly as docs/events.md lists them (the contract test
compares them). Write one with `outbox.add(session, GroupMemberAdded(...))`."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import ClassVar

from studio_kit.messaging import PublishedEvent


class _GroupEvent(PublishedEvent):
    subject_field: ClassVar[str | None] = "group_id"


class GroupMemberAdded(_GroupEvent):
    """A student joined the group (enrolled, or accepted a waitlist offer)."""

    event_type: ClassVar[str] = "group.member_added"

    group_id: uuid.UUID
    group_name: str
    student_id: uuid.UUID
    teacher_id: uuid.UUID


class GroupMemberRemoved(_GroupEvent):
    """A student left the group (`reason` as the admin gave it)."""

    event_type: ClassVar[str] = "group.member_removed"

    group_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID
    reason: str


class GroupMemberMoved(PublishedEvent):
    """A student moved from one group to another: one event, keyed by the student."""

    event_type: ClassVar[str] = "group.member_moved"
    subject_field: ClassVar[str | None] = "student_id"

    student_id: uuid.UUID
    from_group_id: uuid.UUID
    to_group_id: uuid.UUID
    teacher_id: uuid.UUID


class GroupWaitlistOffered(_GroupEvent):
    """A freed seat is held for this student until `expires_at`."""

    event_type: ClassVar[str] = "group.waitlist_offered"

    group_id: uuid.UUID
    group_name: str
    student_id: uuid.UUID
    teacher_id: uuid.UUID
    expires_at: datetime


class GroupWaitlistOfferLapsed(_GroupEvent):
    """The student declined the offer or let it expire; the seat passes to the next in line."""

    event_type: ClassVar[str] = "group.waitlist_offer_lapsed"

    group_id: uuid.UUID
    student_id: uuid.UUID
    reason: str
