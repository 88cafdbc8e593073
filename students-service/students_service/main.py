"""Entry point: `python -m studio_kit.serve students_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app

from . import __doc__ as DESCRIPTION
from . import api
from .config import Settings
from .database import inbox_messages, outbox_messages
from .events.handlers import HANDLERS
from .packages.reminders import run_expiry_sweeper


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="students-service",
        description=DESCRIPTION,
        routers=[api.router],
        messaging=Messaging(outbox=outbox_messages, inbox=inbox_messages, handlers=HANDLERS),
        background=[run_expiry_sweeper],
    )
