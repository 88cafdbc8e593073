"""Membership schemas: joins, moves, waitlist entries, histories and the internal roster."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..groups.schemas import GroupRead, GroupStatus, Schedule


class MemberCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    student_id: uuid.UUID


class WaitlistCreate(MemberCreate):
    pass


class MoveRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    to_group_id: uuid.UUID


class MembershipRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    group_id: uuid.UUID
    student_id: uuid.UUID
    joined_at: datetime
    left_at: datetime | None
    reason: str | None
    moved_to_group_id: uuid.UUID | None
    moved_from_group_id: uuid.UUID | None


class WaitlistEntryRead(BaseModel):
    group_id: uuid.UUID
    student_id: uuid.UUID
    position: int = Field(description="1 = next to get a seat")
    added_at: datetime
    status: Literal["waiting", "offered"] = Field(default="waiting", description="offered: a freed seat is held")
    offer_expires_at: datetime | None = None


class GroupMembers(BaseModel):
    group_id: uuid.UUID
    capacity: int
    members: list[MembershipRead] = Field(description="Current members, in joining order")
    history: list[MembershipRead] = Field(description="Every stay in the group, current and past")
    waitlist: list[WaitlistEntryRead]


class MoveResult(BaseModel):
    left: MembershipRead
    joined: MembershipRead


class StudentGroupRead(GroupRead):
    joined_at: datetime


class Roster(BaseModel):
    group_id: uuid.UUID
    name: str
    teacher_id: uuid.UUID
    room_id: uuid.UUID | None
    status: GroupStatus
    student_ids: list[uuid.UUID]
    schedule: Schedule
    starts_on: date
    ends_on: date | None
    price_per_lesson_minor: int
    currency: str


class WaitlistOfferRead(BaseModel):
    """A freed seat held for a student on the waitlist until `expires_at`."""

    group_id: uuid.UUID
    group_name: str
    level: str
    teacher_id: uuid.UUID
    schedule: Schedule
    starts_on: date
    offered_at: datetime
    expires_at: datetime
