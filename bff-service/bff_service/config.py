"""Settings of bff-service, read from the environment (see .env.example)."""

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "bff-service"
    calendary_service_url: str | None = None
    groups_service_url: str | None = None
    lessons_service_url: str | None = None
    notifications_service_url: str | None = None
    students_service_url: str | None = None
    teachers_service_url: str | None = None
