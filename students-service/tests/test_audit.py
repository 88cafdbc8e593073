"""Staff writes leave one audit entry each (and its `audit.recorded` event) in the write's own
transaction; replays and the student's own edits leave none."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from students_service.database import audit_entries

if TYPE_CHECKING:
    from conftest import Studio


async def entries(studio: Studio, action: str) -> list[dict[str, Any]]:
    async with studio.app.state.database.engine.connect() as connection:
        rows = await connection.execute(select(audit_entries).where(audit_entries.c.action == action))
        return [dict(row._mapping) for row in rows]


class TestAuditedWrites:
    async def test_a_payment_is_recorded_once_with_the_admin_as_actor_even_when_replayed(self, studio: Studio) -> None:
        admin_id = uuid.uuid4()
        admin = studio.signer.headers("admin", sub=admin_id)
        student = await studio.create_student()
        url = f"/students/{student['id']}/payments"
        body = {"amount_minor": 350000, "method": "cash", "comment": "October"}
        headers = {**admin, "Idempotency-Key": "audit-pay-0001"}
        first = await studio.client.post(url, json=body, headers=headers)
        again = await studio.client.post(url, json=body, headers=headers)
        assert (first.status_code, again.status_code) == (201, 200)

        [entry] = await entries(studio, "payment.recorded")
        assert (entry["actor_id"], entry["actor_role"]) == (str(admin_id), "admin")
        assert (entry["target_type"], entry["target_id"]) == ("student", student["id"])
        assert entry["summary"]["amount_minor"] == 350000
        assert entry["summary"]["entry_id"] == first.json()["id"]
        [event] = [e for e in await studio.outbox("audit.recorded") if e["action"] == "payment.recorded"]
        assert event["id"] == str(entry["id"])
        assert event["actor"] == {"id": str(admin_id), "role": "admin"}

    async def test_a_refused_payment_leaves_no_entry(self, studio: Studio) -> None:
        student = await studio.create_student()
        refused = await studio.client.post(
            f"/students/{student['id']}/payments",
            json={"amount_minor": -5, "method": "cash"},
            headers={**studio.admin, "Idempotency-Key": "audit-neg-0001"},
        )
        assert refused.status_code == 422
        assert await entries(studio, "payment.recorded") == []

    async def test_package_sale_and_student_create_and_update_by_the_admin_are_recorded(self, studio: Studio) -> None:
        student = await studio.create_student(first_name="Maria")
        sold = await studio.client.post(
            f"/students/{student['id']}/packages",
            json={
                "lessons": 8,
                "price_minor": 800000,
                "valid_from": date.today().isoformat(),
                "valid_until": (date.today() + timedelta(days=60)).isoformat(),
            },
            headers=studio.admin,
        )
        assert sold.status_code == 201, sold.text
        updated = await studio.client.patch(f"/students/{student['id']}", json={"level": "B2"}, headers=studio.admin)
        assert updated.status_code == 200, updated.text

        [created] = await entries(studio, "student.created")
        assert created["summary"]["first_name"] == "Maria"
        [sale] = await entries(studio, "package.sold")
        assert (sale["summary"]["lessons"], sale["summary"]["package_id"]) == (8, sold.json()["id"])
        [update] = await entries(studio, "student.updated")
        assert update["summary"] == {"changed": {"level": "B2"}}

    async def test_a_student_editing_their_own_profile_is_not_a_staff_write(self, studio: Studio) -> None:
        student = await studio.create_student()
        own = await studio.client.patch(
            f"/students/{student['id']}", json={"goals": "IELTS 7"}, headers=studio.student_headers(student["id"])
        )
        assert own.status_code == 200, own.text
        assert await entries(studio, "student.updated") == []

    async def test_a_package_frozen_and_unfrozen_by_the_admin_is_recorded_on_its_student(self, studio: Studio) -> None:
        student = await studio.create_student()
        sold = await studio.client.post(
            f"/students/{student['id']}/packages",
            json={"lessons": 4, "price_minor": 400000, "valid_until": (date.today() + timedelta(days=60)).isoformat()},
            headers=studio.admin,
        )
        assert sold.status_code == 201, sold.text
        package_id = sold.json()["id"]
        until = (date.today() + timedelta(days=10)).isoformat()
        frozen = await studio.client.post(f"/packages/{package_id}/freeze", json={"until": until}, headers=studio.admin)
        assert frozen.status_code == 200, frozen.text
        unfrozen = await studio.client.post(f"/packages/{package_id}/unfreeze", headers=studio.admin)
        assert unfrozen.status_code == 200, unfrozen.text

        [freeze] = await entries(studio, "package.frozen")
        assert (freeze["target_type"], freeze["target_id"]) == ("student", student["id"])
        assert freeze["summary"] == {"package_id": package_id, "until": until}
        [unfreeze] = await entries(studio, "package.unfrozen")
        assert unfreeze["summary"] == {"package_id": package_id}
