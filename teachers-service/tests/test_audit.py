"""Teacher profiles created and changed by staff leave one audit entry each, with the actor."""

from __future__ import annotations

import asyncio
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from teachers_service.database import audit_entries

if TYPE_CHECKING:
    from conftest import Studio


async def entries(studio: Studio) -> list[dict[str, Any]]:
    async with studio.app.state.database.engine.connect() as connection:
        rows = await connection.execute(select(audit_entries).order_by(audit_entries.c.at))
        return [dict(row._mapping) for row in rows]


class TestAuditedWrites:
    async def test_admin_creates_and_the_teacher_edits_their_profile(self, studio: Studio) -> None:
        admin_id = uuid.uuid4()
        studio.admin = studio.signer.headers("admin", sub=admin_id)
        teacher = await studio.create_teacher(first_name="Olga")
        edited = await studio.client.patch(
            f"/teachers/{teacher['id']}", json={"bio": "DELTA"}, headers=studio.teacher_headers(teacher["id"])
        )
        assert edited.status_code == 200, edited.text

        created, updated = await entries(studio)
        assert (created["action"], created["actor_id"], created["actor_role"]) == (
            "teacher.created",
            str(admin_id),
            "admin",
        )
        assert (created["target_type"], created["target_id"]) == ("teacher", teacher["id"])
        assert created["summary"]["first_name"] == "Olga"
        assert (updated["action"], updated["actor_id"], updated["actor_role"]) == (
            "teacher.updated",
            teacher["id"],
            "teacher",
        )
        assert updated["summary"] == {"changed": {"bio": "DELTA"}}
        events = await studio.outbox("audit.recorded")
        assert [event["action"] for event in events] == ["teacher.created", "teacher.updated"]

    async def test_rates_payroll_paid_and_the_payroll_download_are_recorded_once(self, studio: Studio) -> None:
        admin_id = uuid.uuid4()
        studio.admin = studio.signer.headers("admin", sub=admin_id)
        teacher = await studio.create_teacher()
        await studio.add_rate(teacher["id"], "individual", 150_000, "2026-11-01")
        put = await studio.client.put(
            f"/teachers/{teacher['id']}/rates",
            json={"amount_minor": 160_000, "valid_from": "2026-11-15", "kinds": ["group"]},
            headers=studio.admin,
        )
        assert put.status_code == 200, put.text
        await studio.complete_lesson(teacher["id"], "2026-11-20T10:00:00+00:00")
        url = f"/payroll/2026-11/teachers/{teacher['id']}/paid"
        first, again = await asyncio.gather(
            studio.client.post(url, headers=studio.admin), studio.client.post(url, headers=studio.admin)
        )
        assert (first.status_code, again.status_code) == (200, 200), first.text
        sheet = await studio.client.get(
            "/payroll/sheet", params={"month": "2026-11", "format": "csv"}, headers=studio.admin
        )
        assert sheet.status_code == 200, sheet.text

        trail = [entry for entry in await entries(studio) if entry["action"] != "teacher.created"]
        assert [entry["action"] for entry in trail] == ["rate.set", "rate.set", "payroll.paid", "export.downloaded"]
        assert all(entry["actor_id"] == str(admin_id) for entry in trail)
        assert trail[0]["summary"]["amount_minor"] == 150_000
        assert trail[1]["summary"]["kinds"] == ["group"]
        assert trail[2]["summary"] == {"month": "2026-11", "amount_minor": 150_000, "lessons": 1}
        assert (trail[3]["target_type"], trail[3]["target_id"]) == ("payroll", "2026-11")
        assert trail[3]["summary"] == {"export": "payroll", "month": "2026-11", "format": "csv", "teachers": 1}
