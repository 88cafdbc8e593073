"""The studio's audit trail: every service's `audit.recorded` collected once, listed for admins only."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from fastapi import FastAPI

from ..helpers import publish, settle, wait_for

ADMIN = str(uuid.uuid4())
TEACHER = str(uuid.uuid4())


def entry(action: str, actor: str, role: str, target: str, at: datetime, **summary: Any) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "at": at.isoformat(),
        "actor": {"id": actor, "role": role},
        "action": action,
        "target": {"type": "student", "id": target},
        "summary": summary,
        "service": "students-service",
    }


async def listing(client: httpx.AsyncClient, headers: dict[str, str], **params: Any) -> dict[str, Any]:
    response = await client.get("/audit", params=params, headers=headers)
    assert response.status_code == 200, response.text
    return dict(response.json())


class TestAuditTrail:
    async def test_an_entry_delivered_twice_is_listed_once_newest_first_and_filtered(
        self, app: FastAPI, client: httpx.AsyncClient, jwt_signer
    ) -> None:
        admin = jwt_signer.headers("admin")
        student = str(uuid.uuid4())
        now = datetime.now(UTC)
        payment = entry("payment.recorded", ADMIN, "admin", student, now - timedelta(minutes=2), amount_minor=350000)
        attendance = entry("lesson.completed", TEACHER, "teacher", student, now - timedelta(minutes=1))
        await publish(app, "audit.recorded", payment)
        await publish(app, "audit.recorded", payment)  # re-published by a restored outbox: same entry id
        await publish(app, "audit.recorded", attendance)

        async def both() -> bool:
            return (await listing(client, admin, target_id=student))["total"] >= 2

        await wait_for(both)
        await settle()
        page = await listing(client, admin, target_id=student)
        assert page["total"] == 2
        assert [item["action"] for item in page["items"]] == ["lesson.completed", "payment.recorded"]
        first = page["items"][1]
        assert first["actor"] == {"id": ADMIN, "role": "admin"}
        assert first["target"] == {"type": "student", "id": student}
        assert first["summary"] == {"amount_minor": 350000}
        by_teacher = await listing(client, admin, actor_id=TEACHER, target_id=student)
        assert [item["action"] for item in by_teacher["items"]] == ["lesson.completed"]
        payments = await listing(client, admin, action="payment.recorded", target_id=student)
        assert payments["total"] == 1
        earlier = await listing(client, admin, target_id=student, to=(now - timedelta(seconds=90)).isoformat())
        assert [item["action"] for item in earlier["items"]] == ["payment.recorded"]
        later = await listing(client, admin, target_id=student, **{"from": (now - timedelta(seconds=90)).isoformat()})
        assert [item["action"] for item in later["items"]] == ["lesson.completed"]

    async def test_only_admins_read_the_trail(self, client: httpx.AsyncClient, jwt_signer) -> None:
        for role in ("teacher", "student"):
            response = await client.get("/audit", headers=jwt_signer.headers(role))
            assert response.status_code == 403
        assert (await client.get("/audit")).status_code == 401
