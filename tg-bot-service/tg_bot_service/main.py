"""Entry point: `python -m studio_kit.serve tg_bot_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import create_app as create_service_app

from . import __doc__ as DESCRIPTION
from . import api
from .bot import register_webhook, run_polling, start_bot, stop_bot
from .config import Settings
from .events.consumer import run_consumer


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    app: FastAPI = create_service_app(
        settings,
        title="tg-bot-service",
        description=DESCRIPTION,
        routers=[api.router],
        downstreams={
            "auth": settings.auth_service_url,
            "calendary": settings.calendary_service_url,
            "lessons": settings.lessons_service_url,
        },
        # No scope asked: the token carries every scope auth-service grants this client (SERVICE_SCOPES).
        startup=[start_bot],
        shutdown=[stop_bot],
        background=[run_consumer, register_webhook, run_polling],
        # Telegram's updates are Telegram's text, checked by the bot where it forwards any; a 422
        # would only make Telegram redeliver the update.
        text_guard_exempt=("/tg/webhook",),
    )
    return app
