from uuid import UUID

from pydantic import AwareDatetime, BaseModel, Field


class BookingRequest(BaseModel):
    teacher_id: UUID
    starts_at: AwareDatetime
    duration_minutes: int = Field(default=60, ge=15, le=240)


class CancelRequest(BaseModel):
    reason: str | None = Field(default=None, max_length=500)

