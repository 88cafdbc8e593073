"""Settings of teachers-service, read from the environment (see .env.example)."""

from pydantic import Field

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "teachers-service"

    # The studio pays in one currency; rates and payroll are in its minor units.
    teachers_currency: str = Field(default="RUB", pattern=r"^[A-Z]{3}$")
    # Rate effective dates and payroll months are read in the studio's timezone.
    teachers_studio_timezone: str = "Europe/Moscow"


_active: Settings | None = None


def use_settings(settings: Settings) -> None:
    """Remember the app's settings for code that runs outside a request (event handlers)."""
    global _active
    _active = settings


def active_settings() -> Settings:
    return _active if _active is not None else Settings()
