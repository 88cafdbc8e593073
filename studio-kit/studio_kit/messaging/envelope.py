"""CloudEvents-style envelope shared by every event on the bus."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class Event(BaseModel):
    """An integration event: a fact in the past tense, e.g. `lesson.completed`."""

    model_config = ConfigDict(extra="ignore")

    id: uuid.UUID = Field(default_factory=uuid.uuid4)
    type: str = Field(min_length=3, max_length=100, pattern=r"^[a-z_]+(\.[a-z_]+)+$")
    source: str
    time: datetime = Field(default_factory=lambda: datetime.now(UTC))
    specversion: str = "1.0"
    datacontenttype: str = "application/json"
    subject: str | None = None
    data: dict[str, Any] = Field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return self.model_dump_json().encode()

    @classmethod
    def from_bytes(cls, body: bytes) -> Event:
        return cls.model_validate_json(body)
