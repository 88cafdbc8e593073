"""`/api/me/calendar-feed` (API.md "Money"): the caller's private iCal link; and the feed itself,
which a calendar client reads without a session (the unguessable token is the credential)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Response

from ..session.dependencies import AnonymousCallerDep, AnyCaller
from . import service as feed_service
from .schemas import CalendarFeedRead

router = APIRouter(tags=["calendar-feed"])
# Headers of calendary's feed a calendar client needs (type and how long to cache it).
PASSED_HEADERS = ("content-type", "cache-control", "x-robots-tag")


@router.get("/api/me/calendar-feed", response_model=CalendarFeedRead)
async def get_calendar_feed(caller: AnyCaller) -> dict[str, Any]:
    """The caller's private iCal (RFC 5545) subscription URL: the same until regenerated."""
    return await feed_service.get_link(caller)


@router.post("/api/me/calendar-feed", status_code=201, response_model=CalendarFeedRead)
async def regenerate_calendar_feed(caller: AnyCaller) -> dict[str, Any]:
    """A new subscription URL; the previous one stops working at once."""
    return await feed_service.regenerate_link(caller)


@router.delete("/api/me/calendar-feed", status_code=204)
async def revoke_calendar_feed(caller: AnyCaller) -> Response:
    """Stop the subscription URL (reading the link again issues a new one)."""
    await feed_service.revoke_link(caller)
    return Response(status_code=204)


@router.get(
    "/api/calendar-feeds/{token}.ics",
    response_class=Response,
    responses={200: {"content": {"text/calendar": {"schema": {"type": "string"}}}}},
)
async def read_calendar_feed(
    token: Annotated[str, Path(min_length=20, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")],
    caller: AnonymousCallerDep,
) -> Response:
    """The iCalendar document behind a subscription URL (no session)."""
    feed = await feed_service.read_feed(caller, token)
    headers = {name: feed.headers[name] for name in PASSED_HEADERS if name in feed.headers}
    return Response(content=feed.content, headers=headers)
