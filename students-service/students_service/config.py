"""Settings of students-service, read from the environment (see .env.example)."""

from pathlib import Path
from typing import Annotated

from fastapi import Depends
from pydantic import Field, SecretStr

from studio_kit.config import ServiceSettings, settings_dependency


class Settings(ServiceSettings):
    service_name: str = "students-service"

    # The studio works in one currency; every amount is in its minor units.
    students_currency: str = Field(default="RUB", pattern=r"^[A-Z]{3}$")
    # `balance.low` fires when a balance drops below this (0: when it turns negative).
    students_balance_low_threshold_minor: int = 0
    # Package validity and lesson dates are judged in the studio's own timezone.
    students_studio_timezone: str = "Europe/Moscow"
    # Region assumed for phone numbers written without a country code.
    students_default_phone_region: str = "RU"
    students_documents_dir: Path = Path("/var/lib/studio/documents")
    students_document_max_bytes: int = Field(default=10 * 1024 * 1024, gt=0)
    # Online payment provider (YooKassa API v3 or one speaking it); unset: online checkout answers 503.
    students_payments_provider: str = Field(default="yookassa", pattern=r"^[a-z][a-z0-9_-]{1,29}$")
    students_payments_api_url: str | None = None
    students_payments_shop_id: str | None = None
    students_payments_secret_key: SecretStr | None = None
    # 54-ФЗ receipt: the VAT code of a lesson package (YooKassa codes; 1 = without VAT).
    students_payments_vat_code: int = Field(default=1, ge=1, le=12)
    students_payments_timeout_seconds: float = Field(default=10.0, gt=0, le=60)
    # Package reminders, once per crossing: `package.expiring` when a usable package is within this
    # many days of its last valid day, `package.running_low` when its lessons left fall to this many.
    students_package_expiry_reminder_days: int = Field(default=3, ge=0, le=60)
    students_package_low_lessons: int = Field(default=1, ge=0, le=50)
    # How often the expiry sweep runs (seconds); lessons running low are checked as they are taken.
    students_package_reminder_interval_seconds: float = Field(default=900.0, gt=0)


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
