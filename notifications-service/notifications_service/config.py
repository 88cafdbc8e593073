"""Settings of notifications-service, read from the environment (see .env.example)."""

from pathlib import Path
from typing import Annotated, Literal

from fastapi import Depends
from pydantic import Field, SecretStr, field_validator, model_validator

from studio_kit.config import ServiceSettings, settings_dependency
from studio_kit.types import check_timezone

Language = Literal["ru", "en"]


class Settings(ServiceSettings):
    service_name: str = "notifications-service"

    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = False
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    email_from: str = "studio@example.com"
    # Local mode: every e-mail becomes an .eml file here instead of going to SMTP.
    email_file_dir: Path | None = None

    sms_backend: Literal["log", "smsru"] = "log"
    sms_api_url: str = ""
    sms_api_key: SecretStr = SecretStr("")
    sms_sender: str = ""

    # Web Push (VAPID, RFC 8292): base64url raw P-256 private key; empty disables the channel.
    vapid_private_key: SecretStr = SecretStr("")
    vapid_subject: str = "mailto:studio@example.com"
    # Only tests and local mode may push to plain-http or IP-literal endpoints.
    webpush_allow_insecure_endpoints: bool = False

    notifications_admin_emails: str = ""
    notifications_max_attempts: int = Field(default=5, ge=1, le=20)
    notifications_retry_base_seconds: float = Field(default=30.0, gt=0)
    notifications_retry_max_seconds: float = Field(default=3600.0, gt=0)
    notifications_poll_interval_seconds: float = Field(default=5.0, gt=0)
    notifications_batch_size: int = Field(default=50, ge=1, le=500)
    notifications_default_language: Language = "ru"
    notifications_default_timezone: str = "Europe/Moscow"
    notifications_app_url: str = "http://127.0.0.1:8080"

    @field_validator("email_file_dir", "smtp_host", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        # `EMAIL_FILE_DIR=` in an env file means "not set", not the current directory.
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("notifications_default_timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        return check_timezone(value)

    @model_validator(mode="after")
    def _sms_provider_complete(self) -> "Settings":
        if self.sms_backend == "smsru" and not self.sms_api_url:
            raise ValueError("SMS_BACKEND=smsru needs SMS_API_URL")
        return self

    @property
    def admin_emails(self) -> list[str]:
        return [email.strip().lower() for email in self.notifications_admin_emails.split(",") if email.strip()]

    @property
    def push_enabled(self) -> bool:
        return bool(self.vapid_private_key.get_secret_value())

    def secret_fields(self) -> dict[str, SecretStr]:
        secrets = super().secret_fields()
        if self.smtp_user:
            secrets["SMTP_PASSWORD"] = self.smtp_password
        if self.sms_backend == "smsru":
            secrets["SMS_API_KEY"] = self.sms_api_key
        if self.push_enabled:
            secrets["VAPID_PRIVATE_KEY"] = self.vapid_private_key
        return secrets


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
