# The bot speaks Russian: Cyrillic letters that look Latin are intended.
"""notification.telegram_requested travels over the real RabbitMQ to the fake Bot API."""

import asyncio
import uuid
from typing import Any

import aio_pika
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from studio_kit.messaging import Event


async def publish(app: FastAPI, data: dict[str, Any]) -> None:
    await asyncio.wait_for(app.state.consumer.ready.wait(), timeout=10)
    event = Event(type="notification.telegram_requested", source="notifications-service", data=data)
    await app.state.broker.publish(event)


def request(chat_id: int, text: str, **extra: Any) -> dict[str, Any]:
    return {
        "notification_id": str(uuid.uuid4()),
        "chat_id": chat_id,
        "text": text,
        "parse_mode": None,
        "buttons": [],
        **extra,
    }


@pytest.fixture
def chat_id() -> int:
    return 500_000_000 + uuid.uuid4().int % 100_000_000


class TestDelivery:
    async def test_requested_message_is_sent_with_its_feedback_buttons(
        self, app: FastAPI, fake_telegram: Any, chat_id: int
    ) -> None:
        lesson_id = str(uuid.uuid4())
        buttons = [
            [{"text": str(n), "callback_data": f"fb:{lesson_id}:{n}"} for n in range(1, 6)],
            [{"text": "Открыть приложение", "url": "https://studio.example.test/lessons"}],
        ]

        await publish(app, request(chat_id, "Как прошло занятие <b>сегодня</b>?", parse_mode="HTML", buttons=buttons))

        [sent] = await fake_telegram.wait_for("sendMessage")
        assert int(sent["chat_id"]) == chat_id
        assert sent["text"] == "Как прошло занятие <b>сегодня</b>?"
        assert sent["parse_mode"] == "HTML"
        assert sent["reply_markup"] == {
            "inline_keyboard": [
                [{"text": str(n), "callback_data": f"fb:{lesson_id}:{n}"} for n in range(1, 6)],
                [{"text": "Открыть приложение", "url": "https://studio.example.test/lessons"}],
            ]
        }

    async def test_the_same_notification_twice_is_sent_once(
        self, app: FastAPI, fake_telegram: Any, chat_id: int
    ) -> None:
        data = request(chat_id, "Напоминание: занятие завтра в 18:00")

        await publish(app, data)
        await publish(app, data)
        await publish(app, request(chat_id, "Другое сообщение"))

        await fake_telegram.wait_for("sendMessage", 2)
        await asyncio.sleep(0.3)
        assert [call["text"] for call in fake_telegram.sent()] == [
            "Напоминание: занятие завтра в 18:00",
            "Другое сообщение",
        ]

    async def test_a_429_is_retried_after_retry_after(self, app: FastAPI, fake_telegram: Any, chat_id: int) -> None:
        fake_telegram.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)

        await publish(app, request(chat_id, "Занятие перенесено"))

        first, second = await fake_telegram.wait_for("sendMessage", 2, timeout=10)
        assert first == second
        attempts = [call.at for call in fake_telegram.calls if call.method == "sendMessage"]
        assert attempts[1] - attempts[0] >= 1.0

    async def test_a_blocked_bot_dead_letters_the_message_without_retrying(
        self, app: FastAPI, fake_telegram: Any, chat_id: int, service_settings: Any
    ) -> None:
        fake_telegram.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user")
        data = request(chat_id, "Оплата получена")

        await publish(app, data)

        await fake_telegram.wait_for("sendMessage")
        dead_letters = f"{service_settings.events_queue_prefix}tg-bot-service.dlq"
        connection = await aio_pika.connect_robust(service_settings.rabbitmq_url)
        try:
            channel = await connection.channel()
            queue = await channel.declare_queue(dead_letters, passive=True)
            message = None
            for _ in range(50):
                message = await queue.get(fail=False)
                if message is not None:
                    break
                await asyncio.sleep(0.05)
            assert message is not None
            await message.ack()
            assert Event.from_bytes(message.body).data["notification_id"] == data["notification_id"]
        finally:
            await connection.close()
        assert len(fake_telegram.sent()) == 1


class TestWithoutBotToken:
    async def test_requested_messages_wait_in_the_queue_until_a_replica_can_send(
        self, service_settings: Any, service_app_factory: Any, fake_telegram: Any, chat_id: int
    ) -> None:
        prefix = f"{service_settings.events_queue_prefix}no-token-{uuid.uuid4().hex[:6]}."
        settings = service_settings.model_copy(
            update={"bot_token": type(service_settings.bot_token)(""), "events_queue_prefix": prefix}
        )
        app = service_app_factory(settings)
        async with LifespanManager(app):
            await asyncio.wait_for(app.state.consumer.ready.wait(), timeout=10)
            assert app.state.consumer.consume is False
            event = Event(
                type="notification.telegram_requested", source="notifications-service", data=request(chat_id, "Ждёт")
            )
            await app.state.broker.publish(event)
            await asyncio.sleep(1.0)
            connection = await aio_pika.connect_robust(settings.rabbitmq_url)
            try:
                channel = await connection.channel()
                waiting = await channel.declare_queue(f"{prefix}tg-bot-service", passive=True)
                dead = await channel.declare_queue(f"{prefix}tg-bot-service.dlq", passive=True)
                assert waiting.declaration_result.message_count == 1
                assert dead.declaration_result.message_count == 0
            finally:
                await connection.close()
        assert [m for m in fake_telegram.sent() if str(m.get("chat_id")) == str(chat_id)] == []
