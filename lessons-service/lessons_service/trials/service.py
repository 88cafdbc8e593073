"""Rules of trial holds: a prospect's pick holds the teacher's time (no student yet: the lead has no
profile when the bot asks) for LESSONS_TRIAL_HOLD_HOURS, so no student and no other desk books it.
The admin's convert-and-book releases the hold and books that time through the booking saga right
after (the saga's own hold then guards it); see ADR 0260."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from ..clients import Calendary
from ..config import Settings
from .errors import NotATrialHold
from .schemas import TrialHoldCreate, TrialHoldRead


async def hold_trial_slot(calendary: Calendary, settings: Settings, data: TrialHoldCreate) -> TrialHoldRead:
    """Hold the slot for the prospect; the same request and slot answer the same hold (a retry)."""
    starts_at = data.starts_at.astimezone(UTC)
    ends_at = starts_at + timedelta(minutes=data.duration_minutes)
    key = f"trial-hold:{data.request_id}:{data.teacher_id}:{starts_at.isoformat()}"
    hold = await calendary.hold(
        teacher_id=data.teacher_id,
        starts_at=starts_at,
        ends_at=ends_at,
        student_ids=[],
        kind="trial",
        room_id=None,
        hold_seconds=settings.lessons_trial_hold_hours * 3600,
        idempotency_key=key,
    )
    return TrialHoldRead(
        hold_id=hold.id,
        teacher_id=data.teacher_id,
        starts_at=starts_at,
        ends_at=ends_at,
        expires_at=datetime.fromisoformat(hold.expires_at) if hold.expires_at else None,
    )


async def release_trial_hold(calendary: Calendary, hold_id: uuid.UUID) -> bool:
    """Free a trial hold's time; False when there is nothing to free (expired, cancelled, unknown).
    Only a live trial hold may be released this way, never a booked lesson's event."""
    event = await calendary.event(hold_id)
    if event is None or event["status"] != "held":
        return False
    if event["kind"] != "trial" or event.get("lesson_id") or event.get("student_ids"):
        raise NotATrialHold()
    await calendary.cancel(hold_id)
    return True
