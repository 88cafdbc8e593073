from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from bff_service.config import Settings
from bff_service.main import create_app
from bff_service.session.service import Session, create_session
from studio_kit.testing import JWTSigner
from studio_kit.testing.helpers import free_port

SERVICE_DIR = Path(__file__).resolve().parents[1]
DOWNSTREAMS = ("auth", "calendary", "groups", "lessons", "notifications", "students", "teachers")


@pytest.fixture(scope="session")
def closed_ports() -> dict[str, str]:
    """Every downstream points at a port nobody listens on unless a test starts the real one."""
    return {name: f"http://127.0.0.1:{free_port()}" for name in DOWNSTREAMS}


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings], closed_ports: dict[str, str]) -> Settings:
    return make_settings(
        Settings, database=None, redis_db=2, session_cookie_secure=True,
        **{f"{name}_service_url": url for name, url in closed_ports.items()},
    )


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


@pytest.fixture
def login_as(app: FastAPI, jwt_signer: JWTSigner) -> Callable[..., Any]:
    """Put a session into Redis as a login would, and return cookies + CSRF header for it."""

    async def factory(role: str, user_id: str, *, expires_in: int = 600) -> tuple[Session, dict[str, str]]:
        tokens = {
            "user": {"id": user_id, "email": f"{role}@example.com", "role": role,
                     "first_name": "Test", "last_name": role.title()},
            "access_token": jwt_signer.token(role, user_id),
            "refresh_token": "refresh-" + user_id,
            "expires_in": expires_in,
        }
        session = await create_session(app.state.redis, tokens, 3600)
        return session, {"session": session.id, "csrf": session.csrf_token}

    return factory


@pytest.fixture
async def browser(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTPS-looking client so Secure cookies are sent back."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://testserver") as client:
        yield client
