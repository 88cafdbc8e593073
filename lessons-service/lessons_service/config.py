"""Settings of lessons-service, read from the environment (see .env.example)."""

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "lessons-service"
    calendary_service_url: str | None = None
    groups_service_url: str | None = None
