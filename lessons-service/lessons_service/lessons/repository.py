"""All SQL of lessons and their rosters."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, any_, bindparam, delete, func, select, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from .models import Lesson, LessonStudent


async def lock_key(session: AsyncSession, key: str) -> None:
    """A transaction-scoped advisory lock: the second of two identical requests waits for the first."""
    await session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": key})


async def add_lesson(session: AsyncSession, lesson: Lesson, seats: Sequence[LessonStudent]) -> Lesson:
    # One flush: the unit of work inserts the lesson before its seats (foreign key order).
    session.add(lesson)
    session.add_all(seats)
    await session.flush()
    return lesson


async def get_lesson(session: AsyncSession, lesson_id: uuid.UUID, *, for_update: bool = False) -> Lesson | None:
    statement = select(Lesson).where(Lesson.id == lesson_id)
    if for_update:
        statement = statement.with_for_update()
    return (await session.execute(statement)).scalar_one_or_none()


async def list_seats(session: AsyncSession, lesson_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[LessonStudent]]:
    rows = await session.scalars(
        select(LessonStudent).where(LessonStudent.lesson_id.in_(lesson_ids)).order_by(LessonStudent.student_id)
    )
    seats: dict[uuid.UUID, list[LessonStudent]] = {lesson_id: [] for lesson_id in lesson_ids}
    for seat in rows:
        seats[seat.lesson_id].append(seat)
    return seats


def of_student(student_id: uuid.UUID) -> ColumnElement[bool]:
    """The lessons the student has a seat in, found from their seats and then by key: the cost is
    the student's own lessons. As a join or `IN (SELECT ...)` the planner hashed the seats and
    scanned every lesson (16 ms at 20 000 lessons, against 5 ms this way; issue 19)."""
    seats = select(LessonStudent.lesson_id).where(LessonStudent.student_id == student_id).scalar_subquery()
    return Lesson.id == any_(func.array(seats))


async def list_lessons(
    session: AsyncSession,
    *,
    starts_from: datetime | None,
    starts_to: datetime | None,
    teacher_id: uuid.UUID | None,
    student_id: uuid.UUID | None,
    group_id: uuid.UUID | None,
    status: str | None,
    offset: int,
    limit: int,
) -> tuple[list[Lesson], int]:
    statement = select(Lesson)
    if starts_from is not None:
        statement = statement.where(Lesson.starts_at >= starts_from)
    if starts_to is not None:
        statement = statement.where(Lesson.starts_at < starts_to)
    if teacher_id is not None:
        statement = statement.where(Lesson.teacher_id == teacher_id)
    if group_id is not None:
        statement = statement.where(Lesson.group_id == group_id)
    if status is not None:
        statement = statement.where(Lesson.status == status)
    if student_id is not None:
        statement = statement.where(of_student(student_id))
    total = await session.scalar(select(func.count()).select_from(statement.subquery()))
    rows = await session.scalars(statement.order_by(Lesson.starts_at, Lesson.id).offset(offset).limit(limit))
    return list(rows), int(total or 0)


async def count_student_lessons(session: AsyncSession, student_id: uuid.UUID, *, kind: str, exclude_status: str) -> int:
    count = await session.scalar(
        select(func.count())
        .select_from(Lesson)
        .where(of_student(student_id), Lesson.kind == kind, Lesson.status != exclude_status)
    )
    return int(count or 0)


async def future_group_lessons(session: AsyncSession, group_id: uuid.UUID, now: datetime) -> list[Lesson]:
    rows = await session.scalars(
        select(Lesson).where(Lesson.group_id == group_id, Lesson.status == "scheduled", Lesson.starts_at > now)
    )
    return list(rows)


async def add_seats_if_missing(
    session: AsyncSession, lessons: Sequence[Lesson], student_id: uuid.UUID
) -> list[uuid.UUID]:
    """Seat the student in each lesson that lacks them; returns the lessons they were added to."""
    if not lessons:
        return []
    result = await session.execute(
        pg_insert(LessonStudent)
        .values(
            [
                {"lesson_id": lesson.id, "student_id": student_id, "price_minor": lesson.price_minor}
                for lesson in lessons
            ]
        )
        .on_conflict_do_nothing()
        .returning(LessonStudent.lesson_id)
    )
    return list(result.scalars().all())


async def remove_unmarked_seats(
    session: AsyncSession, lesson_ids: Sequence[uuid.UUID], student_id: uuid.UUID
) -> list[uuid.UUID]:
    """Take the student's unmarked seats out of the lessons; returns the lessons they left."""
    if not lesson_ids:
        return []
    result = await session.execute(
        delete(LessonStudent)
        .where(
            LessonStudent.lesson_id.in_(lesson_ids),
            LessonStudent.student_id == student_id,
            LessonStudent.attendance.is_(None),
        )
        .returning(LessonStudent.lesson_id)
    )
    return list(result.scalars().all())


