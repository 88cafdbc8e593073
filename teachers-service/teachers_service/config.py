"""Settings of teachers-service, read from the environment (see .env.example)."""

from typing import Annotated

from fastapi import Depends
from pydantic import Field

from studio_kit.config import ServiceSettings, settings_dependency


class Settings(ServiceSettings):
    service_name: str = "teachers-service"

    # The studio pays in one currency; rates and payroll are in its minor units.
    teachers_currency: str = Field(default="RUB", pattern=r"^[A-Z]{3}$")
    # Rate effective dates and payroll months are read in the studio's timezone.
    teachers_studio_timezone: str = "Europe/Moscow"


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
