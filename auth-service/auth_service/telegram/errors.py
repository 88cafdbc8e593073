"""Telegram errors."""

from studio_kit.errors import Conflict, ServiceUnavailable, Unauthorized


class TelegramAuthInvalid(Unauthorized):
    code = "telegram_auth_invalid"
    title = "Telegram data is not signed correctly or is too old"


class TelegramNotLinked(Unauthorized):
    code = "telegram_not_linked"
    title = "This Telegram account is not linked to any user"


class TelegramAlreadyLinked(Conflict):
    code = "telegram_already_linked"
    title = "This Telegram account is linked to another user"


class TelegramNotConfigured(ServiceUnavailable):
    code = "telegram_not_configured"
    title = "Telegram login is not configured"
