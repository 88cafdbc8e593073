"""The audit trail comes from notifications-service, which gathers every service's entries."""

from __future__ import annotations

from typing import Any

from ..downstream import Caller


async def list_audit(caller: Caller, params: dict[str, Any]) -> dict[str, Any]:
    """One page of the trail, newest first, with the filters that were given."""
    given = {key: value for key, value in params.items() if value is not None}
    page: dict[str, Any] = await caller.get("notifications", "/audit", params=given)
    return page
