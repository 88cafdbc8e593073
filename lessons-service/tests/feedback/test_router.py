import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from studio_kit.testing import JWTSigner

Seed = Callable[..., Awaitable[str]]
Published = Callable[..., Awaitable[list[dict[str, Any]]]]


@pytest.fixture
async def completed_lesson(client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed) -> dict[str, Any]:
    teacher, student = uuid.uuid4(), uuid.uuid4()
    lesson_id = await seed_lesson(
        teacher_id=teacher, student_ids=[student], starts_at=datetime.now(UTC) - timedelta(hours=2)
    )
    headers = jwt_signer.headers("teacher", sub=teacher)
    await client.put(
        f"/lessons/{lesson_id}/attendance",
        headers=headers,
        json={"attendance": [{"student_id": str(student), "status": "present"}]},
    )
    assert (await client.post(f"/lessons/{lesson_id}/complete", headers=headers)).status_code == 200
    return {"id": lesson_id, "teacher_id": str(teacher), "student_id": str(student)}


class TestFeedback:
    async def test_student_rates_once_and_the_teacher_hears(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        completed_lesson: dict[str, Any],
        published: Published,
    ) -> None:
        headers = jwt_signer.headers("student", sub=completed_lesson["student_id"])
        url = f"/lessons/{completed_lesson['id']}/feedback"

        response = await client.post(url, json={"rating": 5, "comment": "Great class"}, headers=headers)
        again = await client.post(url, json={"rating": 1}, headers=headers)

        assert response.status_code == 201
        assert response.json()["rating"] == 5
        assert again.status_code == 409
        assert again.json()["code"] == "feedback_exists"
        assert await published("feedback.received") == [
            {
                "lesson_id": completed_lesson["id"],
                "student_id": completed_lesson["student_id"],
                "teacher_id": completed_lesson["teacher_id"],
                "rating": 5,
                "comment": "Great class",
            }
        ]

    async def test_bot_sends_feedback_with_the_scope(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        completed_lesson: dict[str, Any],
        published: Published,
    ) -> None:
        url = f"/internal/lessons/{completed_lesson['id']}/feedback"
        body = {"student_id": completed_lesson["student_id"], "rating": 4, "comment": "ok"}

        denied = await client.post(
            url, json=body, headers=jwt_signer.headers("service", sub="service:tg-bot", scopes=["lessons:read"])
        )
        accepted = await client.post(
            url, json=body, headers=jwt_signer.headers("service", sub="service:tg-bot", scopes=["lessons:feedback"])
        )

        assert denied.status_code == 403
        assert accepted.status_code == 201
        assert [event["rating"] for event in await published("feedback.received")] == [4]

    async def test_rating_out_of_range_is_rejected(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, completed_lesson: dict[str, Any]
    ) -> None:
        headers = jwt_signer.headers("student", sub=completed_lesson["student_id"])
        response = await client.post(f"/lessons/{completed_lesson['id']}/feedback", json={"rating": 6}, headers=headers)
        assert response.status_code == 422

    async def test_only_students_of_the_lesson(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, completed_lesson: dict[str, Any], published: Published
    ) -> None:
        response = await client.post(
            f"/lessons/{completed_lesson['id']}/feedback", json={"rating": 5}, headers=jwt_signer.headers("student")
        )
        assert response.status_code == 422
        assert response.json()["code"] == "not_on_roster"
        assert await published("feedback.received") == []

    async def test_not_before_the_lesson_is_completed(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        student = uuid.uuid4()
        lesson_id = await seed_lesson(
            teacher_id=uuid.uuid4(), student_ids=[student], starts_at=datetime.now(UTC) + timedelta(days=1)
        )
        response = await client.post(
            f"/lessons/{lesson_id}/feedback", json={"rating": 5}, headers=jwt_signer.headers("student", sub=student)
        )
        assert response.status_code == 409
        assert response.json()["code"] == "lesson_not_completed"
