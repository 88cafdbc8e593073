import uuid
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from typing import Any

import httpx
import redis.asyncio as aioredis
from fastapi import FastAPI

from calendary_service.config import Settings
from studio_kit.testing.helpers import JWTSigner


class TestListSlots:
    async def test_student_sees_free_slots_and_a_booking_removes_them_from_the_cache(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        jwt_signer: JWTSigner,
        teacher_id: uuid.UUID,
        redis_client: aioredis.Redis,
    ) -> None:
        await cal.open_every_day(teacher_id, "09:00", "12:00")
        student = jwt_signer.headers("student")
        day = cal.future_day()
        window = (cal.at(day, 0), cal.at(day, 23))
        before = await cal.slots(teacher_id, *window, headers=student)
        assert [s.strftime("%H:%M") for s, _ in before] == ["09:00", "09:30", "10:00", "10:30", "11:00"]
        assert await redis_client.keys(f"calendary:slots:{teacher_id}:*"), "the slot list was not cached"
        assert await cal.slots(teacher_id, *window, headers=student) == before

        hold = await client.post("/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10)), headers=booker)
        assert hold.status_code == 201
        after = await cal.slots(teacher_id, *window, headers=student)
        assert [s.strftime("%H:%M") for s, _ in after] == ["09:00", "11:00"]

        await client.post(f"/internal/events/{hold.json()['id']}/cancel", headers=booker)
        assert await cal.slots(teacher_id, *window, headers=student) == before

    async def test_availability_and_time_off_changes_invalidate_the_cache(
        self, client: httpx.AsyncClient, cal: Any, teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id, "09:00", "11:00")
        day = cal.future_day()
        window = (cal.at(day, 0), cal.at(day, 23))
        assert len(await cal.slots(teacher_id, *window, headers=cal.admin)) == 3
        time_off = await client.post(
            f"/teachers/{teacher_id}/time-off",
            json={"starts_at": cal.at(day, 9).isoformat(), "ends_at": cal.at(day, 10).isoformat(), "reason": "dentist"},
            headers=cal.admin,
        )
        assert [s.strftime("%H:%M") for s, _ in await cal.slots(teacher_id, *window, headers=cal.admin)] == ["10:00"]
        await client.delete(f"/teachers/{teacher_id}/time-off/{time_off.json()['id']}", headers=cal.admin)
        assert len(await cal.slots(teacher_id, *window, headers=cal.admin)) == 3
        await client.post(
            f"/teachers/{teacher_id}/exceptions", json={"date": day.isoformat(), "kind": "day_off"}, headers=cal.admin
        )
        assert await cal.slots(teacher_id, *window, headers=cal.admin) == []
        await cal.open_every_day(teacher_id, "14:00", "15:00")
        assert await cal.slots(teacher_id, *window, headers=cal.admin) == []
        await client.post(
            f"/teachers/{teacher_id}/exceptions",
            json={"date": day.isoformat(), "kind": "extra", "start_time": "18:00", "end_time": "19:00"},
            headers=cal.admin,
        )
        assert [s.strftime("%H:%M") for s, _ in await cal.slots(teacher_id, *window, headers=cal.admin)] == ["18:00"]

    async def test_min_notice_and_horizon_are_respected(
        self, cal: Any, teacher_id: uuid.UUID, service_settings: Settings
    ) -> None:
        await cal.open_every_day(teacher_id, "00:00", "23:59")
        now = datetime.now(UTC)
        slots = await cal.slots(teacher_id, now - timedelta(days=1), now + timedelta(days=2), headers=cal.admin)
        notice = timedelta(minutes=service_settings.calendary_min_notice_minutes)
        assert slots
        first = min(start for start, _ in slots)
        assert first >= now + notice
        # The next step after the notice, unless the hour left before 23:59 is too short for the
        # lesson: then the day's last minute pushes the first slot to the next midnight.
        too_late_today = (now + notice).time() > dt_time(22, 30)
        assert first < now + notice + timedelta(minutes=30) or (too_late_today and first.time() == dt_time(0))
        horizon = now + timedelta(days=service_settings.calendary_booking_horizon_days)
        late = await cal.slots(teacher_id, horizon - timedelta(days=1), horizon + timedelta(days=5), headers=cal.admin)
        assert late
        assert max(start for start, _ in late) <= horizon

    async def test_range_is_capped(self, client: httpx.AsyncClient, cal: Any, teacher_id: uuid.UUID) -> None:
        starts_at = datetime.now(UTC)
        response = await client.get(
            f"/teachers/{teacher_id}/slots",
            params={"from": starts_at.isoformat(), "to": (starts_at + timedelta(days=32)).isoformat()},
            headers=cal.admin,
        )
        assert response.status_code == 400
        assert response.json()["code"] == "range_too_large"
        naive = await client.get(
            f"/teachers/{teacher_id}/slots",
            params={"from": "2027-01-01T00:00:00", "to": "2027-01-02T00:00:00"},
            headers=cal.admin,
        )
        assert naive.status_code == 422

    async def test_services_need_the_read_scope(
        self, client: httpx.AsyncClient, cal: Any, jwt_signer: JWTSigner, teacher_id: uuid.UUID
    ) -> None:
        day = cal.future_day()
        params = {"from": cal.at(day, 0).isoformat(), "to": cal.at(day, 23).isoformat()}
        without = jwt_signer.headers("service", sub="service:bff", scopes=["other"])
        with_scope = jwt_signer.headers("service", sub="service:bff", scopes=["calendary:read"])
        assert (await client.get(f"/teachers/{teacher_id}/slots", params=params, headers=without)).status_code == 403
        assert (await client.get(f"/teachers/{teacher_id}/slots", params=params, headers=with_scope)).status_code == 200


def _plus(instant: str, minutes: int) -> str:
    return (datetime.fromisoformat(instant) + timedelta(minutes=minutes)).isoformat().replace("+00:00", "Z")


class TestSlotsOfManyTeachers:
    async def test_one_call_answers_for_every_teacher_as_their_own_slot_lists_do(
        self,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        jwt_signer: JWTSigner,
    ) -> None:
        busy, free, unknown = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        await cal.open_every_day(busy, "09:00", "12:00")
        await cal.open_every_day(free, "14:00", "16:00", timezone="Europe/Moscow")
        day = cal.future_day()
        assert (
            await client.post("/internal/holds", json=cal.hold_body(busy, cal.at(day, 10)), headers=booker)
        ).status_code == 201
        student = jwt_signer.headers("student")
        window = (cal.at(day, 0), cal.at(day + timedelta(days=56), 0))

        response = await client.get(
            "/slots",
            params=[
                ("from", window[0].isoformat()),
                ("to", window[1].isoformat()),
                *(("teacher_id", str(teacher)) for teacher in (busy, free, unknown, busy)),
            ],
            headers=student,
        )

        assert response.status_code == 200, response.text
        teachers = response.json()["teachers"]
        assert [entry["teacher_id"] for entry in teachers] == [str(busy), str(free), str(unknown)]
        first_day = [start[11:16] for start in teachers[0]["starts"] if start[:10] == str(day)]
        assert first_day == ["09:00", "11:00"]
        assert teachers[2]["starts"] == []
        for entry, teacher in zip(teachers[:2], (busy, free), strict=True):
            one = await client.get(
                f"/teachers/{teacher}/slots",
                params={"from": window[0].isoformat(), "to": (window[0] + timedelta(days=31)).isoformat()},
                headers=student,
            )
            own = one.json()
            assert own
            assert entry["starts"][: len(own)] == [slot["starts_at"] for slot in own]
            assert all(slot["ends_at"] == _plus(slot["starts_at"], 60) for slot in own)

    async def test_too_many_teachers_or_a_range_past_the_horizon_is_refused(
        self, client: httpx.AsyncClient, cal: Any, jwt_signer: JWTSigner, service_settings: Settings
    ) -> None:
        student = jwt_signer.headers("student")
        start = cal.at(cal.future_day(), 0)
        limit = service_settings.calendary_slots_batch_max_teachers
        crowd = [("teacher_id", str(uuid.uuid4())) for _ in range(limit + 1)]
        window = [("from", start.isoformat()), ("to", (start + timedelta(days=7)).isoformat())]
        too_many = await client.get("/slots", params=[*window, *crowd], headers=student)
        assert too_many.status_code == 400
        assert too_many.json()["code"] == "too_many_teachers"

        far = start + timedelta(days=service_settings.calendary_booking_horizon_days + 2)
        too_long = await client.get(
            "/slots",
            params=[("from", start.isoformat()), ("to", far.isoformat()), ("teacher_id", str(uuid.uuid4()))],
            headers=student,
        )
        assert too_long.status_code == 400
        assert too_long.json()["code"] == "range_too_large"

        none = await client.get("/slots", params=window, headers=student)
        assert none.status_code == 422


class TestSchedule:
    async def test_teacher_sees_intervals_events_and_time_off_but_students_may_not(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], jwt_signer: JWTSigner, teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id, "09:00", "12:00", timezone="Europe/London")
        day = cal.future_day()
        hold = (
            await client.post(
                "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10), force=True), headers=booker
            )
        ).json()
        params = {"from": cal.at(day, 0).isoformat(), "to": cal.at(day, 23, 59).isoformat()}
        teacher = jwt_signer.headers("teacher", sub=teacher_id)
        response = await client.get(f"/teachers/{teacher_id}/schedule", params=params, headers=teacher)
        body = response.json()
        assert body["timezone"] == "Europe/London"
        assert len(body["availability"]) == 1
        assert [event["id"] for event in body["events"]] == [hold["id"]]
        student = jwt_signer.headers("student")
        assert (await client.get(f"/teachers/{teacher_id}/schedule", params=params, headers=student)).status_code == 403


