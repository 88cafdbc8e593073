"""The slot engine as a pure function: properties over random calendars, and DST on fixed dates."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendary_service.slots.engine import (
    CalendarSnapshot,
    DateException,
    WeeklyRule,
    compute_slots,
    local_to_utc,
    within_window,
)

ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "UTC", "Europe/Moscow"]
BASE = datetime(2027, 3, 8, tzinfo=UTC)  # the weeks around both the US and the UK spring change


@st.composite
def wall_interval(draw: st.DrawFn) -> tuple[time, time]:
    start = draw(st.integers(0, 23 * 60 + 58))
    end = draw(st.integers(start + 1, 23 * 60 + 59))
    return time(start // 60, start % 60), time(end // 60, end % 60)


@st.composite
def calendars(draw: st.DrawFn) -> CalendarSnapshot:
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    rules = []
    for _ in range(draw(st.integers(0, 8))):
        start, end = draw(wall_interval())
        effective_from = draw(st.none() | st.dates(date(2027, 3, 1), date(2027, 4, 15)))
        rules.append(WeeklyRule(draw(st.integers(0, 6)), start, end, effective_from, None))
    exceptions = []
    for _ in range(draw(st.integers(0, 4))):
        day = draw(st.dates(date(2027, 3, 6), date(2027, 4, 6)))
        kind = draw(st.sampled_from(["day_off", "extra"]))
        times = draw(wall_interval()) if kind == "extra" or draw(st.booleans()) else (None, None)
        exceptions.append(DateException(day, kind, *times))

    def periods(count: int) -> list[tuple[datetime, datetime]]:
        result = []
        for _ in range(count):
            start = BASE + timedelta(minutes=draw(st.integers(0, 28 * 24 * 60)))
            result.append((start, start + timedelta(minutes=draw(st.integers(1, 3 * 24 * 60)))))
        return result

    return CalendarSnapshot(zone, rules, exceptions, periods(draw(st.integers(0, 3))), periods(draw(st.integers(0, 8))))


def working_minute(snapshot: CalendarSnapshot, instant: datetime) -> bool:
    """Independent oracle: is this minute working time by the rules, read on the local wall clock?"""
    local = instant.astimezone(snapshot.timezone)
    day, wall = local.date(), local.time().replace(tzinfo=None)
    exceptions = [e for e in snapshot.exceptions if e.day == day]
    for extra in (e for e in exceptions if e.kind == "extra"):
        assert extra.start_time is not None
        assert extra.end_time is not None
        if extra.start_time <= wall < extra.end_time:
            return True
    for off in (e for e in exceptions if e.kind == "day_off"):
        if off.start_time is None:
            return False
        assert off.end_time is not None
        if off.start_time <= wall < off.end_time:
            return False
    return any(rule.applies_on(day) and rule.start_time <= wall < rule.end_time for rule in snapshot.rules)


def overlaps(a: tuple[datetime, datetime], b: tuple[datetime, datetime]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


class TestSlotProperties:
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(
        snapshot=calendars(),
        offset_minutes=st.integers(0, 14 * 24 * 60),
        length_hours=st.integers(1, 14 * 24),
        duration=st.sampled_from([15, 30, 45, 60, 90]),
        step=st.sampled_from([5, 15, 30, 60]),
        now_offset=st.integers(-2 * 24 * 60, 10 * 24 * 60),
        notice=st.integers(0, 48 * 60),
        horizon_days=st.integers(1, 30),
    )
    def test_every_slot_is_free_working_time_on_the_grid_inside_the_window(
        self,
        snapshot: CalendarSnapshot,
        offset_minutes: int,
        length_hours: int,
        duration: int,
        step: int,
        now_offset: int,
        notice: int,
        horizon_days: int,
    ) -> None:
        starts_at = BASE + timedelta(minutes=offset_minutes)
        ends_at = starts_at + timedelta(hours=length_hours)
        now = BASE + timedelta(minutes=now_offset, seconds=17)
        earliest, latest = now + timedelta(minutes=notice), now + timedelta(days=horizon_days)
        slots = within_window(
            compute_slots(snapshot, starts_at, ends_at, timedelta(minutes=duration), step), earliest, latest
        )
        previous = None
        for slot in slots:
            start, end = slot
            assert starts_at <= start < ends_at
            assert start >= now + timedelta(minutes=notice), "breaks the minimum notice"
            assert start <= now + timedelta(days=horizon_days), "beyond the booking horizon"
            assert end - start == timedelta(minutes=duration)
            local = start.astimezone(snapshot.timezone)
            assert (local.hour * 60 + local.minute) % step == 0
            assert local.second == 0
            assert not any(overlaps(slot, period) for period in snapshot.busy), "overlaps an event"
            assert not any(overlaps(slot, period) for period in snapshot.time_off), "overlaps time off"
            minute = start
            while minute < end:
                assert working_minute(snapshot, minute), f"{minute} is outside availability"
                minute += timedelta(minutes=1)
            assert previous is None or start > previous
            previous = start

    @settings(max_examples=60, deadline=None)
    @given(snapshot=calendars(), duration=st.sampled_from([30, 60]))
    def test_a_free_aligned_working_hour_is_offered(self, snapshot: CalendarSnapshot, duration: int) -> None:
        """Completeness for a simple case: a whole free on-grid hour of working time is never lost."""
        starts_at, ends_at = BASE, BASE + timedelta(days=7)
        offered = set(compute_slots(snapshot, starts_at, ends_at, timedelta(minutes=duration), 30))
        candidate = starts_at
        while candidate + timedelta(minutes=duration) <= ends_at:
            slot = (candidate, candidate + timedelta(minutes=duration))
            local = candidate.astimezone(snapshot.timezone)
            on_grid = (local.hour * 60 + local.minute) % 30 == 0
            free = not any(overlaps(slot, p) for p in [*snapshot.busy, *snapshot.time_off])
            # Only unambiguous local times: the engine reads an ambiguous wall time as its first occurrence.
            plain = all(
                (
                    m.astimezone(snapshot.timezone).replace(fold=1).utcoffset()
                    == m.astimezone(snapshot.timezone).replace(fold=0).utcoffset()
                )
                for m in (slot[0], slot[1] - timedelta(minutes=1))
            )
            working = all(working_minute(snapshot, slot[0] + timedelta(minutes=m)) for m in range(duration))
            if on_grid and free and plain and working:
                assert slot in offered, f"{slot} was not offered in {snapshot}"
            candidate += timedelta(minutes=30)


class TestDaylightSaving:
    """A teacher in London works 09:00-10:00 every day; a student in New York books.

    2027: the US springs forward on 14 March, the UK on 28 March. So 09:00 London is 04:00 in New York
    before the 14th, 05:00 between the two changes, and 04:00 again after the 28th."""

    london = ZoneInfo("Europe/London")
    new_york = ZoneInfo("America/New_York")

    def slots_on(self, day: date) -> list[tuple[datetime, datetime]]:
        snapshot = CalendarSnapshot(self.london, [WeeklyRule(d, time(9), time(10)) for d in range(7)])
        # The student asks for their own local day, as the web app does.
        starts_at = datetime.combine(day, time(0), tzinfo=self.new_york)
        return compute_slots(snapshot, starts_at, starts_at + timedelta(days=1), timedelta(hours=1), 30)

    def test_wall_clock_on_both_sides_of_each_change(self) -> None:
        expected = {
            date(2027, 3, 12): (9, "04:00", "-05:00"),
            date(2027, 3, 15): (9, "05:00", "-04:00"),
            date(2027, 3, 26): (9, "05:00", "-04:00"),
            date(2027, 3, 29): (8, "04:00", "-04:00"),
        }
        for day, (utc_hour, student_wall, student_offset) in expected.items():
            slots = self.slots_on(day)
            assert len(slots) == 1, slots
            start, end = slots[0]
            assert start.astimezone(self.london).strftime("%H:%M") == "09:00"
            assert end.astimezone(self.london).strftime("%H:%M") == "10:00"
            student = start.astimezone(self.new_york)
            assert student.strftime("%H:%M") == student_wall
            assert student.isoformat().endswith(student_offset)
            assert start == datetime.combine(day, time(utc_hour), tzinfo=UTC)

    def test_the_short_night_keeps_real_hours_only(self) -> None:
        # 28 March 2027 01:00-02:00 does not exist in London: a 00:30-02:30 rule is 1 real hour long.
        snapshot = CalendarSnapshot(self.london, [WeeklyRule(6, time(0, 30), time(2, 30))])
        day = datetime(2027, 3, 28, tzinfo=UTC)
        slots = compute_slots(snapshot, day - timedelta(hours=2), day + timedelta(hours=6), timedelta(minutes=30), 30)
        assert [s.strftime("%H:%M") for s, _ in slots] == ["00:30", "01:00"]
        assert [s.astimezone(self.london).strftime("%H:%M") for s, _ in slots] == ["00:30", "02:00"]

    def test_the_long_night_offers_the_repeated_hour(self) -> None:
        # 31 October 2027: London's 01:00-02:00 happens twice; a 00:00-03:00 rule spans 4 real hours.
        snapshot = CalendarSnapshot(self.london, [WeeklyRule(6, time(0), time(3))])
        day = datetime(2027, 10, 30, 22, tzinfo=UTC)
        slots = compute_slots(snapshot, day, day + timedelta(hours=8), timedelta(hours=1), 60)
        assert [s.astimezone(self.london).strftime("%H:%M%z") for s, _ in slots] == [
            "00:00+0100",
            "01:00+0100",
            "01:00+0000",
            "02:00+0000",
        ]

    def test_gap_reading_becomes_the_jump_instant(self) -> None:
        assert local_to_utc(date(2027, 3, 28), time(1, 30), self.london) == datetime(2027, 3, 28, 1, tzinfo=UTC)
        assert local_to_utc(date(2027, 3, 14), time(2, 30), self.new_york) == datetime(2027, 3, 14, 7, tzinfo=UTC)
