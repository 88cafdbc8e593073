import uuid
from typing import Any

import httpx

from studio_kit.testing.helpers import JWTSigner


class TestSchedules:
    async def test_an_admin_reads_several_teachers_schedules_in_one_answer(
        self, client: httpx.AsyncClient, cal: Any, booker: dict[str, str], admin: dict[str, str]
    ) -> None:
        first, second, idle = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
        await cal.open_every_day(first, "09:00", "12:00", timezone="Europe/London")
        await cal.open_every_day(second, "14:00", "16:00")
        day = cal.future_day()
        hold = await client.post(
            "/internal/holds", json=cal.hold_body(second, cal.at(day, 14), force=True), headers=booker
        )
        assert hold.status_code == 201, hold.text
        params = {"from": cal.at(day, 0).isoformat(), "to": cal.at(day, 23, 59).isoformat()}

        response = await client.get(
            "/schedules",
            params=[*params.items(), *(("teacher_id", str(teacher)) for teacher in (second, first, idle))],
            headers=admin,
        )

        assert response.status_code == 200, response.text
        body = response.json()
        assert [schedule["teacher_id"] for schedule in body] == [str(second), str(first), str(idle)]
        for schedule in body:
            single = await client.get(f"/teachers/{schedule['teacher_id']}/schedule", params=params, headers=admin)
            assert single.json() == schedule
        assert [event["id"] for event in body[0]["events"]] == [hold.json()["id"]]
        assert body[1]["timezone"] == "Europe/London"
        assert body[2]["availability"] == []

    async def test_teachers_and_students_may_not_and_bad_ranges_are_refused(
        self, client: httpx.AsyncClient, cal: Any, admin: dict[str, str], jwt_signer: JWTSigner
    ) -> None:
        teacher = uuid.uuid4()
        day = cal.future_day()
        one = ("teacher_id", str(teacher))
        params = [("from", cal.at(day, 0).isoformat()), ("to", cal.at(day, 23).isoformat()), one]

        as_teacher = await client.get("/schedules", params=params, headers=jwt_signer.headers("teacher", sub=teacher))
        as_student = await client.get("/schedules", params=params, headers=jwt_signer.headers("student"))
        backwards = await client.get(
            "/schedules",
            params=[("from", cal.at(day, 23).isoformat()), ("to", cal.at(day, 0).isoformat()), one],
            headers=admin,
        )
        nobody = await client.get("/schedules", params=params[:2], headers=admin)

        assert (as_teacher.status_code, as_student.status_code) == (403, 403)
        assert backwards.status_code == 422
        assert backwards.json()["code"] == "invalid_range"
        assert nobody.status_code == 422
