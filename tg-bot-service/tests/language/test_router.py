# The bot speaks Russian: Cyrillic letters that look Latin are intended.
from typing import Any


class TestLanguage:
    async def test_choosing_english_switches_the_menu_and_survives_the_next_start(self, chat: Any) -> None:
        menu = await chat.say("/start")
        choices = await chat.tap(chat.callback(menu, "🌐 Язык / Language"))
        assert choices["text"] == "Выберите язык:"
        assert chat.buttons(choices) == [["Русский", "English"]]

        switched = await chat.tap(chat.callback(choices, "English"))
        again = await chat.say("/start")

        assert switched["text"] == "Done, we speak English now."
        assert chat.buttons(switched)[0] == ["🎓 Trial lesson"]
        assert again["text"] == "Hello! This is the Sunny English studio bot. How can we help?"
        assert chat.buttons(again)[-1] == ["📱 Open the app"]

    async def test_language_is_per_user(self, make_chat: Any) -> None:
        anna, boris = make_chat("Anna"), make_chat("Boris")
        await anna.tap("lang:en")

        reply = await boris.say("/start")

        assert reply["text"].startswith("Здравствуйте!")
