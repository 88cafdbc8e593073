"""The attendance export's rows: a header, one row per seat, and a total row (seats, and the price
of the seats of completed lessons, i.e. the lessons delivered)."""

from collections.abc import AsyncIterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from studio_kit.db import Database

from . import repository as export_repository

HEADER = [
    "date",
    "lesson_id",
    "kind",
    "lesson_status",
    "teacher_id",
    "group_id",
    "duration_minutes",
    "student_id",
    "attendance",
    "price",
    "price_minor",
    "currency",
]


async def attendance_rows(
    database: Database, start: datetime, end: datetime, timezone: str, currency: str
) -> AsyncIterator[list[Any]]:
    """The sheet's rows, read in one snapshot so the total row agrees with the rows."""
    zone = ZoneInfo(timezone)
    seats = 0
    delivered_minor = 0
    yield HEADER
    async with database.sessionmaker() as session:
        await session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        async for lesson, seat in export_repository.attendance(session, start, end):
            seats += 1
            if lesson.status == "completed":
                delivered_minor += seat.price_minor
            yield [
                lesson.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M"),
                str(lesson.id),
                lesson.kind,
                lesson.status,
                str(lesson.teacher_id),
                str(lesson.group_id or ""),
                lesson.duration_minutes,
                str(seat.student_id),
                seat.attendance or "",
                Decimal(seat.price_minor).scaleb(-2),
                seat.price_minor,
                lesson.currency,
            ]
        await session.rollback()
    yield [
        "total",
        "",
        "",
        "completed",
        "",
        "",
        "",
        seats,
        "",
        Decimal(delivered_minor).scaleb(-2),
        delivered_minor,
        currency,
    ]


def month_starts(today: date, months: int) -> list[date]:
    """The first days of the last `months` months, oldest first, this month last."""
    index = today.year * 12 + today.month - 1
    return [date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(months - 1, -1, -1)]


async def delivered_by_month(session: AsyncSession, months: int, timezone: str, currency: str) -> list[dict[str, Any]]:
    """The price of the lessons delivered (every seat of a completed lesson) per studio month."""
    zone = ZoneInfo(timezone)
    starts = month_starts(datetime.now(zone).date(), months)
    figures = await export_repository.delivered_by_month(session, datetime.combine(starts[0], time(), zone), timezone)
    result = []
    for start in starts:
        amount, lessons = figures.get(f"{start:%Y-%m}", (0, 0))
        result.append({"month": f"{start:%Y-%m}", "delivered_minor": amount, "lessons": lessons, "currency": currency})
    return result
