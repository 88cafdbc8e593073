"""Settings of groups-service, read from the environment (see .env.example)."""

from typing import Annotated

from fastapi import Depends
from pydantic import Field

from studio_kit.config import ServiceSettings, settings_dependency


class Settings(ServiceSettings):
    service_name: str = "groups-service"
    # How long a freed seat is held for the first on the waitlist before it passes to the next.
    groups_waitlist_offer_hours: float = Field(default=24, gt=0, le=24 * 14)
    # How often expired offers are swept and passed on.
    groups_waitlist_sweep_interval_seconds: float = Field(default=60, gt=0)


# The one way routes get the settings; event handlers get the same object as `context.settings`.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
