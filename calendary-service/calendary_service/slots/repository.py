"""All SQL of the slot engine: everything that decides some teachers' free time in a range, in one
statement (the Redis slot cache is in cache.py)."""

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Row, text
from sqlalchemy.ext.asyncio import AsyncSession

# One round trip and one snapshot for any number of teachers: the zone, the weekly rules and
# exceptions that touch the local dates, and the absolute periods (time off, live events) that
# overlap the range. Holds past their expiry no longer count even before the sweeper marks them.
CALENDAR_ROWS = text(
    """
    SELECT teacher_id, 'timezone' AS kind, NULL::smallint AS weekday, NULL::time AS start_time,
           NULL::time AS end_time, NULL::date AS day, NULL::date AS effective_to,
           NULL::timestamptz AS starts_at, NULL::timestamptz AS ends_at, timezone AS zone
      FROM teacher_calendar WHERE teacher_id = ANY(:teacher_ids)
    UNION ALL
    SELECT teacher_id, 'rule', weekday, start_time, end_time, effective_from, effective_to, NULL, NULL, NULL
      FROM availability_rule
     WHERE teacher_id = ANY(:teacher_ids)
       AND (effective_from IS NULL OR effective_from <= :last_day)
       AND (effective_to IS NULL OR effective_to > :first_day)
    UNION ALL
    SELECT teacher_id, kind, NULL, start_time, end_time, exception_date, NULL, NULL, NULL, NULL
      FROM availability_exception
     WHERE teacher_id = ANY(:teacher_ids) AND exception_date BETWEEN :first_day AND :last_day
    UNION ALL
    SELECT teacher_id, 'time_off', NULL, NULL, NULL, NULL, NULL, starts_at, ends_at, NULL
      FROM time_off
     WHERE teacher_id = ANY(:teacher_ids) AND during && tstzrange(:starts_at, :ends_at, '[)')
    UNION ALL
    SELECT teacher_id, 'busy', NULL, NULL, NULL, NULL, NULL, starts_at, ends_at, NULL
      FROM calendar_event
     WHERE teacher_id = ANY(:teacher_ids) AND during && tstzrange(:starts_at, :ends_at, '[)')
       AND (status = 'confirmed' OR (status = 'held' AND expires_at > now()))
    """
)


async def read_without_transaction(session: AsyncSession) -> None:
    """Run the session's statements in autocommit: a lone read (one statement, one snapshot) needs
    no transaction, and BEGIN and COMMIT would be two of its three round trips."""
    await session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


async def fetch_calendar_rows(
    session: AsyncSession,
    teacher_ids: Sequence[uuid.UUID],
    starts_at: datetime,
    ends_at: datetime,
    first_day: date,
    last_day: date,
) -> list[Row[Any]]:
    """The rows of every given teacher, each carrying its `teacher_id` and `kind`."""
    result = await session.execute(
        CALENDAR_ROWS,
        {
            "teacher_ids": list(teacher_ids),
            "starts_at": starts_at,
            "ends_at": ends_at,
            "first_day": first_day,
            "last_day": last_day,
        },
    )
    return list(result.all())
