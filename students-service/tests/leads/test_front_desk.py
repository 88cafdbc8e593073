"""The front desk's side of the funnel: leads taken at the desk, converted into students, moved by
the trial's outcome and by the first payment, and counted per week or month."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio


async def create_lead(studio: Studio, **fields: object) -> dict[str, object]:
    body = {"first_name": "Olga", "last_name": "Desk", "phone": "+7 916 700 00 01", "source": "phone", **fields}
    response = await studio.client.post("/leads", json=body, headers=studio.admin)
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestCreateLead:
    async def test_desk_lead_is_new_with_its_source_and_comment(self, studio: Studio) -> None:
        lead = await create_lead(studio, comment="Called about evening classes", email="Olga@Example.com")

        assert (lead["name"], lead["phone"], lead["email"]) == ("Olga Desk", "+79167000001", "olga@example.com")
        assert (lead["status"], lead["source"], lead["note"]) == ("new", "phone", "Called about evening classes")
        listed = (await studio.client.get("/leads", headers=studio.admin)).json()
        assert [item["id"] for item in listed["items"]] == [lead["id"]]

    async def test_bad_input_is_refused_and_creates_nothing(self, studio: Studio) -> None:
        no_contact = await studio.client.post(
            "/leads", json={"first_name": "Nobody", "source": "walk_in"}, headers=studio.admin
        )
        bad_source = await studio.client.post(
            "/leads", json={"first_name": "X", "phone": "+79160000000", "source": "fax"}, headers=studio.admin
        )
        await create_lead(studio)
        duplicate = await studio.client.post(
            "/leads", json={"first_name": "Again", "phone": "89167000001", "source": "phone"}, headers=studio.admin
        )
        as_teacher = await studio.client.post(
            "/leads",
            json={"first_name": "X", "phone": "+79160000000", "source": "phone"},
            headers=studio.teacher_headers(uuid.uuid4()),
        )

        assert (no_contact.status_code, bad_source.status_code) == (422, 422)
        assert (duplicate.status_code, duplicate.json()["code"]) == (409, "lead_already_open")
        assert as_teacher.status_code == 403
        assert (await studio.client.get("/leads", headers=studio.admin)).json()["total"] == 1


class TestConvertAndOutcome:
    async def test_converted_lead_moves_with_its_trial_and_first_payment(self, studio: Studio) -> None:
        lead = await create_lead(studio)
        student = await studio.create_student(status="lead")
        lesson_id = uuid.uuid4()
        body = {
            "student_id": student["id"],
            "trial_lesson_id": str(lesson_id),
            "trial_at": datetime.now(UTC).isoformat(),
        }

        converted = await studio.client.post(f"/leads/{lead['id']}/convert", json=body, headers=studio.admin)
        again = await studio.client.post(f"/leads/{lead['id']}/convert", json=body, headers=studio.admin)

        assert converted.status_code == 200, converted.text
        assert (converted.json()["status"], converted.json()["student_id"]) == ("trial_scheduled", student["id"])
        assert (again.status_code, again.json()["code"]) == (409, "lead_already_converted")
        profile = (await studio.client.get(f"/students/{student['id']}", headers=studio.admin)).json()
        assert profile["status"] == "trial"

        await studio.complete_lesson([(student["id"], "present", 0)], lesson_id=lesson_id, kind="trial")
        assert (await studio.client.get(f"/leads/{lead['id']}", headers=studio.admin)).json()["status"] == "trial_done"

        paid = await studio.client.post(
            f"/students/{student['id']}/payments",
            json={"amount_minor": 500000, "method": "cash"},
            headers={**studio.admin, "Idempotency-Key": uuid.uuid4().hex},
        )
        assert paid.status_code == 201, paid.text
        won = (await studio.client.get(f"/leads/{lead['id']}", headers=studio.admin)).json()
        assert won["status"] == "won"
        assert won["paid_at"] is not None

        weeks = (await studio.client.get("/leads/conversion", headers=studio.admin)).json()
        assert len(weeks) == 8
        assert (weeks[-1]["requests"], weeks[-1]["trials"], weeks[-1]["paying"]) == (1, 1, 1)
        months = (
            await studio.client.get("/leads/conversion", params={"period": "month", "periods": 3}, headers=studio.admin)
        ).json()
        assert [month["period_start"][8:] for month in months] == ["01", "01", "01"]
        assert months[-1]["requests"] == 1

    async def test_no_show_at_the_trial_means_follow_up(self, studio: Studio) -> None:
        lead = await create_lead(studio, phone="+79167000002")
        student = await studio.create_student(status="lead")
        lesson_id = uuid.uuid4()
        await studio.client.post(
            f"/leads/{lead['id']}/convert",
            json={"student_id": student["id"], "trial_lesson_id": str(lesson_id)},
            headers=studio.admin,
        )

        await studio.complete_lesson([(student["id"], "absent", 0)], lesson_id=lesson_id, kind="trial")

        assert (await studio.client.get(f"/leads/{lead['id']}", headers=studio.admin)).json()["status"] == "follow_up"
