"""Online payment schemas: the checkout, its status, and the provider's notification."""

import uuid
from datetime import datetime

from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field


class CheckoutCreate(BaseModel):
    template_id: uuid.UUID
    return_url: AnyHttpUrl = Field(
        description="Where the provider sends the student back; `payment_id=<id>` is added to its query."
    )


class CheckoutRead(BaseModel):
    payment_id: uuid.UUID
    confirmation_url: str
    status: str


class OnlinePaymentRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    student_id: uuid.UUID
    template_id: uuid.UUID
    status: str
    amount_minor: int
    currency: str
    description: str
    package_id: uuid.UUID | None
    created_at: datetime
    settled_at: datetime | None


class NotificationObject(BaseModel):
    id: str = Field(min_length=1, max_length=64)


class ProviderNotification(BaseModel):
    """YooKassa's notification body; only the payment's id is used: its state is re-read."""

    type: str = Field(default="notification", max_length=40)
    event: str = Field(max_length=60)
    object: NotificationObject


class NotificationOutcome(BaseModel):
    outcome: str = Field(description="credited, canceled, unchanged or unknown (not found at the provider)")
