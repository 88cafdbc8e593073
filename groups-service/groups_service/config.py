"""Settings of groups-service, read from the environment (see .env.example)."""

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "groups-service"
