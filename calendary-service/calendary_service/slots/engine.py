"""The slot engine, pure (no I/O): free time = availability - exceptions - time off - events, on a
step grid in the teacher's local clock. slots/service.py feeds it from PostgreSQL and the cache."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

Interval = tuple[datetime, datetime]
ONE_MINUTE = timedelta(minutes=1)


@dataclass(frozen=True)
class WeeklyRule:
    weekday: int
    start_time: time
    end_time: time
    effective_from: date | None = None
    effective_to: date | None = None

    def applies_on(self, day: date) -> bool:
        return (
            day.weekday() == self.weekday
            and (self.effective_from is None or day >= self.effective_from)
            and (self.effective_to is None or day < self.effective_to)
        )


@dataclass(frozen=True)
class DateException:
    day: date
    kind: str
    start_time: time | None = None
    end_time: time | None = None


@dataclass(frozen=True)
class CalendarSnapshot:
    timezone: ZoneInfo
    rules: Sequence[WeeklyRule] = ()
    exceptions: Sequence[DateException] = ()
    time_off: Sequence[Interval] = ()
    busy: Sequence[Interval] = field(default_factory=list)


def local_to_utc(day: date, wall: time, tz: ZoneInfo) -> datetime:
    """A wall-clock reading on a local date as an instant. An ambiguous reading (clocks going back)
    is its first occurrence; a reading inside a spring-forward gap never happens, so it becomes the
    instant the clock jumps."""
    naive = datetime.combine(day, wall)
    first = naive.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == naive:
        return first
    other = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    low, high = sorted((int(first.timestamp()), int(other.timestamp())))
    target = datetime.fromtimestamp(high, UTC).astimezone(tz).utcoffset()
    while high - low > 1:
        middle = (low + high) // 2
        if datetime.fromtimestamp(middle, UTC).astimezone(tz).utcoffset() == target:
            high = middle
        else:
            low = middle
    return datetime.fromtimestamp(high, UTC)


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    merged: list[Interval] = []
    for start, end in sorted(i for i in intervals if i[0] < i[1]):
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    result: list[Interval] = []
    sorted_holes = merge(holes)
    for start, end in merge(intervals):
        cursor = start
        for hole_start, hole_end in sorted_holes:
            if hole_end <= cursor or hole_start >= end:
                continue
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            if cursor >= end:
                break
        if cursor < end:
            result.append((cursor, end))
    return result


def _day_availability(snapshot: CalendarSnapshot, day: date) -> list[Interval]:
    tz = snapshot.timezone

    def instant(wall: time | None) -> datetime:
        assert wall is not None
        return local_to_utc(day, wall, tz)

    exceptions = [e for e in snapshot.exceptions if e.day == day]
    intervals: list[Interval] = []
    if not any(e.kind == "day_off" and e.start_time is None for e in exceptions):
        intervals = [(instant(r.start_time), instant(r.end_time)) for r in snapshot.rules if r.applies_on(day)]
        partial_off = [
            (instant(e.start_time), instant(e.end_time))
            for e in exceptions
            if e.kind == "day_off" and e.start_time is not None
        ]
        intervals = subtract(intervals, partial_off)
    intervals += [(instant(e.start_time), instant(e.end_time)) for e in exceptions if e.kind == "extra"]
    return intervals


def availability(snapshot: CalendarSnapshot, starts_at: datetime, ends_at: datetime) -> list[Interval]:
    """Concrete working intervals (rules and exceptions, before time off and events) within the range."""
    tz = snapshot.timezone
    day = starts_at.astimezone(tz).date() - timedelta(days=1)
    last_day = ends_at.astimezone(tz).date() + timedelta(days=1)
    intervals: list[Interval] = []
    while day <= last_day:
        intervals.extend(_day_availability(snapshot, day))
        day += timedelta(days=1)
    return [
        (max(start, starts_at), min(end, ends_at))
        for start, end in merge(intervals)
        if start < ends_at and end > starts_at
    ]


def free_time(snapshot: CalendarSnapshot, starts_at: datetime, ends_at: datetime) -> list[Interval]:
    return subtract(availability(snapshot, starts_at, ends_at), [*snapshot.time_off, *snapshot.busy])


def covers(snapshot: CalendarSnapshot, starts_at: datetime, ends_at: datetime) -> bool:
    """Whether the whole range is working time and none of it is time off (events are not looked at:
    the exclusion constraints decide those)."""
    free = subtract(availability(snapshot, starts_at, ends_at), snapshot.time_off)
    return any(start <= starts_at and ends_at <= end for start, end in free)


def align_up(instant: datetime, tz: ZoneInfo, step_minutes: int) -> datetime:
    """The first instant at or after `instant` whose local minute of the day is a multiple of the step."""
    instant = instant.astimezone(UTC)
    if instant.second or instant.microsecond:
        instant = instant.replace(second=0, microsecond=0) + ONE_MINUTE
    local = instant.astimezone(tz)
    return instant + timedelta(minutes=-(local.hour * 60 + local.minute) % step_minutes)


def slots_in(
    free: Iterable[Interval],
    tz: ZoneInfo,
    duration: timedelta,
    step_minutes: int,
    earliest_start: datetime,
    latest_start: datetime,
) -> list[Interval]:
    """Every step-aligned [start, start + duration) that fits in a free interval, with its start in
    [earliest_start, latest_start)."""
    slots: list[Interval] = []
    step = timedelta(minutes=step_minutes)
    for start, end in free:
        candidate = align_up(max(start, earliest_start), tz, step_minutes)
        local_first, local_end = candidate.astimezone(tz), end.astimezone(tz)
        # Within one local day at one UTC offset a step after an aligned start is aligned too, so
        # the clock is read once per interval instead of once per slot (a teacher's 8 weeks hold
        # thousands of slots).
        steady = local_first.date() == local_end.date() and local_first.utcoffset() == local_end.utcoffset()
        while candidate < latest_start and candidate + duration <= end:
            slots.append((candidate, candidate + duration))
            candidate = candidate + step if steady else align_up(candidate + step, tz, step_minutes)
    return slots


def compute_slots(
    snapshot: CalendarSnapshot,
    starts_at: datetime,
    ends_at: datetime,
    duration: timedelta,
    step_minutes: int,
) -> list[Interval]:
    """Slots starting in [starts_at, ends_at), before notice and horizon are applied."""
    free = free_time(snapshot, starts_at, ends_at + duration)
    return slots_in(free, snapshot.timezone, duration, step_minutes, starts_at, ends_at)


def within_window(slots: Iterable[Interval], earliest_start: datetime, latest_start: datetime) -> list[Interval]:
    """The slots whose start honours the minimum notice and the booking horizon."""
    return [slot for slot in slots if earliest_start <= slot[0] <= latest_start]


def snapshot_from_rows(rows: Iterable[Any], default_zone: str) -> CalendarSnapshot:
    """A snapshot from the rows slots/repository.py reads (one `kind` per row)."""
    zone = default_zone
    rules: list[WeeklyRule] = []
    exceptions: list[DateException] = []
    time_off: list[Interval] = []
    busy: list[Interval] = []
    for row in rows:
        if row.kind == "timezone":
            zone = row.zone
        elif row.kind == "rule":
            rules.append(WeeklyRule(row.weekday, row.start_time, row.end_time, row.day, row.effective_to))
        elif row.kind in ("day_off", "extra"):
            exceptions.append(DateException(row.day, row.kind, row.start_time, row.end_time))
        elif row.kind == "time_off":
            time_off.append((row.starts_at, row.ends_at))
        else:
            busy.append((row.starts_at, row.ends_at))
    return CalendarSnapshot(ZoneInfo(zone), rules, exceptions, time_off, busy)
