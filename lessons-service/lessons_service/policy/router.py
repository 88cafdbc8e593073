"""HTTP route of the booking policy: what the apps show before a student cancels or moves a lesson."""

from fastapi import APIRouter

from studio_kit.auth import CurrentUser

from ..lessons.dependencies import SettingsDep
from .schemas import PolicyRead

router = APIRouter(prefix="/policy", tags=["policy"])


@router.get("", response_model=PolicyRead)
async def get_policy(_: CurrentUser, settings: SettingsDep) -> PolicyRead:
    """The cancellation notice, so no client keeps its own copy of the number."""
    return PolicyRead(
        cancel_notice_hours=settings.lessons_cancel_notice_hours,
        currency=settings.lessons_currency,
        max_active_bookings=settings.lessons_max_active_bookings,
        min_booking_notice_hours=settings.lessons_min_booking_notice_hours,
    )
