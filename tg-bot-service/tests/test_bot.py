# The bot speaks Russian: Cyrillic letters that look Latin are intended.
"""The bot's lifecycle: registering the webhook and polling mode."""

import asyncio
from collections.abc import Callable
from typing import Any

from asgi_lifespan import LifespanManager


class TestWebhookRegistration:
    async def test_with_a_public_url_the_bot_sets_its_webhook_with_the_secret(
        self, service_settings: Any, service_app_factory: Callable[[Any], Any], fake_telegram: Any
    ) -> None:
        settings = service_settings.model_copy(update={"public_url": "https://bot.example.test/"})
        async with LifespanManager(service_app_factory(settings)):
            [call] = await fake_telegram.wait_for("setWebhook")

        assert call["url"] == "https://bot.example.test/tg/webhook"
        assert call["secret_token"] == service_settings.telegram_webhook_secret.get_secret_value()
        assert set(call["allowed_updates"]) == {"message", "callback_query"}

    async def test_without_a_public_url_nothing_is_registered(self, app: Any, fake_telegram: Any) -> None:
        await asyncio.sleep(0.2)
        assert fake_telegram.sent("setWebhook") == []


class TestPolling:
    async def test_polling_mode_answers_updates_from_get_updates(
        self, service_settings: Any, service_app_factory: Callable[[Any], Any], fake_telegram: Any
    ) -> None:
        user = {"id": 42_4242, "is_bot": False, "first_name": "Poll"}
        fake_telegram.updates.append(
            {
                "update_id": 9001,
                "message": {
                    "message_id": 1,
                    "date": 1_764_000_000,
                    "chat": {"id": 42_4242, "type": "private"},
                    "from": user,
                    "text": "/start",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
                },
            }
        )
        settings = service_settings.model_copy(update={"bot_mode": "polling"})
        async with LifespanManager(service_app_factory(settings)):
            [greeting] = await fake_telegram.wait_for("sendMessage")

        assert greeting["text"].startswith("Здравствуйте!")
        assert fake_telegram.sent("deleteWebhook")
        assert int(greeting["chat_id"]) == user["id"]
