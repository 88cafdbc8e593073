"""Telegram errors."""

from studio_kit.errors import Conflict, Forbidden, ServiceUnavailable, Unauthorized


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


class TelegramAuthReplayed(TelegramAuthInvalid):
    code = "telegram_auth_replayed"
    title = "This Telegram login data was used already"


class TelegramStaffLoginDisabled(Forbidden):
    code = "telegram_staff_login_disabled"
    title = "Staff accounts log in with their password or single sign-on, not Telegram alone"
