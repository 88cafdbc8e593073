"""The caller's own account: profile, notification preferences and Telegram linking."""

from __future__ import annotations

import logging
from typing import Any

from studio_kit.errors import ServiceUnavailable

from ..clients.auth import AuthClient
from ..clients.notifications import NotificationsClient
from ..clients.students import StudentsClient
from ..clients.teachers import TeachersClient
from ..downstream import Caller, DownstreamProblem, fan_out
from ..schemas import StudentProfile
from ..session.service import public_user
from .schemas import PreferencesRead, TelegramLinkRead

PROFILE_DEADLINE_SECONDS = 5.0
logger = logging.getLogger("bff_service.account")


async def ensure_student_profile(
    caller: Caller,
    user: dict[str, Any],
    *,
    phone: str | None = None,
    timezone: str | None = None,
    tolerate_outage: bool = False,
) -> StudentProfile | None:
    """Create the student profile of a self-registered account under the account's id.

    Safe to repeat: an existing profile (`student_exists`) counts as done. With `tolerate_outage`
    a students-service outage returns None; `/api/me` creates the profile later."""
    profile = {
        "user_id": str(user["id"]),
        "first_name": user.get("first_name") or "Student",
        "last_name": user.get("last_name") or "",
        "email": user.get("email"),
        "phone": phone or user.get("phone"),
        "timezone": timezone or user.get("timezone"),
        "status": "active",
        "source": "web",
    }
    try:
        return await StudentsClient(caller).create_profile_as_bff(
            {key: value for key, value in profile.items() if value is not None}, deadline=PROFILE_DEADLINE_SECONDS
        )
    except DownstreamProblem as problem:
        if problem.code == "student_exists":
            return None
        if problem.status in (401, 403) and tolerate_outage:
            # The BFF's service client lacks `students:write`: a deployment error, not the user's.
            logger.error("cannot create the student profile of %s: %s", user["id"], problem.detail)
            return None
        if problem.status == 422 and (phone or timezone):
            # A phone or zone the account accepted but the profile does not: keep the profile anyway.
            return await ensure_student_profile(
                caller, {**user, "phone": None, "timezone": None}, tolerate_outage=tolerate_outage
            )
        raise
    except ServiceUnavailable:
        if tolerate_outage:
            return None
        raise


async def _student_profile(caller: Caller) -> StudentProfile:
    students = StudentsClient(caller)
    try:
        return await students.my_profile()
    except DownstreamProblem as problem:
        if problem.status != 404:
            raise
        assert caller.session is not None
        await ensure_student_profile(caller, caller.session.user)
        return await students.my_profile()


async def get_me(caller: Caller) -> dict[str, Any]:
    """The user with their profile; a profile service that is down leaves `profile` empty."""
    assert caller.session is not None
    user = public_user(caller.session.user)
    if caller.role == "student":
        values, degraded = await fan_out({"students": _student_profile(caller)})
        profile = values["students"]
    elif caller.role == "teacher":
        values, degraded = await fan_out({"teachers": TeachersClient(caller).card(caller.user_id)})
        profile = values["teachers"]
    else:
        profile, degraded = None, []
    return {**user, "profile": profile, "degraded": degraded}


async def get_preferences(caller: Caller) -> PreferencesRead:
    """Notification preferences as notifications-service keeps them."""
    return await NotificationsClient(caller).my_preferences()


async def update_preferences(caller: Caller, data: dict[str, Any]) -> PreferencesRead:
    """Replace the notification preferences."""
    return await NotificationsClient(caller).replace_my_preferences(data)


async def create_telegram_link(caller: Caller) -> TelegramLinkRead:
    """A one-time token and deep link that lets the bot bind the caller's Telegram chat."""
    return await AuthClient(caller).telegram_link_token()
