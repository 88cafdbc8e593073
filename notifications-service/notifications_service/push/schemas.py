"""Web Push subscription shapes (the browser's PushSubscription.toJSON())."""

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

B64URL = r"^[A-Za-z0-9_-]+={0,2}$"


class PushKeys(BaseModel):
    p256dh: str = Field(min_length=80, max_length=100, pattern=B64URL)
    auth: str = Field(min_length=16, max_length=32, pattern=B64URL)


class PushSubscriptionCreate(BaseModel):
    endpoint: str = Field(min_length=10, max_length=2000)
    keys: PushKeys
    expiration_time: int | None = Field(default=None, alias="expirationTime")

    model_config = ConfigDict(populate_by_name=True)


class PushSubscriptionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    endpoint: str
    created_at: datetime


class VapidPublicKey(BaseModel):
    public_key: str
