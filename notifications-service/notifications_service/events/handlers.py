"""Consumers of other services' events, keyed by event type.

Each handler runs inside the inbox transaction (so a redelivered event id is skipped) and writes
delivery-log rows keyed by a business key, so a re-emitted fact with a new event id sends nothing
twice either. Handlers need the service's settings (defaults, admin addresses), so the table is
built per app by `build_handlers(settings)`."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Coroutine
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.messaging import Event, EventHandler

from ..audit import service as audit_service
from ..config import Settings
from ..notifications.service import MessageSpec, NotifyConfig, Target, create_notifications
from ..recipients import repository as recipient_repository
from ..recipients import service as recipient_service
from ..reminders import service as reminder_service
from ..reminders.models import LessonSnapshot
from ..rendering import format_datetime, format_day, format_money

ROLE_TEXT = {
    "ru": {"student": "ученик", "teacher": "преподаватель", "admin": "администратор"},
    "en": {"student": "student", "teacher": "teacher", "admin": "administrator"},
}
KIND_TEXT = {
    "ru": {"individual": "индивидуальный", "group": "групповой", "trial": "пробный"},
    "en": {"individual": "individual", "group": "group", "trial": "trial"},
}
FEEDBACK_STATUSES = ("present", "late")


def _uuid(value: Any) -> uuid.UUID | None:
    if not value:
        return None
    return uuid.UUID(str(value))


def _time(value: Any) -> datetime:
    return datetime.fromisoformat(str(value))


def _static(values: dict[str, Any]) -> Any:
    def build(language: str, timezone: str) -> dict[str, Any]:
        return values

    return build


# --- people ---------------------------------------------------------------------------------------


async def _account_message(
    session: AsyncSession, event: Event, config: NotifyConfig, template: str, url_field: str, url_name: str
) -> None:
    data = event.data
    user_id = _uuid(data.get("user_id"))
    email = str(data["email"]).strip().lower()
    if user_id is not None:
        await recipient_service.record_recipient(
            session,
            user_id,
            email=email,
            language=data.get("language"),
            role=data.get("role"),
            first_name=data.get("first_name"),
        )
    expires_at = _time(data["expires_at"]) if data.get("expires_at") else None
    role = str(data.get("role") or "student")

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            url_name: data[url_field],
            "expires_at_text": format_datetime(expires_at, timezone, language) if expires_at else "—",
            "role_text": ROLE_TEXT[language].get(role, role),
        }

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=str(event.id),
        category="account",
        template=template,
        context=context,
        forced_channels=("email",),
    )
    target = Target(user_id=user_id, email=email, language_hint=data.get("language"), first_name=data.get("first_name"))
    await create_notifications(session, spec, [target], config)


async def handle_user_invited(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    await _account_message(session, event, config, "invitation", "invite_url", "invite_url")


async def handle_password_reset_requested(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    await _account_message(session, event, config, "password_reset", "reset_url", "reset_url")


async def handle_email_verification_requested(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    await _account_message(session, event, config, "email_verification", "verify_url", "verify_url")


async def handle_user_telegram_linked(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    user_id = _uuid(data.get("user_id"))
    if user_id is not None:
        await recipient_service.record_recipient(
            session, user_id, telegram_chat_id=int(data["chat_id"]), role=data.get("role")
        )


async def handle_user_deactivated(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    user_id = _uuid(event.data.get("user_id"))
    if user_id is not None:
        await recipient_service.record_recipient(session, user_id, active=False)


async def handle_student_created(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    user_id = _uuid(data.get("user_id")) or _uuid(data.get("student_id"))
    if user_id is not None:
        await recipient_service.record_recipient(
            session,
            user_id,
            role="student",
            email=data.get("email"),
            phone=data.get("phone"),
            first_name=data.get("first_name"),
            last_name=data.get("last_name"),
        )


# --- groups ---------------------------------------------------------------------------------------


async def handle_group_member_added(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    group_id, student_id = uuid.UUID(str(data["group_id"])), uuid.UUID(str(data["student_id"]))
    await recipient_service.record_group_join(session, group_id, student_id, event.time)
    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=str(event.id),
        category="lessons",
        template="group_member_added",
        context=_static({"group_name": str(data.get("group_name") or "")}),
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=student_id)], config)


async def handle_group_member_removed(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    await recipient_service.record_group_leave(
        session, uuid.UUID(str(data["group_id"])), uuid.UUID(str(data["student_id"])), event.time
    )


async def handle_group_member_moved(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    student_id = uuid.UUID(str(data["student_id"]))
    if data.get("from_group_id"):
        await recipient_service.record_group_leave(
            session, uuid.UUID(str(data["from_group_id"])), student_id, event.time
        )
    if data.get("to_group_id"):
        await recipient_service.record_group_join(session, uuid.UUID(str(data["to_group_id"])), student_id, event.time)


async def handle_group_waitlist_offered(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    student_id = uuid.UUID(str(data["student_id"]))
    expires_at = _time(data["expires_at"])
    group_name = str(data.get("group_name") or "")
    offers_url = f"{config.app_url}/student/offers"

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "group_name": group_name,
            "expires_at_text": format_datetime(expires_at, timezone, language),
            "offers_url": offers_url,
        }

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        # One message per offer: the same seat offered again later is a new offer with a new expiry.
        dedup_key=f"waitlist-offer:{data['group_id']}:{student_id}:{data['expires_at']}",
        category="lessons",
        template="waitlist_offered",
        context=context,
        payload={"url": offers_url},
    )
    await create_notifications(session, spec, [Target(user_id=student_id)], config)


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


async def handle_lesson_scheduled(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    lesson = await reminder_service.apply_lesson_event(session, "scheduled", event.data, event.time)
    if lesson is None:
        return
    await reminder_service.sync_reminders(session, lesson)
    # A group series schedules dozens of lessons at once; members get reminders, not a message each.
    if lesson.kind == "group":
        return
    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"lesson.scheduled:{lesson.lesson_id}",
        category="lessons",
        template="lesson_scheduled",
        context=_lesson_context(lesson),
        payload={"url": config.app_url, "lesson_id": str(lesson.lesson_id)},
    )
    await create_notifications(session, spec, _lesson_targets(lesson), config)


async def handle_lesson_rescheduled(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    lesson = await reminder_service.apply_lesson_event(session, "scheduled", event.data, event.time)
    if lesson is None:
        return
    await reminder_service.sync_reminders(session, lesson)
    old = event.data.get("old_starts_at")
    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        # The teacher is part of the key: a substitution keeps the time and changes only the teacher.
        dedup_key=f"lesson.rescheduled:{lesson.lesson_id}:{lesson.starts_at.isoformat()}:{lesson.teacher_id}",
        category="lessons",
        template="lesson_rescheduled",
        context=_lesson_context(lesson, _time(old) if old else lesson.starts_at),
        payload={"url": config.app_url, "lesson_id": str(lesson.lesson_id)},
    )
    await create_notifications(session, spec, _lesson_targets(lesson), config)


async def handle_lesson_cancelled(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    lesson = await reminder_service.apply_lesson_event(session, "cancelled", data, event.time)
    if lesson is None:
        return
    await reminder_service.sync_reminders(session, lesson)
    charges = {
        str(charge["student_id"]): (int(charge["amount_minor"]), str(charge.get("currency") or "RUB"))
        for charge in data.get("charges") or []
        if charge.get("amount_minor")
    }
    reason = str(data.get("reason") or "")
    targets = []
    # The person who cancelled is told too: the message is their receipt of any late-cancel charge.
    for target in _lesson_targets(lesson):
        charge = charges.get(str(target.user_id)) if data.get("late_cancel") else None
        is_teacher = target.user_id == lesson.teacher_id

        def extra(language: str, timezone: str, charge: Any = charge, is_teacher: bool = is_teacher) -> dict[str, Any]:
            return {
                "charge_text": format_money(charge[0], charge[1], language) if charge else "",
                "is_teacher": is_teacher,
                "reason": reason,
            }

        targets.append(Target(user_id=target.user_id, context=extra))
    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"lesson.cancelled:{lesson.lesson_id}",
        category="lessons",
        template="lesson_cancelled",
        context=_lesson_context(lesson),
        payload={"url": config.app_url, "lesson_id": str(lesson.lesson_id)},
    )
    await create_notifications(session, spec, targets, config)


async def handle_lesson_completed(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    lesson = await reminder_service.apply_lesson_event(session, "completed", data, event.time)
    if lesson is not None:
        await reminder_service.sync_reminders(session, lesson)
    lesson_id = str(data["lesson_id"])
    starts_at = _time(data["starts_at"])
    attended = [
        uuid.UUID(str(row["student_id"]))
        for row in data.get("attendance") or []
        if row.get("status") in FEEDBACK_STATUSES
    ]
    feedback_url = f"{config.app_url}/lessons/{lesson_id}?feedback=1"

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {"starts_at_text": format_datetime(starts_at, timezone, language), "feedback_url": feedback_url}

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
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


async def handle_payment_recorded(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    currency = str(data.get("currency") or "RUB")
    amount, balance = int(data["amount_minor"]), int(data["balance_minor"])

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "amount_text": format_money(amount, currency, language),
            "balance_text": format_money(balance, currency, language),
        }

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"payment.recorded:{data['entry_id']}",
        category="billing",
        template="payment_recorded",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=uuid.UUID(str(data["student_id"])))], config)


async def handle_balance_low(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    data = event.data
    currency = str(data.get("currency") or "RUB")
    balance, threshold = int(data["balance_minor"]), int(data["threshold_minor"])

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "balance_text": format_money(balance, currency, language),
            "threshold_text": format_money(threshold, currency, language),
        }

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=str(event.id),
        category="billing",
        template="balance_low",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=uuid.UUID(str(data["student_id"])))], config)


async def handle_debt_reminded(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    """An admin's one-click reminder from the debts list: what the student owes and which packages
    end soon. students-service publishes at most one a day per student; the key keeps it so."""
    data = event.data
    currency = str(data.get("currency") or "RUB")
    balance = int(data["balance_minor"])
    ending = [(str(item["valid_until"]), int(item["lessons_left"])) for item in data.get("packages_ending") or []]

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {
            "owes": balance < 0,
            "debt_text": format_money(-balance, currency, language) if balance < 0 else "",
            "packages": [{"valid_until": format_day(day, language), "lessons_left": left} for day, left in ending],
        }

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"debt-reminder:{data['student_id']}:{data['reminded_on']}",
        category="billing",
        template="debt_reminder",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=uuid.UUID(str(data["student_id"])))], config)


async def handle_package_expiring(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    """A package nears its last valid day; students-service sends one per crossing, the key one per
    package and end date (a freeze that moves the end makes a new crossing)."""
    data = event.data
    day, left = str(data["valid_until"]), int(data["lessons_left"])

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {"valid_until": format_day(day, language), "lessons_left": left}

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"package-expiring:{data['package_id']}:{day}",
        category="billing",
        template="package_expiring",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=uuid.UUID(str(data["student_id"])))], config)


async def handle_package_running_low(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    """A package's lessons left fell to the studio's threshold (one per crossing and count)."""
    data = event.data
    left, day = int(data["lessons_left"]), str(data["valid_until"])

    def context(language: str, timezone: str) -> dict[str, Any]:
        return {"lessons_left": left, "valid_until": format_day(day, language)}

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"package-low:{data['package_id']}:{left}",
        category="billing",
        template="package_running_low",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, [Target(user_id=uuid.UUID(str(data["student_id"])))], config)


# --- leads ----------------------------------------------------------------------------------------


async def handle_lead_created(session: AsyncSession, event: Event, *, config: NotifyConfig) -> None:
    """One alert per lead (students-service publishes `lead.created` once per open lead), however
    often the prospect sends the bot's trial form."""
    data = event.data
    admins = await recipient_repository.list_active_by_role(session, "admin")
    known = {(admin.email or "").lower() for admin in admins}
    targets = [Target(user_id=admin.user_id) for admin in admins]
    targets += [Target(email=email) for email in config.admin_emails if email not in known]
    slot = data.get("preferred_slot") or {}
    slot_start = _time(slot["starts_at"]) if slot.get("starts_at") else None
    time_of_day = str(data.get("time_of_day") or "")

    def context(language: str, timezone: str) -> dict[str, Any]:
        preferred = format_datetime(slot_start, timezone, language) if slot_start else time_of_day or "—"
        return {
            "name": str(data.get("name") or "—"),
            "phone": str(data.get("phone") or "—"),
            "level": str(data.get("level") or "—"),
            "goal": str(data.get("goal") or "—"),
            "is_child": bool(data.get("is_child")),
            "preferred_text": preferred,
        }

    spec = MessageSpec(
        event_id=event.id,
        event_type=event.type,
        dedup_key=f"lead.created:{data.get('lead_id') or event.id}",
        category="lessons",
        template="trial_requested",
        context=context,
        payload={"url": config.app_url},
    )
    await create_notifications(session, spec, targets, config)


