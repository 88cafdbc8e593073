"""Each consumer, fed through the real broker, produces the right message per channel and language."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from notifications_service.database import outbox_messages
from notifications_service.reminders.models import Reminder

from ..fakes import FakePushService, FakeSmsProvider, FakeSmtp, parts
from ..helpers import add_recipient, notifications, publish, recipient, settle, wait_for


def invited(email: str, language: str, first_name: str = "Anna") -> dict[str, object]:
    return {
        "user_id": str(uuid.uuid4()),
        "email": email,
        "role": "teacher",
        "first_name": first_name,
        "language": language,
        "invite_url": "https://studio.example.com/invite/abc?x=1&y=2",
        "expires_at": "2026-12-01T12:00:00+00:00",
    }


async def telegram_requests(app: FastAPI) -> list[dict[str, object]]:
    async with app.state.database.sessionmaker() as session:
        rows = (
            (
                await session.execute(
                    select(outbox_messages.c.payload).where(outbox_messages.c.type == "notification.telegram_requested")
                )
            )
            .scalars()
            .all()
        )
    return [row["data"] for row in rows]


class TestAccountMessages:
    async def test_invitation_in_english_has_text_and_escaped_html(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        await publish(app, "user.invited", invited("Anna@Example.com", "en", first_name="<b>Anna</b>"))
        [message] = await wait_for(lambda: _mails(smtp_server, "anna@example.com"))
        text, html = parts(message)
        assert message["Subject"] == "You are invited to English Studio"
        assert "https://studio.example.com/invite/abc?x=1&y=2" in text
        assert "as a teacher" in text
        assert "1 December 2026, 15:00 (Europe/Moscow)" in text
        assert "Hello, <b>Anna</b>!" in text
        assert "&lt;b&gt;Anna&lt;/b&gt;" in html
        assert "<b>Anna</b>" not in html
        assert 'href="https://studio.example.com/invite/abc?x=1&amp;y=2"' in html

    async def test_invitation_in_russian(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        await publish(app, "user.invited", invited("ivan@example.com", "ru", first_name="Иван"))
        [message] = await wait_for(lambda: _mails(smtp_server, "ivan@example.com"))
        text, html = parts(message)
        assert message["Subject"] == "Приглашение в студию английского"
        assert "Здравствуйте, Иван!" in text
        assert "(преподаватель)" in text
        assert "1 декабря 2026, 15:00" in text
        assert "Задать пароль" in html

    async def test_password_reset_goes_only_to_email_even_with_telegram_linked(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        user_id = await add_recipient(app, email="old@example.com", telegram_chat_id=5551, language="en")
        await publish(
            app,
            "user.password_reset_requested",
            {
                "user_id": str(user_id),
                "email": "new@example.com",
                "language": "en",
                "reset_url": "https://studio.example.com/reset/tok",
                "expires_at": "2026-12-01T12:00:00+00:00",
            },
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "new@example.com"))
        assert message["Subject"] == "Reset your English Studio password"
        assert "https://studio.example.com/reset/tok" in parts(message)[0]
        await settle()
        assert [n.channel for n in await notifications(app)] == ["email"]
        assert await telegram_requests(app) == []


class TestRedelivery:
    async def test_same_event_delivered_twice_sends_one_email(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        data = invited("twice@example.com", "en")
        event = await publish(app, "user.invited", data)
        await publish(app, "user.invited", data, event_id=event.id)
        await wait_for(lambda: _mails(smtp_server, "twice@example.com"))
        await settle(1.0)
        assert len(smtp_server.to("twice@example.com")) == 1
        assert len(await notifications(app)) == 1

    async def test_payment_re_emitted_with_new_event_id_sends_once(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        student = await add_recipient(app, email="payer@example.com", language="en")
        data = {
            "student_id": str(student),
            "entry_id": str(uuid.uuid4()),
            "amount_minor": 150000,
            "currency": "RUB",
            "method": "card",
            "balance_minor": 250050,
        }
        await publish(app, "payment.recorded", data)
        await publish(app, "payment.recorded", data)
        [message] = await wait_for(lambda: _mails(smtp_server, "payer@example.com"))
        await settle(1.0)
        assert len(smtp_server.to("payer@example.com")) == 1
        assert message["Subject"] == "Payment received: ₽1,500"
        assert "Your balance is now ₽2,500.50" in parts(message)[0]


class TestDebtReminders:
    async def test_a_debt_reminder_names_the_debt_and_the_ending_package_once_a_day(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        student = await add_recipient(app, email="owes@example.com", language="ru")
        data = {
            "student_id": str(student),
            "reminded_on": "2026-12-06",
            "balance_minor": -250050,
            "currency": "RUB",
            "packages_ending": [{"package_id": str(uuid.uuid4()), "valid_until": "2026-12-09", "lessons_left": 2}],
        }
        await publish(app, "debt.reminded", data)
        await publish(app, "debt.reminded", data)  # re-emitted with a new event id: still one message
        [message] = await wait_for(lambda: _mails(smtp_server, "owes@example.com"))
        await settle(1.0)
        assert len(smtp_server.to("owes@example.com")) == 1
        assert message["Subject"] == "Напоминание о занятиях"  # noqa: RUF001
        text = parts(message)[0]
        assert "осталось оплатить 2\u00a0500,50\u00a0₽." in text
        assert "до 9 декабря 2026, занятий осталось: 2" in text
        assert {n.event_type for n in await notifications(app)} == {"debt.reminded"}

    async def test_a_package_only_reminder_in_english_speaks_of_no_debt(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        student = await add_recipient(app, email="ending@example.com", language="en")
        await publish(
            app,
            "debt.reminded",
            {
                "student_id": str(student),
                "reminded_on": "2026-12-06",
                "balance_minor": 0,
                "currency": "RUB",
                "packages_ending": [{"package_id": str(uuid.uuid4()), "valid_until": "2026-12-09", "lessons_left": 3}],
            },
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "ending@example.com"))
        text = parts(message)[0]
        assert "Your package ends on 9 December 2026 with 3 lesson(s) left." in text
        assert "You owe" not in text


class TestPackageReminders:
    async def test_an_expiring_package_is_mailed_once_per_end_date(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        student = await add_recipient(app, email="ends@example.com", language="en")
        package_id = str(uuid.uuid4())
        data = {
            "student_id": str(student),
            "package_id": package_id,
            "valid_until": "2026-12-09",
            "days_left": 3,
            "lessons_left": 2,
        }
        await publish(app, "package.expiring", data)
        await publish(app, "package.expiring", data)  # the same crossing re-emitted: still one message
        [message] = await wait_for(lambda: _mails(smtp_server, "ends@example.com"))
        await settle(1.0)
        assert len(smtp_server.to("ends@example.com")) == 1
        assert message["Subject"] == "Your package ends on 9 December 2026"
        assert "has 2 lesson(s) left" in parts(message)[0]
        # A freeze moved the end and it came near again: a new crossing, a new message.
        await publish(app, "package.expiring", {**data, "valid_until": "2026-12-19"})
        await wait_for(lambda: _mails(smtp_server, "ends@example.com", count=2))

    async def test_a_package_running_low_in_russian(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        student = await add_recipient(app, email="low@example.com", language="ru")
        await publish(
            app,
            "package.running_low",
            {
                "student_id": str(student),
                "package_id": str(uuid.uuid4()),
                "lessons_left": 1,
                "lessons_total": 8,
                "valid_until": "2026-12-31",
            },
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "low@example.com"))
        assert message["Subject"] == "В абонементе осталось занятий: 1"  # noqa: RUF001
        assert "действует до 31 декабря 2026" in parts(message)[0]


class TestLessonMessages:
    async def test_booking_reaches_every_channel_of_the_student_and_the_teacher(
        self,
        app: FastAPI,
        client: httpx.AsyncClient,
        jwt_signer,
        smtp_server: FakeSmtp,
        sms_provider: FakeSmsProvider,
        push_service: FakePushService,
    ) -> None:
        student = await add_recipient(
            app,
            email="stud@example.com",
            phone="+79001234567",
            telegram_chat_id=777,
            language="ru",
            timezone="Asia/Yekaterinburg",
            first_name="Олег",
        )
        teacher = await add_recipient(app, email="teach@example.com", language="en", timezone="Europe/London")
        browser = push_service.new_browser()
        headers = jwt_signer.headers("student", sub=student)
        assert (await client.post("/push/subscriptions", json=browser.subscription, headers=headers)).status_code == 201
        prefs = {
            "language": "ru",
            "timezone": "Asia/Yekaterinburg",
            "quiet_hours": None,
            "channels": {"lessons": ["email", "telegram", "sms", "push"]},
        }
        assert (await client.put("/preferences/me", json=prefs, headers=headers)).status_code == 200
        lesson_id = uuid.uuid4()
        starts_at = datetime(2031, 3, 10, 12, 0, tzinfo=UTC)
        await publish(
            app,
            "lesson.scheduled",
            {
                "lesson_id": str(lesson_id),
                "kind": "individual",
                "teacher_id": str(teacher),
                "student_ids": [str(student)],
                "group_id": None,
                "starts_at": starts_at.isoformat(),
                "ends_at": (starts_at + timedelta(hours=1)).isoformat(),
            },
        )
        [student_mail] = await wait_for(lambda: _mails(smtp_server, "stud@example.com"))
        assert student_mail["Subject"] == "Урок запланирован: 10 марта 2031, 17:00 (Asia/Yekaterinburg)"
        assert "Олег" in parts(student_mail)[0]
        assert "индивидуальный" in parts(student_mail)[0]
        [teacher_mail] = await wait_for(lambda: _mails(smtp_server, "teach@example.com"))
        assert teacher_mail["Subject"] == "Lesson booked: 10 March 2031, 12:00 (Europe/London)"
        assert "A new individual lesson is in your calendar" in parts(teacher_mail)[0]

        [sms] = await wait_for(lambda: _ready(sms_provider.sent))
        assert sms["to"] == "79001234567"
        assert sms["msg"] == "Урок запланирован: 10 марта 2031, 17:00 (Asia/Yekaterinburg)"
        [push] = await wait_for(lambda: _ready(push_service.received))
        assert push["data"]["title"] == student_mail["Subject"]
        assert push["data"]["lesson_id"] == str(lesson_id)
        assert push["claims"]["sub"] == "mailto:admin@example.com"
        [telegram] = await wait_for(lambda: telegram_requests(app))
        assert telegram["chat_id"] == 777
        assert telegram["parse_mode"] == "HTML"
        assert str(telegram["text"]).startswith("<b>Урок запланирован: 10 марта 2031")

        rows = await wait_for(lambda: _all_sent(app, 5))
        assert sorted((str(r.user_id), r.channel) for r in rows) == sorted(
            [(str(student), c) for c in ("email", "sms", "push", "telegram")] + [(str(teacher), "email")]
        )
        async with app.state.database.sessionmaker() as session:
            reminders = (await session.scalars(select(Reminder).where(Reminder.lesson_id == lesson_id))).all()
        assert sorted((r.user_id, r.minutes_before, r.remind_at) for r in reminders) == sorted(
            (person, minutes, starts_at - timedelta(minutes=minutes))
            for person in (student, teacher)
            for minutes in (1440, 60)
        )

    async def test_cancellation_tells_the_late_charge_and_cancels_reminders(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        student = await add_recipient(app, email="late@example.com", language="en", timezone="UTC")
        lesson_id = str(uuid.uuid4())
        starts_at = datetime.now(UTC) + timedelta(days=3)
        common = {
            "lesson_id": lesson_id,
            "kind": "individual",
            "teacher_id": None,
            "student_ids": [str(student)],
            "starts_at": starts_at.isoformat(),
        }
        await publish(app, "lesson.scheduled", common)
        await wait_for(lambda: _mails(smtp_server, "late@example.com"))
        await publish(
            app,
            "lesson.cancelled",
            {
                **common,
                "late_cancel": True,
                "cancelled_by": str(student),
                "reason": "ill",
                "charges": [{"student_id": str(student), "amount_minor": 90000}],
            },
        )
        mails = await wait_for(lambda: _mails(smtp_server, "late@example.com", count=2))
        text = parts(mails[1])[0]
        assert mails[1]["Subject"].startswith("Lesson cancelled:")
        assert "Reason: ill." in text
        assert "₽900 has been charged" in text
        async with app.state.database.sessionmaker() as session:
            query = select(Reminder.status).where(Reminder.lesson_id == uuid.UUID(lesson_id))
            statuses = (await session.scalars(query)).all()
        assert statuses
        assert set(statuses) == {"cancelled"}

    async def test_completed_lesson_asks_present_students_for_feedback(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        present = await add_recipient(app, email="here@example.com", language="en", telegram_chat_id=42)
        excused = await add_recipient(app, email="away@example.com", language="en")
        lesson_id = str(uuid.uuid4())
        await publish(
            app,
            "lesson.completed",
            {
                "lesson_id": lesson_id,
                "kind": "group",
                "teacher_id": str(uuid.uuid4()),
                "group_id": str(uuid.uuid4()),
                "starts_at": "2026-11-20T15:00:00+00:00",
                "ends_at": "2026-11-20T16:00:00+00:00",
                "duration_minutes": 60,
                "attendance": [
                    {"student_id": str(present), "status": "present", "price_minor": 100},
                    {"student_id": str(excused), "status": "excused", "price_minor": 0},
                ],
            },
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "here@example.com"))
        assert message["Subject"] == "How was your lesson on 20 November 2026, 18:00 (Europe/Moscow)?"
        assert f"https://studio.example.com/lessons/{lesson_id}?feedback=1" in parts(message)[0]
        [telegram] = await wait_for(lambda: telegram_requests(app))
        assert telegram["buttons"] == [
            [{"text": f"{n} ⭐", "callback_data": f"feedback:{lesson_id}:{n}"} for n in range(1, 6)]
        ]
        await settle()
        assert smtp_server.to("away@example.com") == []


class TestOtherConsumers:
    async def test_low_balance_in_russian(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        student = await add_recipient(app, email="low@example.com", language="ru")
        await publish(
            app,
            "balance.low",
            {"student_id": str(student), "balance_minor": 50000, "threshold_minor": 200000, "currency": "RUB"},
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "low@example.com"))
        assert message["Subject"] == "Баланс заканчивается"
        assert "На балансе 500\u00a0₽ — меньше 2\u00a0000\u00a0₽" in parts(message)[0]  # noqa: RUF001

    async def test_trial_request_reaches_admins_and_the_fallback_address(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        await add_recipient(app, email="boss@example.com", role="admin", language="en")
        await add_recipient(app, email="student@example.com", role="student", language="en")
        await publish(
            app,
            "lead.created",
            {
                "lead_id": str(uuid.uuid4()),
                "student_id": str(uuid.uuid4()),
                "source": "telegram",
                "name": "Maria <Petrova>",
                "phone": "+79005556677",
                "is_child": True,
                "level": "A2",
                "goal": "travel",
                "preferred_slot": None,
                "time_of_day": "evening",
                "language": "ru",
            },
        )
        [admin_mail] = await wait_for(lambda: _mails(smtp_server, "boss@example.com"))
        [owner_mail] = await wait_for(lambda: _mails(smtp_server, "owner@example.com"))
        assert admin_mail["Subject"] == "New trial request: Maria <Petrova>"
        assert "Maria &lt;Petrova&gt;" in parts(admin_mail)[1]
        assert "(a child)" in parts(admin_mail)[0]
        assert owner_mail["Subject"] == "Новая заявка на пробный урок: Maria <Petrova>"
        assert "Удобное время: evening" in parts(owner_mail)[0]
        await settle()
        assert smtp_server.to("student@example.com") == []

    async def test_group_join_welcomes_the_student(self, app: FastAPI, smtp_server: FakeSmtp) -> None:
        student = await add_recipient(app, email="member@example.com", language="en")
        await publish(
            app,
            "group.member_added",
            {
                "group_id": str(uuid.uuid4()),
                "group_name": "B1 Evening",
                "student_id": str(student),
                "teacher_id": str(uuid.uuid4()),
            },
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "member@example.com"))
        assert message["Subject"] == "Welcome to the group B1 Evening"

    async def test_waitlist_offer_reaches_email_and_telegram_with_its_deadline(
        self, app: FastAPI, smtp_server: FakeSmtp
    ) -> None:
        student = await add_recipient(
            app, email="waiting@example.com", telegram_chat_id=4242, language="ru", timezone="Europe/Moscow"
        )
        await publish(
            app,
            "group.waitlist_offered",
            {
                "group_id": str(uuid.uuid4()),
                "group_name": "B1 Evening",
                "student_id": str(student),
                "teacher_id": str(uuid.uuid4()),
                "expires_at": "2031-03-10T12:00:00+00:00",
            },
        )
        [message] = await wait_for(lambda: _mails(smtp_server, "waiting@example.com"))
        assert message["Subject"] == "В группе B1 Evening освободилось место"  # noqa: RUF001
        assert "10 марта 2031, 15:00" in parts(message)[0]
        assert "/student/offers" in parts(message)[0]
        [telegram] = await wait_for(lambda: telegram_requests(app))
        assert telegram["chat_id"] == 4242
        assert "B1 Evening" in str(telegram["text"])

    async def test_telegram_link_and_student_profile_feed_the_recipient(self, app: FastAPI) -> None:
        user_id = uuid.uuid4()
        await publish(
            app,
            "student.created",
            {
                "student_id": str(user_id),
                "user_id": str(user_id),
                "first_name": "Kate",
                "last_name": "Lee",
                "email": "Kate@Example.com",
                "phone": "+79001112233",
                "status": "active",
            },
        )
        await publish(
            app, "user.telegram_linked", {"user_id": str(user_id), "telegram_id": 9, "chat_id": 9009, "role": "student"}
        )

        async def linked() -> object:
            row = await recipient(app, user_id)
            return row if row is not None and row.telegram_chat_id else None

        row = await wait_for(linked)
        assert (row.email, row.phone, row.first_name, row.role, row.telegram_chat_id) == (
            "kate@example.com",
            "+79001112233",
            "Kate",
            "student",
            9009,
        )

    async def test_a_self_registered_student_is_known_with_language_and_time_zone(self, app: FastAPI) -> None:
        """`user.registered` had no consumer at all, so auth's outbox kept every registration and
        published it again at every wake-up; the directory learns the language it messages in."""
        user_id = uuid.uuid4()
        await publish(
            app,
            "user.registered",
            {
                "user_id": str(user_id),
                "email": "Self@Example.com",
                "role": "student",
                "first_name": "Ivan",
                "last_name": "Petrov",
                "phone": None,
                "timezone": "Asia/Yekaterinburg",
                "language": "en",
            },
        )

        known = await wait_for(lambda: recipient(app, user_id))
        assert (known.email, known.language, known.timezone, known.last_name, known.phone) == (
            "self@example.com",
            "en",
            "Asia/Yekaterinburg",
            "Petrov",
            None,
        )


async def _mails(smtp_server: FakeSmtp, address: str, count: int = 1) -> list:
    found = smtp_server.to(address)
    return found if len(found) >= count else []


async def _ready(items: list) -> list:
    return list(items)


async def _all_sent(app: FastAPI, count: int) -> list:
    rows = await notifications(app)
    return rows if len(rows) == count and all(r.status == "sent" for r in rows) else []
