"""Local mode: e-mail becomes .eml files a person can open."""

import uuid
from collections.abc import Callable
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from notifications_service.channels.base import OutgoingMessage
from notifications_service.channels.email import EmailChannel, compose_email
from notifications_service.config import Settings


class TestFileMode:
    async def test_message_is_written_as_a_complete_eml_file(
        self, tmp_path: Path, make_settings: Callable[..., Settings]
    ) -> None:
        settings = make_settings(
            Settings, database=None, redis_db=6, email_file_dir=str(tmp_path / "mail"), smtp_host=""
        )
        message = OutgoingMessage(
            notification_id=uuid.uuid4(),
            address="reader@example.com",
            subject="Привет",
            text="Plain body",
            short="short",
            html="<p>HTML body</p>",
        )
        await EmailChannel(settings).send(message)
        [file] = list((tmp_path / "mail").iterdir())
        assert file.name == f"{message.notification_id}.eml"
        email = message_from_bytes(file.read_bytes(), policy=policy.default)
        assert (email["To"], email["Subject"]) == ("reader@example.com", "Привет")
        assert email.get_body(preferencelist=("plain",)).get_content().strip() == "Plain body"
        assert "<p>HTML body</p>" in email.get_body(preferencelist=("html",)).get_content()

    def test_empty_setting_means_smtp(self, make_settings: Callable[..., Settings]) -> None:
        settings = make_settings(Settings, database=None, redis_db=6, email_file_dir="", smtp_host="")
        assert settings.email_file_dir is None
        assert not EmailChannel(settings).available


class TestComposition:
    """The composed bytes read back as the message: headers, both bodies, any language."""

    def _compose(self, message: OutgoingMessage) -> bytes:
        data = compose_email(message, "studio@example.com")
        assert data is not None
        return data

    def _read(self, message: OutgoingMessage) -> EmailMessage:
        return message_from_bytes(self._compose(message), policy=policy.default)  # type: ignore[return-value]

    def test_long_russian_subject_and_body_survive(self) -> None:
        subject = "Урок назначен: 9 декабря 2026, 18:00 (Europe/Moscow) — индивидуальный, с Анной Петровой"  # noqa: RUF001
        text = "Здравствуйте, Иван!\n\nУрок назначен.\r\nДо встречи.\n" + "x" * 120  # noqa: RUF001
        message = OutgoingMessage(
            notification_id=uuid.uuid4(), address="ivan@example.com", subject=subject, text=text, short="s", html=None
        )
        email = self._read(message)
        assert email["Subject"] == subject
        assert email["X-Notification-Id"] == str(message.notification_id)
        assert email["Message-ID"].endswith("@example.com>")
        assert email.get_content_type() == "text/plain"
        assert email.get_content() == text.replace("\r\n", "\n") + "\n"
        # Encoded words keep every line short (the Message-ID, as with the email package, is one word).
        lines = self._compose(message).decode("ascii").splitlines()
        assert all(len(line) <= 78 for line in lines if "Message-ID:" not in line and "@example.com>" not in line)

    def test_plain_ascii_message_with_html(self) -> None:
        message = OutgoingMessage(
            notification_id=uuid.uuid4(),
            address="reader@example.com",
            subject="Lesson booked",
            text="Hello!\n\nSee you.",
            short="s",
            html="<p>Hello &amp; welcome</p>",
        )
        email = self._read(message)
        assert (email["From"], email["To"]) == ("studio@example.com", "reader@example.com")
        assert email["Subject"] == "Lesson booked"
        assert email.get_content_type() == "multipart/alternative"
        assert email.get_body(preferencelist=("plain",)).get_content() == "Hello!\n\nSee you.\n"
        assert email.get_body(preferencelist=("html",)).get_content() == "<p>Hello &amp; welcome</p>\n"

    def test_a_header_it_cannot_write_plainly_goes_through_the_email_package(self) -> None:
        message = OutgoingMessage(
            notification_id=uuid.uuid4(), address="иван@пример.рф", subject="Привет", text="Тело", short="s"
        )
        assert compose_email(message, "studio@example.com") is None
        injected = OutgoingMessage(
            notification_id=uuid.uuid4(), address="a@example.com", subject="Hi\nBcc: x@example.com", text="t", short="s"
        )
        assert compose_email(injected, "studio@example.com") is None
