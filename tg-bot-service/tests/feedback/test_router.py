# The bot speaks Russian: Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001
import uuid
from typing import Any

import pytest


@pytest.fixture
async def student(chat: Any, accounts: Any, bot_with_lessons: Any, fake_telegram: Any) -> str:
    """A student who linked this chat in auth-service, talking to the bot that uses the real
    lessons-service."""
    chat.client = bot_with_lessons
    email = f"student-{uuid.uuid4().hex[:8]}@example.com"
    student_id: str = await accounts.create(email, "Мария")
    linked = await chat.say(f"/start {await accounts.link_token(email)}")
    assert linked["text"].startswith("Готово, Мария!")
    fake_telegram.reset()
    return student_id


class TestFeedback:
    async def test_rating_and_comment_reach_lessons_service(
        self, chat: Any, student: str, completed_lesson: Any, fake_telegram: Any, event_tap: Any
    ) -> None:
        lesson_id = await completed_lesson(student)
        tap = await event_tap("feedback.received")

        thanks = await chat.tap(f"fb:{lesson_id}:5")

        assert thanks["text"] == (
            "Спасибо за оценку 5 из 5! Хотите добавить пару слов о занятии? "
            "Напишите их сообщением или нажмите «Пропустить»."
        )
        assert chat.buttons(thanks) == [["Пропустить"]]
        assert "reply_markup" not in fake_telegram.sent("editMessageReplyMarkup")[0]

        saved = await chat.say("Очень понравилось, спасибо!")

        assert saved["text"] == "Спасибо! Отзыв передан в студию."
        event = await tap.next()
        assert event["source"] == "lessons-service"
        assert {key: event["data"][key] for key in ("lesson_id", "student_id", "rating", "comment")} == {
            "lesson_id": lesson_id,
            "student_id": student,
            "rating": 5,
            "comment": "Очень понравилось, спасибо!",
        }

    async def test_buttons_spelled_feedback_work_the_same(
        self, chat: Any, student: str, completed_lesson: Any, event_tap: Any
    ) -> None:
        lesson_id = await completed_lesson(student)
        tap = await event_tap("feedback.received")
        await chat.tap(f"feedback:{lesson_id}:3")

        await chat.say("Нормально")

        data = (await tap.next())["data"]
        assert (data["rating"], data["comment"]) == (3, "Нормально")

    async def test_skip_stores_the_rating_alone(
        self, chat: Any, student: str, completed_lesson: Any, event_tap: Any
    ) -> None:
        lesson_id = await completed_lesson(student)
        tap = await event_tap("feedback.received")
        thanks = await chat.tap(f"fb:{lesson_id}:4")

        saved = await chat.tap(chat.callback(thanks, "Пропустить"))
        after = await chat.say("ещё текст")

        assert saved["text"] == "Спасибо! Отзыв передан в студию."
        data = (await tap.next())["data"]
        assert (data["rating"], data["comment"]) == (4, None)
        assert after["text"] == "Главное меню"

    async def test_a_second_rating_of_the_same_lesson_is_explained(
        self, chat: Any, student: str, completed_lesson: Any
    ) -> None:
        lesson_id = await completed_lesson(student)
        first = await chat.tap(f"fb:{lesson_id}:5")
        await chat.tap(chat.callback(first, "Пропустить"))

        second = await chat.tap(f"fb:{lesson_id}:2")
        reply = await chat.tap(chat.callback(second, "Пропустить"))

        assert reply["text"] == "Вы уже оценили это занятие — спасибо!"

    async def test_someone_elses_lesson_is_refused(
        self, chat: Any, student: str, completed_lesson: Any, event_tap: Any
    ) -> None:
        lesson_id = await completed_lesson(str(uuid.uuid4()))
        tap = await event_tap("feedback.received")
        await chat.tap(f"fb:{lesson_id}:3")

        reply = await chat.say("Комментарий")

        assert reply["text"] == "Не удалось сохранить отзыв: занятие не найдено среди ваших."
        assert await tap.empty()

    async def test_an_unlinked_user_gets_an_alert_and_nothing_is_asked(
        self, chat: Any, bot_with_lessons: Any, fake_telegram: Any
    ) -> None:
        chat.client = bot_with_lessons

        response = await chat.post(chat.callback_update(f"fb:{uuid.uuid4()}:5"))

        assert response.status_code == 200
        alert = fake_telegram.sent("answerCallbackQuery")[-1]
        assert alert["text"].startswith("Сначала привяжите Telegram")
        assert alert["show_alert"] == "true"
        assert fake_telegram.sent() == []
