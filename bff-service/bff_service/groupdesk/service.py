"""The group timetable through groups-service (the group and its seats) and lessons-service (its
lessons, booked in calendary), and the waitlist offers a student answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..clients.groups import GroupsClient
from ..clients.lessons import LessonsClient
from ..downstream import Caller
from ..frontdesk import service as frontdesk_service
from ..schemas import Group, Membership
from ..student.service import check_range
from .schemas import ActivationResult, ClosedDay, WaitlistOffer, WaitlistPlace

# Booking a term's lessons is one calendary booking per session: give it longer than a plain call.
PLAN_DEADLINE_SECONDS = 60.0
GROUP_LESSONS_MAX_DAYS = 186


async def _plan(caller: Caller, group_id: str, action: str) -> ActivationResult:
    deadline = max(caller.settings.downstream_timeout_seconds, PLAN_DEADLINE_SECONDS)
    return await LessonsClient(caller).plan_group(group_id, action, deadline=deadline)


async def activate_group(caller: Caller, group_id: str) -> ActivationResult:
    """Make a forming group active, then book its lessons for the term (or the rolling horizon).
    Both steps are idempotent, so activating again books only what is missing."""
    groups = GroupsClient(caller)
    group = await groups.get_group(group_id)
    if group.status != "active":
        await groups.update_group(group_id, {"status": "active"})
    return await _plan(caller, group_id, "activate")


async def plan_new_group(caller: Caller, group: Group) -> None:
    """A group created active gets its lessons at once."""
    if group.status == "active":
        await _plan(caller, str(group.id), "activate")


async def update_group(caller: Caller, group_id: str, data: dict[str, Any]) -> Group:
    """Change a group; a new weekly schedule moves its future lessons (past ones stay), and a group
    made active gets its lessons."""
    group = await GroupsClient(caller).update_group(group_id, data)
    if group.status == "active" and "schedule" in data:
        await _plan(caller, group_id, "replan")
    elif group.status == "active" and data.get("status") == "active":
        await _plan(caller, group_id, "activate")
    return group


async def list_group_lessons(caller: Caller, group_id: str, start: datetime, end: datetime) -> dict[str, Any]:
    """The group's lessons in a range with their rosters' names."""
    check_range(start, end, GROUP_LESSONS_MAX_DAYS)
    lessons = await frontdesk_service._lessons_in(caller, start, end, group_id=group_id)
    names = await frontdesk_service._student_names(
        caller, (str(student) for lesson in lessons for student in lesson["student_ids"])
    )
    return {
        "lessons": [
            {
                **lesson,
                "students": [
                    {
                        "id": str(student),
                        "first_name": names.get(str(student), {}).get("first_name"),
                        "last_name": names.get(str(student), {}).get("last_name"),
                    }
                    for student in lesson["student_ids"]
                ],
            }
            for lesson in lessons
        ]
    }


async def remove_member(caller: Caller, group_id: str, student_id: str, reason: str) -> None:
    """End a student's stay; the freed seat is offered to the first on the waitlist."""
    await GroupsClient(caller).remove_member(group_id, student_id, reason)


async def add_to_waitlist(caller: Caller, group_id: str, student_id: str) -> WaitlistPlace:
    """Put a student at the end of a full group's waitlist."""
    return await GroupsClient(caller).add_to_waitlist(group_id, student_id)


async def list_closed_days(caller: Caller, start: date | None, end: date | None) -> list[ClosedDay]:
    return await LessonsClient(caller).closed_days(start, end)


async def add_closed_day(caller: Caller, data: dict[str, Any]) -> ClosedDay:
    return await LessonsClient(caller).add_closed_day(data)


async def delete_closed_day(caller: Caller, closed_date: date) -> None:
    await LessonsClient(caller).delete_closed_day(closed_date)


async def list_my_offers(caller: Caller) -> list[WaitlistOffer]:
    """The seats currently held for the calling student."""
    return await GroupsClient(caller).waitlist_offers(caller.user_id)


async def accept_offer(caller: Caller, group_id: str) -> Membership:
    """Take the held seat: the student joins the group and its future lessons."""
    return await GroupsClient(caller).accept_offer(group_id, caller.user_id)


async def decline_offer(caller: Caller, group_id: str) -> None:
    """Refuse the held seat; it passes to the next in line."""
    await GroupsClient(caller).decline_offer(group_id, caller.user_id)
