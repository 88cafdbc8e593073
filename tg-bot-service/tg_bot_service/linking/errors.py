"""Why a chat could not be bound to a platform account."""

from studio_kit.errors import Conflict, Gone


class LinkTokenInvalid(Gone):
    code = "link_token_invalid"
    title = "The link token is invalid or expired"


class TelegramAlreadyLinked(Conflict):
    code = "telegram_already_linked"
    title = "This Telegram account is linked to another user"
