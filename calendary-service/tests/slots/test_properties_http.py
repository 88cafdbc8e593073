"""The same slot properties end to end: random calendars written through the API, slots read back
over HTTP (one SQL statement, the engine, the Redis cache and the notice/horizon filter)."""

import uuid
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from calendary_service.config import Settings

ZONES = ["Europe/London", "America/New_York", "Asia/Kolkata", "Europe/Moscow"]


@st.composite
def wall(draw: st.DrawFn) -> tuple[str, str]:
    start = draw(st.integers(0, 23 * 4 - 1)) * 15
    end = draw(st.integers(start // 15 + 1, 23 * 4 + 3)) * 15
    return f"{start // 60:02d}:{start % 60:02d}", f"{min(end, 1439) // 60:02d}:{min(end, 1439) % 60:02d}"


def working(zone: ZoneInfo, rules: list[dict[str, Any]], days_off: set[date], instant: datetime) -> bool:
    local = instant.astimezone(zone)
    if local.date() in days_off:
        return False
    clock = local.strftime("%H:%M")
    return any(rule["weekday"] == local.weekday() and rule["start_time"] <= clock < rule["end_time"] for rule in rules)


class TestSlotPropertiesOverHttp:
    @settings(
        max_examples=12,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        zone=st.sampled_from(ZONES),
        rule_times=st.lists(st.tuples(st.integers(0, 6), wall()), min_size=1, max_size=10),
        days_off=st.lists(st.integers(0, 9), max_size=2),
        time_off=st.lists(st.tuples(st.integers(0, 9 * 24 * 4), st.integers(1, 24 * 4)), max_size=2),
        holds=st.lists(st.tuples(st.integers(0, 9 * 24 * 4), st.integers(2, 8)), max_size=6),
        duration=st.sampled_from([30, 60, 90]),
    )
    async def test_no_slot_overlaps_busy_time_or_leaves_availability_or_the_window(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        service_settings: Settings,
        zone: str,
        rule_times: list[tuple[int, tuple[str, str]]],
        days_off: list[int],
        time_off: list[tuple[int, int]],
        holds: list[tuple[int, int]],
        duration: int,
    ) -> None:
        teacher_id = uuid.uuid4()
        tz = ZoneInfo(zone)
        rules: list[dict[str, Any]] = []
        for weekday, (start, end) in rule_times:
            if all(r["weekday"] != weekday or end <= r["start_time"] or start >= r["end_time"] for r in rules):
                rules.append({"weekday": weekday, "start_time": start, "end_time": end})
        response = await client.put(
            f"/teachers/{teacher_id}/availability", json={"timezone": zone, "rules": rules}, headers=cal.admin
        )
        assert response.status_code == 200, response.text
        today = datetime.now(UTC).astimezone(tz).date()
        off_dates = {today + timedelta(days=d) for d in days_off}
        for day in off_dates:
            await client.post(
                f"/teachers/{teacher_id}/exceptions",
                json={"date": day.isoformat(), "kind": "day_off"},
                headers=cal.admin,
            )
        origin = datetime.combine(today, time(0), tzinfo=tz).astimezone(UTC)
        busy: list[tuple[datetime, datetime]] = []
        for start, length in time_off:
            period = (origin + timedelta(minutes=15 * start), origin + timedelta(minutes=15 * (start + length)))
            await client.post(
                f"/teachers/{teacher_id}/time-off",
                json={"starts_at": period[0].isoformat(), "ends_at": period[1].isoformat()},
                headers=cal.admin,
            )
            busy.append(period)
        for start, length in holds:
            starts_at = origin + timedelta(minutes=15 * start)
            made = await client.post(
                "/internal/holds",
                json=cal.hold_body(teacher_id, starts_at, minutes=15 * length, force=True, hold_seconds=600),
                headers=booker,
            )
            if made.status_code == 201:
                busy.append((starts_at, starts_at + timedelta(minutes=15 * length)))
            else:
                assert made.json()["code"] == "slot_taken"

        asked_at = datetime.now(UTC)
        slots = await cal.slots(teacher_id, origin, origin + timedelta(days=10), headers=cal.admin, duration=duration)
        answered_at = datetime.now(UTC)
        notice = timedelta(minutes=service_settings.calendary_min_notice_minutes)
        horizon = timedelta(days=service_settings.calendary_booking_horizon_days)
        for start, end in slots:
            assert end - start == timedelta(minutes=duration)
            assert start >= asked_at + notice, "breaks the minimum notice"
            assert start <= answered_at + horizon, "beyond the booking horizon"
            assert not any(start < b_end and b_start < end for b_start, b_end in busy), "overlaps busy time"
            minute = start
            while minute < end:
                assert working(tz, rules, off_dates, minute), f"{minute} is outside availability"
                minute += timedelta(minutes=1)
