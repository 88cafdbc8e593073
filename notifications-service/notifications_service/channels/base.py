"""What every channel receives, and how it reports a failure."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class OutgoingMessage:
    notification_id: uuid.UUID
    address: str
    subject: str
    text: str
    short: str
    html: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)


class DeliveryError(Exception):
    """A failed send. `permanent` failures (a rejected address, an expired subscription) are
    not retried; everything else is retried with backoff."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent
