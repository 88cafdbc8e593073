import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from studio_kit.testing.helpers import JWTSigner


class TestCreateHold:
    async def test_hold_inside_availability_blocks_the_time(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id)
        starts_at = cal.at(cal.future_day(), 10)
        response = await client.post("/internal/holds", json=cal.hold_body(teacher_id, starts_at), headers=booker)
        assert response.status_code == 201, response.text
        hold = response.json()
        assert hold["status"] == "held"
        assert datetime.fromisoformat(hold["starts_at"]) == starts_at
        expires_at = datetime.fromisoformat(hold["expires_at"])
        assert timedelta(seconds=100) < expires_at - datetime.now(UTC) <= timedelta(seconds=120)

        overlapping = cal.hold_body(teacher_id, starts_at + timedelta(minutes=30))
        second = await client.post("/internal/holds", json=overlapping, headers=booker)
        assert second.status_code == 409
        assert second.json()["code"] == "slot_taken"
        assert second.headers["content-type"] == "application/problem+json"

    async def test_adjacent_hold_is_allowed(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id)
        starts_at = cal.at(cal.future_day(), 10)
        first = await client.post("/internal/holds", json=cal.hold_body(teacher_id, starts_at), headers=booker)
        after = cal.hold_body(teacher_id, starts_at + timedelta(hours=1))
        second = await client.post("/internal/holds", json=after, headers=booker)
        assert (first.status_code, second.status_code) == (201, 201)

    async def test_outside_availability_is_refused_unless_forced(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id, "08:00", "12:00")
        late = cal.at(cal.future_day(), 11, 30)
        refused = await client.post("/internal/holds", json=cal.hold_body(teacher_id, late), headers=booker)
        assert refused.status_code == 422
        assert refused.json()["code"] == "outside_availability"
        forced = await client.post("/internal/holds", json=cal.hold_body(teacher_id, late, force=True), headers=booker)
        assert forced.status_code == 201

    async def test_time_inside_min_notice_is_refused(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id, "00:00", "23:59")
        soon = (datetime.now(UTC) + timedelta(minutes=30)).replace(second=0, microsecond=0)
        response = await client.post("/internal/holds", json=cal.hold_body(teacher_id, soon), headers=booker)
        assert response.status_code == 422
        assert response.json()["code"] == "outside_booking_window"

    async def test_time_off_makes_the_time_unavailable(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        await cal.open_every_day(teacher_id)
        day = cal.future_day()
        created = await client.post(
            f"/teachers/{teacher_id}/time-off",
            json={"starts_at": cal.at(day, 0).isoformat(), "ends_at": cal.at(day, 23).isoformat()},
            headers=cal.admin,
        )
        assert created.status_code == 201
        response = await client.post("/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10)), headers=booker)
        assert response.json()["code"] == "outside_availability"

    async def test_student_with_a_confirmed_lesson_cannot_be_double_booked(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        student = str(uuid.uuid4())
        first_teacher, second_teacher = uuid.uuid4(), uuid.uuid4()
        starts_at = cal.at(cal.future_day(), 10)
        first = await client.post(
            "/internal/holds",
            json=cal.hold_body(first_teacher, starts_at, student_ids=[student], force=True),
            headers=booker,
        )
        confirmed = await client.post(
            f"/internal/holds/{first.json()['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
        )
        assert confirmed.json()["status"] == "confirmed"
        clash = await client.post(
            "/internal/holds",
            json=cal.hold_body(second_teacher, starts_at, student_ids=[student], force=True),
            headers=booker,
        )
        assert clash.status_code == 409
        assert clash.json()["code"] == "slot_taken"
        assert clash.json()["student_ids"] == [student]

    async def test_confirming_a_second_hold_for_a_busy_student_is_refused_by_the_database(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        student = str(uuid.uuid4())
        starts_at = cal.at(cal.future_day(), 10)
        holds = [
            (
                await client.post(
                    "/internal/holds",
                    json=cal.hold_body(uuid.uuid4(), starts_at, student_ids=[student], force=True),
                    headers=booker,
                )
            ).json()
            for _ in range(2)
        ]
        results = [
            await client.post(
                f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
            )
            for hold in holds
        ]
        assert [r.status_code for r in results] == [200, 409]
        assert results[1].json()["code"] == "slot_taken"

    async def test_room_is_exclusive_across_teachers(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        room = (await client.post("/rooms", json={"name": "Oxford", "capacity": 6}, headers=cal.admin)).json()
        starts_at = cal.at(cal.future_day(), 10)
        first = await client.post(
            "/internal/holds",
            json=cal.hold_body(uuid.uuid4(), starts_at, room_id=room["id"], force=True),
            headers=booker,
        )
        second = await client.post(
            "/internal/holds",
            json=cal.hold_body(uuid.uuid4(), starts_at, room_id=room["id"], force=True),
            headers=booker,
        )
        assert first.json()["room_id"] == room["id"]
        assert second.status_code == 409
        assert second.json()["code"] == "room_taken"

    async def test_room_too_small_for_the_group(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str]
    ) -> None:
        room = (await client.post("/rooms", json={"name": "Booth", "capacity": 1}, headers=cal.admin)).json()
        body = cal.hold_body(
            uuid.uuid4(),
            cal.at(cal.future_day(), 10),
            room_id=room["id"],
            force=True,
            student_ids=[str(uuid.uuid4()), str(uuid.uuid4())],
            kind="group",
        )
        response = await client.post("/internal/holds", json=body, headers=booker)
        assert response.status_code == 422
        assert response.json()["code"] == "room_too_small"

    async def test_only_a_service_with_the_book_scope_may_hold(
        self, client: httpx.AsyncClient, cal: Any, jwt_signer: JWTSigner, teacher_id: uuid.UUID
    ) -> None:
        body = cal.hold_body(teacher_id, cal.at(cal.future_day(), 10), force=True)
        for headers in (
            jwt_signer.headers("admin"),
            jwt_signer.headers("teacher", sub=teacher_id),
            jwt_signer.headers("service", sub="service:bff", scopes=["calendary:read"]),
        ):
            response = await client.post("/internal/holds", json=body, headers=headers)
            assert response.status_code == 403
        assert (await client.post("/internal/holds", json=body)).status_code == 401


class TestIdempotency:
    async def test_same_key_replays_the_first_hold(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        body = cal.hold_body(teacher_id, cal.at(cal.future_day(), 10), force=True)
        headers = {**booker, "Idempotency-Key": "booking-42"}
        first = await client.post("/internal/holds", json=body, headers=headers)
        again = await client.post("/internal/holds", json=body, headers=headers)
        assert (first.status_code, again.status_code) == (201, 201)
        assert again.json() == first.json()
        assert again.headers["idempotent-replayed"] == "true"

    async def test_a_refused_booking_keeps_no_record_so_its_retry_is_evaluated_afresh(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        starts_at = cal.at(cal.future_day(), 11)
        blocking = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, starts_at, force=True), headers=booker
        )
        booking = cal.hold_body(teacher_id, starts_at, force=True, lesson_id=str(uuid.uuid4()))
        headers = {**booker, "Idempotency-Key": "lesson-retry-1"}
        refused = await client.post("/internal/holds", json=booking, headers=headers)
        assert refused.status_code == 409
        assert refused.json()["code"] == "slot_taken"
        await client.post(f"/internal/events/{blocking.json()['id']}/cancel", headers=booker)
        retried = await client.post("/internal/holds", json=booking, headers=headers)
        assert retried.status_code == 201
        assert "idempotent-replayed" not in retried.headers
        assert retried.json()["status"] == "confirmed"
        replayed = await client.post("/internal/holds", json=booking, headers=headers)
        assert replayed.json() == retried.json()
        assert replayed.headers["idempotent-replayed"] == "true"
        stored = await client.get(f"/internal/events/{retried.json()['id']}", headers=booker)
        assert stored.json() == retried.json()

    async def test_same_key_with_another_body_is_refused(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        headers = {**booker, "Idempotency-Key": "booking-43"}
        day = cal.future_day()
        await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10), force=True), headers=headers
        )
        other = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 14), force=True), headers=headers
        )
        assert other.status_code == 422
        assert other.json()["code"] == "idempotency_key_reused"

    async def test_a_key_shorter_than_the_kits_minimum_is_refused_and_holds_nothing(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        body = cal.hold_body(teacher_id, cal.at(cal.future_day(), 11), force=True)
        refused = await client.post("/internal/holds", json=body, headers={**booker, "Idempotency-Key": "short"})
        assert refused.status_code == 422
        assert refused.headers["content-type"].startswith("application/problem+json")
        held = await client.post("/internal/holds", json=body, headers={**booker, "Idempotency-Key": "long-enough"})
        assert held.status_code == 201


class TestConfirmAndCancel:
    async def test_confirm_then_repeat_is_a_no_op(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        hold = (
            await client.post(
                "/internal/holds",
                json=cal.hold_body(teacher_id, cal.at(cal.future_day(), 10), force=True),
                headers=booker,
            )
        ).json()
        lesson = str(uuid.uuid4())
        first = await client.post(f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": lesson}, headers=booker)
        again = await client.post(f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": lesson}, headers=booker)
        assert first.json()["status"] == again.json()["status"] == "confirmed"
        assert first.json()["lesson_id"] == lesson
        assert first.json()["expires_at"] is None
        other = await client.post(
            f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
        )
        assert other.json()["code"] == "already_confirmed"

    async def test_expired_hold_cannot_be_confirmed_and_frees_the_time(
        self, client: httpx.AsyncClient, app: FastAPI, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        starts_at = cal.at(cal.future_day(), 10)
        hold = (
            await client.post("/internal/holds", json=cal.hold_body(teacher_id, starts_at, force=True), headers=booker)
        ).json()
        async with app.state.database.engine.begin() as connection:
            await connection.execute(
                text("UPDATE calendar_event SET expires_at = now() - interval '1 second' WHERE id = :id"),
                {"id": hold["id"]},
            )
        confirm = await client.post(
            f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
        )
        assert confirm.status_code == 409
        assert confirm.json()["code"] == "hold_expired"
        retaken = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, starts_at, force=True), headers=booker
        )
        assert retaken.status_code == 201
        old = await client.get(f"/internal/events/{hold['id']}", headers=booker)
        assert old.json()["status"] == "expired"

    async def test_cancel_frees_the_time_and_is_idempotent(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        starts_at = cal.at(cal.future_day(), 10)
        hold = (
            await client.post("/internal/holds", json=cal.hold_body(teacher_id, starts_at, force=True), headers=booker)
        ).json()
        await client.post(
            f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
        )
        first = await client.post(f"/internal/events/{hold['id']}/cancel", headers=booker)
        again = await client.post(f"/internal/events/{hold['id']}/cancel", headers=booker)
        assert first.json()["status"] == again.json()["status"] == "cancelled"
        assert again.json()["sequence"] == first.json()["sequence"] == 1
        retaken = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, starts_at, force=True), headers=booker
        )
        assert retaken.status_code == 201

    async def test_unknown_event_is_404(self, client: httpx.AsyncClient, booker: dict[str, str]) -> None:
        response = await client.post(f"/internal/events/{uuid.uuid4()}/cancel", headers=booker)
        assert response.status_code == 404
        assert response.json()["code"] == "event_not_found"


class TestReschedule:
    async def test_move_frees_the_old_time_and_takes_the_new(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        day = cal.future_day()
        hold = (
            await client.post(
                "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10), force=True), headers=booker
            )
        ).json()
        await client.post(
            f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
        )
        moved = await client.post(
            f"/internal/events/{hold['id']}/reschedule",
            json={
                "starts_at": cal.at(day, 10, 30).isoformat(),
                "ends_at": cal.at(day, 11, 30).isoformat(),
                "force": True,
            },
            headers=booker,
        )
        assert moved.status_code == 200, moved.text
        assert datetime.fromisoformat(moved.json()["starts_at"]) == cal.at(day, 10, 30)
        assert moved.json()["sequence"] == 1
        freed = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 9, 30), force=True), headers=booker
        )
        assert freed.status_code == 201

    async def test_conflicting_move_keeps_the_old_time(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        day = cal.future_day()
        mine = (
            await client.post(
                "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10), force=True), headers=booker
            )
        ).json()
        await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 12), force=True), headers=booker
        )
        clash = await client.post(
            f"/internal/events/{mine['id']}/reschedule",
            json={
                "starts_at": cal.at(day, 11, 30).isoformat(),
                "ends_at": cal.at(day, 12, 30).isoformat(),
                "force": True,
            },
            headers=booker,
        )
        assert clash.status_code == 409
        assert clash.json()["code"] == "slot_taken"
        unchanged = (await client.get(f"/internal/events/{mine['id']}", headers=booker)).json()
        assert datetime.fromisoformat(unchanged["starts_at"]) == cal.at(day, 10)
        still_blocked = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10), force=True), headers=booker
        )
        assert still_blocked.json()["code"] == "slot_taken"


