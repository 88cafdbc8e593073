"""Package template schemas."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from studio_kit.types import SingleLineText

from ..ledger.schemas import MAX_AMOUNT_MINOR, PaymentMethod
from ..packages.schemas import PackageKind

# A package of more than two years is not a package but a contract: refuse the likely typo.
MAX_VALID_DAYS = 731


class TemplateCreate(BaseModel):
    name: SingleLineText = Field(min_length=1, max_length=120)
    lessons: int = Field(gt=0, le=500)
    valid_days: int = Field(gt=0, le=MAX_VALID_DAYS)
    price_minor: int = Field(ge=0, le=MAX_AMOUNT_MINOR)
    kind: PackageKind = "any"


class TemplateUpdate(BaseModel):
    name: SingleLineText | None = Field(default=None, min_length=1, max_length=120)
    lessons: int | None = Field(default=None, gt=0, le=500)
    valid_days: int | None = Field(default=None, gt=0, le=MAX_VALID_DAYS)
    price_minor: int | None = Field(default=None, ge=0, le=MAX_AMOUNT_MINOR)
    kind: PackageKind | None = None
    archived: bool | None = Field(default=None, description="true takes it off sale; false puts it back.")


class TemplateRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: str
    lessons: int
    valid_days: int
    price_minor: int
    currency: str
    archived: bool
    created_at: datetime


class TemplateSale(BaseModel):
    template_id: uuid.UUID
    payment_method: PaymentMethod = Field(description="How the student paid at the desk.")
