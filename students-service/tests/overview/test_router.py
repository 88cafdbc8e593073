"""The admin dashboard's funnel: every lead status counted in one answer."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from conftest import Studio


async def create_lead(studio: Studio, phone: str) -> str:
    body = {"first_name": "Olga", "phone": phone, "source": "phone"}
    response = await studio.client.post("/leads", json=body, headers=studio.admin)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


class TestLeadFunnel:
    async def test_every_status_is_counted_zeros_included(self, studio: Studio) -> None:
        first = await create_lead(studio, "+7 916 700 00 01")
        await create_lead(studio, "+7 916 700 00 02")
        third = await create_lead(studio, "+7 916 700 00 03")
        for lead, status in ((first, "contacted"), (third, "lost")):
            moved = await studio.client.patch(f"/leads/{lead}", json={"status": status}, headers=studio.admin)
            assert moved.status_code == 200, moved.text

        response = await studio.client.get("/reports/lead-funnel", headers=studio.admin)

        assert response.status_code == 200, response.text
        assert response.json() == {
            "new": 1,
            "contacted": 1,
            "trial_scheduled": 0,
            "trial_done": 0,
            "follow_up": 0,
            "won": 0,
            "lost": 1,
        }

    async def test_only_admins_read_it(self, studio: Studio) -> None:
        response = await studio.client.get("/reports/lead-funnel", headers=studio.student_headers(uuid.uuid4()))

        assert response.status_code == 403
