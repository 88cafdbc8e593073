"""Free slots of many teachers in one downstream call, passed through as calendary's bytes."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from uuid import UUID

from ..clients.calendary import CalendaryClient
from ..downstream import Caller
from ..errors import InvalidRange


async def list_slots_of_teachers(
    caller: Caller, teacher_ids: Sequence[UUID], start: datetime, end: datetime, duration_minutes: int
) -> bytes:
    """calendary's `GET /slots` answer, unparsed: a week-picker over every teacher costs one call and
    no re-serialisation here. calendary caps the teachers and the range (400 `too_many_teachers`,
    `range_too_large`)."""
    if end <= start:
        raise InvalidRange("`to` must be after `from`.")
    return await CalendaryClient(caller).free_slots_of_teachers_json(
        [str(teacher_id) for teacher_id in dict.fromkeys(teacher_ids)],
        start,
        end,
        duration_minutes,
        # A cold cache computes every teacher's weeks at once: more than one ordinary call's budget.
        deadline=caller.settings.downstream_timeout_seconds * 4,
    )
