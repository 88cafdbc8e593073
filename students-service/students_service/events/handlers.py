"""Consumers of other services' events, keyed by event type. Each handler runs inside the inbox
transaction, and is idempotent on its business keys as well (a lesson settles once per student)."""

from studio_kit.messaging import EventContext, EventHandlers

from ..config import Settings
from ..leads import service as lead_service
from ..ledger.service import policy_from
from ..makeups import service as makeup_service
from ..packages import service as package_service
from ..packages.reminders import reminder_policy
from ..students import service as student_service
from .consumed import (
    GroupMemberAdded,
    GroupMemberMoved,
    GroupMemberRemoved,
    LessonCancelled,
    LessonCompleted,
    LessonScheduled,
    TrialRequested,
)

CHARGED_ATTENDANCE = frozenset({"present", "absent", "late"})
ATTENDED = frozenset({"present", "late"})

HANDLERS: EventHandlers[Settings] = EventHandlers()
Context = EventContext[Settings]


@HANDLERS.on(LessonCompleted)
async def handle_lesson_completed(data: LessonCompleted, context: Context) -> None:
    session = context.session
    settings = context.settings
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
                reminders=reminder_policy(settings),
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
            reminders=reminder_policy(settings),
        )


@HANDLERS.on(LessonCancelled)
async def handle_lesson_cancelled(data: LessonCancelled, context: Context) -> None:
    session = context.session
    if not data.late_cancel:
        # Cancelled in time: a make-up credit held for the lesson is free again.
        for student_id in sorted(data.student_ids):
            await makeup_service.release_credit(session, student_id, data.lesson_id)
        return
    settings = context.settings
    policy = policy_from(settings.students_currency, settings.students_balance_low_threshold_minor)
    makeups = await makeup_service.get_policy(session)
    excused = data.cancelled_by == "student" and makeup_service.cancel_is_excused(
        makeups, data.starts_at, context.envelope.time
    )
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
                reminders=reminder_policy(settings),
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
            reminders=reminder_policy(settings),
        )


@HANDLERS.on(LessonScheduled)
async def handle_lesson_scheduled(data: LessonScheduled, context: Context) -> None:
    # Every student of the lesson in one statement (a group lesson has many).
    await student_service.link_teacher_to_students(
        context.session, teacher_id=data.teacher_id, student_ids=data.student_ids, via="lesson", ref_id=data.lesson_id
    )


@HANDLERS.on(GroupMemberAdded)
async def handle_member_added(data: GroupMemberAdded, context: Context) -> None:
    session = context.session
    if data.teacher_id is not None:
        await student_service.link_teacher(
            session, teacher_id=data.teacher_id, student_id=data.student_id, via="group", ref_id=data.group_id
        )


@HANDLERS.on(GroupMemberRemoved)
async def handle_member_removed(data: GroupMemberRemoved, context: Context) -> None:
    session = context.session
    await student_service.unlink_teacher(session, student_id=data.student_id, via="group", ref_id=data.group_id)


@HANDLERS.on(GroupMemberMoved)
async def handle_member_moved(data: GroupMemberMoved, context: Context) -> None:
    session = context.session
    await student_service.unlink_teacher(session, student_id=data.student_id, via="group", ref_id=data.from_group_id)
    if data.teacher_id is not None:
        await student_service.link_teacher(
            session, teacher_id=data.teacher_id, student_id=data.student_id, via="group", ref_id=data.to_group_id
        )


@HANDLERS.on(TrialRequested)
async def handle_trial_requested(data: TrialRequested, context: Context) -> None:
    session = context.session
    await lead_service.receive_trial_request(session, data, context.settings.students_default_phone_region)
