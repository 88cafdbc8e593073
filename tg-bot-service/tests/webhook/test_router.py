from collections.abc import Callable
from typing import Any

import httpx
from asgi_lifespan import LifespanManager


class TestWebhookSecret:
    async def test_missing_secret_is_refused_and_nothing_is_sent(self, chat: Any, fake_telegram: Any) -> None:
        response = await chat.post(chat.text_update("/start"), secret=None)

        assert response.status_code == 401
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["code"] == "webhook_secret_missing"
        assert fake_telegram.sent() == []

    async def test_wrong_secret_is_refused_and_nothing_is_sent(self, chat: Any, fake_telegram: Any) -> None:
        response = await chat.post(chat.text_update("/start"), secret="not-the-secret")

        assert response.status_code == 403
        assert response.json()["code"] == "webhook_secret_invalid"
        assert fake_telegram.sent() == []

    async def test_right_secret_gets_an_answer(self, chat: Any, fake_telegram: Any) -> None:
        response = await chat.post(chat.text_update("/start"))

        assert response.json() == {"ok": True, "status": "processed"}
        assert len(fake_telegram.sent()) == 1


class TestDuplicateUpdates:
    async def test_a_redelivered_update_is_answered_once(self, chat: Any, fake_telegram: Any) -> None:
        update = chat.text_update("/start")

        first = await chat.post(update)
        second = await chat.post(update)

        assert first.json()["status"] == "processed"
        assert second.json() == {"ok": True, "status": "duplicate"}
        assert len(fake_telegram.sent()) == 1


class TestMalformedUpdate:
    async def test_an_update_without_id_is_a_validation_error(self, chat: Any, fake_telegram: Any) -> None:
        response = await chat.post({"message": {"text": "hi"}})

        assert response.status_code == 422
        assert response.json()["code"] == "validation_error"
        assert fake_telegram.sent() == []


class TestWithoutBotToken:
    async def test_webhook_answers_bot_disabled_and_health_stays_ready(
        self, service_settings: Any, service_app_factory: Callable[[Any], Any], fake_telegram: Any
    ) -> None:
        settings = service_settings.model_copy(update={"bot_token": type(service_settings.bot_token)("")})
        app = service_app_factory(settings)
        async with LifespanManager(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
                update: dict[str, Any] = {"update_id": 1, "message": {"text": "/start"}}
                webhook = await client.post(
                    "/tg/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "x"}
                )
                ready = await client.get("/health/ready")

        assert webhook.status_code == 503
        assert webhook.json()["code"] == "bot_disabled"
        assert ready.status_code == 200
        assert fake_telegram.calls == []
