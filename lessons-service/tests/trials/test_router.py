"""Trial holds against the real calendary-service: the slot a prospect picks in the bot is held
(nobody books it), the same pick holds once, and the front desk releases it to book the trial."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from studio_kit.testing import JWTSigner

from ..times import open_hour_ahead


@pytest.fixture
async def teacher(open_teacher: Callable[[str], Awaitable[None]]) -> str:
    teacher_id = str(uuid.uuid4())
    await open_teacher(teacher_id)
    return teacher_id


@pytest.fixture
def bot(jwt_signer: JWTSigner) -> dict[str, str]:
    return jwt_signer.headers("service", sub="service:tg-bot", scopes=["lessons:trial-hold"])


async def hold(
    client: httpx.AsyncClient, bot: dict[str, str], teacher: str, starts_at: datetime, request_id: uuid.UUID
) -> httpx.Response:
    body = {"teacher_id": teacher, "starts_at": starts_at.isoformat(), "request_id": str(request_id)}
    return await client.post("/internal/trial-holds", json=body, headers=bot)


async def book_trial(
    client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str, starts_at: datetime
) -> httpx.Response:
    return await client.post(
        "/lessons",
        json={
            "teacher_id": teacher,
            "student_id": str(uuid.uuid4()),
            "starts_at": starts_at.isoformat(),
            "duration_minutes": 60,
            "kind": "trial",
        },
        headers={**jwt_signer.headers("admin"), "Idempotency-Key": f"key-{uuid.uuid4()}"},
    )


async def free_starts(calendary: httpx.AsyncClient, teacher: str, day: datetime, headers: dict[str, str]) -> set[str]:
    params = {"from": day.isoformat(), "to": (day + timedelta(hours=4)).isoformat(), "duration_minutes": 60}
    response = await calendary.get(f"/teachers/{teacher}/slots", params=params, headers=headers)
    assert response.status_code == 200, response.text
    slots: list[dict[str, Any]] = response.json()
    return {slot["starts_at"] for slot in slots}


class TestTrialHolds:
    async def test_a_held_slot_is_offered_to_nobody_until_the_desk_releases_it_to_book(
        self,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        jwt_signer: JWTSigner,
        bot: dict[str, str],
        teacher: str,
    ) -> None:
        starts_at = open_hour_ahead(50)
        iso = starts_at.isoformat().replace("+00:00", "Z")

        held = await hold(client, bot, teacher, starts_at, uuid.uuid4())

        assert held.status_code == 201, held.text
        body = held.json()
        expires_at = datetime.fromisoformat(body["expires_at"])
        assert timedelta(hours=23) < expires_at - datetime.now(UTC) <= timedelta(hours=24)
        assert iso not in await free_starts(calendary, teacher, starts_at, calendary_service)
        taken = await book_trial(client, jwt_signer, teacher, starts_at)
        assert taken.status_code == 409
        assert taken.json()["code"] == "slot_taken"

        released = await client.post(f"/trial-holds/{body['hold_id']}/release", headers=jwt_signer.headers("admin"))
        again = await client.post(f"/trial-holds/{body['hold_id']}/release", headers=jwt_signer.headers("admin"))

        assert released.status_code == 204, released.text
        assert again.status_code == 204
        booked = await book_trial(client, jwt_signer, teacher, starts_at)
        assert booked.status_code == 201, booked.text

    async def test_the_same_pick_holds_once_and_another_request_finds_it_taken(
        self, client: httpx.AsyncClient, bot: dict[str, str], teacher: str
    ) -> None:
        starts_at, request_id = open_hour_ahead(52), uuid.uuid4()

        first = await hold(client, bot, teacher, starts_at, request_id)
        retry = await hold(client, bot, teacher, starts_at, request_id)
        someone_else = await hold(client, bot, teacher, starts_at, uuid.uuid4())

        assert first.status_code == 201, first.text
        assert retry.status_code == 201, retry.text
        assert retry.json()["hold_id"] == first.json()["hold_id"]
        assert someone_else.status_code == 409
        assert someone_else.json()["code"] == "slot_taken"

    async def test_releasing_never_frees_a_booked_lesson(
        self,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        jwt_signer: JWTSigner,
        teacher: str,
    ) -> None:
        starts_at = open_hour_ahead(54)
        booked = await book_trial(client, jwt_signer, teacher, starts_at)
        assert booked.status_code == 201, booked.text
        event_id = booked.json()["calendar_event_id"]

        answer = await client.post(f"/trial-holds/{event_id}/release", headers=jwt_signer.headers("admin"))

        assert answer.status_code == 204
        event = (await calendary.get(f"/internal/events/{event_id}", headers=calendary_service)).json()
        assert event["status"] == "confirmed"

    async def test_only_the_bot_holds_and_only_admins_release(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, teacher: str
    ) -> None:
        starts_at = open_hour_ahead(56)
        body = {"teacher_id": teacher, "starts_at": starts_at.isoformat(), "request_id": str(uuid.uuid4())}
        other_service = jwt_signer.headers("service", sub="service:notifications", scopes=["lessons:read"])

        for headers in (jwt_signer.headers("admin"), other_service):
            assert (await client.post("/internal/trial-holds", json=body, headers=headers)).status_code == 403
        student = jwt_signer.headers("student", sub=uuid.uuid4())
        assert (await client.post(f"/trial-holds/{uuid.uuid4()}/release", headers=student)).status_code == 403
