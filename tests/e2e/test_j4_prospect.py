"""J4: a prospect asks the bot for a trial lesson through the real webhook behind nginx (Telegram is
a fake Bot API on loopback); the lead reaches the admin funnel and the admins get an e-mail.

E-mail: local mode writes every message to $STUDIO_LOCAL_DIR/mail/<notification id>.eml
(scripts/local.py sets EMAIL_FILE_DIR and no SMTP host), so the captured e-mail is read there."""

from __future__ import annotations

import email
import email.policy
import itertools
import random
import string
import time
import uuid
from datetime import datetime
from email.message import EmailMessage
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from tests.support.demo import ADMIN_EMAIL
from tests.support.fakes import BOT_USER, FakeTelegram
from tests.support.platform import Platform

from .conftest import Browser, eventually

MOSCOW = ZoneInfo("Europe/Moscow")


class Prospect:
    """One Telegram user in a private chat with the bot, posting real Update JSON to /tg/webhook."""

    _ids = itertools.count(int(time.time()))

    def __init__(self, platform: Platform, fake: FakeTelegram, first_name: str) -> None:
        self.http = httpx.Client(base_url=platform.base_url, timeout=30)
        self.secret = platform.service_env("tg-bot")["TELEGRAM_WEBHOOK_SECRET"]
        self.fake = fake
        self.chat_id = random.randint(10**8, 10**9)
        self.user: dict[str, Any] = {
            "id": self.chat_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": "ru",
        }

    def _message(self, **content: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._ids) % 1_000_000,
            "date": int(time.time()),
            "chat": {"id": self.user["id"], "type": "private", "first_name": self.user["first_name"]},
            "from": self.user,
            **content,
        }

    def post(self, update: dict[str, Any], secret: str | None = None) -> httpx.Response:
        headers = {"X-Telegram-Bot-Api-Secret-Token": self.secret if secret is None else secret}
        return self.http.post("/tg/webhook", json={"update_id": next(self._ids), **update}, headers=headers)

    def _exchange(self, update: dict[str, Any]) -> dict[str, Any]:
        before = len(self.fake.sent(self.chat_id))
        response = self.post(update)
        assert response.status_code == 200, response.text
        sent = self.fake.sent(self.chat_id)[before:]
        assert sent, f"the bot did not answer {update}"
        return sent[-1]

    def say(self, text: str) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
        return self._exchange({"message": self._message(**content)})

    def share_contact(self, phone: str) -> dict[str, Any]:
        contact = {"phone_number": phone, "first_name": self.user["first_name"], "user_id": self.user["id"]}
        return self._exchange({"message": self._message(contact=contact)})

    def tap(self, message: dict[str, Any], label: str) -> dict[str, Any]:
        query = {
            "id": str(uuid.uuid4().int)[:18],
            "from": self.user,
            "chat_instance": "1",
            "data": callback(message, label),
            "message": {**self._message(text="…"), "from": BOT_USER},
        }
        return self._exchange({"callback_query": query})


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    markup = message.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard") or markup.get("keyboard") or [] for button in row]


def callback(message: dict[str, Any], label: str) -> str:
    for button in buttons(message):
        if button["text"] == label:
            return str(button["callback_data"])
    raise AssertionError(f"no button {label!r} in {[b['text'] for b in buttons(message)]}")


def admin_emails(platform: Platform, needle: str) -> list[EmailMessage]:
    found: list[EmailMessage] = []
    for path in platform.mail_dir.glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        body = message.get_body(preferencelist=("plain",))
        if ADMIN_EMAIL in str(message["To"]) and body is not None and needle in body.get_content():
            found.append(message)
    return found


class TestProspectJourney:
    def test_webhook_refuses_updates_without_the_secret(
        self, demo_studio: Platform, fake_telegram: FakeTelegram
    ) -> None:
        prospect = Prospect(demo_studio, fake_telegram, "Mallory")
        response = prospect.post({"message": prospect._message(text="/start")}, secret="wrong")
        assert response.status_code in (401, 403)
        assert fake_telegram.sent(prospect.chat_id) == [], "the bot did not act on a forged update"

    def test_trial_request_reaches_the_funnel_and_the_admins_inbox(
        self, demo_studio: Platform, fake_telegram: FakeTelegram, browser: Browser
    ) -> None:
        # Names are letters only; a random surname tells this request from any earlier one.
        name = "Lena " + "".join(random.choice(string.ascii_lowercase) for _ in range(8)).capitalize()
        phone = f"+7916{random.randint(10**6, 10**7 - 1)}"
        prospect = Prospect(demo_studio, fake_telegram, "Lena")

        menu = prospect.say("/start")
        asked_name = prospect.tap(menu, "🎓 Пробный урок")
        asked_phone = prospect.say(name)
        assert any(b.get("request_contact") for b in buttons(asked_phone)), "the phone comes from the contact button"
        asked_age = prospect.share_contact(phone.lstrip("+"))
        asked_level = prospect.tap(asked_age, "Взрослому")
        asked_goal = prospect.tap(asked_level, "Средний (B1)")
        asked_time = prospect.tap(asked_goal, "Для работы")
        # The demo teacher's real free slots are offered (TRIAL_TEACHER_IDS, tests/conftest.py).
        slot_buttons = [b for b in buttons(asked_time) if str(b.get("callback_data", "")).startswith("tr:slot:")]
        assert slot_buttons, f"free slots are offered: {[b['text'] for b in buttons(asked_time)]}"
        summary = prospect.tap(asked_time, slot_buttons[0]["text"])
        done = prospect.tap(summary, "✅ Отправить заявку")

        assert asked_name["text"]
        assert done["text"].startswith(f"Спасибо, {name}!"), "the prospect gets a confirmation"
        browser.login(ADMIN_EMAIL)

        def lead() -> dict[str, Any] | None:
            leads = browser.get("/api/admin/leads", params={"status": "new"}).json()["items"]
            return next((row for row in leads if row["name"] == name), None)

        found = eventually(lead, "the trial request in the admin funnel")
        assert found["phone"] == phone
        assert found["level"] == "B1"
        assert found["preferred_slot"] is not None
        starts_at = datetime.fromisoformat(found["preferred_slot"]["starts_at"]).astimezone(MOSCOW)
        assert starts_at.strftime("%H:%M") in slot_buttons[0]["text"]
        mails = eventually(lambda: admin_emails(demo_studio, name), "the admin's e-mail about the trial request")
        assert len(mails) == 1, "exactly one e-mail per admin address"
