"""Entry point: `python -m studio_kit.serve calendary_service` calls `create_app()`."""

import asyncio
import logging
from datetime import timedelta

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app
from studio_kit.loops import run_until_stopped

from . import __doc__ as DESCRIPTION
from . import api
from .bookings import service as booking_service
from .config import Settings
from .database import idempotency, inbox_messages, outbox_messages
from .events.handlers import HANDLERS
from .slots import cache as slot_cache

logger = logging.getLogger("calendary_service")


async def sweep_once(app: FastAPI) -> None:
    """Expire stale holds and forget old idempotency keys; bump the slot cache after the commit."""
    settings: Settings = app.state.settings
    async with app.state.database.sessionmaker() as session, session.begin():
        expired = await booking_service.expire_stale_holds(session)
        await idempotency.purge(session, timedelta(hours=settings.calendary_idempotency_ttl_hours))
        slot_cache.pop_changed(session)
    await slot_cache.bump_versions(app.state.redis, expired)


async def run_sweeper(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: writers already expire stale holds they run into; this catches the rest."""
    await run_until_stopped(
        lambda: sweep_once(app), stop, interval=app.state.settings.calendary_hold_sweep_seconds, name="hold sweeper"
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app: FastAPI = create_service_app(
        settings,
        title="calendary-service",
        description=DESCRIPTION,
        routers=[api.router],
        messaging=Messaging(outbox=outbox_messages, inbox=inbox_messages, handlers=HANDLERS),
        background=[run_sweeper] if settings.database_url is not None else [],
    )
    return app