class TestDaylightSavingOverHttp:
    async def test_slots_keep_the_teachers_wall_clock_across_the_next_change(
        self, make_settings: Any, service_app_factory: Any, database_ready: bool, jwt_signer: JWTSigner
    ) -> None:
        from zoneinfo import ZoneInfo

        from asgi_lifespan import LifespanManager

        london, new_york = ZoneInfo("Europe/London"), ZoneInfo("America/New_York")
        now = datetime.now(UTC)
        change = next(
            now + timedelta(days=d)
            for d in range(1, 400)
            if (now + timedelta(days=d)).astimezone(london).utcoffset()
            != (now + timedelta(days=d - 1)).astimezone(london).utcoffset()
        )
        settings = make_settings(Settings, database="calendary_test", redis_db=3, calendary_booking_horizon_days=400)
        app: FastAPI = service_app_factory(settings)
        teacher_id = uuid.uuid4()
        admin = jwt_signer.headers("admin")
        async with (
            LifespanManager(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client,
        ):
            await client.put(
                f"/teachers/{teacher_id}/availability",
                json={
                    "timezone": "Europe/London",
                    "rules": [{"weekday": d, "start_time": "09:00", "end_time": "10:00"} for d in range(7)],
                },
                headers=admin,
            )
            # The student in New York asks for a week of their own days around the change.
            first_day = (change - timedelta(days=3)).astimezone(new_york).date()
            starts_at = datetime(first_day.year, first_day.month, first_day.day, tzinfo=new_york)
            response = await client.get(
                f"/teachers/{teacher_id}/slots",
                params={"from": starts_at.isoformat(), "to": (starts_at + timedelta(days=7)).isoformat()},
                headers=jwt_signer.headers("student"),
            )
        slots = [datetime.fromisoformat(slot["starts_at"]) for slot in response.json()]
        assert len(slots) == 7
        assert {slot.astimezone(london).strftime("%H:%M") for slot in slots} == {"09:00"}
        assert {slot.utcoffset() for slot in slots} == {timedelta(0)}
        before = [slot for slot in slots if slot < change]
        after = [slot for slot in slots if slot > change]
        assert before
        assert after
        assert {s.hour for s in before} != {s.hour for s in after}, "UTC time must move with London's clock"
