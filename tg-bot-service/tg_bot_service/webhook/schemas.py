"""What the webhook answers Telegram."""

from typing import Literal

from pydantic import BaseModel


class WebhookAck(BaseModel):
    ok: bool = True
    status: Literal["processed", "duplicate"]
