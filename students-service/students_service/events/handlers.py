"""Consumers of other services' events, keyed by event type. Each handler runs inside the inbox
transaction, and is idempotent on its business keys as well (a lesson settles once per student)."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event, EventHandler

from ..config import active_settings
from ..leads import service as lead_service
from ..leads.schemas import TrialRequested
from ..ledger.service import policy_from
from ..makeups import service as makeup_service
from ..packages import service as package_service
from ..students import service as student_service

CHARGED_ATTENDANCE = frozenset({"present", "absent", "late"})
ATTENDED = frozenset({"present", "late"})


class _Payload(BaseModel):
    model_config = ConfigDict(extra="ignore")


class Attendance(_Payload):
    student_id: uuid.UUID
    status: str
    price_minor: int = Field(default=0, ge=0)


class LessonCompleted(_Payload):
    lesson_id: uuid.UUID
    kind: str
    teacher_id: uuid.UUID
    starts_at: datetime
    attendance: list[Attendance] = Field(default_factory=list)


class Charge(_Payload):
    student_id: uuid.UUID
    amount_minor: int = Field(ge=0)


class LessonCancelled(_Payload):
    lesson_id: uuid.UUID
    kind: str
    starts_at: datetime
    student_ids: list[uuid.UUID] = Field(default_factory=list)
    late_cancel: bool = False
    cancelled_by: str | None = None
    charges: list[Charge] = Field(default_factory=list)


class LessonScheduled(_Payload):
    lesson_id: uuid.UUID
    teacher_id: uuid.UUID
    student_ids: list[uuid.UUID] = Field(default_factory=list)


class GroupMemberAdded(_Payload):
    group_id: uuid.UUID
    student_id: uuid.UUID
    teacher_id: uuid.UUID | None = None


class GroupMemberRemoved(_Payload):
    group_id: uuid.UUID
    student_id: uuid.UUID


class GroupMemberMoved(_Payload):
    student_id: uuid.UUID
    from_group_id: uuid.UUID
    to_group_id: uuid.UUID
    teacher_id: uuid.UUID | None = None


async def handle_lesson_completed(session: AsyncSession, event: Event) -> None:
    data = LessonCompleted.model_validate(event.data)
    settings = active_settings()
    policy = policy_from(settings.students_currency, settings.students_balance_low_threshold_minor)
    # A fixed lock order, so two events about the same students cannot deadlock.
    for row in sorted(data.attendance, key=lambda item: item.student_id):
        await student_service.link_teacher(
            session, teacher_id=data.teacher_id, student_id=row.student_id, via="lesson", ref_id=data.lesson_id
        )
        if data.kind == "trial":
            await lead_service.record_trial_outcome(session, row.student_id, attended=row.status in ATTENDED)
        if row.status == "excused":
            await makeup_service.excuse_absence(
                session,
                student_id=row.student_id,
                lesson_id=data.lesson_id,
                lesson_kind=data.kind,
                starts_at=data.starts_at,
                reason="excused",
                timezone=settings.students_studio_timezone,
            )
            continue
        if row.status not in CHARGED_ATTENDANCE:
            continue
        if await makeup_service.settle_with_credit(session, row.student_id, data.lesson_id):
            continue
        await package_service.settle_lesson(
            session,
            student_id=row.student_id,
            lesson_id=data.lesson_id,
            lesson_kind=data.kind,
            starts_at=data.starts_at,
            amount_minor=row.price_minor,
            late_cancel=False,
            policy=policy,
            timezone=settings.students_studio_timezone,
        )


async def handle_lesson_cancelled(session: AsyncSession, event: Event) -> None:
    data = LessonCancelled.model_validate(event.data)
    if not data.late_cancel:
        # Cancelled in time: a make-up credit held for the lesson is free again.
        for student_id in sorted(data.student_ids):
            await makeup_service.release_credit(session, student_id, data.lesson_id)
        return
    settings = active_settings()
    policy = policy_from(settings.students_currency, settings.students_balance_low_threshold_minor)
    makeups = await makeup_service.get_policy(session)
    excused = data.cancelled_by == "student" and makeup_service.cancel_is_excused(makeups, data.starts_at, event.time)
    for charge in sorted(data.charges, key=lambda item: item.student_id):
        if await makeup_service.settle_with_credit(session, charge.student_id, data.lesson_id):
            continue
        if excused:
            await makeup_service.excuse_absence(
                session,
                student_id=charge.student_id,
                lesson_id=data.lesson_id,
                lesson_kind=data.kind,
                starts_at=data.starts_at,
                reason="late_cancel",
                timezone=settings.students_studio_timezone,
            )
            continue
        await package_service.settle_lesson(
            session,
            student_id=charge.student_id,
            lesson_id=data.lesson_id,
            lesson_kind=data.kind,
            starts_at=data.starts_at,
            amount_minor=charge.amount_minor,
            late_cancel=True,
            policy=policy,
            timezone=settings.students_studio_timezone,
        )


async def handle_lesson_scheduled(session: AsyncSession, event: Event) -> None:
    data = LessonScheduled.model_validate(event.data)
    for student_id in data.student_ids:
        await student_service.link_teacher(
            session, teacher_id=data.teacher_id, student_id=student_id, via="lesson", ref_id=data.lesson_id
        )


async def handle_member_added(session: AsyncSession, event: Event) -> None:
    data = GroupMemberAdded.model_validate(event.data)
    if data.teacher_id is not None:
        await student_service.link_teacher(
            session, teacher_id=data.teacher_id, student_id=data.student_id, via="group", ref_id=data.group_id
        )


async def handle_member_removed(session: AsyncSession, event: Event) -> None:
    data = GroupMemberRemoved.model_validate(event.data)
    await student_service.unlink_teacher(session, student_id=data.student_id, via="group", ref_id=data.group_id)


async def handle_member_moved(session: AsyncSession, event: Event) -> None:
    data = GroupMemberMoved.model_validate(event.data)
    await student_service.unlink_teacher(session, student_id=data.student_id, via="group", ref_id=data.from_group_id)
    if data.teacher_id is not None:
        await student_service.link_teacher(
            session, teacher_id=data.teacher_id, student_id=data.student_id, via="group", ref_id=data.to_group_id
        )


async def handle_trial_requested(session: AsyncSession, event: Event) -> None:
    data = TrialRequested.model_validate(event.data)
    await lead_service.receive_trial_request(session, data, active_settings().students_default_phone_region)


HANDLERS: dict[str, EventHandler] = {
    "lesson.completed": handle_lesson_completed,
    "lesson.cancelled": handle_lesson_cancelled,
    "lesson.scheduled": handle_lesson_scheduled,
    "group.member_added": handle_member_added,
    "group.member_removed": handle_member_removed,
    "group.member_moved": handle_member_moved,
    "trial.requested": handle_trial_requested,
}
