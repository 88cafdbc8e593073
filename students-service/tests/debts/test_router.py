from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Studio


async def debts(studio: Studio, **params: Any) -> dict[str, Any]:
    response = await studio.client.get("/debts", params=params, headers=studio.admin)
    assert response.status_code == 200, response.text
    return dict(response.json())


async def sell(studio: Studio, student_id: str, valid_until: date, lessons: int = 4) -> dict[str, Any]:
    response = await studio.client.post(
        f"/students/{student_id}/packages",
        json={
            "lessons": lessons,
            "price_minor": 400_000,
            "valid_until": valid_until.isoformat(),
            "payment_method": "cash",
        },
        headers={**studio.admin, "Idempotency-Key": uuid.uuid4().hex},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


class TestDebts:
    async def test_a_negative_balance_and_an_ending_package_are_listed_with_their_reason(self, studio: Studio) -> None:
        owes = await studio.create_student(first_name="Owes")
        ending = await studio.create_student(first_name="Ending")
        fine = await studio.create_student(first_name="Fine")
        await studio.complete_lesson([(owes["id"], "present", 250_000)])
        package = await sell(studio, ending["id"], date.today() + timedelta(days=3))
        await sell(studio, fine["id"], date.today() + timedelta(days=40))

        listed = await debts(studio)

        by_id = {item["student_id"]: item for item in listed["items"]}
        assert set(by_id) == {owes["id"], ending["id"]}
        assert by_id[owes["id"]]["reasons"] == ["negative_balance"]
        assert by_id[owes["id"]]["balance_minor"] == await studio.balance(owes["id"]) == -250_000
        assert by_id[ending["id"]]["reasons"] == ["package_ending"]
        assert by_id[ending["id"]]["packages_ending"] == [
            {"id": package["id"], "valid_until": package["valid_until"], "lessons_left": 4}
        ]
        assert listed["items"][0]["student_id"] == owes["id"]

    async def test_paying_the_debt_takes_the_student_off_the_list(self, studio: Studio) -> None:
        owes = await studio.create_student()
        await studio.complete_lesson([(owes["id"], "present", 250_000)])
        await studio.client.post(
            f"/students/{owes['id']}/payments",
            json={"amount_minor": 250_000, "method": "cash"},
            headers={**studio.admin, "Idempotency-Key": uuid.uuid4().hex},
        )

        assert (await debts(studio))["items"] == []

    async def test_a_frozen_package_is_not_ending(self, studio: Studio) -> None:
        frozen = await studio.create_student()
        package = await sell(studio, frozen["id"], date.today() + timedelta(days=2))
        response = await studio.client.post(
            f"/packages/{package['id']}/freeze",
            json={"until": (date.today() + timedelta(days=10)).isoformat()},
            headers=studio.admin,
        )
        assert response.status_code == 200, response.text

        assert (await debts(studio))["items"] == []

    async def test_the_window_is_a_parameter(self, studio: Studio) -> None:
        later = await studio.create_student()
        await sell(studio, later["id"], date.today() + timedelta(days=20))

        assert (await debts(studio))["items"] == []
        assert [i["student_id"] for i in (await debts(studio, days=30))["items"]] == [later["id"]]

    async def test_only_admins_see_who_owes(self, studio: Studio) -> None:
        student = await studio.create_student()

        response = await studio.client.get("/debts", headers=studio.student_headers(student["id"]))

        assert response.status_code == 403


class TestReminders:
    async def test_one_reminder_a_day_publishes_one_event_and_shows_on_the_list(self, studio: Studio) -> None:
        owes = await studio.create_student(first_name="Owes")
        await studio.complete_lesson([(owes["id"], "present", 250_000)])
        url = f"/debts/{owes['id']}/reminders"

        first = await studio.client.post(url, headers=studio.admin)
        again = await studio.client.post(url, headers=studio.admin)

        assert first.status_code == 201, first.text
        assert (again.status_code, again.headers["Idempotent-Replayed"]) == (200, "true")
        assert again.json()["id"] == first.json()["id"]
        assert first.json()["balance_minor"] == -250_000
        events = await studio.outbox("debt.reminded")
        assert [(e["student_id"], e["balance_minor"], e["packages_ending"]) for e in events] == [
            (owes["id"], -250_000, [])
        ]
        listed = {item["student_id"]: item for item in (await debts(studio))["items"]}
        assert listed[owes["id"]]["reminded_on"] == first.json()["reminded_on"]

    async def test_an_ending_package_is_named_in_the_reminder(self, studio: Studio) -> None:
        ending = await studio.create_student(first_name="Ending")
        package = await sell(studio, ending["id"], date.today() + timedelta(days=3), lessons=2)

        response = await studio.client.post(f"/debts/{ending['id']}/reminders", headers=studio.admin)

        assert response.status_code == 201, response.text
        [event] = await studio.outbox("debt.reminded")
        assert event["packages_ending"] == [
            {"package_id": package["id"], "valid_until": package["valid_until"], "lessons_left": 2}
        ]

    async def test_nobody_is_reminded_of_nothing_and_only_admins_remind(self, studio: Studio) -> None:
        fine = await studio.create_student(first_name="Fine")
        owes = await studio.create_student(first_name="Owes")
        await studio.complete_lesson([(owes["id"], "present", 1_000)])

        nothing = await studio.client.post(f"/debts/{fine['id']}/reminders", headers=studio.admin)
        by_student = await studio.client.post(
            f"/debts/{owes['id']}/reminders", headers=studio.student_headers(owes["id"])
        )
        missing = await studio.client.post(f"/debts/{uuid.uuid4()}/reminders", headers=studio.admin)

        assert (nothing.status_code, nothing.json()["code"]) == (409, "nothing_owed")
        assert nothing.headers["content-type"].startswith("application/problem+json")
        assert by_student.status_code == 403
        assert missing.status_code == 404
        assert await studio.outbox("debt.reminded") == []
