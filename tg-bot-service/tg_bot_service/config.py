"""Settings of tg-bot-service, read from the environment (see .env.example)."""

from typing import Literal

from pydantic import SecretStr

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "tg-bot-service"
    calendary_service_url: str | None = None
    lessons_service_url: str | None = None
    bot_token: SecretStr = SecretStr("")
    bot_mode: Literal["webhook", "polling"] = "webhook"
    telegram_webhook_secret: SecretStr = SecretStr("")
    telegram_api_url: str = "https://api.telegram.org"
    public_url: str | None = None
    webapp_url: str | None = None

    def secret_fields(self) -> dict[str, SecretStr]:
        secrets = super().secret_fields()
        if self.bot_token.get_secret_value() and self.bot_mode == "webhook":
            secrets["TELEGRAM_WEBHOOK_SECRET"] = self.telegram_webhook_secret
        return secrets
