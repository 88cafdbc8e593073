from auth_service import models  # noqa: F401 - registers every table on the metadata
from auth_service.config import Settings
from auth_service.database import Base
from studio_kit.migrations import run

run(Base.metadata, Settings)
