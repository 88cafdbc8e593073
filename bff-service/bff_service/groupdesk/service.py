"""The group timetable through groups-service (the group and its seats) and lessons-service (its
lessons, booked in calendary), and the waitlist offers a student answers."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..downstream import Caller
from ..frontdesk import service as frontdesk_service
from ..student.service import check_range

# Booking a term's lessons is one calendary booking per session: give it longer than a plain call.
PLAN_DEADLINE_SECONDS = 60.0
GROUP_LESSONS_MAX_DAYS = 186


async def _plan(caller: Caller, group_id: str, action: str) -> dict[str, Any]:
    response = await caller.send(
        "lessons",
        "POST",
        f"/groups/{group_id}/lessons/{action}",
        deadline=max(caller.settings.downstream_timeout_seconds, PLAN_DEADLINE_SECONDS),
    )
    result: dict[str, Any] = response.json()
    return result


async def activate_group(caller: Caller, group_id: str) -> dict[str, Any]:
    """Make a forming group active, then book its lessons for the term (or the rolling horizon).
    Both steps are idempotent, so activating again books only what is missing."""
    group: dict[str, Any] = await caller.get("groups", f"/groups/{group_id}")
    if group["status"] != "active":
        await caller.patch("groups", f"/groups/{group_id}", json={"status": "active"})
    return await _plan(caller, group_id, "activate")


async def plan_new_group(caller: Caller, group: dict[str, Any]) -> None:
    """A group created active gets its lessons at once."""
    if group.get("status") == "active":
        await _plan(caller, str(group["id"]), "activate")


async def update_group(caller: Caller, group_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """Change a group; a new weekly schedule moves its future lessons (past ones stay), and a group
    made active gets its lessons."""
    group: dict[str, Any] = await caller.patch("groups", f"/groups/{group_id}", json=data)
    if group["status"] == "active" and "schedule" in data:
        await _plan(caller, group_id, "replan")
    elif group["status"] == "active" and data.get("status") == "active":
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
    await caller.delete("groups", f"/groups/{group_id}/members/{student_id}", params={"reason": reason})


async def add_to_waitlist(caller: Caller, group_id: str, student_id: str) -> dict[str, Any]:
    """Put a student at the end of a full group's waitlist."""
    place: dict[str, Any] = await caller.post("groups", f"/groups/{group_id}/waitlist", json={"student_id": student_id})
    return place


async def list_closed_days(caller: Caller, start: date | None, end: date | None) -> list[dict[str, Any]]:
    params = {"from": start.isoformat() if start else None, "to": end.isoformat() if end else None}
    days: list[dict[str, Any]] = await caller.get("lessons", "/closed-days", params=params)
    return days


async def add_closed_day(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    day: dict[str, Any] = await caller.post("lessons", "/closed-days", json=data)
    return day


async def delete_closed_day(caller: Caller, closed_date: date) -> None:
    await caller.delete("lessons", f"/closed-days/{closed_date.isoformat()}")


async def list_my_offers(caller: Caller) -> list[dict[str, Any]]:
    """The seats currently held for the calling student."""
    offers: list[dict[str, Any]] = await caller.get("groups", f"/students/{caller.user_id}/waitlist-offers")
    return offers


async def accept_offer(caller: Caller, group_id: str) -> dict[str, Any]:
    """Take the held seat: the student joins the group and its future lessons."""
    membership: dict[str, Any] = await caller.post("groups", f"/groups/{group_id}/waitlist/{caller.user_id}/accept")
    return membership


async def decline_offer(caller: Caller, group_id: str) -> None:
    """Refuse the held seat; it passes to the next in line."""
    await caller.post("groups", f"/groups/{group_id}/waitlist/{caller.user_id}/decline")
