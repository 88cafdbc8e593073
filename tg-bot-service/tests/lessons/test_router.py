# The bot speaks Russian: Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any


def link(studio_services: Any, chat: Any, role: str = "student") -> str:
    user_id = str(uuid.uuid4())
    studio_services.linked[chat.user["id"]] = {"user_id": user_id, "role": role, "first_name": "Мария"}
    return user_id


class TestMyLessons:
    async def test_a_linked_student_sees_upcoming_lessons_in_studio_time(self, chat: Any, studio_services: Any) -> None:
        student_id = link(studio_services, chat)
        starts = (datetime.now(UTC) + timedelta(days=1)).replace(hour=16, minute=0, second=0, microsecond=0)
        studio_services.lessons.extend(
            [
                {
                    "id": str(uuid.uuid4()),
                    "kind": "group",
                    "status": "scheduled",
                    "student_ids": [student_id],
                    "starts_at": (starts + timedelta(days=1)).isoformat(),
                    "topic": None,
                },
                {
                    "id": str(uuid.uuid4()),
                    "kind": "individual",
                    "status": "scheduled",
                    "student_ids": [student_id],
                    "starts_at": starts.isoformat(),
                    "topic": "Present Perfect",
                },
                {
                    "id": str(uuid.uuid4()),
                    "kind": "individual",
                    "status": "cancelled",
                    "student_ids": [student_id],
                    "starts_at": starts.isoformat(),
                    "topic": None,
                },
                {
                    "id": str(uuid.uuid4()),
                    "kind": "individual",
                    "status": "scheduled",
                    "student_ids": ["someone"],
                    "starts_at": starts.isoformat(),
                    "topic": None,
                },
            ]
        )
        weekdays = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")

        def label(moment: datetime) -> str:
            local = moment + timedelta(hours=3)
            return f"{weekdays[local.weekday()]} {local:%d.%m %H:%M}"

        reply = await chat.say("/lessons")

        assert reply["text"] == (
            "Ваши занятия (Europe/Moscow):\n"
            f"• {label(starts)} — индивидуальное: Present Perfect\n"
            f"• {label(starts + timedelta(days=1))} — групповое"
        )
        assert chat.buttons(reply) == [["🏠 Меню"]]

    async def test_a_student_without_lessons_is_told_so(self, chat: Any, studio_services: Any) -> None:
        link(studio_services, chat)
        menu = await chat.say("/start")

        reply = await chat.tap(chat.callback(menu, "📅 Мои занятия"))

        assert reply["text"] == "В ближайшие две недели занятий нет."

    async def test_an_unlinked_user_is_told_how_to_link(self, chat: Any) -> None:
        reply = await chat.say("/lessons")

        assert reply["text"] == ("Сначала привяжите Telegram к аккаунту: в приложении откройте Профиль → Telegram.")

    async def test_lessons_service_refusing_the_bot_is_reported_as_unavailable(
        self, chat: Any, studio_services: Any
    ) -> None:
        link(studio_services, chat, role="teacher")
        studio_services.refuse_lessons = True

        reply = await chat.say("/lessons")

        assert reply["text"] == "Сервис временно недоступен. Попробуйте, пожалуйста, чуть позже."
