"""Response shapes of the lessons reports."""

from pydantic import BaseModel, Field


class DeliveredMonth(BaseModel):
    month: str = Field(examples=["2026-11"])
    delivered_minor: int
    lessons: int
    currency: str
