import asyncio
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import aio_pika
import httpx
from fastapi import FastAPI

from studio_kit.messaging import Event
from studio_kit.testing import JWTSigner

Seed = Callable[..., Awaitable[str]]
Published = Callable[..., Awaitable[list[dict[str, Any]]]]


def hours_ago(hours: int) -> datetime:
    return (datetime.now(UTC) - timedelta(hours=hours)).replace(minute=0, second=0, microsecond=0)


class TestAttendance:
    async def test_teacher_records_marks_topic_and_homework(
        self,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        seed_lesson: Seed,
    ) -> None:
        teacher, students = uuid.uuid4(), [uuid.uuid4(), uuid.uuid4()]
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=students, starts_at=hours_ago(2))
        headers = jwt_signer.headers("teacher", sub=teacher)

        response = await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=headers,
            json={
                "topic": "Present Perfect",
                "homework": "Workbook p. 12",
                "notes": "Needs speaking practice",
                "attendance": [
                    {"student_id": str(students[0]), "status": "present"},
                    {"student_id": str(students[1]), "status": "late"},
                ],
            },
        )

        assert response.status_code == 200
        detail = (await client.get(f"/lessons/{lesson_id}", headers=headers)).json()
        assert detail["topic"] == "Present Perfect"
        assert detail["homework"] == "Workbook p. 12"
        assert detail["notes"] == "Needs speaking practice"
        assert {(r["student_id"], r["attendance"]) for r in detail["roster"]} == {
            (str(students[0]), "present"),
            (str(students[1]), "late"),
        }
        # The student sees homework and their own mark, not the teacher's notes or classmates.
        own = await client.get(f"/lessons/{lesson_id}", headers=jwt_signer.headers("student", sub=students[0]))
        assert own.json()["notes"] is None
        assert own.json()["homework"] == "Workbook p. 12"
        assert [r["student_id"] for r in own.json()["roster"]] == [str(students[0])]
        assert own.json()["student_ids"] == [str(students[0])]

    async def test_marks_only_for_the_roster(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=hours_ago(2))
        stranger = uuid.uuid4()

        response = await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=jwt_signer.headers("admin"),
            json={
                "attendance": [
                    {"student_id": str(student), "status": "present"},
                    {"student_id": str(stranger), "status": "present"},
                ],
            },
        )

        assert response.status_code == 422
        assert response.json()["code"] == "not_on_roster"
        assert response.json()["student_ids"] == [str(stranger)]
        detail = (await client.get(f"/lessons/{lesson_id}", headers=jwt_signer.headers("admin"))).json()
        assert detail["roster"][0]["attendance"] is None

    async def test_other_teachers_and_students_cannot_mark(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=hours_ago(2))
        body = {"attendance": [{"student_id": str(student), "status": "present"}]}
        for headers in (jwt_signer.headers("teacher"), jwt_signer.headers("student", sub=student)):
            response = await client.put(f"/lessons/{lesson_id}/attendance", json=body, headers=headers)
            assert response.status_code == 403

    async def test_unknown_status_is_a_validation_error(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=hours_ago(2))
        response = await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=jwt_signer.headers("admin"),
            json={"attendance": [{"student_id": str(student), "status": "asleep"}]},
        )
        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"


