import asyncio
import uuid
from collections import Counter
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import text

ATTEMPTS = 50


async def fire(live_url: str, bodies: list[dict[str, Any]], headers: dict[str, str]) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=ATTEMPTS, max_keepalive_connections=ATTEMPTS)
    async with httpx.AsyncClient(base_url=live_url, limits=limits, timeout=30) as http:
        start = asyncio.Event()

        async def one(body: dict[str, Any]) -> httpx.Response:
            await start.wait()
            return await http.post("/internal/holds", json=body, headers=headers)

        tasks = [asyncio.create_task(one(body)) for body in bodies]
        await asyncio.sleep(0.05)
        start.set()
        return await asyncio.gather(*tasks)


async def live_rows(app: FastAPI, column: str, value: str) -> int:
    async with app.state.database.engine.connect() as connection:
        count = await connection.scalar(
            text(f"SELECT count(*) FROM calendar_event WHERE {column} = :value AND status IN ('held', 'confirmed')"),
            {"value": value},
        )
    return int(count or 0)


class TestConcurrentReservations:
    async def test_fifty_overlapping_holds_for_one_teacher_yield_exactly_one(
        self, app: FastAPI, live_url: str, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id)
        day = cal.future_day()
        # Every attempt overlaps every other one (they all contain 10:30-11:00) but no two are equal.
        bodies = [
            cal.hold_body(teacher_id, cal.at(day, 10, index % 30), minutes=31 + index % 29) for index in range(ATTEMPTS)
        ]
        responses = await fire(live_url, bodies, booker)
        assert Counter(r.status_code for r in responses) == {201: 1, 409: ATTEMPTS - 1}
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"slot_taken"}
        assert await live_rows(app, "teacher_id", str(teacher_id)) == 1

    async def test_fifty_overlapping_holds_for_one_room_yield_exactly_one(
        self, app: FastAPI, live_url: str, cal: Any, booker: dict[str, str]
    ) -> None:
        room = (await cal.client.post("/rooms", json={"name": "Cambridge", "capacity": 8}, headers=cal.admin)).json()
        starts_at = cal.at(cal.future_day(), 15)
        bodies = [cal.hold_body(uuid.uuid4(), starts_at, room_id=room["id"], force=True) for _ in range(ATTEMPTS)]
        responses = await fire(live_url, bodies, booker)
        assert Counter(r.status_code for r in responses) == {201: 1, 409: ATTEMPTS - 1}
        assert {r.json()["code"] for r in responses if r.status_code == 409} == {"room_taken"}
        assert await live_rows(app, "room_id", room["id"]) == 1

    async def test_racing_retries_with_one_idempotency_key_get_the_same_hold(
        self, app: FastAPI, live_url: str, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        body = cal.hold_body(teacher_id, cal.at(cal.future_day(), 16), force=True)
        responses = await fire(live_url, [body] * 10, {**booker, "Idempotency-Key": "saga-retry-7"})
        assert {r.status_code for r in responses} == {201}
        assert len({r.json()["id"] for r in responses}) == 1
        assert sum(r.headers.get("idempotent-replayed") == "true" for r in responses) == 9
        assert await live_rows(app, "teacher_id", str(teacher_id)) == 1
