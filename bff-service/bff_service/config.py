"""Settings of bff-service, read from the environment (see .env.example)."""

from pydantic import Field

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "bff-service"
    calendary_service_url: str | None = None
    groups_service_url: str | None = None
    lessons_service_url: str | None = None
    notifications_service_url: str | None = None
    students_service_url: str | None = None
    teachers_service_url: str | None = None

    # Cookies get the Secure flag and the __Host- prefix unless this is off (dev over plain HTTP).
    session_cookie_secure: bool | None = None
    session_ttl_seconds: int = Field(default=60 * 60 * 24 * 14, gt=60)
    # Deadline of one downstream call made while answering a screen.
    downstream_timeout_seconds: float = Field(default=2.5, gt=0)
    reference_cache_ttl_seconds: int = Field(default=60, ge=0)
    booking_range_max_days: int = Field(default=31, gt=0)

    @property
    def cookies_secure(self) -> bool:
        if self.session_cookie_secure is not None:
            return self.session_cookie_secure
        return not self.is_dev

    @property
    def session_cookie_name(self) -> str:
        # The __Host- prefix pins the cookie to this host, path / and HTTPS.
        return "__Host-studio_session" if self.cookies_secure else "studio_session"
