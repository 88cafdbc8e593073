import time
from typing import Any

from tg_bot_service.bot import build_bot
from tg_bot_service.notifications.service import TelegramSender


class TestTelegramSender:
    async def test_one_chat_is_held_to_its_rate_while_other_chats_are_not(
        self, service_settings: Any, fake_telegram: Any
    ) -> None:
        bot = build_bot(service_settings)
        sender = TelegramSender(bot, global_rate=100, chat_rate=2, max_retries=0)
        try:
            started = time.monotonic()
            for n in range(4):
                await sender.send_message(1001, f"busy {n}")
            busy_chat = time.monotonic() - started
            started = time.monotonic()
            for chat_id in range(2001, 2005):
                await sender.send_message(chat_id, "one each")
            many_chats = time.monotonic() - started
        finally:
            await bot.session.close()

        # Two a second per chat: after a burst of two, the next two wait about half a second each.
        assert busy_chat >= 0.9
        assert many_chats < 0.5
        assert len(fake_telegram.sent()) == 8
