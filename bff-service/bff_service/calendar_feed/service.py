"""The link is the BFF's public URL with calendary's token in it, so a calendar client reaches the
feed through nginx like the web app (calendary itself is never exposed)."""

from __future__ import annotations

import httpx

from ..clients.calendary import CalendaryClient, FeedToken
from ..downstream import Caller

FEED_PATH = "/api/calendar-feeds/{token}.ics"


def _link(caller: Caller, issued: FeedToken) -> dict[str, str]:
    return {"url": caller.settings.public_url.rstrip("/") + FEED_PATH.format(token=issued.token)}


async def get_link(caller: Caller) -> dict[str, str]:
    return _link(caller, await CalendaryClient(caller).feed_token())


async def regenerate_link(caller: Caller) -> dict[str, str]:
    return _link(caller, await CalendaryClient(caller).regenerate_feed_token())


async def revoke_link(caller: Caller) -> None:
    await CalendaryClient(caller).revoke_feed_token()


async def read_feed(caller: Caller, token: str) -> httpx.Response:
    return await CalendaryClient(caller).feed(token)
