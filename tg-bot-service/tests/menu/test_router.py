# The bot speaks Russian: Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001
from typing import Any

MAIN_MENU_RU = [
    ["🎓 Пробный урок"],
    ["💳 Цены и форматы"],
    ["📅 Мои занятия"],
    ["☎️ Связаться со студией"],
    ["🌐 Язык / Language"],
    ["📱 Открыть приложение"],
]


class TestStart:
    async def test_start_greets_in_russian_with_the_main_menu(self, chat: Any) -> None:
        reply = await chat.say("/start")

        assert int(reply["chat_id"]) == chat.user["id"]
        assert reply["text"] == "Здравствуйте! Это бот студии английского «Sunny English». Чем помочь?"
        assert chat.buttons(reply) == MAIN_MENU_RU

    async def test_open_the_app_button_launches_the_mini_app(self, chat: Any) -> None:
        reply = await chat.say("/start")

        app_button = reply["reply_markup"]["inline_keyboard"][-1][0]
        assert app_button["web_app"] == {"url": "https://studio.example.test/"}


class TestInformation:
    async def test_prices_show_the_configured_prices(self, chat: Any) -> None:
        menu = await chat.say("/start")

        reply = await chat.tap(chat.callback(menu, "💳 Цены и форматы"))

        assert "Индивидуально с преподавателем, 60 минут — 1\u00a0800 ₽" in reply["text"]
        assert "В мини-группе до 6 человек, 60 минут — 900 ₽" in reply["text"]
        assert chat.buttons(reply) == [["🏠 Меню"]]

    async def test_contact_shows_the_studio_phone(self, chat: Any) -> None:
        menu = await chat.say("/start")

        reply = await chat.tap(chat.callback(menu, "☎️ Связаться со студией"))

        assert reply["text"] == "Связаться со студией «Sunny English»:\nТелефон: +7 495 123-45-67"

    async def test_menu_button_brings_the_menu_back(self, chat: Any) -> None:
        menu = await chat.say("/start")
        prices = await chat.tap(chat.callback(menu, "💳 Цены и форматы"))

        reply = await chat.tap(chat.callback(prices, "🏠 Меню"))

        assert reply["text"] == "Главное меню"
        assert chat.buttons(reply) == MAIN_MENU_RU


class TestUnexpectedInput:
    async def test_a_stale_button_is_answered_not_ignored(self, chat: Any, fake_telegram: Any) -> None:
        response = await chat.post(chat.callback_update("tr:level:B1"))

        assert response.status_code == 200
        answers = fake_telegram.sent("answerCallbackQuery")
        assert [answer["text"] for answer in answers] == ["Эта кнопка уже не действует."]

    async def test_free_text_outside_a_dialogue_shows_the_menu(self, chat: Any) -> None:
        reply = await chat.say("hello?")

        assert reply["text"] == "Главное меню"
