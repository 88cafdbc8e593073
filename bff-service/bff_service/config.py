"""Settings of bff-service, read from the environment (see .env.example)."""

from typing import Annotated

from fastapi import Depends
from pydantic import Field

from studio_kit.config import ServiceSettings, settings_dependency
from studio_kit.types import TimeZone


class Settings(ServiceSettings):
    service_name: str = "bff-service"
    calendary_service_url: str | None = None
    groups_service_url: str | None = None
    lessons_service_url: str | None = None
    notifications_service_url: str | None = None
    students_service_url: str | None = None
    teachers_service_url: str | None = None

    # The origin the browser sees (nginx); OAuth providers send the browser back under it.
    public_url: str = "http://localhost:8080"

    # Cookies get the Secure flag and the __Host- prefix unless this is off (dev over plain HTTP).
    session_cookie_secure: bool | None = None
    session_ttl_seconds: int = Field(default=60 * 60 * 24 * 14, gt=60)
    # How long a started OAuth login may take before its state is forgotten.
    oauth_state_ttl_seconds: int = Field(default=600, ge=30)
    # Deadline of one downstream call made while answering a screen, retries included.
    downstream_timeout_seconds: float = Field(default=2.5, gt=0)
    reference_cache_ttl_seconds: int = Field(default=300, ge=0)
    # The admin KPIs may be this many seconds old (0 computes them on every request).
    admin_dashboard_cache_seconds: int = Field(default=30, ge=0)
    # A student's dashboard may be kept this long (at most a day); the student's own writes and the
    # events naming them drop theirs, staff writes and studio-wide events drop every kept one
    # (ADR 0240). 0 computes it on every request.
    student_dashboard_cache_seconds: int = Field(default=30, ge=0, le=86400)
    # The studio's IANA zone: where a new teacher works unless the admin picks another one.
    studio_timezone: TimeZone = "Europe/Moscow"
    booking_range_max_days: int = Field(default=31, gt=0)
    schedule_range_max_days: int = Field(default=62, gt=0)

    @property
    def cookies_secure(self) -> bool:
        if self.session_cookie_secure is not None:
            return self.session_cookie_secure
        return not self.is_dev

    @property
    def session_cookie_name(self) -> str:
        # The __Host- prefix pins the cookie to this host, path / and HTTPS.
        return "__Host-studio_session" if self.cookies_secure else "studio_session"

    @property
    def oauth_cookie_name(self) -> str:
        return "__Host-studio_oauth" if self.cookies_secure else "studio_oauth"


# The one way routes get the settings, as in every other service.
get_settings = settings_dependency(Settings)
SettingsDep = Annotated[Settings, Depends(get_settings)]
