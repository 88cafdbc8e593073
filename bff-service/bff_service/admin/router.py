"""Admin screens: mostly thin, authorised pass-through to the owning service, plus the KPI
dashboard and the account-then-profile creation of people."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body, Header, Query

from ..downstream import fan_out
from ..reference import invalidate_teachers
from ..session.dependencies import AdminCaller
from .schemas import LeadUpdate, MemberAdd, MemberMove, PackageCreate, PaymentCreate, StudentCreate, TeacherCreate

router = APIRouter(prefix="/api/admin", tags=["admin"])
PageSize = Annotated[int, Query(ge=1, le=100)]


def _items(value: Any) -> list[dict[str, Any]]:
    if value is None:
        return []
    return list(value.get("items", [])) if isinstance(value, dict) else list(value)


@router.get("/dashboard")
async def admin_dashboard(caller: AdminCaller) -> dict[str, Any]:
    """KPIs: active students, lessons this week, attendance rate, revenue by month, trial funnel."""
    now = datetime.now(UTC)
    week_start = (now - timedelta(days=now.weekday())).replace(hour=0, minute=0, second=0, microsecond=0)
    values, degraded = await fan_out({
        "students": caller.get("students", "/students", params={"status": "active", "size": 1}),
        "week": caller.get("lessons", "/lessons", params={
            "from": week_start.isoformat(), "to": (week_start + timedelta(days=7)).isoformat()}),
        "month": caller.get("lessons", "/lessons", params={
            "from": (now - timedelta(days=30)).isoformat(), "to": now.isoformat(), "status": "completed"}),
        "leads": caller.get("students", "/leads", params={"size": 100}),
        "revenue": caller.get("students", "/reports/revenue", params={"months": 6}),
    })
    marks = [mark for lesson in _items(values["month"]) for mark in lesson.get("attendance", [])]
    attended = sum(1 for mark in marks if mark.get("status") in ("present", "late"))
    funnel: dict[str, int] = {}
    for lead in _items(values["leads"]):
        funnel[lead.get("status", "new")] = funnel.get(lead.get("status", "new"), 0) + 1
    students = values["students"]
    return {
        "active_students": students.get("total") if isinstance(students, dict) else None,
        "lessons_this_week": len(_items(values["week"])) if values["week"] is not None else None,
        "attendance_rate": round(attended / len(marks), 3) if marks else None,
        "revenue_by_month": _items(values["revenue"]) if values["revenue"] is not None else [],
        "trial_funnel": funnel,
        "degraded": sorted(set(degraded)),
    }


@router.get("/students")
async def list_students(
    caller: AdminCaller, search: str | None = None, status: str | None = None, page: int = 1, size: PageSize = 20
) -> dict[str, Any]:
    """Students with search, status filter, pagination and balances."""
    result: dict[str, Any] = await caller.get(
        "students", "/students", params={"search": search, "status": status, "page": page, "size": size}
    )
    return result


@router.post("/students", status_code=201)
async def create_student(body: StudentCreate, caller: AdminCaller) -> dict[str, Any]:
    """Create a student; with `invite` an account is created first and its id becomes the profile id."""
    profile = body.model_dump(mode="json", exclude={"invite"}, exclude_none=True)
    if body.invite and body.email:
        user = await caller.post("auth", "/internal/users", json={
            "email": body.email, "role": "student", "first_name": body.first_name,
            "last_name": body.last_name, "invite": True})
        profile["id"] = user["id"]
        profile["user_id"] = user["id"]
    student: dict[str, Any] = await caller.post("students", "/students", json=profile)
    return student


@router.get("/students/{student_id}")
async def get_student(student_id: UUID, caller: AdminCaller) -> dict[str, Any]:
    """Profile, ledger, groups and recent lessons of one student."""
    now = datetime.now(UTC)
    values, degraded = await fan_out({
        "profile": caller.get("students", f"/students/{student_id}"),
        "ledger": caller.get("students", f"/students/{student_id}/ledger"),
        "packages": caller.get("students", f"/students/{student_id}/packages"),
        "groups": caller.get("groups", f"/students/{student_id}/groups"),
        "lessons": caller.get("lessons", "/lessons", params={
            "student_id": str(student_id), "from": (now - timedelta(days=90)).isoformat(),
            "to": (now + timedelta(days=60)).isoformat()}),
    }, critical=frozenset({"profile"}))
    return {**values["profile"], "ledger": values["ledger"], "packages": values["packages"] or [],
            "groups": _items(values["groups"]), "lessons": _items(values["lessons"]), "degraded": degraded}


@router.patch("/students/{student_id}")
async def update_student(student_id: UUID, caller: AdminCaller, body: Annotated[dict[str, Any], Body()]) -> Any:
    """Update profile fields (students-service validates them)."""
    return await caller.call("students", "PATCH", f"/students/{student_id}", json=body)


@router.post("/students/{student_id}/payments", status_code=201)
async def record_payment(
    student_id: UUID,
    body: PaymentCreate,
    caller: AdminCaller,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key", min_length=8, max_length=128)],
) -> Any:
    """Record a payment; the same Idempotency-Key never records it twice."""
    return await caller.post("students", f"/students/{student_id}/payments", json=body.model_dump(),
                             headers={"Idempotency-Key": idempotency_key})


@router.post("/students/{student_id}/packages", status_code=201)
async def sell_package(student_id: UUID, body: PackageCreate, caller: AdminCaller) -> Any:
    """Sell a lesson package (абонемент)."""
    return await caller.post("students", f"/students/{student_id}/packages", json=body.model_dump(mode="json"))


@router.get("/teachers")
async def list_teachers_admin(
    caller: AdminCaller, search: str | None = None, page: int = 1, size: PageSize = 20
) -> Any:
    """Teachers with contacts and status."""
    return await caller.get("teachers", "/admin/teachers", params={"search": search, "page": page, "size": size})


@router.post("/teachers", status_code=201)
async def create_teacher(body: TeacherCreate, caller: AdminCaller) -> Any:
    """Invite a teacher by email and create their profile under the same id."""
    user = await caller.post("auth", "/internal/users", json={
        "email": body.email, "role": "teacher", "first_name": body.first_name,
        "last_name": body.last_name, "invite": True})
    teacher = await caller.post("teachers", "/teachers", json={**body.model_dump(exclude_none=True),
                                                              "id": user["id"]})
    await invalidate_teachers(caller.redis)
    return teacher


@router.patch("/teachers/{teacher_id}")
async def update_teacher(teacher_id: UUID, caller: AdminCaller, body: Annotated[dict[str, Any], Body()]) -> Any:
    """Update a teacher; the public listing cache is dropped at once."""
    result = await caller.call("teachers", "PATCH", f"/teachers/{teacher_id}", json=body)
    await invalidate_teachers(caller.redis)
    return result


@router.get("/groups")
async def list_groups(
    caller: AdminCaller, status: str | None = None, teacher_id: UUID | None = None, page: int = 1,
    size: PageSize = 20,
) -> Any:
    """Groups with filters and pagination."""
    return await caller.get("groups", "/groups", params={
        "status": status, "teacher_id": str(teacher_id) if teacher_id else None, "page": page, "size": size})


@router.post("/groups", status_code=201)
async def create_group(caller: AdminCaller, body: Annotated[dict[str, Any], Body()]) -> Any:
    """Create a group (groups-service validates it)."""
    return await caller.post("groups", "/groups", json=body)


@router.get("/groups/{group_id}/members")
async def group_members(group_id: UUID, caller: AdminCaller) -> Any:
    """Current members and the full membership history."""
    return await caller.get("groups", f"/groups/{group_id}/members")


@router.post("/groups/{group_id}/members", status_code=201)
async def add_member(group_id: UUID, body: MemberAdd, caller: AdminCaller) -> Any:
    """Add a student; 409 `group_full` when there is no seat (the waitlist is offered)."""
    return await caller.post("groups", f"/groups/{group_id}/members", json=body.model_dump(mode="json"))


@router.post("/groups/{group_id}/members/{student_id}/move")
async def move_member(group_id: UUID, student_id: UUID, body: MemberMove, caller: AdminCaller) -> Any:
    """Move a student to another group in one step; history is kept."""
    return await caller.post("groups", f"/groups/{group_id}/members/{student_id}/move",
                             json=body.model_dump(mode="json"))


@router.get("/leads")
async def list_leads(caller: AdminCaller, status: str | None = None, page: int = 1, size: PageSize = 50) -> Any:
    """Trial requests with their funnel status."""
    return await caller.get("students", "/leads", params={"status": status, "page": page, "size": size})


@router.patch("/leads/{lead_id}")
async def update_lead(lead_id: UUID, body: LeadUpdate, caller: AdminCaller) -> Any:
    """Move a lead through the funnel."""
    return await caller.call("students", "PATCH", f"/leads/{lead_id}", json=body.model_dump(exclude_none=True))


@router.get("/notifications")
async def notification_log(
    caller: AdminCaller,
    status: str | None = None,
    channel: str | None = None,
    event_type: str | None = None,
    page: int = 1,
    size: PageSize = 50,
) -> Any:
    """The delivery log with filters."""
    return await caller.get("notifications", "/notifications", params={
        "status": status, "channel": channel, "event_type": event_type, "page": page, "size": size})
