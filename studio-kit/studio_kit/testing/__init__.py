"""Test helpers shared by every service (the pytest plugin lives in `plugin.py`)."""

from .helpers import (
    JWTSigner,
    drop_database,
    prepare_database,
    run_server,
    truncate_all,
)

__all__ = ["JWTSigner", "drop_database", "prepare_database", "run_server", "truncate_all"]
