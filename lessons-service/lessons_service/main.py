"""Entry point: `python -m studio_kit.serve lessons_service` calls `create_app()`."""

import asyncio
from datetime import timedelta

from fastapi import FastAPI
from sqlalchemy.exc import SQLAlchemyError

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app
from studio_kit.loops import run_until_stopped

from . import __doc__ as DESCRIPTION
from . import api
from .config import Settings
from .database import idempotency, inbox_messages, outbox_messages
from .events.handlers import HANDLERS
from .lessons.saga import run_reconciler
from .series.service import run_horizon_extender


async def purge_idempotency_keys(app: FastAPI) -> None:
    """Forget booking replays older than LESSONS_IDEMPOTENCY_TTL_HOURS."""
    settings: Settings = app.state.settings
    async with app.state.database.sessionmaker() as session, session.begin():
        await idempotency.purge(session, timedelta(hours=settings.lessons_idempotency_ttl_hours))


async def run_idempotency_purge(app: FastAPI, stop: asyncio.Event) -> None:
    """Background task: purge old Idempotency-Keys once an hour."""
    await run_until_stopped(
        lambda: purge_idempotency_keys(app),
        stop,
        interval=3600,
        name="idempotency purge",
        retry_on=(SQLAlchemyError, OSError),
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app: FastAPI = create_service_app(
        settings,
        title="lessons-service",
        description=DESCRIPTION,
        routers=[api.router],
        messaging=Messaging(outbox=outbox_messages, inbox=inbox_messages, handlers=HANDLERS),
        # Scopes asked of auth-service for this service's own token.
        service_scope="calendary:book calendary:read groups:read",
        downstreams={
            "calendary": settings.calendary_service_url,
            "groups": settings.groups_service_url,
        },
        background=[run_reconciler, run_horizon_extender, run_idempotency_purge],
    )
    return app