async def group_lesson_starts(session: AsyncSession, group_id: uuid.UUID, starts: Sequence[datetime]) -> set[datetime]:
    if not starts:
        return set()
    rows = await session.scalars(
        select(Lesson.starts_at).where(Lesson.group_id == group_id, Lesson.starts_at.in_(starts))
    )
    return set(rows)


# --- booking (saga.book_lesson): one statement to read, one to write, on an AUTOCOMMIT connection --
# Written as SQL text, compiled once: building and compiling the equivalent Core statements cost
# more CPU per booking than the round trips they replace.

_BOOKING_FACTS = text(
    """
    WITH mine AS MATERIALIZED (SELECT lesson_id FROM lesson_student WHERE student_id = :student_id)
    SELECT stored.request_hash, stored.status_code, stored.response,
        EXISTS (
            SELECT 1 FROM lesson WHERE lesson.id = ANY (ARRAY(SELECT lesson_id FROM mine)) AND lesson.kind = 'trial'
                AND (lesson.status != 'cancelled' OR lesson.late_cancel IS true)
        ) AS trial_used,
        (
            SELECT count(*) FROM lesson WHERE lesson.id = ANY (ARRAY(SELECT lesson_id FROM mine))
                AND lesson.kind IN ('individual', 'trial') AND lesson.status = 'scheduled' AND lesson.starts_at > :now
        ) AS active_bookings,
        EXISTS (
            SELECT 1 FROM price_list_item AS item WHERE item.price_list_id = in_force.id AND item.kind = :kind
        ) AS kind_listed,
        (
            SELECT item.amount_minor FROM price_list_item AS item
            WHERE item.price_list_id = in_force.id AND item.kind = :kind AND item.duration_minutes = :duration
        ) AS listed_amount
    FROM (SELECT 1) AS one
    LEFT JOIN idempotency_record AS stored ON stored.principal = :principal AND stored.idempotency_key = :key
    LEFT JOIN LATERAL (
        SELECT price_list.id FROM price_list WHERE price_list.valid_from <= :price_date
        ORDER BY price_list.valid_from DESC, price_list.created_at DESC LIMIT 1
    ) AS in_force ON true
    """
)


@dataclass(frozen=True)
class BookingFacts:
    """What a booking needs to know before it asks calendary, read in one snapshot."""

    replay_hash: str | None  # the Idempotency-Key's stored request, None when the key is new
    replay_status: int | None
    replay_body: Any
    trial_used: bool
    active_bookings: int
    kind_listed: bool  # the price list in force lists this kind at all
    listed_amount: int | None  # its price for this length, if listed


async def booking_facts(
    connection: AsyncConnection,
    *,
    principal: str,
    key: str,
    student_id: uuid.UUID,
    now: datetime,
    kind: str,
    duration_minutes: int,
    price_date: date,
) -> BookingFacts:
    """The key's stored answer (studio_kit.idempotency), whether the student's trial is spent (a
    trial counts unless cancelled in time), their scheduled individual and trial lessons not started
    yet, and the price facts of the list in force on the date (as prices.repository.list_in_force):
    one round trip, not five.

    The student's lessons are found from their seats (`ix_lesson_student_student_id`) and then by
    primary key, so the read costs the student's own lessons whatever the planner's statistics say.
    Written as a join, the planner scanned every lesson and probed the student's seats once per
    lesson while the table's statistics lagged behind its growth (6 ms at 700 lessons on a fresh
    database, 18 ms at 20 000), and scanned every lesson even with fresh statistics (issue 19)."""
    parameters = {
        "principal": principal,
        "key": key,
        "student_id": student_id,
        "now": now,
        "kind": kind,
        "duration": duration_minutes,
        "price_date": price_date,
    }
    row = (await connection.execute(_BOOKING_FACTS, parameters)).one()
    return BookingFacts(
        replay_hash=row.request_hash,
        replay_status=row.status_code,
        replay_body=row.response,
        trial_used=bool(row.trial_used),
        active_bookings=int(row.active_bookings),
        kind_listed=bool(row.kind_listed),
        listed_amount=row.listed_amount,
    )