class TestSubstitute:
    async def _booked(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher: uuid.UUID, at: datetime
    ) -> dict[str, Any]:
        hold = (
            await client.post("/internal/holds", json=cal.hold_body(teacher, at, force=True), headers=booker)
        ).json()
        await client.post(
            f"/internal/holds/{hold['id']}/confirm", json={"lesson_id": str(uuid.uuid4())}, headers=booker
        )
        return dict(hold)

    async def test_event_moves_to_a_free_substitute_and_frees_the_first_teacher(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        substitute = uuid.uuid4()
        await cal.open_every_day(substitute)
        day = cal.future_day()
        event = await self._booked(client, cal, booker, teacher_id, cal.at(day, 10))
        body = {"starts_at": cal.at(day, 10).isoformat(), "ends_at": cal.at(day, 11).isoformat(), "force": True}
        moved = await client.post(
            f"/internal/events/{event['id']}/reschedule", json={**body, "teacher_id": str(substitute)}, headers=booker
        )
        assert moved.status_code == 200, moved.text
        assert moved.json()["teacher_id"] == str(substitute)
        freed = await client.post(
            "/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 10), force=True), headers=booker
        )
        assert freed.status_code == 201
        taken = await client.post(
            "/internal/holds", json=cal.hold_body(substitute, cal.at(day, 10), force=True), headers=booker
        )
        assert taken.json()["code"] == "slot_taken"

    async def test_busy_or_absent_substitute_is_409_and_nothing_changes(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], teacher_id: uuid.UUID
    ) -> None:
        busy, absent = uuid.uuid4(), uuid.uuid4()
        await cal.open_every_day(busy)
        await cal.open_every_day(absent, "14:00", "18:00")
        day = cal.future_day()
        event = await self._booked(client, cal, booker, teacher_id, cal.at(day, 10))
        await self._booked(client, cal, booker, busy, cal.at(day, 10, 30))
        body = {"starts_at": cal.at(day, 10).isoformat(), "ends_at": cal.at(day, 11).isoformat(), "force": True}
        clash = await client.post(
            f"/internal/events/{event['id']}/reschedule", json={**body, "teacher_id": str(busy)}, headers=booker
        )
        assert (clash.status_code, clash.json()["code"]) == (409, "slot_taken")
        off = await client.post(
            f"/internal/events/{event['id']}/reschedule", json={**body, "teacher_id": str(absent)}, headers=booker
        )
        assert (off.status_code, off.json()["code"]) == (409, "teacher_unavailable")
        unchanged = (await client.get(f"/internal/events/{event['id']}", headers=booker)).json()
        assert unchanged["teacher_id"] == str(teacher_id)
