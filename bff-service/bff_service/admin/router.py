"""Admin screens: KPIs, people, money, groups, leads, the notification log and rooms."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query, Response

from studio_kit.types import PageNumber, PageSize

from ..downstream import IdempotencyKey
from ..schemas import Group, LedgerEntry, LessonPackage, Membership, Page, Room, StudentProfile, TeacherRecord
from ..session.dependencies import AdminCaller
from . import service as admin_service
from .errors import InviteNeedsEmail
from .schemas import (
    AdminDashboard,
    Broadcast,
    BroadcastCreate,
    GroupCreate,
    GroupMembers,
    Lead,
    LeadStatus,
    LeadUpdate,
    MemberAdd,
    MemberMove,
    MoveResult,
    NotificationEntry,
    PackageCreate,
    PaymentCreate,
    RoomCreate,
    StudentCreate,
    StudentDetail,
    StudentStatus,
    StudentUpdate,
    TeacherCreate,
    TeacherUpdate,
)

router = APIRouter(prefix="/api/admin", tags=["admin"])
Search = Annotated[str | None, Query(max_length=100)]


@router.get("/dashboard", response_model=AdminDashboard)
async def admin_dashboard(caller: AdminCaller) -> Any:
    """KPIs: active students, lessons this week, attendance rate, revenue by month, trial funnel."""
    return await admin_service.get_dashboard(caller)


@router.get("/students", response_model=Page[StudentProfile])
async def list_students(
    caller: AdminCaller,
    search: Search = None,
    status: StudentStatus | None = None,
    level: Literal["A1", "A2", "B1", "B2", "C1", "C2"] | None = None,
    page: PageNumber = 1,
    size: PageSize = 20,
) -> Any:
    """Students with search, filters, pagination and balances."""
    return await admin_service.list_students(
        caller, {"search": search, "status": status, "level": level, "page": page, "size": size}
    )


@router.post("/students", status_code=201, response_model=StudentProfile)
async def create_student(data: StudentCreate, caller: AdminCaller) -> Any:
    """Create a student; with `invite` an account is created and invited, and its id becomes the profile id."""
    if data.invite and not data.email:
        raise InviteNeedsEmail("An invitation is sent by e-mail: give the student's email.")
    return await admin_service.create_student(caller, data.model_dump(mode="json", exclude={"invite"}), data.invite)


@router.get("/students/{student_id}", response_model=StudentDetail)
async def get_student(student_id: UUID, caller: AdminCaller) -> Any:
    """Profile, ledger, packages, groups and lessons of one student."""
    return await admin_service.get_student(caller, str(student_id))


@router.patch("/students/{student_id}", response_model=StudentProfile)
async def update_student(student_id: UUID, data: StudentUpdate, caller: AdminCaller) -> Any:
    """Update profile fields (only those sent)."""
    return await admin_service.update_student(caller, str(student_id), data.model_dump(mode="json", exclude_unset=True))


@router.post("/students/{student_id}/payments", status_code=201, response_model=LedgerEntry)
async def record_payment(
    student_id: UUID, data: PaymentCreate, caller: AdminCaller, idempotency_key: IdempotencyKey, response: Response
) -> Any:
    """Record a payment; the same Idempotency-Key never records it twice."""
    entry, replayed = await admin_service.record_payment(caller, str(student_id), data.model_dump(), idempotency_key)
    if replayed:
        response.headers["Idempotent-Replayed"] = "true"
    return entry


@router.post("/students/{student_id}/packages", status_code=201, response_model=LessonPackage)
async def sell_package(student_id: UUID, data: PackageCreate, caller: AdminCaller) -> Any:
    """Sell a lesson package (абонемент)."""
    return await admin_service.sell_package(caller, str(student_id), data.model_dump(mode="json", exclude_none=True))


@router.get("/teachers", response_model=Page[TeacherRecord])
async def list_teachers(
    caller: AdminCaller,
    search: Search = None,
    status: Literal["active", "inactive"] | None = None,
    page: PageNumber = 1,
    size: PageSize = 20,
) -> Any:
    """Teachers with contacts and status."""
    return await admin_service.list_teachers(caller, {"search": search, "status": status, "page": page, "size": size})


@router.post("/teachers", status_code=201, response_model=TeacherRecord)
async def create_teacher(data: TeacherCreate, caller: AdminCaller) -> Any:
    """Invite a teacher by e-mail and create their profile under the same id."""
    return await admin_service.create_teacher(caller, data.model_dump(mode="json"))


@router.patch("/teachers/{teacher_id}", response_model=TeacherRecord)
async def update_teacher(teacher_id: UUID, data: TeacherUpdate, caller: AdminCaller) -> Any:
    """Update a teacher; `status: inactive` also deactivates the login and hides them from students at once."""
    return await admin_service.update_teacher(caller, str(teacher_id), data.model_dump(mode="json", exclude_unset=True))


@router.get("/groups", response_model=Page[Group])
async def list_groups(
    caller: AdminCaller,
    status: Literal["forming", "active", "finished", "archived"] | None = None,
    teacher_id: UUID | None = None,
    page: PageNumber = 1,
    size: PageSize = 20,
) -> Any:
    """Groups with filters and pagination."""
    return await admin_service.list_groups(
        caller, {"status": status, "teacher_id": str(teacher_id) if teacher_id else None, "page": page, "size": size}
    )


@router.post("/groups", status_code=201, response_model=Group)
async def create_group(data: GroupCreate, caller: AdminCaller) -> Any:
    """Create a group."""
    return await admin_service.create_group(caller, data.model_dump(mode="json"))


@router.get("/groups/{group_id}/members", response_model=GroupMembers)
async def group_members(group_id: UUID, caller: AdminCaller) -> Any:
    """Current members, the full membership history and the waitlist."""
    return await admin_service.get_group_members(caller, str(group_id))


@router.post("/groups/{group_id}/members", status_code=201, response_model=Membership)
async def add_member(group_id: UUID, data: MemberAdd, caller: AdminCaller) -> Any:
    """Add a student; 409 `group_full` (with `waitlist_position`) when there is no seat."""
    return await admin_service.add_member(caller, str(group_id), str(data.student_id))


@router.post("/groups/{group_id}/members/{student_id}/move", response_model=MoveResult)
async def move_member(group_id: UUID, student_id: UUID, data: MemberMove, caller: AdminCaller) -> Any:
    """Move a student to another group in one step; history is kept."""
    return await admin_service.move_member(caller, str(group_id), str(student_id), str(data.to_group_id))


@router.get("/leads", response_model=Page[Lead])
async def list_leads(
    caller: AdminCaller, status: LeadStatus | None = None, page: PageNumber = 1, size: PageSize = 50
) -> Any:
    """Trial requests with their funnel status."""
    return await admin_service.list_leads(caller, {"status": status, "page": page, "size": size})


@router.patch("/leads/{lead_id}", response_model=Lead)
async def update_lead(lead_id: UUID, data: LeadUpdate, caller: AdminCaller) -> Any:
    """Move a lead through the funnel."""
    return await admin_service.update_lead(caller, str(lead_id), data.model_dump(exclude_none=True))


@router.get("/notifications", response_model=Page[NotificationEntry])
async def notification_log(
    caller: AdminCaller,
    status: Literal["pending", "deferred", "sent", "failed", "dead"] | None = None,
    channel: Literal["email", "sms", "telegram", "push"] | None = None,
    event_type: Annotated[str | None, Query(max_length=100)] = None,
    recipient: Annotated[str | None, Query(max_length=200)] = None,
    page: PageNumber = 1,
    size: PageSize = 50,
) -> Any:
    """The delivery log with filters."""
    return await admin_service.list_notifications(
        caller,
        {
            "status": status,
            "channel": channel,
            "event_type": event_type,
            "recipient": recipient,
            "page": page,
            "size": size,
        },
    )


@router.post("/rooms", status_code=201, response_model=Room)
async def create_room(data: RoomCreate, caller: AdminCaller) -> Any:
    """Add a room."""
    return await admin_service.create_room(caller, data.model_dump())


@router.post("/broadcasts", status_code=202, response_model=Broadcast)
async def create_broadcast(data: BroadcastCreate, caller: AdminCaller) -> Any:
    """Send news to all students or to one group (queued; the answer does not wait for delivery)."""
    return await admin_service.create_broadcast(caller, data.model_dump(mode="json", exclude_none=True))


@router.get("/broadcasts/{broadcast_id}", response_model=Broadcast)
async def get_broadcast(broadcast_id: UUID, caller: AdminCaller) -> Any:
    """A broadcast with its status and how many people it reached."""
    return await admin_service.get_broadcast(caller, str(broadcast_id))
