"""The trial funnel at the front desk: a lead taken by phone, converted into a student with the
trial booked in one step, and the conversion numbers.

Converting crosses three services, so each step is safe to repeat: the profile is linked to the
lead first (a retry finds it), the trial is booked under an Idempotency-Key derived from the lead
(a retry replays it), the invitation goes out only after the trial is booked (a taken slot sends
no e-mail), and the lead is marked converted last (a second conversion is 409)."""

from __future__ import annotations

from typing import Any

from ..downstream import Caller
from ..errors import LeadAlreadyConverted
from ..frontdesk.service import book_lesson


async def create_lead(caller: Caller, data: dict[str, Any]) -> dict[str, Any]:
    """A request taken by phone or at the desk."""
    lead: dict[str, Any] = await caller.post("students", "/leads", json=data)
    return lead


def _names(full_name: str) -> tuple[str, str]:
    first, _, last = full_name.strip().partition(" ")
    return first or full_name, last.strip()


async def _profile_for(caller: Caller, lead: dict[str, Any]) -> dict[str, Any]:
    """The lead's student profile: the one the bot already made, or a new one linked to the lead."""
    if lead.get("student_id"):
        profile: dict[str, Any] = await caller.get("students", f"/students/{lead['student_id']}")
        return profile
    first, last = _names(lead["name"])
    body = {"first_name": first, "last_name": last, "status": "lead", "source": lead.get("source") or "admin"}
    if lead.get("phone"):
        body["phone"] = lead["phone"]
    profile = await caller.post("students", "/students", json=body)
    await caller.put("students", f"/leads/{lead['id']}/student", json={"student_id": profile["id"]})
    return profile


async def _invite(caller: Caller, profile: dict[str, Any], email: str) -> dict[str, Any]:
    """An account under the profile's id, invited by e-mail; the profile records both."""
    await caller.post(
        "auth",
        "/internal/users",
        json={
            "id": profile["id"],
            "email": email,
            "role": "student",
            "first_name": profile["first_name"],
            "last_name": profile.get("last_name") or "",
            "phone": profile.get("phone"),
            "timezone": profile.get("timezone"),
            "invite": True,
        },
    )
    updated: dict[str, Any] = await caller.patch(
        "students", f"/students/{profile['id']}", json={"user_id": profile["id"], "email": email}
    )
    return updated


async def _release_held_slot(caller: Caller, lead: dict[str, Any]) -> None:
    """The slot the prospect picked in the bot is held for the desk (lessons-service's trial hold):
    free it right before booking, so the trial can take that very time (or, when the admin books
    another, so others can). Idempotent, so a retried convert releases nothing twice."""
    hold_id = (lead.get("preferred_slot") or {}).get("hold_id")
    if hold_id:
        await caller.send("lessons", "POST", f"/trial-holds/{hold_id}/release")


async def convert_lead(caller: Caller, lead_id: str, trial: dict[str, Any] | None) -> dict[str, Any]:
    """Make the lead a student (invited when it has an e-mail) and book its trial in one step."""
    lead: dict[str, Any] = await caller.get("students", f"/leads/{lead_id}")
    if lead.get("converted_at"):
        raise LeadAlreadyConverted()
    profile = await _profile_for(caller, lead)
    await _release_held_slot(caller, lead)
    lesson = None
    if trial is not None:
        booked, _ = await book_lesson(
            caller,
            {**trial, "student_id": profile["id"], "kind": "trial"},
            f"lead-convert-{lead_id}",
        )
        lesson = booked["lesson"]
    invited = False
    if lead.get("email") and not profile.get("user_id"):
        profile = await _invite(caller, profile, lead["email"])
        invited = True
    convert: dict[str, Any] = {"student_id": profile["id"]}
    if lesson is not None:
        convert |= {"trial_lesson_id": lesson["id"], "trial_at": lesson["starts_at"]}
    await caller.post("students", f"/leads/{lead_id}/convert", json=convert)
    return {"student": profile, "lesson": lesson, "invited": invited}


async def conversion(caller: Caller, period: str, periods: int) -> list[dict[str, Any]]:
    """Requests → trials → paying students per week or month."""
    result: list[dict[str, Any]] = await caller.get(
        "students", "/leads/conversion", params={"period": period, "periods": periods}
    )
    return result
