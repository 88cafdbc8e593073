"""Response shapes of the money reports."""

from pydantic import BaseModel, Field


class CashMonth(BaseModel):
    month: str = Field(examples=["2026-11"])
    received_minor: int
    refunded_minor: int
    currency: str
