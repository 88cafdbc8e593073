"""The studio's booking policy as clients show it before a cancel or a move."""

from pydantic import BaseModel, Field


class PolicyRead(BaseModel):
    cancel_notice_hours: int = Field(
        description="A student's cancel later than this before the start is charged; a move is refused"
    )
    currency: str
    max_active_bookings: int = Field(
        description="Future individual and trial lessons one student may hold at once (more: 409 booking_limit_reached)"
    )
    min_booking_notice_hours: int = Field(
        default=0, description="A student books at least this long before the start (0: no minimum)"
    )
