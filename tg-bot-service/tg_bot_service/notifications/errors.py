"""Why a requested Telegram message cannot be delivered at all."""

from studio_kit.errors import AppError
from studio_kit.messaging import PermanentFailure


class Undeliverable(AppError, PermanentFailure):
    """Telegram refused the message for good (bot blocked, chat gone, bad markup): no retry helps."""

    status = 422
    code = "telegram_undeliverable"
    title = "Telegram refused the message"


class DeliveryFailed(AppError):
    """Telegram stayed unreachable or kept throttling after every retry."""

    status = 503
    code = "telegram_unavailable"
    title = "Telegram is unavailable"
