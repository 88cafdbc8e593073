from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio


class TestRates:
    async def test_history_is_kept_and_never_overwritten(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        await studio.add_rate(teacher["id"], "individual", 100000, "2026-01-01")
        await studio.add_rate(teacher["id"], "individual", 120000, "2026-09-01")
        await studio.add_rate(teacher["id"], "group", 150000, "2026-01-01")
        same_day = await studio.client.post(
            f"/teachers/{teacher['id']}/rates",
            headers=studio.admin,
            json={"kind": "individual", "amount_minor": 1, "effective_from": "2026-09-01"},
        )
        assert (same_day.status_code, same_day.json()["code"]) == (409, "rate_exists")
        rates = (
            await studio.client.get(f"/teachers/{teacher['id']}/rates", headers=studio.teacher_headers(teacher["id"]))
        ).json()
        assert [(r["kind"], r["amount_minor"], r["effective_from"]) for r in rates] == [
            ("group", 150000, "2026-01-01"),
            ("individual", 120000, "2026-09-01"),
            ("individual", 100000, "2026-01-01"),
        ]

    async def test_only_the_studio_currency_is_accepted(self, studio: Studio) -> None:
        teacher = await studio.create_teacher()
        response = await studio.client.post(
            f"/teachers/{teacher['id']}/rates",
            headers=studio.admin,
            json={"kind": "trial", "amount_minor": 50000, "currency": "USD", "effective_from": "2026-01-01"},
        )
        assert (response.status_code, response.json()["code"]) == (400, "currency_not_supported")

    async def test_other_teachers_and_students_cannot_see_or_set_rates(self, studio: Studio) -> None:
        teacher, other = await studio.create_teacher(), await studio.create_teacher()
        url = f"/teachers/{teacher['id']}/rates"
        body = {"kind": "group", "amount_minor": 1, "effective_from": "2026-01-01"}
        for headers in (studio.teacher_headers(other["id"]), studio.student_headers()):
            assert (await studio.client.get(url, headers=headers)).status_code == 403
        own = studio.teacher_headers(teacher["id"])
        assert (await studio.client.post(url, json=body, headers=own)).status_code == 403
        assert (await studio.client.get(url, headers=studio.admin)).json() == []
        missing = await studio.client.post(f"/teachers/{uuid.uuid4()}/rates", json=body, headers=studio.admin)
        assert (missing.status_code, missing.json()["code"]) == (404, "teacher_not_found")
