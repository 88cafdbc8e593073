"""Price list schemas."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, model_validator

PricedKind = Literal["individual", "trial"]


class PriceItem(BaseModel):
    kind: PricedKind
    duration_minutes: int = Field(ge=15, le=240)
    amount_minor: int = Field(ge=0, le=100_000_000, description="Charged per student for one lesson.")


class PriceListUpdate(BaseModel):
    items: list[PriceItem] = Field(max_length=50)
    valid_from: date | None = Field(default=None, description="First date (studio time) it applies; today if omitted.")

    @model_validator(mode="after")
    def one_price_per_kind_and_duration(self) -> PriceListUpdate:
        keys = [(item.kind, item.duration_minutes) for item in self.items]
        if len(keys) != len(set(keys)):
            raise ValueError("each kind and duration may appear once")
        return self


class PriceListRead(BaseModel):
    valid_from: date | None
    currency: str
    items: list[PriceItem]
    # What a kind costs when the list has no entry for it at all (the service's configured default).
    defaults: dict[str, int]


class PriceQuote(BaseModel):
    kind: str
    duration_minutes: int
    on_date: date
    amount_minor: int
    currency: str
    source: Literal["price_list", "default"]
