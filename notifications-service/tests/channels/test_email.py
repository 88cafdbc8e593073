"""Local mode: e-mail becomes .eml files a person can open."""

import uuid
from collections.abc import Callable
from email import message_from_bytes, policy
from pathlib import Path

from notifications_service.channels.base import OutgoingMessage
from notifications_service.channels.email import EmailChannel
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
