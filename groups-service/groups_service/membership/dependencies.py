"""Dependencies that decide who may change a group's membership."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends

from studio_kit.auth import CurrentUser
from studio_kit.errors import Forbidden

from ..config import SettingsDep


def ensure_admin_or_self(user: CurrentUser, student_id: uuid.UUID) -> None:
    """Admins act for anyone; a student only for themself."""
    if user.role == "admin" or (user.role == "student" and user.subject == str(student_id)):
        return
    raise Forbidden("Only an admin or the student themself may do this.")


async def get_offer_hours(settings: SettingsDep) -> float:
    """How long a freed seat is held for the next on the waitlist (GROUPS_WAITLIST_OFFER_HOURS)."""
    return float(settings.groups_waitlist_offer_hours)


OfferHours = Annotated[float, Depends(get_offer_hours)]
