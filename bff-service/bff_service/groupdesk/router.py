"""Group timetable (admin) and waitlist offers (student)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query, Response

from ..schemas import Group, Membership
from ..session.dependencies import AdminCaller, StudentCaller
from . import service as groupdesk_service
from .schemas import ActivationResult, ClosedDay, GroupLessons, GroupUpdate, WaitlistAdd, WaitlistOffer, WaitlistPlace

router = APIRouter(prefix="/api", tags=["groupdesk"])
From = Annotated[datetime, Query(alias="from")]


@router.post("/admin/groups/{group_id}/activate", response_model=ActivationResult)
async def activate_group(group_id: UUID, caller: AdminCaller) -> Any:
    """Activate a group and book its lessons for the term (rolling horizon when open-ended); idempotent."""
    return await groupdesk_service.activate_group(caller, str(group_id))


@router.patch("/admin/groups/{group_id}", response_model=Group)
async def update_group(group_id: UUID, data: GroupUpdate, caller: AdminCaller) -> Any:
    """Change a group; a new weekly schedule moves its future lessons."""
    return await groupdesk_service.update_group(caller, str(group_id), data.model_dump(mode="json", exclude_unset=True))


@router.get("/admin/groups/{group_id}/lessons", response_model=GroupLessons)
async def group_lessons(group_id: UUID, caller: AdminCaller, from_: From, to: datetime) -> Any:
    """The group's lessons in a range (at most 186 days) with their rosters."""
    return await groupdesk_service.list_group_lessons(caller, str(group_id), from_, to)


@router.delete("/admin/groups/{group_id}/members/{student_id}", status_code=204)
async def remove_member(
    group_id: UUID,
    student_id: UUID,
    caller: AdminCaller,
    reason: Annotated[str, Query(min_length=1, max_length=200)] = "left",
) -> Response:
    """End a student's stay (history kept); the seat is offered to the first on the waitlist."""
    await groupdesk_service.remove_member(caller, str(group_id), str(student_id), reason)
    return Response(status_code=204)


@router.post("/admin/groups/{group_id}/waitlist", status_code=201, response_model=WaitlistPlace)
async def add_to_waitlist(group_id: UUID, data: WaitlistAdd, caller: AdminCaller) -> Any:
    """Put a student on a full group's waitlist."""
    return await groupdesk_service.add_to_waitlist(caller, str(group_id), str(data.student_id))


@router.get("/admin/closed-days", response_model=list[ClosedDay])
async def list_closed_days(
    caller: AdminCaller,
    from_: Annotated[date | None, Query(alias="from")] = None,
    to: date | None = None,
) -> Any:
    """The studio's closed days (holidays); group sessions skip them."""
    return await groupdesk_service.list_closed_days(caller, from_, to)


@router.post("/admin/closed-days", status_code=201, response_model=ClosedDay)
async def add_closed_day(data: ClosedDay, caller: AdminCaller) -> Any:
    """Close the studio on a date: group lessons booked from now on skip it."""
    return await groupdesk_service.add_closed_day(caller, data.model_dump(mode="json"))


@router.delete("/admin/closed-days/{closed_date}", status_code=204)
async def delete_closed_day(closed_date: date, caller: AdminCaller) -> Response:
    """Open a closed day again."""
    await groupdesk_service.delete_closed_day(caller, closed_date)
    return Response(status_code=204)


@router.get("/student/waitlist-offers", response_model=list[WaitlistOffer])
async def my_waitlist_offers(caller: StudentCaller) -> Any:
    """Seats in full groups held for me until their deadline."""
    return await groupdesk_service.list_my_offers(caller)


@router.post("/student/waitlist-offers/{group_id}/accept", response_model=Membership)
async def accept_waitlist_offer(group_id: UUID, caller: StudentCaller) -> Any:
    """Take the held seat: I join the group and its future lessons."""
    return await groupdesk_service.accept_offer(caller, str(group_id))


@router.post("/student/waitlist-offers/{group_id}/decline", status_code=204)
async def decline_waitlist_offer(group_id: UUID, caller: StudentCaller) -> Response:
    """Refuse the held seat; it passes to the next in line."""
    await groupdesk_service.decline_offer(caller, str(group_id))
    return Response(status_code=204)
