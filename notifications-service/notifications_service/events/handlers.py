"""Handlers of other services' events, one per model in consumed.py.

Each handler runs inside the inbox transaction (so a redelivered event id is skipped) and writes
delivery-log rows keyed by a business key, so a re-emitted fact with a new event id sends nothing
twice either. The service's settings (defaults, admin addresses) come with the event's context."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime
from typing import Any

from studio_kit.messaging import EventContext, EventHandlers

from ..audit import service as audit_service
from ..config import Settings
from ..notifications.service import MessageSpec, NotifyConfig, Target, create_notifications
from ..recipients import repository as recipient_repository
from ..recipients import service as recipient_service
from ..reminders import service as reminder_service
from ..reminders.models import LessonSnapshot
from ..rendering import format_datetime, format_day, format_money
from .consumed import (
    AuditRecorded,
    BalanceLow,
    DebtReminded,
    GroupMemberAdded,
    GroupMemberMoved,
    GroupMemberRemoved,
    GroupWaitlistOffered,
    LeadCreated,
    LessonCancelled,
    LessonCompleted,
    LessonRescheduled,
    LessonScheduled,
    PackageExpiring,
    PackageRunningLow,
    PaymentRecorded,
    StudentCreated,
    UserDeactivated,
    UserEmailVerificationRequested,
    UserInvited,
    UserPasswordResetRequested,
    UserRegistered,
    UserTelegramLinked,
)

ROLE_TEXT = {
    "ru": {"student": "ученик", "teacher": "преподаватель", "admin": "администратор"},
    "en": {"student": "student", "teacher": "teacher", "admin": "administrator"},
}
KIND_TEXT = {
    "ru": {"individual": "индивидуальный", "group": "групповой", "trial": "пробный"},
    "en": {"individual": "individual", "group": "group", "trial": "trial"},
}
FEEDBACK_STATUSES = ("present", "late")
# lessons-service charges in the studio's currency, which docs/events.md fixes as RUB.
CHARGE_CURRENCY = "RUB"

HANDLERS: EventHandlers[Settings] = EventHandlers()
Context = EventContext[Settings]


def _config(ctx: Context) -> NotifyConfig:
    return NotifyConfig.from_settings(ctx.settings)


def _static(values: dict[str, Any]) -> Any:
    def build(language: str, timezone: str) -> dict[str, Any]:
        return values

    return build


# --- people ---------------------------------------------------------------------------------------


async def _account_message(
    ctx: Context,
    template: str,
    url_name: str,
    url: str,
    *,
    user_id: uuid.UUID,
    email: str,
    language: str | None,
    expires_at: datetime | None,
    role: str | None = None,
    first_name: str | None = None,
) -> None:
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    email = email.strip().lower()
    await recipient_service.record_recipient(
        session, user_id, email=email, language=language, role=role, first_name=first_name
    )
    role_shown = role or "student"

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            url_name: url,
            "expires_at_text": format_datetime(expires_at, timezone, language) if expires_at else "—",
            "role_text": ROLE_TEXT[language].get(role_shown, role_shown),
        }

    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        dedup_key=str(envelope.id),
        category="account",
        template=template,
        context=context,
        forced_channels=("email",),
    )
    target = Target(user_id=user_id, email=email, language_hint=language, first_name=first_name)
    await create_notifications(session, spec, [target], config)


@HANDLERS.on(UserInvited)
async def handle_user_invited(event: UserInvited, ctx: Context) -> None:
    await _account_message(
        ctx,
        "invitation",
        "invite_url",
        event.invite_url,
        user_id=event.user_id,
        email=event.email,
        language=event.language,
        expires_at=event.expires_at,
        role=event.role,
        first_name=event.first_name,
    )


@HANDLERS.on(UserPasswordResetRequested)
async def handle_password_reset_requested(event: UserPasswordResetRequested, ctx: Context) -> None:
    await _account_message(
        ctx,
        "password_reset",
        "reset_url",
        event.reset_url,
        user_id=event.user_id,
        email=event.email,
        language=event.language,
        expires_at=event.expires_at,
    )


@HANDLERS.on(UserEmailVerificationRequested)
async def handle_email_verification_requested(event: UserEmailVerificationRequested, ctx: Context) -> None:
    await _account_message(
        ctx,
        "email_verification",
        "verify_url",
        event.verify_url,
        user_id=event.user_id,
        email=event.email,
        language=event.language,
        expires_at=event.expires_at,
    )


@HANDLERS.on(UserRegistered)
async def handle_user_registered(event: UserRegistered, ctx: Context) -> None:
    await recipient_service.record_recipient(
        ctx.session,
        event.user_id,
        email=event.email,
        role=event.role,
        first_name=event.first_name,
        last_name=event.last_name,
        phone=event.phone,
        timezone=event.timezone,
        language=event.language,
    )


@HANDLERS.on(UserTelegramLinked)
async def handle_user_telegram_linked(event: UserTelegramLinked, ctx: Context) -> None:
    await recipient_service.record_recipient(
        ctx.session, event.user_id, telegram_chat_id=event.chat_id, role=event.role
    )


@HANDLERS.on(UserDeactivated)
async def handle_user_deactivated(event: UserDeactivated, ctx: Context) -> None:
    await recipient_service.record_recipient(ctx.session, event.user_id, active=False)


@HANDLERS.on(StudentCreated)
async def handle_student_created(event: StudentCreated, ctx: Context) -> None:
    await recipient_service.record_recipient(
        ctx.session,
        event.user_id or event.student_id,
        role="student",
        email=event.email,
        phone=event.phone,
        first_name=event.first_name,
        last_name=event.last_name,
    )


# --- groups ---------------------------------------------------------------------------------------


@HANDLERS.on(GroupMemberAdded)
async def handle_group_member_added(event: GroupMemberAdded, ctx: Context) -> None:
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    await recipient_service.record_group_join(session, event.group_id, event.student_id, envelope.time)
    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        dedup_key=str(envelope.id),
        category="lessons",
        template="group_member_added",
        context=_static({"group_name": event.group_name}),
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=event.student_id)], config)


@HANDLERS.on(GroupMemberRemoved)
async def handle_group_member_removed(event: GroupMemberRemoved, ctx: Context) -> None:
    await recipient_service.record_group_leave(ctx.session, event.group_id, event.student_id, ctx.envelope.time)


@HANDLERS.on(GroupMemberMoved)
async def handle_group_member_moved(event: GroupMemberMoved, ctx: Context) -> None:
    if event.from_group_id is not None:
        await recipient_service.record_group_leave(
            ctx.session, event.from_group_id, event.student_id, ctx.envelope.time
        )
    if event.to_group_id is not None:
        await recipient_service.record_group_join(ctx.session, event.to_group_id, event.student_id, ctx.envelope.time)


@HANDLERS.on(GroupWaitlistOffered)
async def handle_group_waitlist_offered(event: GroupWaitlistOffered, ctx: Context) -> None:
    envelope, config = ctx.envelope, _config(ctx)
    offers_url = f"{config.app_url}/student/offers"

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "group_name": event.group_name,
            "expires_at_text": format_datetime(event.expires_at, timezone, language),
            "offers_url": offers_url,
        }

    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        # One message per offer: the same seat offered again later is a new offer with a new expiry.
        dedup_key=f"waitlist-offer:{event.group_id}:{event.student_id}:{event.expires_at.isoformat()}",
        category="lessons",
        template="waitlist_offered",
        context=context,
        payload={"url": offers_url},
    )
    await create_notifications(ctx.session, spec, [Target(user_id=event.student_id)], config)


# --- lessons --------------------------------------------------------------------------------------


def _lesson_targets(lesson: LessonSnapshot) -> list[Target]:
    targets = []
    for user_id in reminder_service.participants(lesson):
        is_teacher = user_id == lesson.teacher_id
        targets.append(Target(user_id=user_id, context=_static({"is_teacher": is_teacher})))
    return targets


def _lesson_context(lesson: LessonSnapshot, old_starts_at: datetime | None = None) -> Any:
    def build(language: str, timezone: str) -> dict[str, Any]:
        values = {
            "starts_at_text": format_datetime(lesson.starts_at, timezone, language),
            "kind_text": KIND_TEXT[language].get(lesson.kind, lesson.kind),
            "is_teacher": False,
        }
        if old_starts_at is not None:
            values["old_starts_at_text"] = format_datetime(old_starts_at, timezone, language)
        return values

    return build


def _snapshot(event: LessonScheduled | LessonRescheduled | LessonCancelled | LessonCompleted) -> dict[str, Any]:
    """The lesson fields a reminder snapshot keeps (absent ones are None and leave it as it is)."""
    return event.model_dump(mode="json")


@HANDLERS.on(LessonScheduled)
async def handle_lesson_scheduled(event: LessonScheduled, ctx: Context) -> None:
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    applied = await reminder_service.apply_lesson_event(session, "scheduled", _snapshot(event), envelope.time)
    if applied is None:
        return
    lesson = applied.lesson
    await reminder_service.sync_reminders(session, lesson, first=applied.first)
    # A group series schedules dozens of lessons at once; members get reminders, not a message each.
    if lesson.kind == "group":
        return
    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        dedup_key=f"lesson.scheduled:{lesson.lesson_id}",
        category="lessons",
        template="lesson_scheduled",
        context=_lesson_context(lesson),
        payload={"url": config.app_url, "lesson_id": str(lesson.lesson_id)},
    )
    await create_notifications(session, spec, _lesson_targets(lesson), config)


@HANDLERS.on(LessonRescheduled)
async def handle_lesson_rescheduled(event: LessonRescheduled, ctx: Context) -> None:
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    applied = await reminder_service.apply_lesson_event(session, "scheduled", _snapshot(event), envelope.time)
    if applied is None:
        return
    lesson = applied.lesson
    await reminder_service.sync_reminders(session, lesson, first=applied.first)
    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        # The teacher is part of the key: a substitution keeps the time and changes only the teacher.
        dedup_key=f"lesson.rescheduled:{lesson.lesson_id}:{lesson.starts_at.isoformat()}:{lesson.teacher_id}",
        category="lessons",
        template="lesson_rescheduled",
        context=_lesson_context(lesson, event.old_starts_at or lesson.starts_at),
        payload={"url": config.app_url, "lesson_id": str(lesson.lesson_id)},
    )
    await create_notifications(session, spec, _lesson_targets(lesson), config)


@HANDLERS.on(LessonCancelled)
async def handle_lesson_cancelled(event: LessonCancelled, ctx: Context) -> None:
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    applied = await reminder_service.apply_lesson_event(session, "cancelled", _snapshot(event), envelope.time)
    if applied is None:
        return
    lesson = applied.lesson
    await reminder_service.sync_reminders(session, lesson, first=applied.first)
    charges = {charge.student_id: charge.amount_minor for charge in event.charges if charge.amount_minor}
    reason = event.reason or ""
    targets = []
    # The person who cancelled is told too: the message is their receipt of any late-cancel charge.
    for target in _lesson_targets(lesson):
        charge = charges.get(target.user_id) if event.late_cancel and target.user_id else None
        is_teacher = target.user_id == lesson.teacher_id

        def extra(
            language: str, timezone: str, charge: int | None = charge, is_teacher: bool = is_teacher
        ) -> dict[str, Any]:
            return {
                "charge_text": format_money(charge, CHARGE_CURRENCY, language) if charge else "",
                "is_teacher": is_teacher,
                "reason": reason,
            }

        targets.append(Target(user_id=target.user_id, context=extra))
    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        dedup_key=f"lesson.cancelled:{lesson.lesson_id}",
        category="lessons",
        template="lesson_cancelled",
        context=_lesson_context(lesson),
        payload={"url": config.app_url, "lesson_id": str(lesson.lesson_id)},
    )
    await create_notifications(session, spec, targets, config)


@HANDLERS.on(LessonCompleted)
async def handle_lesson_completed(event: LessonCompleted, ctx: Context) -> None:
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    applied = await reminder_service.apply_lesson_event(session, "completed", _snapshot(event), envelope.time)
    if applied is not None:
        await reminder_service.sync_reminders(session, applied.lesson, first=applied.first)
    lesson_id = str(event.lesson_id)
    starts_at = event.starts_at
    attended = [row.student_id for row in event.attendance if row.status in FEEDBACK_STATUSES]
    feedback_url = f"{config.app_url}/lessons/{lesson_id}?feedback=1"

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {"starts_at_text": format_datetime(starts_at, timezone, language), "feedback_url": feedback_url}

    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        dedup_key=f"lesson.completed:{lesson_id}",
        category="lessons",
        template="feedback_request",
        context=context,
        payload={
            "url": feedback_url,
            "lesson_id": lesson_id,
            # tg-bot answers these with `feedback:<lesson_id>:<rating>` callbacks.
            "buttons": [
                [{"text": f"{rating} ⭐", "callback_data": f"feedback:{lesson_id}:{rating}"} for rating in range(1, 6)]
            ],
        },
    )
    await create_notifications(session, spec, [Target(user_id=user_id) for user_id in attended], config)


# --- money ----------------------------------------------------------------------------------------


async def _billing_notice(
    ctx: Context, student_id: uuid.UUID, template: str, dedup_key: str, context: Callable[[str, str], dict[str, Any]]
) -> None:
    """A money message to one student (billing category, linking to the app), once per `dedup_key`."""
    spec = MessageSpec(
        event_id=ctx.envelope.id,
        event_type=ctx.envelope.type,
        dedup_key=dedup_key,
        category="billing",
        template=template,
        context=context,
        payload={"url": _config(ctx).app_url},
    )
    await create_notifications(ctx.session, spec, [Target(user_id=student_id)], _config(ctx))


@HANDLERS.on(PaymentRecorded)
async def handle_payment_recorded(event: PaymentRecorded, ctx: Context) -> None:
    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "amount_text": format_money(event.amount_minor, event.currency, language),
            "balance_text": format_money(event.balance_minor, event.currency, language),
        }

    await _billing_notice(ctx, event.student_id, "payment_recorded", f"payment.recorded:{event.entry_id}", context)


@HANDLERS.on(BalanceLow)
async def handle_balance_low(event: BalanceLow, ctx: Context) -> None:
    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "balance_text": format_money(event.balance_minor, event.currency, language),
            "threshold_text": format_money(event.threshold_minor, event.currency, language),
        }

    await _billing_notice(ctx, event.student_id, "balance_low", str(ctx.envelope.id), context)


@HANDLERS.on(DebtReminded)
async def handle_debt_reminded(event: DebtReminded, ctx: Context) -> None:
    """An admin's one-click reminder from the debts list: what the student owes and which packages
    end soon. students-service publishes at most one a day per student; the key keeps it so."""
    balance = event.balance_minor
    ending = [(item.valid_until, item.lessons_left) for item in event.packages_ending]

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "owes": balance < 0,
            "debt_text": format_money(-balance, event.currency, language) if balance < 0 else "",
            "packages": [{"valid_until": format_day(day, language), "lessons_left": left} for day, left in ending],
        }

    await _billing_notice(
        ctx,
        event.student_id,
        "debt_reminder",
        f"debt-reminder:{event.student_id}:{event.reminded_on.isoformat()}",
        context,
    )


@HANDLERS.on(PackageExpiring)
async def handle_package_expiring(event: PackageExpiring, ctx: Context) -> None:
    """A package nears its last valid day; students-service sends one per crossing, the key one per
    package and end date (a freeze that moves the end makes a new crossing)."""
    day, left = event.valid_until, event.lessons_left

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {"valid_until": format_day(day, language), "lessons_left": left}

    await _billing_notice(
        ctx, event.student_id, "package_expiring", f"package-expiring:{event.package_id}:{day.isoformat()}", context
    )


@HANDLERS.on(PackageRunningLow)
async def handle_package_running_low(event: PackageRunningLow, ctx: Context) -> None:
    """A package's lessons left fell to the studio's threshold (one per crossing and count)."""
    left, day = event.lessons_left, event.valid_until

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {"lessons_left": left, "valid_until": format_day(day, language)}

    await _billing_notice(
        ctx, event.student_id, "package_running_low", f"package-low:{event.package_id}:{left}", context
    )


# --- leads and the audit trail --------------------------------------------------------------------


@HANDLERS.on(LeadCreated)
async def handle_lead_created(event: LeadCreated, ctx: Context) -> None:
    """One alert per lead (students-service publishes `lead.created` once per open lead), however
    often the prospect sends the bot's trial form."""
    session, envelope, config = ctx.session, ctx.envelope, _config(ctx)
    admins = await recipient_repository.list_active_by_role(session, "admin")
    known = {(admin.email or "").lower() for admin in admins}
    targets = [Target(user_id=admin.user_id) for admin in admins]
    targets += [Target(email=email) for email in config.admin_emails if email not in known]
    slot = event.preferred_slot or {}
    slot_start = datetime.fromisoformat(str(slot["starts_at"])) if slot.get("starts_at") else None

    def context(language: str, timezone: str) -> dict[str, Any]:
        preferred = format_datetime(slot_start, timezone, language) if slot_start else event.time_of_day or "—"
        return {
            "name": event.name,
            "phone": event.phone,
            "level": event.level or "—",
            "goal": event.goal or "—",
            "is_child": event.is_child,
            "preferred_text": preferred,
        }

    spec = MessageSpec(
        event_id=envelope.id,
        event_type=envelope.type,
        dedup_key=f"lead.created:{event.lead_id}",
        category="lessons",
        template="trial_requested",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, targets, config)


@HANDLERS.on(AuditRecorded)
async def handle_audit_recorded(event: AuditRecorded, ctx: Context) -> None:
    """The studio's audit trail (ADR 0120): every staff write of every service, kept once."""
    await audit_service.collect(ctx.session, event, ctx.envelope.source)
