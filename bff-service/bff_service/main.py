"""Entry point: `python -m studio_kit.serve bff_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app

from . import __doc__ as DESCRIPTION
from . import api
from .config import Settings
from .dashboard_cache import InvalidateOnWrite
from .events.handlers import HANDLERS


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings,
        title="bff-service",
        description=DESCRIPTION,
        routers=[api.router],
        # A Redis outage retries for about an hour before a change is dead-lettered.
        messaging=Messaging(handlers=HANDLERS, prefetch=50, max_attempts=10),
        downstreams={
            "auth": settings.auth_service_url,
            "calendary": settings.calendary_service_url,
            "groups": settings.groups_service_url,
            "lessons": settings.lessons_service_url,
            "notifications": settings.notifications_service_url,
            "students": settings.students_service_url,
            "teachers": settings.teachers_service_url,
        },
    )
    app.add_middleware(InvalidateOnWrite)
    return app
