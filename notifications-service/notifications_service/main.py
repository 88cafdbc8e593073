"""Entry point: `python -m studio_kit.serve notifications_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app

from . import __doc__ as DESCRIPTION
from . import api
from .config import Settings
from .database import inbox_messages, outbox_messages
from .events.handlers import HANDLERS
from .notifications.metrics import register_delivery_metrics
from .notifications.repository import BROADCAST_CHANNEL, DUE_CHANNEL
from .workers import close_channels, open_channels, run_dispatcher


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="notifications-service",
        description=DESCRIPTION,
        routers=[api.router],
        messaging=Messaging(outbox=outbox_messages, inbox=inbox_messages, handlers=HANDLERS),
        startup=[open_channels, register_delivery_metrics],
        shutdown=[close_channels],
        background=[run_dispatcher],
        wake_channels=[DUE_CHANNEL, BROADCAST_CHANNEL],
    )
