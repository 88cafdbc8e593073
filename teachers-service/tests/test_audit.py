"""Teacher profiles created and changed by staff leave one audit entry each, with the actor."""

from __future__ import annotations

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
