"""The generation-numbered cache: a change is never hidden by a fill that raced with it."""

import asyncio
from typing import Any

from fastapi import FastAPI

from bff_service.reference import service as reference_service


class TestGenerationCache:
    async def test_a_fill_that_started_before_an_invalidation_is_never_served(self, app: FastAPI) -> None:
        redis = app.state.redis
        release = asyncio.Event()

        async def slow_old_listing() -> Any:
            await release.wait()
            return ["deactivated teacher"]

        async def new_listing() -> Any:
            return ["active teacher"]

        # A request reads the listing just before the admin's change commits...
        racing = asyncio.create_task(reference_service.cached(redis, "teachers", 60, slow_old_listing))
        await asyncio.sleep(0.05)
        # ...the change invalidates the cache while that request is still in flight...
        await reference_service.invalidate(redis, "teachers")
        release.set()
        assert await racing == ["deactivated teacher"]  # that one request answers what it read
        # ...but its late write is invisible to every request after the change.
        assert await reference_service.cached(redis, "teachers", 60, new_listing) == ["active teacher"]

    async def test_a_hit_does_not_call_the_owner(self, app: FastAPI) -> None:
        calls = 0

        async def fetch() -> Any:
            nonlocal calls
            calls += 1
            return [calls]

        assert await reference_service.cached(app.state.redis, "rooms", 60, fetch) == [1]
        assert await reference_service.cached(app.state.redis, "rooms", 60, fetch) == [1]
        assert calls == 1

    async def test_an_answer_not_worth_keeping_is_fetched_again(self, app: FastAPI) -> None:
        calls = 0

        async def fetch() -> Any:
            nonlocal calls
            calls += 1
            return {"degraded": ["students"]}

        for _ in range(2):
            await reference_service.cached(
                app.state.redis, "admin-dashboard", 60, fetch, keep=lambda value: not value["degraded"]
            )
        assert calls == 2
