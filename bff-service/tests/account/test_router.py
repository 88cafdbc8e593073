"""`/api/me`, notification preferences and Telegram linking against the real services."""

import hashlib
import hmac
import time
from collections.abc import Callable
from typing import Any

import httpx

from ..platform import BOT_TOKEN, Browser, Platform, service_token, sign_init_data


class TestMe:
    async def test_teacher_sees_their_card_and_admin_has_no_profile(
        self, create_teacher: Callable[..., Any], admin: Browser
    ) -> None:
        teacher_browser, teacher = await create_teacher()
        me = (await teacher_browser.get("/api/me")).json()
        assert me["role"] == "teacher"
        assert me["id"] == teacher["id"]
        assert me["profile"]["id"] == teacher["id"]
        assert me["profile"]["levels"] == ["B1", "B2"]
        assert "email" not in me["profile"]  # the public card carries no contacts
        admin_me = (await admin.get("/api/me")).json()
        assert admin_me["role"] == "admin"
        assert admin_me["profile"] is None

    async def test_a_missing_profile_is_created_on_first_look(
        self, register_student: Callable[..., Any], platform: Platform
    ) -> None:
        """students-service was down at registration: the profile appears on the first /api/me."""
        async with platform.stopped("students"):
            browser, user = await register_student()
            me = (await browser.get("/api/me")).json()
            assert me["id"] == user["id"]
            assert me["profile"] is None
            assert me["degraded"] == ["students"]
        me = (await browser.get("/api/me")).json()
        assert me["profile"]["id"] == user["id"]
        assert me["degraded"] == []


class TestPreferences:
    async def test_preferences_round_trip_through_notifications(self, register_student: Callable[..., Any]) -> None:
        browser, _ = await register_student()
        defaults = await browser.get("/api/me/preferences")
        assert defaults.status_code == 200
        assert "email" in defaults.json()["channels"]["account"]
        wanted = {
            "language": "en",
            "timezone": "Europe/London",
            "quiet_hours": {"start": "22:00", "end": "08:00"},
            "channels": {"account": ["email"], "news": []},
        }
        saved = await browser.put("/api/me/preferences", json=wanted)
        assert saved.status_code == 200, saved.text
        again = (await browser.get("/api/me/preferences")).json()
        assert again["language"] == "en"
        assert again["quiet_hours"] == {"start": "22:00", "end": "08:00"}
        assert again["channels"]["news"] == []

    async def test_a_rule_of_notifications_comes_back_as_its_problem(
        self, register_student: Callable[..., Any]
    ) -> None:
        browser, _ = await register_student()
        response = await browser.put(
            "/api/me/preferences",
            json={"language": "ru", "timezone": "Europe/Moscow", "channels": {"account": ["sms"]}},
        )
        assert response.status_code == 422
        assert response.headers["content-type"] == "application/problem+json"


class TestTelegram:
    async def test_link_then_log_in_from_the_mini_app(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        browser, user = await register_student()
        telegram_id = 700_000_000 + int(user["id"][:6], 16)
        init_data = sign_init_data(telegram_id)
        not_linked = await new_browser().post("/api/auth/telegram/miniapp", json={"init_data": init_data})
        assert not_linked.status_code == 401
        assert not_linked.json()["code"] == "telegram_not_linked"

        link = await browser.post("/api/me/telegram/link")
        assert link.status_code == 201, link.text
        body = link.json()
        assert body["deep_link"] == f"https://t.me/studio_bff_test_bot?start={body['token']}"
        # The bot redeems the token when the person presses Start in the chat.
        bot_token = await service_token(platform, "tg-bot-service")
        async with httpx.AsyncClient(base_url=platform.url("auth")) as auth:
            linked = await auth.post(
                "/internal/telegram/link",
                json={"token": body["token"], "telegram_id": telegram_id, "chat_id": telegram_id},
                headers={"Authorization": f"Bearer {bot_token}"},
            )
        assert linked.status_code == 200, linked.text

        mini_app = new_browser()
        response = await mini_app.post("/api/auth/telegram/miniapp", json={"init_data": init_data})
        assert response.status_code == 200, response.text
        assert response.json()["user"]["id"] == user["id"]
        assert response.json()["user"]["telegram_linked"] is True
        assert (await mini_app.get("/api/me")).json()["profile"]["id"] == user["id"]

    async def test_forged_init_data_is_401(self, new_browser: Callable[[], Browser]) -> None:
        forged = sign_init_data(42, bot_token="123:not-the-bot-token")
        response = await new_browser().post("/api/auth/telegram/miniapp", json={"init_data": forged})
        assert response.status_code == 401
        assert response.json()["code"] == "telegram_auth_invalid"


def sign_widget_data(telegram_id: int, *, bot_token: str = BOT_TOKEN) -> dict[str, Any]:
    """Login Widget data signed the way Telegram signs it (key: SHA-256 of the bot token)."""
    fields: dict[str, Any] = {
        "id": telegram_id,
        "first_name": "Tg",
        "username": "tg_user",
        "auth_date": int(time.time()),
    }
    data_check = "\n".join(f"{key}={fields[key]}" for key in sorted(fields))
    secret = hashlib.sha256(bot_token.encode()).digest()
    fields["hash"] = hmac.new(secret, data_check.encode(), hashlib.sha256).hexdigest()
    return fields


class TestTelegramWidget:
    async def test_linked_account_logs_in_with_the_widget(
        self, register_student: Callable[..., Any], new_browser: Callable[[], Browser], platform: Platform
    ) -> None:
        browser, user = await register_student()
        telegram_id = 710_000_000 + int(user["id"][:6], 16)
        not_linked = await new_browser().post("/api/auth/telegram/login", json=sign_widget_data(telegram_id))
        assert not_linked.status_code == 401
        assert not_linked.json()["code"] == "telegram_not_linked"

        token = (await browser.post("/api/me/telegram/link")).json()["token"]
        bot_token = await service_token(platform, "tg-bot-service")
        async with httpx.AsyncClient(base_url=platform.url("auth")) as auth:
            linked = await auth.post(
                "/internal/telegram/link",
                json={"token": token, "telegram_id": telegram_id, "chat_id": telegram_id},
                headers={"Authorization": f"Bearer {bot_token}"},
            )
        assert linked.status_code == 200, linked.text

        web = new_browser()
        response = await web.post("/api/auth/telegram/login", json=sign_widget_data(telegram_id))
        assert response.status_code == 200, response.text
        assert response.json()["user"]["id"] == user["id"]
        assert (await web.get("/api/me")).status_code == 200

    async def test_forged_widget_data_is_401(self, new_browser: Callable[[], Browser]) -> None:
        forged = sign_widget_data(42, bot_token="123:not-the-bot-token")
        response = await new_browser().post("/api/auth/telegram/login", json=forged)
        assert response.status_code == 401
