"""The link is the BFF's public URL with calendary's token in it, so a calendar client reaches the
feed through nginx like the web app (calendary itself is never exposed)."""

from __future__ import annotations

from typing import Any

import httpx

from ..downstream import Caller

FEED_PATH = "/api/calendar-feeds/{token}.ics"


def _link(caller: Caller, issued: dict[str, Any]) -> dict[str, Any]:
    return {"url": caller.settings.public_url.rstrip("/") + FEED_PATH.format(token=issued["token"])}


async def get_link(caller: Caller) -> dict[str, Any]:
    return _link(caller, await caller.get("calendary", "/me/feed-token"))


async def regenerate_link(caller: Caller) -> dict[str, Any]:
    return _link(caller, await caller.post("calendary", "/me/feed-token"))


async def revoke_link(caller: Caller) -> None:
    await caller.delete("calendary", "/me/feed-token")


async def read_feed(caller: Caller, token: str) -> httpx.Response:
    return await caller.send("calendary", "GET", f"/feeds/{token}.ics")
