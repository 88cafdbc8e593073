"""The admin's screens: KPIs from several services, people created account-first, and thin
authorised pass-through to the owning service for the rest."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..downstream import Caller, fan_out
from ..groupdesk import service as groupdesk_service
from ..reference import service as reference_service
from ..schemas import items
from ..staff import service as staff_service

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


async def list_students(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """Students with search, filters, pagination and balances."""
    page: dict[str, Any] = await caller.get("students", "/students", params=params)
    return page


async def create_student(caller: Caller, data: dict[str, Any], invite: bool) -> dict[str, Any]:
    """Create a student profile; with `invite`, the account first and the profile under its id."""
    profile = {key: value for key, value in data.items() if value is not None}
    if invite:
        user_id = str(uuid.uuid4())
        await caller.post(
            "auth",
            "/internal/users",
            json={
                "id": user_id,
                "email": data["email"],
                "role": "student",
                "first_name": data["first_name"],
                "last_name": data.get("last_name") or "",
                "phone": data.get("phone"),
                "timezone": data.get("timezone"),
                "invite": True,
            },
        )
        profile["user_id"] = user_id
    student: dict[str, Any] = await caller.post("students", "/students", json=profile)
    return student


async def get_student(caller: Caller, student_id: str) -> dict[str, Any]:
    """Profile (critical), ledger, packages, groups and lessons of the last 90 and next 60 days."""
    now = datetime.now(UTC)
    values, degraded = await fan_out(
        {
            "profile": caller.get("students", f"/students/{student_id}"),
            "ledger": caller.get("students", f"/students/{student_id}/ledger"),
            "packages": caller.get("students", f"/students/{student_id}/packages"),
            "groups": caller.get("groups", f"/students/{student_id}/groups"),
            "lessons": caller.get(
                "lessons",
                "/lessons",
                params={
                    "student_id": student_id,
                    "from": (now - timedelta(days=90)).isoformat(),
                    "to": (now + timedelta(days=60)).isoformat(),
                    "size": 200,
                },
            ),
        },
        critical=frozenset({"profile"}),
    )
    return {
        **values["profile"],
        "ledger": values["ledger"],
        "packages": values["packages"] or [],
        "groups": items(values["groups"]),
        "lessons": items(values["lessons"]),
        "degraded": degraded,
    }


async def update_student(caller: Caller, student_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Update profile fields."""
    student: dict[str, Any] = await caller.patch("students", f"/students/{student_id}", json=data)
    return student


async def record_payment(
    caller: Caller, student_id: str, data: dict[str, Any], idempotency_key: str | None
) -> tuple[dict[str, Any], bool]:
    """Record a payment once per Idempotency-Key. Returns (entry, replayed)."""
    entry, replayed = await caller.send_once(
        "students", f"/students/{student_id}/payments", json=data, idempotency_key=idempotency_key
    )
    return entry, replayed


