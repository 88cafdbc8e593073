"""E-mail over SMTP (aiosmtplib), or into .eml files when a local folder is configured."""

from __future__ import annotations

import asyncio
import logging
import os
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import aiosmtplib

from ..config import Settings
from .base import DeliveryError, OutgoingMessage

logger = logging.getLogger("notifications_service.email")


def build_email(message: OutgoingMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.address
    email["Subject"] = message.subject
    email["Date"] = formatdate(localtime=False)
    email["Message-ID"] = make_msgid(idstring=message.notification_id.hex, domain=sender.rpartition("@")[2] or None)
    # Lets a mail client (and a person reading the log) tie the message to its delivery-log row.
    email["X-Notification-Id"] = str(message.notification_id)
    email.set_content(message.text)
    if message.html:
        email.add_alternative(message.html, subtype="html")
    return email


class EmailChannel:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    @property
    def available(self) -> bool:
        return bool(self.settings.email_file_dir or self.settings.smtp_host)

    async def send(self, message: OutgoingMessage) -> None:
        email = build_email(message, self.settings.email_from)
        if self.settings.email_file_dir is not None:
            await asyncio.to_thread(self._write_file, self.settings.email_file_dir, message, email)
            return
        if not self.settings.smtp_host:
            raise DeliveryError("no SMTP_HOST and no EMAIL_FILE_DIR configured")
        try:
            await aiosmtplib.send(
                email,
                hostname=self.settings.smtp_host,
                port=self.settings.smtp_port,
                username=self.settings.smtp_user or None,
                password=self.settings.smtp_password.get_secret_value() or None,
                start_tls=self.settings.smtp_starttls,
                timeout=self.settings.smtp_timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            permanent = all(500 <= error.code < 600 for error in exc.recipients)
            raise DeliveryError(f"recipient refused: {exc}", permanent=permanent) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise DeliveryError(f"SMTP {exc.code}: {exc.message}", permanent=500 <= exc.code < 600) from exc
        except (aiosmtplib.SMTPException, OSError) as exc:
            raise DeliveryError(f"SMTP unavailable: {type(exc).__name__}: {exc}") from exc

    @staticmethod
    def _write_file(directory: Path, message: OutgoingMessage, email: EmailMessage) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{message.notification_id}.eml"
        temporary = target.with_suffix(".eml.tmp")
        temporary.write_bytes(bytes(email))
        # A reader watching the folder never sees half a file.
        os.replace(temporary, target)
        logger.info("e-mail written to %s", target)
