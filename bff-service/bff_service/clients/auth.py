"""auth-service, as the BFF calls it (accounts only; sessions live in `session/` and `login/`)."""

from __future__ import annotations

from typing import Any

from .base import ServiceApi


class AuthClient(ServiceApi):
    service = "auth"

    async def create_user(self, body: dict[str, Any]) -> None:
        """POST /internal/users: an account under a given id, invited by e-mail when asked."""
        await self._send_ignoring_body("POST", "/internal/users", json=body)
