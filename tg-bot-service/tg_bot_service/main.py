"""Entry point: `python -m studio_kit.serve tg_bot_service` calls `create_app()`."""

from fastapi import FastAPI

from studio_kit.app import Messaging
from studio_kit.app import create_app as create_service_app

from . import __doc__ as DESCRIPTION
from . import api
from .bot import register_webhook, run_polling, start_bot, stop_bot
from .config import Settings
from .events.handlers import HANDLERS


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
        background=[register_webhook, run_polling],
        messaging=Messaging(
            handlers=HANDLERS,
            prefetch=10,
            # Telegram may be away for a while: retry for about two hours before dead-lettering.
            max_attempts=17,
            # Without a bot token this replica cannot send: it keeps the queue, and the messages, waiting.
            consume_when=lambda app: app.state.bot_runtime is not None,
        ),
        # Telegram's updates are Telegram's text, checked by the bot where it forwards any; a 422
        # would only make Telegram redeliver the update.
        text_guard_exempt=("/tg/webhook",),
    )
    return app
