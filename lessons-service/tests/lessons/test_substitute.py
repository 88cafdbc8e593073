"""Substitution: an admin hands a lesson to another free teacher at the same time."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from studio_kit.testing import JWTSigner

Published = Callable[..., Awaitable[list[dict[str, Any]]]]


def days_ahead(days: int, hour: int = 10) -> datetime:
    return (datetime.now(UTC) + timedelta(days=days)).replace(hour=hour, minute=0, second=0, microsecond=0)


async def book(client: httpx.AsyncClient, teacher: str, student: uuid.UUID, jwt_signer: JWTSigner) -> dict[str, Any]:
    response = await client.post(
        "/lessons",
        json={"teacher_id": teacher, "starts_at": days_ahead(3).isoformat(), "duration_minutes": 60},
        headers={**jwt_signer.headers("student", sub=student), "Idempotency-Key": f"key-{uuid.uuid4()}"},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestSubstitute:
    async def test_admin_moves_the_lesson_to_a_free_teacher(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        open_teacher: Callable[[str], Awaitable[None]],
        published: Published,
    ) -> None:
        teacher, substitute = str(uuid.uuid4()), str(uuid.uuid4())
        await open_teacher(teacher)
        await open_teacher(substitute)
        student = uuid.uuid4()
        lesson = await book(client, teacher, student, jwt_signer)

        moved = await client.post(
            f"/lessons/{lesson['id']}/substitute", json={"teacher_id": substitute}, headers=jwt_signer.headers("admin")
        )

        assert moved.status_code == 200, moved.text
        assert moved.json()["teacher_id"] == substitute
        assert moved.json()["starts_at"] == lesson["starts_at"]
        listed = await client.get("/lessons", params={"teacher_id": substitute}, headers=jwt_signer.headers("admin"))
        assert [item["id"] for item in listed.json()["items"]] == [lesson["id"]]
        events = [event for event in await published("lesson.rescheduled") if event["lesson_id"] == lesson["id"]]
        assert events[-1]["teacher_id"] == substitute
        assert events[-1]["student_ids"] == [str(student)]
        # the first teacher's time is free again: another student books it
        again = await book(client, teacher, uuid.uuid4(), jwt_signer)
        assert again["teacher_id"] == teacher

    async def test_busy_substitute_is_409_and_the_lesson_stays(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        open_teacher: Callable[[str], Awaitable[None]],
    ) -> None:
        teacher, busy = str(uuid.uuid4()), str(uuid.uuid4())
        await open_teacher(teacher)
        await open_teacher(busy)
        lesson = await book(client, teacher, uuid.uuid4(), jwt_signer)
        await book(client, busy, uuid.uuid4(), jwt_signer)
        admin = jwt_signer.headers("admin")

        refused = await client.post(f"/lessons/{lesson['id']}/substitute", json={"teacher_id": busy}, headers=admin)

        assert refused.status_code == 409
        assert refused.json()["code"] == "slot_taken"
        assert (await client.get(f"/lessons/{lesson['id']}", headers=admin)).json()["teacher_id"] == teacher

    async def test_teacher_without_hours_is_409(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, open_teacher: Callable[[str], Awaitable[None]]
    ) -> None:
        teacher = str(uuid.uuid4())
        await open_teacher(teacher)
        lesson = await book(client, teacher, uuid.uuid4(), jwt_signer)

        refused = await client.post(
            f"/lessons/{lesson['id']}/substitute",
            json={"teacher_id": str(uuid.uuid4())},
            headers=jwt_signer.headers("admin"),
        )

        assert (refused.status_code, refused.json()["code"]) == (409, "teacher_unavailable")

    async def test_only_an_admin_substitutes(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, open_teacher: Callable[[str], Awaitable[None]]
    ) -> None:
        teacher, other = str(uuid.uuid4()), str(uuid.uuid4())
        await open_teacher(teacher)
        await open_teacher(other)
        lesson = await book(client, teacher, uuid.uuid4(), jwt_signer)

        refused = await client.post(
            f"/lessons/{lesson['id']}/substitute",
            json={"teacher_id": other},
            headers=jwt_signer.headers("teacher", sub=teacher),
        )

        assert refused.status_code == 403
