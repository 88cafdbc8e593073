import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from studio_kit.messaging import Event
from studio_kit.testing import JWTSigner

Seed = Callable[..., Awaitable[str]]
Published = Callable[..., Awaitable[list[dict[str, Any]]]]


async def mine(published: Published, student: uuid.UUID) -> list[dict[str, Any]]:
    """The `lesson.roster_changed` events about one student, oldest first."""
    return [item for item in await published("lesson.roster_changed") if item["student_id"] == str(student)]


async def roster(client: httpx.AsyncClient, lesson_id: str, headers: dict[str, str]) -> list[str]:
    detail = (await client.get(f"/lessons/{lesson_id}", headers=headers)).json()
    return sorted(entry["student_id"] for entry in detail["roster"])


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 15.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "the consumer did not apply the event in time"
        await asyncio.sleep(0.1)


async def publish(app: FastAPI, event_type: str, data: dict[str, Any]) -> Event:
    event = Event(type=event_type, source="groups-service", data=data)
    await app.state.broker.publish(event)
    return event


class TestGroupMembershipKeepsRostersRight:
    async def test_new_member_joins_future_lessons_only(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        seed_lesson: Seed,
    ) -> None:
        teacher, group, old = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        now = datetime.now(UTC)
        past = await seed_lesson(
            teacher_id=teacher, student_ids=[old], starts_at=now - timedelta(days=2), kind="group", group_id=group
        )
        future = await seed_lesson(
            teacher_id=teacher, student_ids=[old], starts_at=now + timedelta(days=2), kind="group", group_id=group
        )
        newcomer = uuid.uuid4()
        admin = jwt_signer.headers("admin")

        data = {"group_id": str(group), "group_name": "B1", "student_id": str(newcomer), "teacher_id": str(teacher)}
        await publish(app, "group.member_added", data)
        await eventually(lambda: _has(client, future, admin, newcomer))
        # A redelivered copy (a new event id, same business fact) changes nothing.
        await publish(app, "group.member_added", data)
        await asyncio.sleep(0.5)

        assert await roster(client, future, admin) == sorted([str(old), str(newcomer)])
        assert await roster(client, past, admin) == [str(old)]

    async def test_roster_changes_are_published_for_calendary_once(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        seed_lesson: Seed,
        published: Published,
    ) -> None:
        teacher, group, student = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        future = await seed_lesson(
            teacher_id=teacher,
            student_ids=[],
            starts_at=datetime.now(UTC) + timedelta(days=2),
            kind="group",
            group_id=group,
        )
        admin = jwt_signer.headers("admin")
        data = {"group_id": str(group), "group_name": "A2", "student_id": str(student), "teacher_id": str(teacher)}

        await publish(app, "group.member_added", data)
        await eventually(lambda: _has(client, future, admin, student))
        # A redelivered copy (a new event id), applied before the removal is sent: the consumer
        # handles messages concurrently, so a copy still in flight could land after the removal.
        duplicate = Event(type="group.member_added", source="groups-service", data=data)
        assert await app.state.consumer.handle(duplicate) is True
        await publish(
            app,
            "group.member_removed",
            {"group_id": str(group), "student_id": str(student), "teacher_id": str(teacher), "reason": "left"},
        )

        async def removal_published() -> bool:
            return any(item["change"] == "removed" for item in await mine(published, student))

        await eventually(removal_published)
        changes = await mine(published, student)
        assert [item["change"] for item in changes] == ["added", "removed"]
        assert [lesson["lesson_id"] for lesson in changes[0]["lessons"]] == [future]
        assert changes[0]["group_id"] == str(group)

    async def test_moved_student_changes_lessons(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        seed_lesson: Seed,
    ) -> None:
        teacher, source, target, student = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        later = datetime.now(UTC) + timedelta(days=3)
        leaving = await seed_lesson(
            teacher_id=teacher, student_ids=[student], starts_at=later, kind="group", group_id=source
        )
        joining = await seed_lesson(
            teacher_id=teacher, student_ids=[], starts_at=later + timedelta(hours=2), kind="group", group_id=target
        )
        admin = jwt_signer.headers("admin")

        await publish(
            app,
            "group.member_moved",
            {
                "student_id": str(student),
                "from_group_id": str(source),
                "to_group_id": str(target),
                "teacher_id": str(teacher),
            },
        )
        await eventually(lambda: _has(client, joining, admin, student))

        assert await roster(client, leaving, admin) == []

    async def test_removed_member_leaves_future_lessons(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        seed_lesson: Seed,
    ) -> None:
        teacher, group, student, stays = uuid.uuid4(), uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        future = await seed_lesson(
            teacher_id=teacher,
            student_ids=[student, stays],
            starts_at=datetime.now(UTC) + timedelta(days=1),
            kind="group",
            group_id=group,
        )
        admin = jwt_signer.headers("admin")

        await publish(
            app,
            "group.member_removed",
            {"group_id": str(group), "student_id": str(student), "teacher_id": str(teacher), "reason": "left"},
        )

        async def gone() -> bool:
            return await roster(client, future, admin) == [str(stays)]

        await eventually(gone)


async def _has(client: httpx.AsyncClient, lesson_id: str, headers: dict[str, str], student: uuid.UUID) -> bool:
    return str(student) in await roster(client, lesson_id, headers)
