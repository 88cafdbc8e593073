"""A group's timetable: activation books its term (or a rolling horizon), closed days are skipped,
a changed weekly schedule moves future lessons, and the periodic job extends open-ended groups."""

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from lessons_service.clients import Calendary, Groups
from lessons_service.lessons.models import Lesson
from lessons_service.series import service as series_service

from .test_router import group, lesson_count, next_weekday

__all__ = ["group"]


def expected_starts(first: date, last: date, weekdays: set[int]) -> int:
    now = datetime.now(UTC)
    count = 0
    day = first
    while day <= last:
        # 18:30 Moscow is 15:30 UTC.
        if day.weekday() in weekdays and datetime(day.year, day.month, day.day, 15, 30, tzinfo=UTC) > now:
            count += 1
        day += timedelta(days=1)
    return count


async def group_lessons(app: FastAPI, group_id: str) -> list[Lesson]:
    async with app.state.database.sessionmaker() as session:
        rows = await session.scalars(
            select(Lesson).where(Lesson.group_id == uuid.UUID(group_id)).order_by(Lesson.starts_at)
        )
        return list(rows)


async def make_group(groups: httpx.AsyncClient, admin: dict[str, str], **fields: Any) -> dict[str, Any]:
    body = {
        "name": "Morning A2",
        "level": "A2",
        "teacher_id": str(uuid.uuid4()),
        "capacity": 4,
        "schedule": {
            "timezone": "Europe/Moscow",
            "slots": [{"weekday": 0, "start_time": "18:30", "duration_minutes": 90}],
        },
        "starts_on": date.today().isoformat(),
        "price_per_lesson_minor": 50000,
        "status": "active",
        **fields,
    }
    response = await groups.post("/groups", headers=admin, json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestActivateGroup:
    async def test_open_ended_group_gets_the_rolling_horizon_once(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str], group: dict[str, Any]
    ) -> None:
        horizon = app.state.settings.lessons_group_horizon_days
        expected = expected_starts(date.today(), date.today() + timedelta(days=horizon - 1), {0, 3})

        first = await client.post(f"/groups/{group['id']}/lessons/activate", headers=admin)
        again = await client.post(f"/groups/{group['id']}/lessons/activate", headers=admin)

        assert first.status_code == 200, first.text
        assert first.json()["lessons_created"] == expected > 0
        assert again.json()["lessons_created"] == 0
        lessons = await group_lessons(app, group["id"])
        assert len(lessons) == expected == await lesson_count(app)

    async def test_a_term_ends_with_its_last_date(
        self, app: FastAPI, client: httpx.AsyncClient, groups: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        ends_on = date.today() + timedelta(days=20)
        made = await make_group(groups, admin, ends_on=ends_on.isoformat())

        result = (await client.post(f"/groups/{made['id']}/lessons/activate", headers=admin)).json()

        assert result["lessons_created"] == expected_starts(date.today(), ends_on, {0})
        assert all(lesson.starts_at.date() <= ends_on for lesson in await group_lessons(app, made["id"]))

    async def test_a_forming_group_is_not_activated_here(
        self, client: httpx.AsyncClient, groups: httpx.AsyncClient, admin: dict[str, str]
    ) -> None:
        made = await make_group(groups, admin, status="forming")

        response = await client.post(f"/groups/{made['id']}/lessons/activate", headers=admin)

        assert response.status_code == 409
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["code"] == "group_not_active"

    async def test_a_closed_day_skips_the_session(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str], group: dict[str, Any]
    ) -> None:
        holiday = next_weekday(0, date.today())
        closed = await client.post(
            "/closed-days", headers=admin, json={"date": holiday.isoformat(), "reason": "Holiday"}
        )
        assert closed.status_code == 201, closed.text

        result = (await client.post(f"/groups/{group['id']}/lessons/activate", headers=admin)).json()

        starts = {lesson.starts_at.date() for lesson in await group_lessons(app, group["id"])}
        assert holiday not in starts
        assert holiday + timedelta(days=3) in starts
        assert [item["code"] for item in result["skipped"]] == ["closed_day"]
        listed = (await client.get("/closed-days", headers=admin)).json()
        assert listed == [{"date": holiday.isoformat(), "reason": "Holiday"}]

    async def test_only_an_admin_closes_a_day(self, client: httpx.AsyncClient, jwt_signer: Any) -> None:
        response = await client.post(
            "/closed-days", headers=jwt_signer.headers("teacher"), json={"date": date.today().isoformat()}
        )

        assert response.status_code == 403
        assert (await client.get("/closed-days", headers=jwt_signer.headers("teacher"))).json() == []


class TestScheduleChange:
    async def test_future_lessons_follow_the_new_weekday_and_past_ones_stay(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        groups: httpx.AsyncClient,
        admin: dict[str, str],
        group: dict[str, Any],
        seed_lesson: Any,
    ) -> None:
        past = await seed_lesson(
            teacher_id=uuid.UUID(group["teacher_id"]),
            student_ids=[uuid.UUID(student) for student in group["student_ids"]],
            starts_at=datetime.now(UTC) - timedelta(days=3),
            kind="group",
            group_id=uuid.UUID(group["id"]),
        )
        await client.post(f"/groups/{group['id']}/lessons/activate", headers=admin)
        tuesday = {
            "timezone": "Europe/Moscow",
            "slots": [{"weekday": 1, "start_time": "18:30", "duration_minutes": 90}],
        }
        changed = await groups.patch(f"/groups/{group['id']}", headers=admin, json={"schedule": tuesday})
        assert changed.status_code == 200, changed.text

        result = await client.post(f"/groups/{group['id']}/lessons/replan", headers=admin)

        assert result.status_code == 200, result.text
        lessons = await group_lessons(app, group["id"])
        live = [lesson for lesson in lessons if lesson.status == "scheduled" and lesson.starts_at > datetime.now(UTC)]
        assert live
        assert all(lesson.starts_at.weekday() == 1 for lesson in live)
        cancelled = [lesson for lesson in lessons if lesson.status == "cancelled"]
        assert len(cancelled) == result.json()["lessons_cancelled"] > 0
        assert all(lesson.cancelled_by == "admin" and not lesson.late_cancel for lesson in cancelled)
        seeded = next(lesson for lesson in lessons if str(lesson.id) == past)
        assert seeded.status == "scheduled"


class TestRollingHorizon:
    async def test_the_periodic_job_extends_an_open_ended_group(
        self, app: FastAPI, client: httpx.AsyncClient, admin: dict[str, str], group: dict[str, Any]
    ) -> None:
        await client.post(f"/groups/{group['id']}/lessons/activate", headers=admin)
        before = len(await group_lessons(app, group["id"]))
        longer = app.state.settings.model_copy(update={"lessons_group_horizon_days": 84})
        calendary = Calendary(app.state.clients["calendary"])
        groups = Groups(app.state.clients["groups"])

        created = await series_service.extend_horizons(app.state.database, calendary, groups, longer)
        again = await series_service.extend_horizons(app.state.database, calendary, groups, longer)

        assert created >= 7
        assert again == 0
        assert len(await group_lessons(app, group["id"])) == before + created
