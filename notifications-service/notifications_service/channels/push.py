"""Web Push: payload encrypted per RFC 8291 (aes128gcm) and a VAPID (RFC 8292) Authorization
header, both from pywebpush/py-vapid; the request itself goes out through httpx."""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher

from ..config import Settings
from .base import DeliveryError, OutgoingMessage


@dataclass(frozen=True)
class PushTarget:
    endpoint: str
    p256dh: str
    auth: str


@dataclass(frozen=True)
class PushResult:
    delivered: list[str]
    # Subscriptions the push service says no longer exist: the caller forgets them.
    gone: list[str]
    error: DeliveryError | None = None


def public_key_of(private_key: str) -> str:
    """The application server key a browser needs for `pushManager.subscribe`."""
    vapid = Vapid.from_string(private_key=private_key)
    raw = vapid.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


class PushChannel:
    TTL_SECONDS = 24 * 3600

    def __init__(self, settings: Settings, client: httpx.AsyncClient) -> None:
        self.settings = settings
        self.client = client
        self._vapid = (
            Vapid.from_string(private_key=settings.vapid_private_key.get_secret_value())
            if settings.push_enabled
            else None
        )

    @property
    def available(self) -> bool:
        return self._vapid is not None

    def _headers(self, endpoint: str) -> dict[str, str]:
        assert self._vapid is not None
        parts = urlsplit(endpoint)
        claims = {
            "aud": f"{parts.scheme}://{parts.netloc}",
            "exp": int(time.time()) + 12 * 3600,
            "sub": self.settings.vapid_subject,
        }
        return {key: str(value) for key, value in self._vapid.sign(claims).items()}

    async def _send_one(self, target: PushTarget, data: bytes) -> str:
        """Returns "ok" or "gone"; raises DeliveryError for anything worth retrying."""
        subscription = {"endpoint": target.endpoint, "keys": {"p256dh": target.p256dh, "auth": target.auth}}
        try:
            body = WebPusher(subscription).encode(data, "aes128gcm")["body"]
        except Exception as exc:
            raise DeliveryError(f"cannot encrypt for subscription: {exc}", permanent=True) from exc
        headers = {
            **self._headers(target.endpoint),
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
            "TTL": str(self.TTL_SECONDS),
            "Urgency": "normal",
        }
        try:
            response = await self.client.post(target.endpoint, content=body, headers=headers)
        except httpx.HTTPError as exc:
            raise DeliveryError(f"push service unreachable: {type(exc).__name__}: {exc}") from exc
        if response.status_code in (404, 410):
            return "gone"
        if response.status_code == 429 or response.status_code >= 500:
            raise DeliveryError(f"push service answered {response.status_code}")
        if response.status_code >= 400:
            raise DeliveryError(
                f"push service rejected the message: {response.status_code} {response.text[:200]}", permanent=True
            )
        return "ok"

    async def send(self, message: OutgoingMessage, targets: list[PushTarget]) -> PushResult:
        """Send to every browser of the person; it counts as delivered when one took the message."""
        if self._vapid is None:
            return PushResult([], [], DeliveryError("web push is not configured (VAPID_PRIVATE_KEY)", permanent=True))
        data = json.dumps(
            {"title": message.subject, "body": message.short, **message.payload}, ensure_ascii=False
        ).encode()
        delivered: list[str] = []
        gone: list[str] = []
        errors: list[DeliveryError] = []
        for target in targets:
            try:
                outcome = await self._send_one(target, data)
            except DeliveryError as exc:
                errors.append(exc)
                continue
            (delivered if outcome == "ok" else gone).append(target.endpoint)
        error: DeliveryError | None = None
        if not delivered and errors:
            error = DeliveryError("; ".join(str(e) for e in errors)[:500], permanent=all(e.permanent for e in errors))
        elif not delivered:
            error = DeliveryError("no push subscription left", permanent=True)
        return PushResult(delivered, gone, error)
