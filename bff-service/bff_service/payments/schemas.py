"""Catalogue and online payment shapes."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, Field

PackageKind = Literal["individual", "group", "any"]
DeskPaymentMethod = Literal["cash", "card", "transfer"]
MAX_PRICE_MINOR = 1_000_000_000


class PackageTemplateCreate(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    lessons: int = Field(gt=0, le=500)
    valid_days: int = Field(gt=0, le=731, description="Days the package is usable, counting the day of sale")
    price_minor: int = Field(ge=0, le=MAX_PRICE_MINOR)
    kind: PackageKind = "any"


class PackageTemplateUpdate(BaseModel):
    name: str | None = Field(default=None, min_length=1, max_length=120)
    lessons: int | None = Field(default=None, gt=0, le=500)
    valid_days: int | None = Field(default=None, gt=0, le=731)
    price_minor: int | None = Field(default=None, ge=0, le=MAX_PRICE_MINOR)
    kind: PackageKind | None = None
    archived: bool | None = Field(default=None, description="true takes it off sale; false puts it back")


class PackageTemplate(BaseModel):
    id: UUID
    name: str
    kind: str
    lessons: int
    valid_days: int
    price_minor: int
    currency: str
    archived: bool
    created_at: datetime


class PackageSale(BaseModel):
    template_id: UUID
    payment_method: DeskPaymentMethod


class CheckoutCreate(BaseModel):
    template_id: UUID


class Checkout(BaseModel):
    payment_id: UUID
    confirmation_url: str = Field(description="Send the student's browser here to pay")


class OnlinePayment(BaseModel):
    id: UUID
    status: Literal["pending", "succeeded", "canceled"]
    amount_minor: int
    currency: str
    description: str
    package_id: UUID | None
    created_at: datetime
    settled_at: datetime | None


class WebhookOutcome(BaseModel):
    outcome: str
