import uuid
from typing import Any

import httpx
import redis.asyncio as aioredis
from fastapi import FastAPI
from sqlalchemy import text

from calendary_service.main import sweep_once


class TestHoldSweeper:
    async def test_expired_holds_are_marked_and_the_slot_cache_moves_on(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        cal: Any,
        booker: dict[str, str],
        teacher_id: uuid.UUID,
        redis_client: aioredis.Redis,
    ) -> None:
        body = cal.hold_body(teacher_id, cal.at(cal.future_day(), 10), force=True)
        hold = (await client.post("/internal/holds", json=body, headers=booker)).json()
        version_key = f"calendary:slots:version:{teacher_id}"
        version = int(await redis_client.get(version_key) or 0)
        async with app.state.database.engine.begin() as connection:
            await connection.execute(
                text("UPDATE calendar_event SET expires_at = now() - interval '1 minute' WHERE id = :id"),
                {"id": hold["id"]},
            )
        await sweep_once(app)
        swept = (await client.get(f"/internal/events/{hold['id']}", headers=booker)).json()
        assert swept["status"] == "expired"
        assert int(await redis_client.get(version_key) or 0) == version + 1
