from studio_kit.migrations import run
from teachers_service import models  # noqa: F401 - registers every table on the metadata
from teachers_service.config import Settings
from teachers_service.database import Base

run(Base.metadata, Settings)
