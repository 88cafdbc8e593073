# The bot speaks Russian: Cyrillic letters that look Latin are intended.
# ruff: noqa: RUF001
import asyncio
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import UTC, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from asgi_lifespan import LifespanManager

from studio_kit.testing.helpers import free_port

NAV = ["⬅️ Назад", "✖️ Отмена"]
LEVEL_BUTTONS = [
    ["Начинающий (A1)", "Элементарный (A2)"],
    ["Средний (B1)", "Выше среднего (B2)"],
    ["Продвинутый (C1)", "Свободный (C2)"],
    ["Не знаю"],
    NAV,
]
GOAL_BUTTONS = [
    ["Разговорный английский", "Для работы"],
    ["Экзамен (ОГЭ, ЕГЭ, IELTS)", "Путешествия"],
    ["Помощь со школой", "Другое"],
    NAV,
]
TIME_OF_DAY = [["Утром", "Днём"], ["Вечером", "В любое время"]]
RU_WEEKDAYS = ("пн", "вт", "ср", "чт", "пт", "сб", "вс")
MOSCOW = ZoneInfo("Europe/Moscow")


def moscow_label(moment: datetime) -> str:
    local = moment.astimezone(MOSCOW)
    return f"{RU_WEEKDAYS[local.weekday()]} {local:%d.%m %H:%M}"


def expected_slots() -> list[datetime]:
    """The trial teacher works 18:00 to 19:00 Moscow time daily (see conftest); the bot offers the
    first six hour-long slots of the coming week."""
    now = datetime.now(UTC)
    today = now.astimezone(MOSCOW).date()
    evenings = [datetime.combine(today + timedelta(days=day), time(18, 0), tzinfo=MOSCOW) for day in range(8)]
    return [start for start in evenings if now <= start < now + timedelta(days=7)][:6]


