"""The admin's screens: KPIs from several services, people created account-first, and thin
authorised pass-through to the owning service for the rest."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from ..clients.auth import AuthClient
from ..clients.calendary import CalendaryClient
from ..clients.groups import GroupsClient
from ..clients.lessons import LessonsClient
from ..clients.notifications import NotificationsClient
from ..clients.students import StudentsClient
from ..clients.teachers import TeachersClient
from ..downstream import Caller, fan_out
from ..groupdesk import service as groupdesk_service
from ..reference import service as reference_service
from ..schemas import Group, LedgerEntry, LessonPackage, Membership, Page, Room, StudentProfile, TeacherRecord
from ..staff import service as staff_service
from .schemas import Broadcast, GroupMembers, Lead, MoveResult, NotificationEntry

REVENUE_MONTHS = 6


async def _attendance_rate(caller: Caller, since: datetime, until: datetime) -> float | None:
    """Attended seats (present or late) over charged seats of the lessons completed in the range,
    counted by lessons-service in one call."""
    summary = await LessonsClient(caller).attendance_summary(since, until)
    if not summary.charged_seats:
        return None
    return round(summary.attended_seats / summary.charged_seats, 3)


async def _revenue(caller: Caller) -> list[dict[str, Any]]:
    """Lessons delivered per studio month: the price of every seat of a completed lesson."""
    months = await LessonsClient(caller).delivered_by_month(REVENUE_MONTHS)
    return [{"month": m.month, "amount_minor": m.delivered_minor, "currency": m.currency} for m in months]


async def _cash(caller: Caller) -> list[dict[str, Any]]:
    """Cash received per studio month (payments; refunds shown beside them, not netted)."""
    months = await StudentsClient(caller).cash_by_month(REVENUE_MONTHS)
    return [
        {"month": m.month, "amount_minor": m.received_minor, "refunded_minor": m.refunded_minor, "currency": m.currency}
        for m in months
    ]


async def _week(caller: Caller, week_start: datetime) -> int:
    page = await LessonsClient(caller).list_lessons(start=week_start, end=week_start + timedelta(days=7), size=1)
    return page.total


async def get_dashboard(caller: Caller) -> dict[str, Any]:
    """KPIs, kept for a few seconds: six downstream calls each, and several admins (or one
    admin's reloads) asking for the same aggregates. A partial answer is never kept."""
    dashboard: dict[str, Any] = await reference_service.cached(
        caller.redis,
        "admin-dashboard",
        caller.settings.admin_dashboard_cache_seconds,
        lambda: compute_dashboard(caller),
        keep=lambda value: not value["degraded"],
    )
    return dashboard


async def compute_dashboard(caller: Caller) -> dict[str, Any]:
    """KPIs, each from its own service in parallel (one aggregate call per KPI, none per lesson or
    per lead status); a KPI whose service is down is null and flagged."""
    now = datetime.now(UTC)
    week_start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    values, degraded = await fan_out(
        {
            "students": StudentsClient(caller).count_students(status="active"),
            "week": _week(caller, week_start),
            "attendance": _attendance_rate(caller, now - timedelta(days=30), now),
            "revenue": _revenue(caller),
            "cash": _cash(caller),
            "funnel": StudentsClient(caller).lead_funnel(),
        }
    )
    return {
        "active_students": values["students"],
        "lessons_this_week": values["week"],
        "attendance_rate": values["attendance"],
        "revenue_by_month": values["revenue"] or [],
        "cash_by_month": values["cash"] or [],
        "trial_funnel": values["funnel"] or {},
        "degraded": degraded,
    }


async def list_students(caller: Caller, params: dict[str, Any]) -> Page[StudentProfile]:
    """Students with search, filters, pagination and balances."""
    return await StudentsClient(caller).list_students(params)


async def create_student(caller: Caller, data: dict[str, Any], invite: bool) -> StudentProfile:
    """Create a student profile; with `invite`, the account first and the profile under its id."""
    profile = {key: value for key, value in data.items() if value is not None}
    if invite:
        user_id = str(uuid.uuid4())
        await AuthClient(caller).create_user(
            {
                "id": user_id,
                "email": data["email"],
                "role": "student",
                "first_name": data["first_name"],
                "last_name": data.get("last_name") or "",
                "phone": data.get("phone"),
                "timezone": data.get("timezone"),
                "invite": True,
            }
        )
        profile["user_id"] = user_id
    return await StudentsClient(caller).create_student(profile)


async def get_student(caller: Caller, student_id: str) -> dict[str, Any]:
    """Profile (critical), ledger, packages, groups and lessons of the last 90 and next 60 days."""
    now = datetime.now(UTC)
    students = StudentsClient(caller)
    values, degraded = await fan_out(
        {
            "profile": students.get_student(student_id),
            "ledger": students.ledger(student_id),
            "packages": students.packages(student_id),
            "groups": GroupsClient(caller).student_groups(student_id),
            "lessons": LessonsClient(caller).list_lessons(
                student_id=student_id, start=now - timedelta(days=90), end=now + timedelta(days=60), size=200
            ),
        },
        critical=frozenset({"profile"}),
    )
    return {
        **values["profile"].model_dump(),
        # The screen's shape keeps the ledger an open object: hand it over as JSON.
        "ledger": values["ledger"].model_dump(mode="json") if values["ledger"] is not None else None,
        "packages": values["packages"] or [],
        "groups": values["groups"] or [],
        "lessons": values["lessons"].items if values["lessons"] is not None else [],
        "degraded": degraded,
    }


async def update_student(caller: Caller, student_id: str, data: dict[str, Any]) -> StudentProfile:
    """Update profile fields."""
    return await StudentsClient(caller).update_student(student_id, data)


async def record_payment(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[LedgerEntry, bool]:
    """Record a payment once per Idempotency-Key. Returns (entry, replayed)."""
    return await StudentsClient(caller).record_payment(student_id, data, idempotency_key=idempotency_key)


async def sell_package(caller: Caller, student_id: str, data: dict[str, Any]) -> LessonPackage:
    """Sell a lesson package (абонемент)."""
    return await StudentsClient(caller).sell_package(student_id, data)


async def list_teachers(caller: Caller, params: dict[str, Any]) -> Page[TeacherRecord]:
    """Teachers with contacts, status and whether each accepted the invitation."""
    page = await TeachersClient(caller).admin_teachers(params)
    return page.model_copy(update={"items": await staff_service.with_invitations(caller, page.items)})


async def create_teacher(caller: Caller, data: dict[str, Any]) -> TeacherRecord:
    """Invite the teacher's account by e-mail, create the profile under the same id, and make the
    new teacher visible to students at once. With `rate_minor` the teacher is paid that per lesson
    from today, so their first lessons are not paid 0 (`rate_missing`)."""
    data = dict(data)
    rate_minor = data.pop("rate_minor", None)
    # Never silently UTC: a teacher works in the studio's zone unless the admin chose another.
    data["timezone"] = data.get("timezone") or caller.settings.studio_timezone
    user_id = str(uuid.uuid4())
    await AuthClient(caller).create_user(
        {
            "id": user_id,
            "email": data["email"],
            "role": "teacher",
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data.get("phone"),
            "timezone": data.get("timezone"),
            "invite": True,
        }
    )
    teachers = TeachersClient(caller)
    teacher = await teachers.create_teacher({**{k: v for k, v in data.items() if v is not None}, "id": user_id})
    if rate_minor is not None:
        await teachers.set_rate(
            user_id, {"amount_minor": rate_minor, "valid_from": datetime.now(UTC).date().isoformat()}
        )
    await reference_service.invalidate(caller.redis, reference_service.TEACHERS)
    return teacher


async def update_teacher(caller: Caller, teacher_id: str, data: dict[str, Any]) -> TeacherRecord:
    """Update a teacher. A status change also (de)activates the login; either way students stop
    (or start) seeing the teacher on their next request, not after the cache expires."""
    try:
        teacher = await TeachersClient(caller).update_teacher(teacher_id, data)
        # The login carries the name and phone too (greetings, staff lists): keep them the same.
        account: dict[str, Any] = {key: data[key] for key in ("first_name", "last_name", "phone") if key in data}
        if "status" in data:
            account["is_active"] = data["status"] == "active"
        if account:
            await AuthClient(caller).update_user(teacher_id, account)
    finally:
        await reference_service.invalidate(caller.redis, reference_service.TEACHERS)
    [record] = await staff_service.with_invitations(caller, [teacher])
    return record


async def list_groups(caller: Caller, params: dict[str, Any]) -> Page[Group]:
    """Groups with filters and pagination."""
    return await GroupsClient(caller).list_groups(params)


async def create_group(caller: Caller, data: dict[str, Any]) -> Group:
    """Create a group; one created active gets its lessons at once."""
    group = await GroupsClient(caller).create_group(data)
    await groupdesk_service.plan_new_group(caller, group)
    return group


async def get_group_members(caller: Caller, group_id: str) -> GroupMembers:
    """Current members, the full history and the waitlist."""
    return await GroupsClient(caller).members(group_id)


async def add_member(caller: Caller, group_id: str, student_id: str) -> Membership:
    """Add a student; a full group answers 409 `group_full` with the waitlist position offered."""
    return await GroupsClient(caller).add_member(group_id, student_id)


async def move_member(caller: Caller, group_id: str, student_id: str, to_group_id: str) -> MoveResult:
    """Move a student to another group in one step; history is kept."""
    return await GroupsClient(caller).move_member(group_id, student_id, to_group_id)


async def list_leads(caller: Caller, params: dict[str, Any]) -> Page[Lead]:
    """Trial requests with their funnel status."""
    return await StudentsClient(caller).list_leads(params)


async def update_lead(caller: Caller, lead_id: str, data: dict[str, Any]) -> Lead:
    """Move a lead through the funnel."""
    return await StudentsClient(caller).update_lead(lead_id, data)


async def list_notifications(caller: Caller, params: dict[str, Any]) -> Page[NotificationEntry]:
    """The delivery log with filters."""
    return await NotificationsClient(caller).list_notifications(params)


async def create_room(caller: Caller, data: dict[str, Any]) -> Room:
    """Add a room; forms see it at once."""
    room = await CalendaryClient(caller).create_room(data)
    await reference_service.invalidate(caller.redis, reference_service.ROOMS)
    return room


async def create_broadcast(caller: Caller, data: dict[str, Any]) -> Broadcast:
    """Queue news for all students or one group; notifications-service sends it in the background."""
    return await NotificationsClient(caller).create_broadcast(data)


async def get_broadcast(caller: Caller, broadcast_id: str) -> Broadcast:
    return await NotificationsClient(caller).get_broadcast(broadcast_id)