# The lesson, its seat and the stored answer: the CTEs every booking writes.
_BOOKING_ROWS = """
    lesson AS (
        INSERT INTO lesson (
                id, kind, status, teacher_id, group_id, room_id, starts_at, ends_at, price_minor, currency,
                calendar_event_id, booked_by, late_cancel, created_at, updated_at
            ) VALUES (
                :lesson_id, :lesson_kind, :lesson_status, :lesson_teacher_id, :lesson_group_id, :lesson_room_id,
                :lesson_starts_at, :lesson_ends_at, :lesson_price_minor, :lesson_currency, :lesson_calendar_event_id,
                :lesson_booked_by, :lesson_late_cancel, :lesson_created_at, :lesson_updated_at
            )
    ),
    seat AS (
        INSERT INTO lesson_student (lesson_id, student_id, price_minor)
        VALUES (:lesson_id, :seat_student_id, :lesson_price_minor)
    ),
    replay AS (
        INSERT INTO idempotency_record (principal, idempotency_key, request_hash, status_code, response)
        VALUES (:principal, :idempotency_key, :request_hash, :status_code, :response)
    ),"""

_INSERT_BOOKING = text(
    "WITH"  # noqa: S608 - constants only; every value is a bound parameter
    + _BOOKING_ROWS
    + """
    event AS (
        INSERT INTO outbox_message (id, type, payload, created_at)
        VALUES (:event_id, :event_type, :event_payload, clock_timestamp())
    )
    SELECT pg_notify(:channel, '')
    """
).bindparams(bindparam("event_payload", type_=JSONB), bindparam("response", type_=JSONB))

# A staff booking also writes its audit entry and `audit.recorded`.
_INSERT_AUDITED_BOOKING = text(
    "WITH"  # noqa: S608 - constants only; every value is a bound parameter
    + _BOOKING_ROWS
    + """
    event AS (
        INSERT INTO outbox_message (id, type, payload, created_at)
        VALUES (:event_id, :event_type, :event_payload, clock_timestamp()),
            (:audit_event_id, :audit_event_type, :audit_event_payload, clock_timestamp())
    ),
    audit AS (
        INSERT INTO audit_entry (id, at, actor_id, actor_role, action, target_type, target_id, summary)
        VALUES (:audit_id, :audit_at, :audit_actor_id, :audit_actor_role, :audit_action, :audit_target_type,
            :audit_target_id, :audit_summary)
    )
    SELECT pg_notify(:channel, '')
    """
).bindparams(
    bindparam("event_payload", type_=JSONB),
    bindparam("response", type_=JSONB),
    bindparam("audit_event_payload", type_=JSONB),
    bindparam("audit_summary", type_=JSONB),
)


async def insert_booking(
    connection: AsyncConnection,
    *,
    lesson: dict[str, Any],
    student_id: uuid.UUID,
    events: Sequence[dict[str, Any]],
    idempotency: dict[str, Any],
    audit: dict[str, Any] | None,
    channel: str,
) -> None:
    """A booked lesson with its one seat, its outbox events (`lesson.scheduled`, then the audit's
    for staff), the idempotency record and the staff's audit entry, as one statement: on an
    AUTOCOMMIT connection it is its own transaction, all or nothing, and the outbox relays'
    NOTIFY is heard when it commits. The seat's foreign key is checked at the end of the
    statement, after the lesson beside it is in. `events` are outbox rows (Outbox.row)."""
    parameters: dict[str, Any] = {f"lesson_{key}": value for key, value in lesson.items()}
    parameters["seat_student_id"] = student_id
    for prefix, event in zip(("", "audit_"), events, strict=False):
        parameters.update({f"{prefix}event_id": event["id"], f"{prefix}event_type": event["type"]})
        parameters[f"{prefix}event_payload"] = event["payload"]
    parameters.update(idempotency)
    parameters["channel"] = channel
    if audit is not None:
        parameters.update({f"audit_{key}": value for key, value in audit.items()})
    await connection.execute(_INSERT_AUDITED_BOOKING if audit is not None else _INSERT_BOOKING, parameters)
