"""iCal (RFC 5545) feeds of a teacher's or a student's lessons behind unguessable, revocable tokens."""

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Literal

import icalendar
from sqlalchemy.ext.asyncio import AsyncSession

from ..bookings import repository as booking_repository
from ..bookings.models import CalendarEvent
from ..config import Settings
from . import repository as feed_repository
from .errors import FeedNotFound
from .schemas import FeedTokenRead

OwnerKind = Literal["teacher", "student", "admin"]
UID_DOMAIN = "calendary.studio"
CALENDAR_NAMES = {"teacher": "Studio: teaching", "student": "Studio: lessons", "admin": "Studio: all lessons"}
SUMMARIES = {"individual": "Individual lesson", "group": "Group lesson", "trial": "Trial lesson"}


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_token(
    session: AsyncSession, owner_kind: OwnerKind, owner_id: uuid.UUID, base_url: str
) -> FeedTokenRead:
    """A new feed URL for the owner; any earlier one stops working."""
    # 256 bits from the OS CSPRNG; only the hash is stored, so a database leak does not expose feeds.
    token = secrets.token_urlsafe(32)
    await feed_repository.lock_owner(session, owner_kind, owner_id)
    await feed_repository.revoke_tokens(session, owner_kind, owner_id)
    await feed_repository.add_token(session, owner_kind, owner_id, _hash(token), token)
    return FeedTokenRead(url=_url(base_url, token), token=token)


def _url(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}/feeds/{token}.ics"


async def current_token(
    session: AsyncSession, owner_kind: OwnerKind, owner_id: uuid.UUID, base_url: str
) -> FeedTokenRead:
    """The owner's live feed URL, issued on first use; the same link every time until regenerated."""
    await feed_repository.lock_owner(session, owner_kind, owner_id)
    live = await feed_repository.get_owner_token(session, owner_kind, owner_id)
    if live is not None and live.token is not None:
        return FeedTokenRead(url=_url(base_url, live.token), token=live.token)
    # None yet, or one issued before links were kept (ADR 0200): a new one replaces it.
    return await issue_token(session, owner_kind, owner_id, base_url)


async def revoke_tokens(session: AsyncSession, owner_kind: OwnerKind, owner_id: uuid.UUID) -> None:
    """Stop every feed URL of the owner."""
    await feed_repository.revoke_tokens(session, owner_kind, owner_id)


def render_calendar(name: str, events: Sequence[CalendarEvent]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Studio//calendary-service//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for event in events:
        entry = icalendar.Event()
        # The event id never changes, so a move or a cancellation updates the same entry in clients.
        entry.add("uid", f"{event.id}@{UID_DOMAIN}")
        entry.add("dtstamp", event.updated_at.astimezone(UTC))
        entry.add("last-modified", event.updated_at.astimezone(UTC))
        entry.add("dtstart", event.starts_at.astimezone(UTC))
        entry.add("dtend", event.ends_at.astimezone(UTC))
        entry.add("sequence", event.sequence)
        entry.add("status", "CANCELLED" if event.status == "cancelled" else "CONFIRMED")
        entry.add("summary", SUMMARIES.get(event.kind, "Lesson"))
        entry.add("transp", "TRANSPARENT" if event.status == "cancelled" else "OPAQUE")
        calendar.add_component(entry)
    return bytes(calendar.to_ical())


async def render_feed(session: AsyncSession, settings: Settings, token: str) -> bytes:
    """The owner's booked lessons (and cancelled ones, marked so) as an iCalendar document."""
    feed_token = await feed_repository.get_active_token(session, _hash(token))
    if feed_token is None:
        raise FeedNotFound()
    now = datetime.now(UTC)
    starts_at = now - timedelta(days=settings.calendary_feed_past_days)
    ends_at = now + timedelta(days=settings.calendary_feed_future_days)
    kind = feed_token.owner_kind
    # An admin's feed is the whole studio's timetable.
    events = await booking_repository.list_booked_events(
        session,
        teacher_id=feed_token.owner_id if kind == "teacher" else None,
        student_id=feed_token.owner_id if kind == "student" else None,
        starts_at=starts_at,
        ends_at=ends_at,
    )
    return render_calendar(CALENDAR_NAMES[kind], events)
