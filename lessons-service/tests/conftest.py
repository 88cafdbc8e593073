"""lessons-service runs its saga tests against the real calendary-service and groups-service apps,
each on its own loopback port and its own test database."""

import asyncio
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import select

from calendary_service.config import Settings as CalendarySettings
from calendary_service.main import create_app as create_calendary_app
from groups_service.config import Settings as GroupsSettings
from groups_service.main import create_app as create_groups_app
from lessons_service.config import Settings
from lessons_service.database import outbox_messages
from lessons_service.lessons.models import Lesson, LessonStudent
from lessons_service.main import create_app
from studio_kit.testing import JWTSigner, prepare_database, run_server
from studio_kit.testing.helpers import free_port

SERVICE_DIR = Path(__file__).resolve().parents[1]
REPOSITORY = SERVICE_DIR.parent
LESSONS_SCOPES = ["calendary:book", "calendary:read", "groups:read"]


class StaticTokenProvider:
    """Stands in for auth-service's client-credentials grant: a service token from the test signer."""

    def __init__(self, token: str) -> None:
        self._token = token

    async def token(self) -> str:
        return self._token

    async def aclose(self) -> None:
        return None


@pytest.fixture(scope="session")
def calendary_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def groups_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings], calendary_port: int, groups_port: int) -> Settings:
    return make_settings(
        Settings,
        database="lessons_test",
        redis_db=5,
        calendary_service_url=f"http://127.0.0.1:{calendary_port}",
        groups_service_url=f"http://127.0.0.1:{groups_port}",
    )


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


def service_token(jwt_signer: JWTSigner, scopes: list[str] = LESSONS_SCOPES) -> str:
    return jwt_signer.token("service", sub="service:lessons", scopes=scopes, expires_in=timedelta(hours=4))


@pytest.fixture
async def app(app: FastAPI, jwt_signer: JWTSigner) -> FastAPI:
    """The plugin's app, calling its downstreams with a service token."""
    provider = StaticTokenProvider(service_token(jwt_signer))
    for client in app.state.clients.values():
        client.token_provider = provider
    return app


@pytest.fixture(scope="session")
async def downstreams(
    make_settings: Callable[..., Any], calendary_port: int, groups_port: int
) -> AsyncIterator[dict[str, str]]:
    """The real calendary-service and groups-service, each on its own database (not the ones
    their own tests use), migrated side by side and served on the ports lessons is set up with."""
    calendary_settings = make_settings(
        CalendarySettings, database="calendary_test_for_lessons", redis_db=5, rabbitmq_url=None
    )
    groups_settings = make_settings(GroupsSettings, database="groups_test_for_lessons", redis_db=4, rabbitmq_url=None)
    assert calendary_settings.database_url is not None
    assert groups_settings.database_url is not None
    await asyncio.gather(
        prepare_database(calendary_settings.database_url, REPOSITORY / "calendary-service"),
        prepare_database(groups_settings.database_url, REPOSITORY / "groups-service"),
    )
    async with (
        run_server(create_calendary_app(calendary_settings), port=calendary_port) as calendary_url,
        run_server(create_groups_app(groups_settings), port=groups_port) as groups_url,
    ):
        yield {"calendary": calendary_url, "groups": groups_url}


@pytest.fixture
def calendary_url(downstreams: dict[str, str]) -> str:
    return downstreams["calendary"]


@pytest.fixture
def groups_url(downstreams: dict[str, str]) -> str:
    return downstreams["groups"]


@pytest.fixture
async def calendary(calendary_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=calendary_url, timeout=10) as http:
        yield http


@pytest.fixture
async def groups(groups_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=groups_url, timeout=10) as http:
        yield http


@pytest.fixture
def admin(jwt_signer: JWTSigner) -> dict[str, str]:
    return jwt_signer.headers("admin")


@pytest.fixture
def calendary_service(jwt_signer: JWTSigner) -> dict[str, str]:
    """How a test reads calendary's side of the booking (the same scopes lessons has)."""
    return {"Authorization": f"Bearer {service_token(jwt_signer)}"}


@pytest.fixture
def open_teacher(calendary: httpx.AsyncClient, admin: dict[str, str]) -> Callable[[str], Awaitable[None]]:
    """Give a teacher bookable hours all day, every day (UTC) in calendary."""

    async def open_hours(teacher_id: str) -> None:
        rules = [{"weekday": day, "start_time": "00:00", "end_time": "23:59"} for day in range(7)]
        response = await calendary.put(
            f"/teachers/{teacher_id}/availability", json={"timezone": "UTC", "rules": rules}, headers=admin
        )
        assert response.status_code == 200, response.text

    return open_hours


@pytest.fixture
def published(app: FastAPI) -> Callable[..., Awaitable[list[dict[str, Any]]]]:
    """The `data` of events written to the outbox, oldest first."""

    async def read(event_type: str | None = None) -> list[dict[str, Any]]:
        statement = select(outbox_messages.c.payload).order_by(outbox_messages.c.created_at)
        if event_type is not None:
            statement = statement.where(outbox_messages.c.type == event_type)
        async with app.state.database.sessionmaker() as session:
            return [row["data"] for row in (await session.execute(statement)).scalars()]

    return read


@pytest.fixture
def seed_lesson(app: FastAPI) -> Callable[..., Awaitable[str]]:
    """Write a lesson straight into the database, for states booking cannot reach (one that
    already took place, a group lesson without calendary)."""

    async def seed(
        *,
        teacher_id: uuid.UUID,
        student_ids: list[uuid.UUID],
        starts_at: datetime,
        kind: str = "individual",
        group_id: uuid.UUID | None = None,
        price_minor: int = 200_000,
        minutes: int = 60,
    ) -> str:
        lesson_id = uuid.uuid4()
        async with app.state.database.sessionmaker() as session, session.begin():
            session.add(
                Lesson(
                    id=lesson_id,
                    kind=kind,
                    status="scheduled",
                    teacher_id=teacher_id,
                    group_id=group_id,
                    starts_at=starts_at,
                    ends_at=starts_at + timedelta(minutes=minutes),
                    price_minor=price_minor,
                    currency="RUB",
                    booked_by="test",
                    late_cancel=False,
                )
            )
            await session.flush()
            session.add_all(
                [
                    LessonStudent(lesson_id=lesson_id, student_id=student, price_minor=price_minor)
                    for student in student_ids
                ]
            )
        return str(lesson_id)

    return seed
