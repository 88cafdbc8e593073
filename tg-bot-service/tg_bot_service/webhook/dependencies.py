"""Checks every webhook request passes before its update reaches the bot."""

import hmac
from typing import Annotated

from fastapi import Depends, Header, Request

from ..bot import BotRuntime
from ..config import SettingsDep
from .errors import BotDisabled, MissingWebhookSecret, WrongWebhookSecret


async def get_runtime(request: Request) -> BotRuntime:
    runtime: BotRuntime | None = request.app.state.bot_runtime
    if runtime is None:
        raise BotDisabled("BOT_TOKEN is not configured, so the bot takes no updates.")
    return runtime


RuntimeDep = Annotated[BotRuntime, Depends(get_runtime)]


async def verify_secret(
    settings: SettingsDep,
    runtime: RuntimeDep,
    secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
) -> None:
    """Only Telegram knows the secret it was given in setWebhook."""
    if not secret:
        raise MissingWebhookSecret()
    expected = settings.telegram_webhook_secret.get_secret_value()
    # Constant time, and an unset secret on our side matches nothing.
    if not expected or not hmac.compare_digest(secret.encode(), expected.encode()):
        raise WrongWebhookSecret()
