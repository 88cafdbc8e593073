"""SMS through a provider adapter: `log` (default) writes to the log, `smsru` calls an
SMS.ru-style JSON API (`POST <SMS_API_URL>` with api_id, to, msg, json=1)."""

from __future__ import annotations

import logging
from typing import Any, Protocol

import httpx

from ..config import Settings
from .base import DeliveryError, OutgoingMessage

logger = logging.getLogger("notifications_service.sms")


class SmsBackend(Protocol):
    async def send(self, phone: str, text: str) -> None: ...


class LogSmsBackend:
    async def send(self, phone: str, text: str) -> None:
        logger.info("SMS to %s: %s", phone, text)


class SmsRuBackend:
    # Provider status codes that will not get better by retrying (bad number, banned text, no money).
    PERMANENT_CODES = frozenset({201, 202, 203, 204, 205, 207, 208, 209, 210, 300, 301, 302})

    def __init__(self, settings: Settings, client: httpx.AsyncClient) -> None:
        self.url = settings.sms_api_url
        self.api_key = settings.sms_api_key.get_secret_value()
        self.sender = settings.sms_sender
        self.client = client

    async def send(self, phone: str, text: str) -> None:
        form = {"api_id": self.api_key, "to": phone.lstrip("+"), "msg": text, "json": "1"}
        if self.sender:
            form["from"] = self.sender
        try:
            response = await self.client.post(self.url, data=form)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"SMS provider unreachable: {type(exc).__name__}: {exc}") from exc
        if response.status_code >= 500:
            raise DeliveryError(f"SMS provider answered {response.status_code}")
        try:
            body: dict[str, Any] = response.json()
        except ValueError as exc:
            raise DeliveryError(f"SMS provider answered {response.status_code} without JSON") from exc
        if body.get("status") != "OK":
            code = int(body.get("status_code", 0) or 0)
            raise DeliveryError(
                f"SMS provider refused: {code} {body.get('status_text', '')}".strip(),
                permanent=code in self.PERMANENT_CODES,
            )
        result = (body.get("sms") or {}).get(form["to"], {})
        if result.get("status") != "OK":
            code = int(result.get("status_code", 0) or 0)
            raise DeliveryError(
                f"SMS to {phone} refused: {code} {result.get('status_text', '')}".strip(),
                permanent=code in self.PERMANENT_CODES,
            )


class SmsChannel:
    def __init__(self, backend: SmsBackend) -> None:
        self.backend = backend

    async def send(self, message: OutgoingMessage) -> None:
        await self.backend.send(message.address, message.short)


def build_sms_channel(settings: Settings, client: httpx.AsyncClient) -> SmsChannel:
    if settings.sms_backend == "smsru":
        return SmsChannel(SmsRuBackend(settings, client))
    return SmsChannel(LogSmsBackend())
