"""notifications-service, as the BFF calls it."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio_kit.types import Page

from ..account.schemas import PreferencesRead
from ..admin.schemas import Broadcast, NotificationEntry
from ..audit.schemas import AuditEntry
from .base import ServiceApi


class NotificationsClient(ServiceApi):
    service = "notifications"

    async def list_notifications(self, params: Mapping[str, Any]) -> Page[NotificationEntry]:
        """GET /notifications: the delivery log with filters."""
        return await self._get(Page[NotificationEntry], "/notifications", params)

    async def audit(self, params: Mapping[str, Any]) -> Page[AuditEntry]:
        """GET /audit: one page of every service's audit trail, newest first (names not filled)."""
        return await self._get(Page[AuditEntry], "/audit", params)

    async def create_broadcast(self, body: dict[str, Any]) -> Broadcast:
        """POST /broadcasts: news queued for all students or one group."""
        return await self._send(Broadcast, "POST", "/broadcasts", json=body)

    async def get_broadcast(self, broadcast_id: str) -> Broadcast:
        """GET /broadcasts/{id}."""
        return await self._get(Broadcast, f"/broadcasts/{broadcast_id}")

    async def my_preferences(self) -> PreferencesRead:
        """GET /preferences/me: the caller's notification preferences."""
        return await self._get(PreferencesRead, "/preferences/me")

    async def replace_my_preferences(self, body: dict[str, Any]) -> PreferencesRead:
        """PUT /preferences/me."""
        return await self._send(PreferencesRead, "PUT", "/preferences/me", json=body)