class TestComplete:
    async def test_completion_publishes_attendance_with_prices(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer: JWTSigner,
        seed_lesson: Seed,
        published: Published,
    ) -> None:
        teacher, group = uuid.uuid4(), uuid.uuid4()
        students = sorted([uuid.uuid4() for _ in range(4)], key=str)
        starts_at = hours_ago(2)
        lesson_id = await seed_lesson(
            teacher_id=teacher,
            student_ids=students,
            starts_at=starts_at,
            kind="group",
            group_id=group,
            price_minor=90000,
            minutes=90,
        )
        headers = jwt_signer.headers("teacher", sub=teacher)
        marks = ["present", "absent", "late", "excused"]
        await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=headers,
            json={
                "attendance": [{"student_id": str(s), "status": m} for s, m in zip(students, marks, strict=True)],
            },
        )

        # Listen where students-service and teachers-service would.
        channel = await app.state.broker.channel()
        exchange = await channel.declare_exchange(
            app.state.settings.events_exchange, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True, auto_delete=True)
        await queue.bind(exchange, routing_key="lesson.completed")

        response = await client.post(f"/lessons/{lesson_id}/complete", headers=headers)

        assert response.status_code == 200
        assert response.json()["status"] == "completed"
        expected = {
            "lesson_id": lesson_id,
            "kind": "group",
            "teacher_id": str(teacher),
            "group_id": str(group),
            "starts_at": starts_at.isoformat(),
            "ends_at": (starts_at + timedelta(minutes=90)).isoformat(),
            "duration_minutes": 90,
            "attendance": [
                {"student_id": str(students[0]), "status": "present", "price_minor": 90000},
                {"student_id": str(students[1]), "status": "absent", "price_minor": 90000},
                {"student_id": str(students[2]), "status": "late", "price_minor": 90000},
                {"student_id": str(students[3]), "status": "excused", "price_minor": 0},
            ],
        }
        assert await published("lesson.completed") == [expected]
        app.state.relay.wake()
        message = await asyncio.wait_for(_next_message(queue), timeout=15)
        event = Event.from_bytes(message.body)
        assert event.type == "lesson.completed"
        assert event.source == "lessons-service"
        assert event.data == expected
        await channel.close()

    async def test_completing_twice_publishes_once(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed, published: Published
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=hours_ago(2))
        headers = jwt_signer.headers("teacher", sub=teacher)
        await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=headers,
            json={"attendance": [{"student_id": str(student), "status": "present"}]},
        )

        first = await client.post(f"/lessons/{lesson_id}/complete", headers=headers)
        second = await client.post(f"/lessons/{lesson_id}/complete", headers=headers)

        assert first.json() == second.json()
        assert len(await published("lesson.completed")) == 1

    async def test_missing_marks_block_completion(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed, published: Published
    ) -> None:
        teacher, marked, unmarked = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[marked, unmarked], starts_at=hours_ago(2))
        headers = jwt_signer.headers("teacher", sub=teacher)
        await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=headers,
            json={"attendance": [{"student_id": str(marked), "status": "present"}]},
        )

        response = await client.post(f"/lessons/{lesson_id}/complete", headers=headers)

        assert response.status_code == 422
        assert response.json()["code"] == "attendance_missing"
        assert response.json()["missing_student_ids"] == [str(unmarked)]
        assert (await client.get(f"/lessons/{lesson_id}", headers=headers)).json()["status"] == "scheduled"
        assert await published("lesson.completed") == []

    async def test_future_lesson_cannot_be_completed(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(
            teacher_id=teacher, student_ids=[student], starts_at=datetime.now(UTC) + timedelta(days=1)
        )
        headers = jwt_signer.headers("teacher", sub=teacher)
        await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=headers,
            json={"attendance": [{"student_id": str(student), "status": "present"}]},
        )
        response = await client.post(f"/lessons/{lesson_id}/complete", headers=headers)
        assert response.status_code == 409
        assert response.json()["code"] == "lesson_not_started"

    async def test_completed_journal_is_closed(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, student = uuid.uuid4(), uuid.uuid4()
        lesson_id = await seed_lesson(teacher_id=teacher, student_ids=[student], starts_at=hours_ago(2))
        headers = jwt_signer.headers("teacher", sub=teacher)
        body = {"attendance": [{"student_id": str(student), "status": "present"}]}
        await client.put(f"/lessons/{lesson_id}/attendance", headers=headers, json=body)
        await client.post(f"/lessons/{lesson_id}/complete", headers=headers)

        changed = await client.put(
            f"/lessons/{lesson_id}/attendance",
            headers=headers,
            json={"attendance": [{"student_id": str(student), "status": "excused"}]},
        )
        assert changed.status_code == 409
        assert changed.json()["code"] == "lesson_not_scheduled"


class TestGroupJournal:
    async def test_matrix_of_students_and_dates(
        self, client: httpx.AsyncClient, jwt_signer: JWTSigner, seed_lesson: Seed
    ) -> None:
        teacher, group = uuid.uuid4(), uuid.uuid4()
        alice, bob = sorted([uuid.uuid4(), uuid.uuid4()], key=str)
        first = await seed_lesson(
            teacher_id=teacher, student_ids=[alice, bob], starts_at=hours_ago(24 * 7), kind="group", group_id=group
        )
        second = await seed_lesson(
            teacher_id=teacher, student_ids=[alice], starts_at=hours_ago(2), kind="group", group_id=group
        )
        await seed_lesson(teacher_id=teacher, student_ids=[alice], starts_at=hours_ago(3))
        headers = jwt_signer.headers("teacher", sub=teacher)
        await client.put(
            f"/lessons/{first}/attendance",
            headers=headers,
            json={
                "attendance": [
                    {"student_id": str(alice), "status": "present"},
                    {"student_id": str(bob), "status": "absent"},
                ]
            },
        )
        params = {"from": hours_ago(24 * 30).isoformat(), "to": datetime.now(UTC).isoformat()}

        matrix = (await client.get(f"/groups/{group}/journal", params=params, headers=headers)).json()

        assert matrix["students"] == [str(alice), str(bob)]
        assert [d["lesson_id"] for d in matrix["dates"]] == [first, second]
        assert {(c["student_id"], c["lesson_id"], c["status"]) for c in matrix["cells"]} == {
            (str(alice), first, "present"),
            (str(bob), first, "absent"),
            (str(alice), second, None),
        }
        other_teacher = await client.get(
            f"/groups/{group}/journal", params=params, headers=jwt_signer.headers("teacher")
        )
        assert other_teacher.json()["cells"] == []
        student = await client.get(
            f"/groups/{group}/journal", params=params, headers=jwt_signer.headers("student", sub=alice)
        )
        assert student.status_code == 403


async def _next_message(queue: aio_pika.abc.AbstractQueue) -> aio_pika.abc.AbstractIncomingMessage:
    while True:
        message = await queue.get(fail=False)
        if message is not None:
            await message.ack()
            return message
        await asyncio.sleep(0.1)
