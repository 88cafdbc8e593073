# The bot speaks Russian: Cyrillic letters that look Latin are intended.
import uuid
from typing import Any

import pytest


@pytest.fixture
def linking_chat(chat: Any, bot_with_auth: Any) -> Any:
    """A chat with the bot that links accounts through the real auth-service."""
    chat.client = bot_with_auth
    return chat


def email() -> str:
    return f"maria-{uuid.uuid4().hex[:8]}@example.com"


class TestLinking:
    async def test_start_with_a_link_token_binds_the_chat_in_auth_service(
        self, linking_chat: Any, accounts: Any, jwt_signer: Any
    ) -> None:
        address = email()
        user_id = await accounts.create(address, "Мария")
        token = await accounts.link_token(address)

        reply = await linking_chat.say(f"/start {token}")

        assert reply["text"] == (
            "Готово, Мария! Telegram привязан к вашему аккаунту — сюда будут приходить напоминания."
        )
        assert linking_chat.buttons(reply)[0] == ["🎓 Пробный урок"]
        reader = jwt_signer.headers("service", sub="service:test", scopes=["auth:read"])
        linked = await accounts.user_by_telegram(linking_chat.user["id"], reader)
        assert linked.status_code == 200
        assert (linked.json()["id"], linked.json()["telegram_id"]) == (user_id, linking_chat.user["id"])

    async def test_a_used_token_is_explained(self, linking_chat: Any, make_chat: Any, accounts: Any) -> None:
        address = email()
        await accounts.create(address, "Мария")
        token = await accounts.link_token(address)
        await linking_chat.say(f"/start {token}")
        stranger = make_chat("Boris")
        stranger.client = linking_chat.client

        reply = await stranger.say(f"/start {token}")

        assert reply["text"] == (
            "Ссылка недействительна или устарела. Получите новую в приложении: Профиль → Telegram."
        )

    async def test_a_made_up_token_is_explained(self, linking_chat: Any) -> None:
        reply = await linking_chat.say("/start Lt_made_up_token_123")

        assert reply["text"].startswith("Ссылка недействительна или устарела.")

    async def test_a_malformed_token_is_refused(self, linking_chat: Any) -> None:
        reply = await linking_chat.say("/start abc")

        assert reply["text"].startswith("Ссылка недействительна или устарела.")

    async def test_a_telegram_linked_to_someone_else_is_refused(
        self, linking_chat: Any, accounts: Any, jwt_signer: Any
    ) -> None:
        first, second = email(), email()
        first_id = await accounts.create(first, "Мария")
        await accounts.create(second, "Ольга")
        await linking_chat.say(f"/start {await accounts.link_token(first)}")

        reply = await linking_chat.say(f"/start {await accounts.link_token(second)}")

        assert reply["text"] == ("Этот Telegram уже привязан к другому аккаунту. Напишите администратору студии.")
        reader = jwt_signer.headers("service", sub="service:test", scopes=["auth:read"])
        linked = await accounts.user_by_telegram(linking_chat.user["id"], reader)
        assert linked.json()["id"] == first_id
