"""A group lesson's attendee list follows its roster: lessons-service publishes
`lesson.roster_changed` when a member joins or leaves; calendary seats or frees the student, so
their time is guarded by the same exclusion constraint as any booked lesson."""

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import httpx
from fastapi import FastAPI

from studio_kit.messaging import Event


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "the consumer did not apply the event in time"
        await asyncio.sleep(0.1)


async def confirmed_event(
    client: httpx.AsyncClient, cal: Any, booker: dict[str, str], starts_at: datetime, students: list[str]
) -> str:
    hold = await client.post(
        "/internal/holds",
        json=cal.hold_body(uuid.uuid4(), starts_at, student_ids=students, force=True, kind="group"),
        headers=booker,
    )
    assert hold.status_code == 201, hold.text
    confirmed = await client.post(
        f"/internal/holds/{hold.json()['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
    )
    assert confirmed.status_code == 200, confirmed.text
    return str(hold.json()["id"])


async def attendees(client: httpx.AsyncClient, event_id: str, booker: dict[str, str]) -> list[str]:
    response = await client.get(f"/internal/events/{event_id}", headers=booker)
    assert response.status_code == 200, response.text
    return sorted(response.json()["student_ids"])


async def publish(app: FastAPI, student: str, change: str, event_ids: list[str]) -> None:
    data = {
        "group_id": str(uuid.uuid4()),
        "student_id": student,
        "change": change,
        "lessons": [{"lesson_id": str(uuid.uuid4()), "calendar_event_id": event_id} for event_id in event_ids],
    }
    await app.state.broker.publish(Event(type="lesson.roster_changed", source="lessons-service", data=data))


class TestRosterChanged:
    async def test_a_new_member_is_seated_and_then_cannot_be_double_booked(
        self, app: FastAPI, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        old, newcomer = str(uuid.uuid4()), str(uuid.uuid4())
        starts_at = cal.at(cal.future_day(4), 10)
        event_id = await confirmed_event(client, cal, booker, starts_at, [old])

        await publish(app, newcomer, "added", [event_id])

        async def seated() -> bool:
            return await attendees(client, event_id, booker) == sorted([old, newcomer])

        await eventually(seated)
        clash = await client.post(
            "/internal/holds",
            json=cal.hold_body(uuid.uuid4(), starts_at, student_ids=[newcomer], force=True),
            headers=booker,
        )
        assert clash.status_code == 409
        assert clash.json()["code"] == "slot_taken"

    async def test_a_member_who_left_frees_their_time(
        self, app: FastAPI, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        leaving, stays = str(uuid.uuid4()), str(uuid.uuid4())
        starts_at = cal.at(cal.future_day(5), 12)
        event_id = await confirmed_event(client, cal, booker, starts_at, [leaving, stays])

        await publish(app, leaving, "removed", [event_id])

        async def freed() -> bool:
            return await attendees(client, event_id, booker) == [stays]

        await eventually(freed)
        elsewhere = await client.post(
            "/internal/holds",
            json=cal.hold_body(uuid.uuid4(), starts_at, student_ids=[leaving], force=True),
            headers=booker,
        )
        assert elsewhere.status_code == 201, elsewhere.text

    async def test_a_member_busy_elsewhere_is_left_out_and_the_rest_still_applies(
        self, app: FastAPI, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        student = str(uuid.uuid4())
        day = cal.future_day(6)
        own_lesson = await confirmed_event(client, cal, booker, cal.at(day, 9), [student])
        clashing = await confirmed_event(client, cal, booker, cal.at(day, 9), [])
        later = await confirmed_event(client, cal, booker, cal.at(day, 15), [])

        await publish(app, student, "added", [clashing, later])

        async def seated_later() -> bool:
            return await attendees(client, later, booker) == [student]

        await eventually(seated_later)
        assert await attendees(client, clashing, booker) == []
        assert await attendees(client, own_lesson, booker) == [student]
