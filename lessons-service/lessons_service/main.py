"""Entry point: `python -m studio_kit.serve lessons_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app

from . import __doc__ as DESCRIPTION
from . import api
from .config import Settings
from .database import inbox_messages, outbox_messages
from .events.handlers import HANDLERS
from .lessons.saga import run_reconciler
from .series.service import run_horizon_extender


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
        background=[run_reconciler, run_horizon_extender],
    )
    return app