async def sell_package(caller: Caller, student_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Sell a lesson package (абонемент)."""
    package: dict[str, Any] = await caller.post("students", f"/students/{student_id}/packages", json=data)
    return package


async def list_teachers(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """Teachers with contacts, status and whether each accepted the invitation."""
    page: dict[str, Any] = await caller.get("teachers", "/admin/teachers", params=params)
    return {**page, "items": await staff_service.with_invitations(caller, page["items"])}


async def create_teacher(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Invite the teacher's account by e-mail, create the profile under the same id, and make the
    new teacher visible to students at once. With `rate_minor` the teacher is paid that per lesson
    from today, so their first lessons are not paid 0 (`rate_missing`)."""
    data = dict(data)
    rate_minor = data.pop("rate_minor", None)
    # Never silently UTC: a teacher works in the studio's zone unless the admin chose another.
    data["timezone"] = data.get("timezone") or caller.settings.studio_timezone
    user_id = str(uuid.uuid4())
    await caller.post(
        "auth",
        "/internal/users",
        json={
            "id": user_id,
            "email": data["email"],
            "role": "teacher",
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data.get("phone"),
            "timezone": data.get("timezone"),
            "invite": True,
        },
    )
    teacher: dict[str, Any] = await caller.post(
        "teachers", "/teachers", json={**{k: v for k, v in data.items() if v is not None}, "id": user_id}
    )
    if rate_minor is not None:
        await caller.put(
            "teachers",
            f"/teachers/{user_id}/rates",
            json={"amount_minor": rate_minor, "valid_from": datetime.now(UTC).date().isoformat()},
        )
    await reference_service.invalidate(caller.redis, reference_service.TEACHERS)
    return teacher


async def update_teacher(caller: Caller, teacher_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Update a teacher. A status change also (de)activates the login; either way students stop
    (or start) seeing the teacher on their next request, not after the cache expires."""
    try:
        teacher: dict[str, Any] = await caller.patch("teachers", f"/teachers/{teacher_id}", json=data)
        # The login carries the name and phone too (greetings, staff lists): keep them the same.
        account: dict[str, Any] = {key: data[key] for key in ("first_name", "last_name", "phone") if key in data}
        if "status" in data:
            account["is_active"] = data["status"] == "active"
        if account:
            await caller.patch("auth", f"/users/{teacher_id}", json=account)
    finally:
        await reference_service.invalidate(caller.redis, reference_service.TEACHERS)
    [record] = await staff_service.with_invitations(caller, [teacher])
    return record


async def list_groups(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """Groups with filters and pagination."""
    page: dict[str, Any] = await caller.get("groups", "/groups", params=params)
    return page


async def create_group(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Create a group; one created active gets its lessons at once."""
    group: dict[str, Any] = await caller.post("groups", "/groups", json=data)
    await groupdesk_service.plan_new_group(caller, group)
    return group


async def get_group_members(caller: Caller, group_id: str) -> dict[str, Any]:
    """Current members, the full history and the waitlist."""
    members: dict[str, Any] = await caller.get("groups", f"/groups/{group_id}/members")
    return members


async def add_member(caller: Caller, group_id: str, student_id: str) -> dict[str, Any]:
    """Add a student; a full group answers 409 `group_full` with the waitlist position offered."""
    membership: dict[str, Any] = await caller.post(
        "groups", f"/groups/{group_id}/members", json={"student_id": student_id}
    )
    return membership


async def move_member(caller: Caller, group_id: str, student_id: str, to_group_id: str) -> dict[str, Any]:
    """Move a student to another group in one step; history is kept."""
    result: dict[str, Any] = await caller.post(
        "groups", f"/groups/{group_id}/members/{student_id}/move", json={"to_group_id": to_group_id}
    )
    return result


async def list_leads(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """Trial requests with their funnel status."""
    page: dict[str, Any] = await caller.get("students", "/leads", params=params)
    return page


async def update_lead(caller: Caller, lead_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Move a lead through the funnel."""
    lead: dict[str, Any] = await caller.patch("students", f"/leads/{lead_id}", json=data)
    return lead


async def list_notifications(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """The delivery log with filters."""
    page: dict[str, Any] = await caller.get("notifications", "/notifications", params=params)
    return page


async def create_room(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Add a room; forms see it at once."""
    room: dict[str, Any] = await caller.post("calendary", "/rooms", json=data)
    await reference_service.invalidate(caller.redis, reference_service.ROOMS)
    return room


async def create_broadcast(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """Queue news for all students or one group; notifications-service sends it in the background."""
    broadcast: dict[str, Any] = await caller.post("notifications", "/broadcasts", json=data)
    return broadcast


async def get_broadcast(caller: Caller, broadcast_id: str) -> dict[str, Any]:
    broadcast: dict[str, Any] = await caller.get("notifications", f"/broadcasts/{broadcast_id}")
    return broadcast
