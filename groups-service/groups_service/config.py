"""Settings of groups-service, read from the environment (see .env.example)."""
# The editable studio-kit install is invisible to plain mypy, so its classes look like Any here.
# mypy: disallow-subclassing-any=False

from studio_kit.config import ServiceSettings


class Settings(ServiceSettings):
    service_name: str = "groups-service"
