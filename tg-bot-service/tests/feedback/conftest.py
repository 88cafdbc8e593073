"""Feedback is checked against the real lessons-service and auth-service apps, each on its own
test database."""

import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import async_sessionmaker, create_async_engine

from lessons_service.config import Settings as LessonsSettings
from lessons_service.lessons.models import Lesson, LessonStudent
from lessons_service.main import create_app as create_lessons_app
from studio_kit.testing import prepare_database, run_server

LESSONS_DIR = Path(__file__).resolve().parents[3] / "lessons-service"


@pytest.fixture(scope="session")
async def lessons_settings(
    make_settings: Callable[..., LessonsSettings], test_run_id: str, auth_port: int
) -> LessonsSettings:
    settings = make_settings(
        LessonsSettings,
        # The bot's service token comes from the real auth-service, so lessons trusts its keys.
        auth_jwks_url=f"http://127.0.0.1:{auth_port}/.well-known/jwks.json",
        database="lessons_test_for_bot",
        redis_db=9,
        # Its own queue names, so lessons-service's own tests in the same run keep their messages.
        events_queue_prefix=f"test.{test_run_id}.bot.",
    )
    await prepare_database(settings.database_url, LESSONS_DIR)
    return settings


@pytest.fixture
async def lessons_url(lessons_settings: LessonsSettings) -> AsyncIterator[str]:
    async with run_server(create_lessons_app(lessons_settings)) as url:
        yield url


@pytest.fixture
async def completed_lesson(lessons_settings: LessonsSettings) -> Callable[..., Any]:
    """Put a completed lesson with the given students into lessons-service's database."""

    async def create(*student_ids: str) -> str:
        engine = create_async_engine(lessons_settings.database_url)
        starts = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
        lesson_id = uuid.uuid4()
        try:
            async with async_sessionmaker(engine)() as session, session.begin():
                session.add(
                    Lesson(
                        id=lesson_id,
                        kind="individual",
                        status="completed",
                        teacher_id=uuid.uuid4(),
                        starts_at=starts,
                        ends_at=starts + timedelta(hours=1),
                        price_minor=180_000,
                        currency="RUB",
                        booked_by="admin",
                        completed_at=starts + timedelta(hours=1),
                    )
                )
                await session.flush()
                for student_id in student_ids:
                    session.add(
                        LessonStudent(
                            lesson_id=lesson_id,
                            student_id=uuid.UUID(student_id),
                            price_minor=180_000,
                            attendance="present",
                        )
                    )
        finally:
            await engine.dispose()
        return str(lesson_id)

    return create


@pytest.fixture
async def bot_with_lessons(
    service_settings: Any,
    service_app_factory: Callable[[Any], Any],
    lessons_url: str,
    auth_app: tuple[FastAPI, str],
    auth_client_secret: Any,
) -> AsyncIterator[httpx.AsyncClient]:
    """The bot app talking to the real lessons-service and auth-service."""
    settings = service_settings.model_copy(
        update={
            "lessons_service_url": lessons_url,
            "auth_service_url": auth_app[1],
            "service_client_secret": auth_client_secret,
        }
    )
    app = service_app_factory(settings)
    async with LifespanManager(app):
        await app.state.redis.flushdb()
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bot") as client:
            yield client
