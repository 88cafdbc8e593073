from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from conftest import Studio


async def set_rate(studio: Studio, teacher_id: Any, amount: int, valid_from: str, **extra: Any) -> Any:
    return await studio.client.put(
        f"/teachers/{teacher_id}/rates",
        json={"amount_minor": amount, "valid_from": valid_from, **extra},
        headers=studio.admin,
    )


async def lines(studio: Studio, teacher_id: Any, month: str) -> list[tuple[str, int, bool]]:
    response = await studio.client.get(f"/teachers/{teacher_id}/payroll", params={"month": month}, headers=studio.admin)
    assert response.status_code == 200, response.text
    return [(line["starts_at"][:10], line["amount_minor"], line["rate_missing"]) for line in response.json()["lines"]]


class TestSetRate:
    async def test_one_rate_pays_every_kind_from_its_date(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()

        response = await set_rate(studio, teacher["id"], 90_000, "2026-11-01")

        assert response.status_code == 200, response.text
        assert sorted(rate["kind"] for rate in response.json()) == ["group", "individual", "trial"]
        await studio.complete_lesson(teacher["id"], "2026-11-10T10:00:00+03:00", kind="group")
        assert await lines(studio, teacher["id"], "2026-11") == [("2026-11-10", 90_000, False)]

    async def test_only_named_kinds_change(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await set_rate(studio, teacher["id"], 90_000, "2026-11-01")

        await set_rate(studio, teacher["id"], 50_000, "2026-11-01", kinds=["trial"])  # same date: refused below
        second = await set_rate(studio, teacher["id"], 50_000, "2026-11-05", kinds=["trial"])

        assert second.status_code == 200
        history = (await studio.client.get(f"/teachers/{teacher['id']}/rates", headers=studio.admin)).json()
        assert sorted((r["kind"], r["amount_minor"], r["effective_from"]) for r in history) == [
            ("group", 90_000, "2026-11-01"),
            ("individual", 90_000, "2026-11-01"),
            ("trial", 50_000, "2026-11-05"),
            ("trial", 90_000, "2026-11-01"),
        ]

    async def test_a_second_rate_on_the_same_date_is_a_conflict_and_changes_nothing(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await set_rate(studio, teacher["id"], 90_000, "2026-11-01")

        response = await set_rate(studio, teacher["id"], 10_000, "2026-11-01")

        assert response.status_code == 409
        assert response.json()["code"] == "rate_exists"
        history = (await studio.client.get(f"/teachers/{teacher['id']}/rates", headers=studio.admin)).json()
        assert {r["amount_minor"] for r in history} == {90_000}

    async def test_teachers_cannot_set_their_own_rate(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()

        response = await studio.client.put(
            f"/teachers/{teacher['id']}/rates",
            json={"amount_minor": 1, "valid_from": "2026-11-01"},
            headers=studio.teacher_headers(teacher["id"]),
        )

        assert response.status_code == 403

    async def test_an_unknown_teacher_is_not_found(self, studio: Studio) -> None:
        response = await set_rate(studio, uuid.uuid4(), 1, "2026-11-01")

        assert response.status_code == 404


class TestBackDatedRate:
    async def test_a_back_dated_rate_reprices_the_open_month_from_its_date(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await set_rate(studio, teacher["id"], 100_000, "2026-10-01")
        await studio.complete_lesson(teacher["id"], "2026-11-03T10:00:00+03:00")
        await studio.complete_lesson(teacher["id"], "2026-11-20T10:00:00+03:00")

        await set_rate(studio, teacher["id"], 120_000, "2026-11-15")

        assert await lines(studio, teacher["id"], "2026-11") == [
            ("2026-11-03", 100_000, False),
            ("2026-11-20", 120_000, False),
        ]

    async def test_a_rate_for_a_teacher_paid_nothing_fills_the_missing_lines(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await studio.complete_lesson(teacher["id"], "2026-11-03T10:00:00+03:00")
        assert await lines(studio, teacher["id"], "2026-11") == [("2026-11-03", 0, True)]

        await set_rate(studio, teacher["id"], 80_000, "2026-11-01")

        assert await lines(studio, teacher["id"], "2026-11") == [("2026-11-03", 80_000, False)]

    async def test_a_paid_month_keeps_what_was_paid(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await set_rate(studio, teacher["id"], 100_000, "2026-09-01")
        await studio.complete_lesson(teacher["id"], "2026-10-20T10:00:00+03:00")
        await studio.complete_lesson(teacher["id"], "2026-11-20T10:00:00+03:00")
        paid = await studio.client.post(f"/payroll/2026-10/teachers/{teacher['id']}/paid", headers=studio.admin)
        assert paid.status_code == 200, paid.text

        await set_rate(studio, teacher["id"], 130_000, "2026-10-01")

        assert await lines(studio, teacher["id"], "2026-10") == [("2026-10-20", 100_000, False)]
        assert await lines(studio, teacher["id"], "2026-11") == [("2026-11-20", 130_000, False)]
