"""Settings every service shares, read from the environment (and an optional `.env`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

from fastapi import Request
from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict
from sqlalchemy import URL

# Values copied from examples and docs; a service refuses to start with them outside dev/test.
PLACEHOLDER_SECRETS = frozenset(
    {
        "",
        "changeme",
        "change-me",
        "changethis",
        "secret",
        "password",
        "your_jwt_secret",
        "your_bff_secret_key",
        "your_telegram_bot_token",
        "user",
        "demo-studio-2026",  # the demo studio's password (API.md), for ENVIRONMENT=dev only
    }
)


class ServiceSettings(BaseSettings):
    """Base settings: the seed's variable names plus what every service needs."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", env_file_encoding="utf-8")

    service_name: str = "service"
    environment: Literal["dev", "test", "production", "staging"] = "production"
    log_level: str = "INFO"

    db_host: str | None = None
    db_port: int = 5432
    postgres_db: str | None = None
    postgres_user: str = "postgres"
    postgres_password: SecretStr = SecretStr("")
    # Connections per process, opened as needed and kept, and how many more a burst may open. Keep
    # the sum over every process of the platform (plus one LISTEN connection each) below
    # PostgreSQL's max_connections. Overflow connections are closed as soon as they are returned,
    # so a burst past the pool paid a new backend and asyncpg's setup per checkout (issue 19: a
    # fifth of the bookings at 8 clients opened one); the pool holds the peak instead.
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=0, ge=0)

    rabbitmq_url: str | None = None
    events_exchange: str = "studio.events"
    # Tests isolate their queues with a prefix and let RabbitMQ drop them when unused.
    events_queue_prefix: str = ""
    events_queue_expires_ms: int | None = None
    # The outbox relay is woken by LISTEN/NOTIFY on commit; this is only its fallback poll.
    outbox_poll_interval_seconds: float = Field(default=5.0, gt=0)
    redis_url: str | None = None

    auth_jwks_url: str | None = None
    jwt_issuer: str = "studio-auth"
    jwt_audience: str = "studio"

    service_client_id: str | None = None
    service_client_secret: SecretStr = SecretStr("")
    auth_service_url: str | None = None

    http_timeout_seconds: float = Field(default=5.0, gt=0)

    @property
    def is_dev(self) -> bool:
        return self.environment in ("dev", "test")

    @property
    def database_url(self) -> URL | None:
        if not self.db_host or not self.postgres_db:
            return None
        return URL.create(
            "postgresql+asyncpg",
            username=self.postgres_user,
            password=self.postgres_password.get_secret_value() or None,
            host=self.db_host,
            port=self.db_port,
            database=self.postgres_db,
        )

    def secret_fields(self) -> dict[str, SecretStr]:
        """Secrets that must be real outside dev/test. Services extend this."""
        secrets: dict[str, SecretStr] = {}
        if self.db_host:
            secrets["POSTGRES_PASSWORD"] = self.postgres_password
        if self.service_client_id:
            secrets["SERVICE_CLIENT_SECRET"] = self.service_client_secret
        return secrets

    @model_validator(mode="after")
    def _refuse_placeholder_secrets(self) -> ServiceSettings:
        if self.is_dev:
            return self
        weak = [
            name
            for name, value in self.secret_fields().items()
            if value.get_secret_value().strip().lower() in PLACEHOLDER_SECRETS or len(value.get_secret_value()) < 8
        ]
        if weak:
            raise ValueError(
                f"refusing to start in {self.environment!r}: set real values for {', '.join(sorted(weak))}"
            )
        return self


SettingsT = TypeVar("SettingsT", bound=ServiceSettings)


def settings_dependency(settings_type: type[SettingsT]) -> Callable[[Request], Awaitable[SettingsT]]:
    """The FastAPI dependency giving a route the app's settings (`create_app` keeps them on
    `app.state.settings`); each service declares it once in its config.py:

        get_settings = settings_dependency(Settings)
        SettingsDep = Annotated[Settings, Depends(get_settings)]

    Event handlers get the same object as `context.settings`; nothing keeps settings in a global.
    The dependency is async: FastAPI runs a plain function on a worker thread, and that hand-off
    cost more CPU per request than the lookup (issue 19; tests/contracts/test_async_dependencies.py)."""

    async def get_settings(request: Request) -> SettingsT:
        settings = request.app.state.settings
        if not isinstance(settings, settings_type):
            raise RuntimeError(f"the app's settings are {type(settings).__name__}, not {settings_type.__name__}")
        return settings

    get_settings.__name__ = f"get_{settings_type.__module__.split('.')[0]}_settings"
    return get_settings
