"""The trial funnel at the front desk: a lead taken by phone, converted into a student with the
trial booked in one step, and the conversion numbers.

Converting crosses three services, so each step is safe to repeat: the profile is linked to the
lead first (a retry finds it), the trial is booked under an Idempotency-Key derived from the lead
(a retry replays it), the invitation goes out only after the trial is booked (a taken slot sends
no e-mail), and the lead is marked converted last (a second conversion is 409)."""

from __future__ import annotations

from typing import Any

from ..admin.schemas import Lead
from ..clients.auth import AuthClient
from ..clients.lessons import LessonsClient
from ..clients.students import StudentsClient
from ..downstream import Caller
from ..errors import LeadAlreadyConverted
from ..frontdesk.service import book_lesson
from ..schemas import Lesson, StudentProfile
from .schemas import ConversionPeriod


async def create_lead(caller: Caller, data: dict[str, Any]) -> Lead:
    """A request taken by phone or at the desk."""
    return await StudentsClient(caller).create_lead(data)


def _names(full_name: str) -> tuple[str, str]:
    first, _, last = full_name.strip().partition(" ")
    return first or full_name, last.strip()


async def _profile_for(caller: Caller, lead: Lead) -> StudentProfile:
    """The lead's student profile: the one the bot already made, or a new one linked to the lead."""
    students = StudentsClient(caller)
    if lead.student_id:
        return await students.get_student(str(lead.student_id))
    first, last = _names(lead.name)
    body = {"first_name": first, "last_name": last, "status": "lead", "source": lead.source or "admin"}
    if lead.phone:
        body["phone"] = lead.phone
    profile = await students.create_student(body)
    await students.link_lead_student(str(lead.id), str(profile.id))
    return profile


async def _invite(caller: Caller, profile: StudentProfile, email: str) -> StudentProfile:
    """An account under the profile's id, invited by e-mail; the profile records both."""
    await AuthClient(caller).create_user(
        {
            "id": str(profile.id),
            "email": email,
            "role": "student",
            "first_name": profile.first_name,
            "last_name": profile.last_name or "",
            "phone": profile.phone,
            "timezone": profile.timezone,
            "invite": True,
        }
    )
    return await StudentsClient(caller).update_student(str(profile.id), {"user_id": str(profile.id), "email": email})


async def _release_held_slot(caller: Caller, lead: Lead) -> None:
    """The slot the prospect picked in the bot is held for the desk (lessons-service's trial hold):
    free it right before booking, so the trial can take that very time (or, when the admin books
    another, so others can). Idempotent, so a retried convert releases nothing twice."""
    hold_id = (lead.preferred_slot or {}).get("hold_id")
    if hold_id:
        await LessonsClient(caller).release_trial_hold(str(hold_id))


async def convert_lead(caller: Caller, lead_id: str, trial: dict[str, Any] | None) -> dict[str, Any]:
    """Make the lead a student (invited when it has an e-mail) and book its trial in one step."""
    students = StudentsClient(caller)
    lead = await students.get_lead(lead_id)
    if lead.converted_at:
        raise LeadAlreadyConverted()
    profile = await _profile_for(caller, lead)
    await _release_held_slot(caller, lead)
    lesson: Lesson | None = None
    if trial is not None:
        booked, _ = await book_lesson(
            caller,
            {**trial, "student_id": str(profile.id), "kind": "trial"},
            f"lead-convert-{lead_id}",
        )
        lesson = booked["lesson"]
    invited = False
    if lead.email and not profile.user_id:
        profile = await _invite(caller, profile, lead.email)
        invited = True
    convert: dict[str, Any] = {"student_id": str(profile.id)}
    if lesson is not None:
        convert |= {"trial_lesson_id": str(lesson.id), "trial_at": lesson.starts_at.isoformat()}
    await students.convert_lead(lead_id, convert)
    return {"student": profile, "lesson": lesson, "invited": invited}


async def conversion(caller: Caller, period: str, periods: int) -> list[ConversionPeriod]:
    """Requests → trials → paying students per week or month."""
    return await StudentsClient(caller).lead_conversion(period, periods)