HandlerFunction = Callable[..., Coroutine[Any, Any, None]]

HANDLER_FUNCTIONS: dict[str, HandlerFunction] = {
    "user.invited": handle_user_invited,
    "user.password_reset_requested": handle_password_reset_requested,
    "user.email_verification_requested": handle_email_verification_requested,
    "user.telegram_linked": handle_user_telegram_linked,
    "user.deactivated": handle_user_deactivated,
    "student.created": handle_student_created,
    "group.member_added": handle_group_member_added,
    "group.member_removed": handle_group_member_removed,
    "group.member_moved": handle_group_member_moved,
    "group.waitlist_offered": handle_group_waitlist_offered,
    "lesson.scheduled": handle_lesson_scheduled,
    "lesson.rescheduled": handle_lesson_rescheduled,
    "lesson.cancelled": handle_lesson_cancelled,
    "lesson.completed": handle_lesson_completed,
    "payment.recorded": handle_payment_recorded,
    "balance.low": handle_balance_low,
    "debt.reminded": handle_debt_reminded,
    "package.expiring": handle_package_expiring,
    "package.running_low": handle_package_running_low,
    "lead.created": handle_lead_created,
}
# What this service consumes, for contract tests that do not build an app.
CONSUMED_EVENT_TYPES = tuple(HANDLER_FUNCTIONS)


def build_handlers(settings: Settings) -> dict[str, EventHandler]:
    """The consumer's table: event type → handler bound to this app's settings."""
    config = NotifyConfig.from_settings(settings)
    handlers: dict[str, EventHandler] = {
        event_type: functools.partial(handler, config=config) for event_type, handler in HANDLER_FUNCTIONS.items()
    }
    handlers["audit.recorded"] = audit_service.collect  # the studio's audit trail (ADR 0120)
    return handlers