@asynccontextmanager
async def running_bot(app_factory: Callable[[Any], Any], settings: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Another instance of the bot (a restart, or other settings) sharing Redis and RabbitMQ."""
    app = app_factory(settings)
    async with LifespanManager(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            yield client


async def walk_to_time(chat: Any) -> dict[str, Any]:
    """Answer every question up to the preferred time; returns the time question."""
    menu = await chat.say("/start")
    await chat.tap(chat.callback(menu, "🎓 Пробный урок"))
    await chat.say("Анна Петрова")
    age = await chat.share_contact("79123456789")
    level = await chat.tap(chat.callback(age, "Взрослому"))
    goal = await chat.tap(chat.callback(level, "Средний (B1)"))
    return await chat.tap(chat.callback(goal, "Для работы"))


class TestTrialFlow:
    async def test_the_whole_dialogue_ends_in_trial_requested_on_the_broker(
        self, chat: Any, fake_telegram: Any, trial_teacher_id: uuid.UUID, event_tap: Any
    ) -> None:
        slots = expected_slots()
        second = slots[1]
        tap = await event_tap("trial.requested")
        menu = await chat.say("/start")

        name_question = await chat.tap(chat.callback(menu, "🎓 Пробный урок"))
        assert name_question["text"] == "Запишем вас на бесплатный пробный урок. Как вас зовут?"
        assert chat.buttons(name_question) == [["✖️ Отмена"]]

        phone_question = await chat.say("Анна Петрова")
        assert phone_question["text"] == (
            "Оставьте номер телефона: нажмите кнопку ниже или напишите его, например +7 912 345-67-89."
        )
        assert chat.buttons(phone_question) == [["📱 Отправить мой номер"], NAV]
        assert phone_question["reply_markup"]["keyboard"][0][0]["request_contact"] is True

        age_question = await chat.share_contact("79123456789")
        phone_echo = fake_telegram.sent()[-2]
        assert phone_echo["text"] == "Телефон: +79123456789"
        assert phone_echo["reply_markup"] == {"remove_keyboard": True}
        assert age_question["text"] == "Занятия нужны взрослому или ребёнку?"
        assert chat.buttons(age_question) == [["Взрослому", "Ребёнку"], NAV]

        level_question = await chat.tap(chat.callback(age_question, "Ребёнку"))
        assert level_question["text"] == "Как вы оцениваете уровень английского?"
        assert chat.buttons(level_question) == LEVEL_BUTTONS

        goal_question = await chat.tap(chat.callback(level_question, "Элементарный (A2)"))
        assert goal_question["text"] == "Какая главная цель?"
        assert chat.buttons(goal_question) == GOAL_BUTTONS

        time_question = await chat.tap(chat.callback(goal_question, "Помощь со школой"))
        assert time_question["text"] == (
            "Выберите свободное время пробного урока (время Europe/Moscow) или когда вам удобнее:"
        )
        labels = [moscow_label(start) for start in slots]
        assert chat.buttons(time_question) == [labels[0:2], labels[2:4], labels[4:6], *TIME_OF_DAY, NAV]

        summary = await chat.tap(chat.callback(time_question, moscow_label(second)))
        assert summary["text"] == (
            "Проверьте заявку:\nИмя: Анна Петрова\nТелефон: +79123456789\nДля кого: Ребёнку\n"
            f"Уровень: Элементарный (A2)\nЦель: Помощь со школой\nВремя: {moscow_label(second)}"
        )
        assert chat.buttons(summary) == [["✅ Отправить заявку"], NAV]

        done = await chat.tap(chat.callback(summary, "✅ Отправить заявку"))
        assert done["text"] == (
            "Спасибо, Анна Петрова! Заявка принята — администратор свяжется с вами и подтвердит время."
        )
        assert chat.buttons(done)[0] == ["🎓 Пробный урок"]

        event = await tap.next()
        assert event["type"] == "trial.requested"
        assert event["source"] == "tg-bot-service"
        data = event["data"]
        assert event["id"] == data["request_id"]
        assert data == {
            "request_id": data["request_id"],
            "name": "Анна Петрова",
            "phone": "+79123456789",
            "is_child": True,
            "level": "A2",
            "goal": "school",
            "preferred_slot": {
                "teacher_id": str(trial_teacher_id),
                "starts_at": second.astimezone(UTC).isoformat().replace("+00:00", "Z"),
                # No lessons-service here (tests/trial/test_holds.py has it): the pick is a preference.
                "hold_id": None,
                "held_until": None,
            },
            "time_of_day": "evening",
            "language": "ru",
            "telegram_user_id": chat.user["id"],
            "telegram_chat_id": chat.user["id"],
        }
        assert await tap.empty()

    async def test_without_free_slots_a_time_of_day_is_asked_and_sent(
        self, chat: Any, event_tap: Any, service_app_factory: Callable[[Any], Any], settings_with: Any
    ) -> None:
        tap = await event_tap("trial.requested")
        async with running_bot(service_app_factory, settings_with(trial_teacher_ids=[uuid.uuid4()])) as client:
            chat.client = client
            when = await walk_to_time(chat)
            assert when["text"] == "Когда вам удобнее заниматься? Администратор подберёт время."
            assert chat.buttons(when) == [*TIME_OF_DAY, NAV]
            summary = await chat.tap(chat.callback(when, "Вечером"))
            assert summary["text"].endswith("Время: Вечером")
            await chat.tap(chat.callback(summary, "✅ Отправить заявку"))

        data = (await tap.next())["data"]
        assert data["preferred_slot"] is None
        assert data["time_of_day"] == "evening"
        assert (data["is_child"], data["level"], data["goal"]) == (False, "B1", "career")

    async def test_english_speakers_get_english_questions_and_language_en(self, chat: Any, event_tap: Any) -> None:
        tap = await event_tap("trial.requested")
        await chat.tap("lang:en")
        question = await chat.say("/trial")
        assert question["text"] == "Let's book a free trial lesson. What is your name?"
        await chat.say("John")
        age = await chat.say("+44 20 7946 0958")
        level = await chat.tap(chat.callback(age, "An adult"))
        goal = await chat.tap(chat.callback(level, "Not sure"))
        when = await chat.tap(chat.callback(goal, "Travel"))
        summary = await chat.tap(chat.callback(when, "Any time"))
        assert summary["text"] == (
            "Please check your request:\nName: John\nPhone: +442079460958\nFor: An adult\n"
            "Level: Not sure\nGoal: Travel\nTime: Any time"
        )
        await chat.tap(chat.callback(summary, "✅ Send the request"))

        data = (await tap.next())["data"]
        assert (data["language"], data["level"], data["phone"]) == ("en", "unknown", "+442079460958")


class TestValidation:
    async def test_a_bad_name_is_asked_again(self, chat: Any) -> None:
        await chat.say("/trial")

        reply = await chat.say("12345")

        assert reply["text"] == "Напишите, пожалуйста, имя текстом — от 2 до 60 букв."

    async def test_a_typed_phone_is_validated_and_normalised(self, chat: Any, fake_telegram: Any) -> None:
        await chat.say("/trial")
        await chat.say("Анна")

        refused = await chat.say("12")
        accepted = await chat.say("8 (912) 345-67-89")

        assert refused["text"] == ("Не похоже на номер телефона. Напишите его полностью, например +7 912 345-67-89.")
        assert fake_telegram.sent()[-2]["text"] == "Телефон: +79123456789"
        assert accepted["text"] == "Занятия нужны взрослому или ребёнку?"

    async def test_typing_where_a_button_is_expected_repeats_the_question(self, chat: Any) -> None:
        await chat.say("/trial")
        await chat.say("Анна")
        await chat.say("+79123456789")

        reply = await chat.say("взрослый")

        assert reply["text"] == "Занятия нужны взрослому или ребёнку?"


class TestBackAndCancel:
    async def test_back_returns_to_the_previous_question_at_every_kind_of_step(self, chat: Any) -> None:
        await chat.say("/trial")
        await chat.say("Анна")
        back_to_name = await chat.say("⬅️ Назад")
        assert back_to_name["text"] == "Запишем вас на бесплатный пробный урок. Как вас зовут?"

        await chat.say("Анна")
        age = await chat.say("+79123456789")
        level = await chat.tap(chat.callback(age, "Взрослому"))
        back_to_age = await chat.tap(chat.callback(level, "⬅️ Назад"))
        assert back_to_age["text"] == "Занятия нужны взрослому или ребёнку?"
        back_to_phone = await chat.tap(chat.callback(back_to_age, "⬅️ Назад"))
        assert back_to_phone["text"].startswith("Оставьте номер телефона")
        assert chat.buttons(back_to_phone) == [["📱 Отправить мой номер"], NAV]

    async def test_cancel_ends_the_dialogue_and_sends_nothing(
        self, chat: Any, fake_telegram: Any, event_tap: Any
    ) -> None:
        tap = await event_tap("trial.requested")
        time_question = await walk_to_time(chat)

        menu = await chat.tap(chat.callback(time_question, "✖️ Отмена"))
        after = await chat.say("Вечером")

        cancelled = fake_telegram.sent()[-3]
        assert cancelled["text"] == "Заявка отменена."
        assert cancelled["reply_markup"] == {"remove_keyboard": True}
        assert menu["text"] == "Главное меню"
        assert after["text"] == "Главное меню"
        assert await tap.empty()

    async def test_a_command_leaves_the_dialogue(self, chat: Any) -> None:
        await chat.say("/trial")
        await chat.say("Анна")

        menu = await chat.say("/menu")
        after = await chat.say("+79123456789")

        assert menu["text"] == "Главное меню"
        assert after["text"] == "Главное меню"

    async def test_cancel_typed_on_the_first_step(self, chat: Any, fake_telegram: Any) -> None:
        await chat.say("/trial")

        menu = await chat.say("✖️ Отмена")

        assert fake_telegram.sent()[-2]["text"] == "Заявка отменена."
        assert menu["text"] == "Главное меню"


class TestResilience:
    async def test_a_conversation_resumes_after_the_bot_restarts(
        self, service_settings: Any, service_app_factory: Callable[[Any], Any], make_chat: Any, event_tap: Any
    ) -> None:
        tap = await event_tap("trial.requested")
        chat = make_chat("Olga")
        await chat.say("/trial")
        await chat.say("Ольга")

        async with running_bot(service_app_factory, service_settings) as client:
            chat.client = client
            age = await chat.share_contact("+79991112233")
            assert age["text"] == "Занятия нужны взрослому или ребёнку?"
            level = await chat.tap(chat.callback(age, "Взрослому"))
            goal = await chat.tap(chat.callback(level, "Продвинутый (C1)"))
            when = await chat.tap(chat.callback(goal, "Разговорный английский"))
            summary = await chat.tap(chat.callback(when, "Утром"))
            await chat.tap(chat.callback(summary, "✅ Отправить заявку"))

        data = (await tap.next())["data"]
        assert (data["name"], data["phone"], data["level"]) == ("Ольга", "+79991112233", "C1")

    async def test_broker_down_keeps_the_answers_for_a_later_retry(
        self, service_settings: Any, service_app_factory: Callable[[Any], Any], chat: Any, event_tap: Any
    ) -> None:
        tap = await event_tap("trial.requested")
        time_question = await walk_to_time(chat)
        summary = await chat.tap(chat.callback(time_question, "Днём"))

        no_broker = service_settings.model_copy(update={"rabbitmq_url": f"amqp://guest:guest@127.0.0.1:{free_port()}/"})
        async with running_bot(service_app_factory, no_broker) as client:
            healthy_client, chat.client = chat.client, client
            refused = await chat.tap(chat.callback(summary, "✅ Отправить заявку"))
        chat.client = healthy_client

        assert refused["text"] == (
            "Не получилось отправить заявку. Попробуйте ещё раз через минуту — ваши ответы сохранены."
        )
        assert chat.buttons(refused) == [["✅ Отправить заявку"], NAV]
        sent = await chat.tap(chat.callback(refused, "✅ Отправить заявку"))
        assert sent["text"].startswith("Спасибо, Анна Петрова!")
        data = (await tap.next())["data"]
        assert (data["name"], data["time_of_day"]) == ("Анна Петрова", "afternoon")


class TestTrialThrottle:
    async def test_one_telegram_user_sends_at_most_the_daily_number_of_requests(
        self, chat: Any, event_tap: Any, service_app_factory: Callable[[Any], Any], settings_with: Any
    ) -> None:
        tap = await event_tap("trial.requested")
        async with running_bot(service_app_factory, settings_with(trial_requests_per_day=1)) as client:
            chat.client = client
            for attempt in range(2):
                when = await walk_to_time(chat)
                summary = await chat.tap(chat.callback(when, chat.buttons(when)[0][0]))
                done = await chat.tap(chat.callback(summary, "✅ Отправить заявку"))
                if attempt == 0:
                    assert done["text"].startswith("Спасибо, Анна Петрова!")
            assert done["text"].startswith("Мы уже получили ваши заявки сегодня")
        await tap.next()
        # One request reached the broker (and so the admins), not two.
        assert await tap.empty()

    async def test_concurrent_taps_on_send_publish_one_request_and_the_daily_limit_holds(
        self,
        chat: Any,
        event_tap: Any,
        fake_telegram: Any,
        service_app_factory: Callable[[Any], Any],
        settings_with: Any,
    ) -> None:
        """Issue 18: five updates of one "send" tap in flight at once (a double tap, a redelivered
        webhook) used to pass the daily check together and alert the admins five times."""
        tap = await event_tap("trial.requested")
        async with running_bot(service_app_factory, settings_with(trial_requests_per_day=2)) as client:
            chat.client = client
            for _ in range(2):
                when = await walk_to_time(chat)
                summary = await chat.tap(chat.callback(when, chat.buttons(when)[0][0]))
                send = chat.callback(summary, "✅ Отправить заявку")
                before = len(chat.replies())
                answers = await asyncio.gather(*(chat.post(chat.callback_update(send)) for _ in range(5)))
                assert [answer.status_code for answer in answers] == [200] * 5
                thanks = [text for text in chat.replies()[before:] if text.startswith("Спасибо, Анна Петрова!")]
                assert len(thanks) == 1, chat.replies()[before:]
            # The daily limit (2) is spent: a third request is refused, however it is tapped.
            when = await walk_to_time(chat)
            summary = await chat.tap(chat.callback(when, chat.buttons(when)[0][0]))
            send = chat.callback(summary, "✅ Отправить заявку")
            await asyncio.gather(*(chat.post(chat.callback_update(send)) for _ in range(3)))
            assert chat.replies()[-1].startswith("Мы уже получили ваши заявки сегодня")
        first, second = (await tap.next())["data"], (await tap.next())["data"]
        assert first["request_id"] != second["request_id"]
        assert await tap.empty(), "two requests reached the broker (and so the admins), not more"

    async def test_one_user_sending_from_two_chats_at_once_gets_only_the_daily_number_through(
        self,
        chat: Any,
        make_chat: Callable[..., Any],
        event_tap: Any,
        service_app_factory: Callable[[Any], Any],
        settings_with: Any,
    ) -> None:
        """The dialogue is serialised per chat, not per person: the same Telegram user finishing
        the form in a private chat and in a group chat at the same moment used to pass the daily
        check twice (check, publish, then count) and alert the admins twice."""
        tap = await event_tap("trial.requested")
        group = make_chat(user_id=chat.user["id"])
        private_message = group._message

        def in_group(**content: Any) -> dict[str, Any]:
            return {**private_message(**content), "chat": {"id": -100_000_000 - chat.user["id"], "type": "group"}}

        group._message = in_group
        async with running_bot(service_app_factory, settings_with(trial_requests_per_day=1)) as client:
            sends = []
            for each in (chat, group):
                each.client = client
                when = await walk_to_time(each)
                summary = await each.tap(each.callback(when, each.buttons(when)[0][0]))
                sends.append((each, each.callback(summary, "✅ Отправить заявку")))
            answers = await asyncio.gather(*(each.post(each.callback_update(send)) for each, send in sends))
        assert [answer.status_code for answer in answers] == [200, 200]
        await tap.next()
        assert await tap.empty(), "one request reached the broker (and so the admins), not two"
