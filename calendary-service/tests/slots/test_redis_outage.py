"""The slot cache is an optimisation: with Redis unreachable, slots and bookings keep working."""

import uuid
from typing import Any

import httpx
from asgi_lifespan import LifespanManager

from calendary_service.config import Settings
from calendary_service.main import create_app
from studio_kit.testing.helpers import JWTSigner, free_port


async def test_slots_and_holds_work_while_redis_is_down(
    app: Any,
    service_settings: Settings,
    cal: Any,
    booker: dict[str, str],
    jwt_signer: JWTSigner,
    teacher_id: uuid.UUID,
) -> None:
    await cal.open_every_day(teacher_id, "09:00", "11:00")
    no_redis = service_settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    outage_app = create_app(no_redis)
    async with LifespanManager(outage_app, startup_timeout=30, shutdown_timeout=30):
        transport = httpx.ASGITransport(app=outage_app)
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
            day = cal.future_day()
            params = {"from": cal.at(day, 0).isoformat(), "to": cal.at(day, 23).isoformat()}
            student = jwt_signer.headers("student")
            before = await client.get(f"/teachers/{teacher_id}/slots", params=params, headers=student)
            hold = await client.post("/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 9)), headers=booker)
            after = await client.get(f"/teachers/{teacher_id}/slots", params=params, headers=student)
            again = await client.post("/internal/holds", json=cal.hold_body(teacher_id, cal.at(day, 9)), headers=booker)

    assert [s["starts_at"][11:16] for s in before.json()] == ["09:00", "09:30", "10:00"]
    assert hold.status_code == 201, "the hold is committed even though the cache cannot be invalidated"
    assert hold.json()["status"] == "held"
    assert [s["starts_at"][11:16] for s in after.json()] == ["10:00"], "computed from PostgreSQL, never stale"
    assert again.status_code == 409
    assert again.json()["code"] == "slot_taken"
