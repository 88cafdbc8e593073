"""Why an update posted to the webhook is refused."""

from studio_kit.errors import Forbidden, ServiceUnavailable, Unauthorized


class BotDisabled(ServiceUnavailable):
    code = "bot_disabled"
    title = "The bot is disabled"


class MissingWebhookSecret(Unauthorized):
    code = "webhook_secret_missing"
    title = "Webhook secret token required"

    def headers(self) -> dict[str, str] | None:
        return None


class WrongWebhookSecret(Forbidden):
    code = "webhook_secret_invalid"
    title = "Webhook secret token does not match"
