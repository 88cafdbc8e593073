"""HTTP routes for membership, the waitlist, moves, a student's groups and the internal roster."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from studio_kit.auth import AdminUser, CurrentUser, require_service
from studio_kit.db import SessionDep

from ..database import audit
from ..groups.dependencies import StaffGroup
from . import service as membership_service
from .dependencies import OfferHours, ensure_admin_or_self
from .schemas import (
    GroupMembers,
    MemberCreate,
    MembershipRead,
    MoveRequest,
    MoveResult,
    Roster,
    StudentGroupRead,
    WaitlistCreate,
    WaitlistEntryRead,
    WaitlistOfferRead,
)

router = APIRouter(tags=["membership"])


@router.get("/groups/{group_id}/members", response_model=GroupMembers)
async def get_members(group: StaffGroup, session: SessionDep) -> GroupMembers:
    """Current members, full membership history and the waitlist."""
    return await membership_service.get_members(session, group)


@router.post("/groups/{group_id}/members", status_code=201, response_model=MembershipRead)
async def add_member(group_id: uuid.UUID, data: MemberCreate, session: SessionDep, user: AdminUser) -> MembershipRead:
    """Add a student; 409 `group_full` offers the waitlist position when no seat is free."""
    membership = await membership_service.join_group(session, group_id, data.student_id)
    target = ("student", data.student_id)
    await audit.record(session, user, "group.member_added", target, {"group_id": str(group_id)})
    return membership


@router.delete("/groups/{group_id}/members/{student_id}", status_code=204)
async def remove_member(
    group_id: uuid.UUID,
    student_id: uuid.UUID,
    session: SessionDep,
    user: CurrentUser,
    offer_hours: OfferHours,
    reason: Annotated[str, Query(min_length=1, max_length=200)] = "left",
) -> Response:
    """End a student's stay in a group; the seat is offered to the first on the waitlist."""
    ensure_admin_or_self(user, student_id)
    await membership_service.leave_group(session, group_id, student_id, reason, offer_hours)
    summary = {"group_id": str(group_id), "reason": reason}
    await audit.record(session, user, "group.member_removed", ("student", student_id), summary)
    return Response(status_code=204)


@router.post("/groups/{group_id}/members/{student_id}/move", response_model=MoveResult)
async def move_member(
    group_id: uuid.UUID,
    student_id: uuid.UUID,
    data: MoveRequest,
    session: SessionDep,
    user: AdminUser,
    offer_hours: OfferHours,
) -> MoveResult:
    """Move a student to another group atomically, keeping the history of both."""
    moved = await membership_service.move_student(session, group_id, student_id, data.to_group_id, offer_hours)
    summary = {"from_group_id": str(group_id), "to_group_id": str(data.to_group_id)}
    await audit.record(session, user, "group.member_moved", ("student", student_id), summary)
    return moved


@router.post("/groups/{group_id}/waitlist", status_code=201, response_model=WaitlistEntryRead)
async def join_waitlist(
    group_id: uuid.UUID, data: WaitlistCreate, session: SessionDep, user: CurrentUser
) -> WaitlistEntryRead:
    """Put a student on a full group's waitlist."""
    ensure_admin_or_self(user, data.student_id)
    return await membership_service.add_to_waitlist(session, group_id, data.student_id)


@router.delete("/groups/{group_id}/waitlist/{student_id}", status_code=204)
async def leave_waitlist(
    group_id: uuid.UUID, student_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> Response:
    """Take a student off the waitlist."""
    ensure_admin_or_self(user, student_id)
    await membership_service.withdraw_from_waitlist(session, group_id, student_id)
    return Response(status_code=204)


@router.post("/groups/{group_id}/waitlist/{student_id}/accept", response_model=MembershipRead)
async def accept_waitlist_offer(
    group_id: uuid.UUID, student_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> MembershipRead:
    """Take the seat a waitlist offer holds: the student joins the group (and its future lessons)."""
    ensure_admin_or_self(user, student_id)
    return await membership_service.accept_offer(session, group_id, student_id)


@router.post("/groups/{group_id}/waitlist/{student_id}/decline", status_code=204)
async def decline_waitlist_offer(
    group_id: uuid.UUID, student_id: uuid.UUID, session: SessionDep, user: CurrentUser, offer_hours: OfferHours
) -> Response:
    """Refuse a waitlist offer: the seat is offered to the next in line."""
    ensure_admin_or_self(user, student_id)
    await membership_service.decline_offer(session, group_id, student_id, offer_hours)
    return Response(status_code=204)


@router.get("/students/{student_id}/waitlist-offers", response_model=list[WaitlistOfferRead])
async def list_waitlist_offers(
    student_id: uuid.UUID, session: SessionDep, user: CurrentUser
) -> list[WaitlistOfferRead]:
    """The seats currently held for a student (the student themself or an admin)."""
    ensure_admin_or_self(user, student_id)
    return await membership_service.list_student_offers(session, student_id)


@router.get("/students/{student_id}/groups", response_model=list[StudentGroupRead])
async def list_student_groups(student_id: uuid.UUID, session: SessionDep, user: CurrentUser) -> list[StudentGroupRead]:
    """A student's current groups (the student, their group's teacher, or an admin)."""
    return await membership_service.list_student_groups(session, student_id, user)


@router.get(
    "/internal/groups/{group_id}/roster",
    response_model=Roster,
    dependencies=[Depends(require_service("groups:read"))],
)
async def get_roster(group_id: uuid.UUID, session: SessionDep) -> Roster:
    """The group's teacher, current students, pattern and price, for other services."""
    return await membership_service.get_roster(session, group_id)
