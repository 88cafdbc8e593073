import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import func, select

from lessons_service.lessons.models import Lesson
from studio_kit.testing import JWTSigner

Published = Callable[..., Awaitable[list[dict[str, Any]]]]


@pytest.fixture
async def group(groups: httpx.AsyncClient, admin: dict[str, str]) -> dict[str, Any]:
    """A real group in groups-service: Mondays and Thursdays 18:30 Moscow time, two students."""
    response = await groups.post(
        "/groups",
        headers=admin,
        json={
            "name": "Evening B1",
            "level": "B1",
            "teacher_id": str(uuid.uuid4()),
            "capacity": 6,
            "schedule": {
                "timezone": "Europe/Moscow",
                "slots": [
                    {"weekday": 0, "start_time": "18:30", "duration_minutes": 90},
                    {"weekday": 3, "start_time": "18:30", "duration_minutes": 90},
                ],
            },
            "starts_on": date.today().isoformat(),
            "price_per_lesson_minor": 90000,
            "status": "active",
        },
    )
    assert response.status_code == 201, response.text
    body = dict(response.json())
    body["student_ids"] = sorted([str(uuid.uuid4()), str(uuid.uuid4())])
    for student in body["student_ids"]:
        joined = await groups.post(f"/groups/{body['id']}/members", json={"student_id": student}, headers=admin)
        assert joined.status_code == 201
    return body


def next_weekday(weekday: int, after: date) -> date:
    return after + timedelta(days=(weekday - after.weekday()) % 7 or 7)


async def lesson_count(app: FastAPI) -> int:
    async with app.state.database.sessionmaker() as session:
        return int(await session.scalar(select(func.count()).select_from(Lesson)) or 0)


class TestGenerateSeries:
    async def test_one_lesson_per_occurrence_booked_in_calendary(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        admin: dict[str, str],
        group: dict[str, Any],
        published: Published,
    ) -> None:
        monday = next_weekday(0, date.today())
        body = {"from": monday.isoformat(), "to": (monday + timedelta(days=13)).isoformat()}

        response = await client.post(f"/groups/{group['id']}/lessons/generate", json=body, headers=admin)

        assert response.status_code == 200, response.text
        created = response.json()["created"]
        assert len(created) == 4
        first = datetime.fromisoformat(created[0]["starts_at"])
        assert first == datetime(monday.year, monday.month, monday.day, 15, 30, tzinfo=UTC)
        assert all(lesson["kind"] == "group" for lesson in created)
        assert all(lesson["price_minor"] == 90000 for lesson in created)
        assert all(lesson["student_ids"] == group["student_ids"] for lesson in created)
        assert all(lesson["duration_minutes"] == 90 for lesson in created)
        event = (
            await calendary.get(f"/internal/events/{created[0]['calendar_event_id']}", headers=calendary_service)
        ).json()
        assert event["status"] == "confirmed"
        assert event["kind"] == "group"
        assert sorted(event["student_ids"]) == group["student_ids"]
        assert len(await published("lesson.scheduled")) == 4

    async def test_regenerating_creates_nothing_twice(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        admin: dict[str, str],
        group: dict[str, Any],
    ) -> None:
        monday = next_weekday(0, date.today())
        first = {"from": monday.isoformat(), "to": (monday + timedelta(days=6)).isoformat()}
        wider = {"from": monday.isoformat(), "to": (monday + timedelta(days=13)).isoformat()}
        await client.post(f"/groups/{group['id']}/lessons/generate", json=first, headers=admin)

        again = (await client.post(f"/groups/{group['id']}/lessons/generate", json=wider, headers=admin)).json()

        assert len(again["existing"]) == 2
        assert len(again["created"]) == 2
        assert await lesson_count(app) == 4

    async def test_taken_occurrence_is_skipped_not_fatal(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        calendary: httpx.AsyncClient,
        calendary_service: dict[str, str],
        admin: dict[str, str],
        group: dict[str, Any],
    ) -> None:
        monday = next_weekday(0, date.today())
        busy_start = datetime(monday.year, monday.month, monday.day, 15, 30, tzinfo=UTC)
        taken = await calendary.post(
            "/internal/holds",
            headers={**calendary_service, "Idempotency-Key": "busy-hold-1"},
            json={
                "teacher_id": group["teacher_id"],
                "starts_at": busy_start.isoformat(),
                "ends_at": (busy_start + timedelta(hours=1)).isoformat(),
                "student_ids": [],
                "kind": "individual",
                "force": True,
                "hold_seconds": 600,
            },
        )
        assert taken.status_code == 201, taken.text

        result = (
            await client.post(
                f"/groups/{group['id']}/lessons/generate",
                headers=admin,
                json={"from": monday.isoformat(), "to": (monday + timedelta(days=6)).isoformat()},
            )
        ).json()

        assert [datetime.fromisoformat(s["starts_at"]) for s in result["skipped"]] == [busy_start]
        assert result["skipped"][0]["code"] == "slot_taken"
        assert len(result["created"]) == 1
        assert await lesson_count(app) == 1

    async def test_unknown_group_is_404(
        self, client: httpx.AsyncClient, admin: dict[str, str], groups_url: str
    ) -> None:
        today = date.today().isoformat()
        response = await client.post(
            f"/groups/{uuid.uuid4()}/lessons/generate", headers=admin, json={"from": today, "to": today}
        )
        assert response.status_code == 404
        assert response.json()["code"] == "group_not_found"

    async def test_only_admins_generate(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, group: dict[str, Any]
    ) -> None:
        today = date.today().isoformat()
        response = await client.post(
            f"/groups/{group['id']}/lessons/generate",
            headers=jwt_signer.headers("teacher", sub=group["teacher_id"]),
            json={"from": today, "to": today},
        )
        assert response.status_code == 403

    async def test_range_is_capped(
        self, client: httpx.AsyncClient, admin: dict[str, str], group: dict[str, Any]
    ) -> None:
        response = await client.post(
            f"/groups/{group['id']}/lessons/generate", headers=admin, json={"from": "2027-01-01", "to": "2028-01-01"}
        )
        assert response.status_code == 422
        assert response.json()["code"] == "range_too_long"
