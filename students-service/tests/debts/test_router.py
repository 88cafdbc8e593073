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
