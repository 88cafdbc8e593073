"""bff-service tests.

Unit-level tests use the plugin's `app` with every downstream on a closed port. Tests of the API
contract use `bff`: the BFF in front of the REAL auth, students, teachers, calendary, groups,
lessons and notifications services, each served by uvicorn on its own loopback port with its own
database (`<svc>_test_for_bff`). Only what lives outside the machine is faked: an OpenID Connect
provider on loopback, and Telegram (initData is signed here with the test bot token)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis.asyncio as aioredis
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from oidc_harness import CLIENT_ID as OIDC_CLIENT_ID
from oidc_harness import CLIENT_SECRET as OIDC_CLIENT_SECRET
from oidc_harness import running_oidc_provider

from auth_service.config import Settings as AuthSettings
from auth_service.main import create_app as create_auth_app
from bff_service.config import Settings
from bff_service.main import create_app
from bff_service.session.service import Session, create_session, load_session
from calendary_service.config import Settings as CalendarySettings
from calendary_service.main import create_app as create_calendary_app
from groups_service.config import Settings as GroupsSettings
from groups_service.main import create_app as create_groups_app
from lessons_service.config import Settings as LessonsSettings
from lessons_service.main import create_app as create_lessons_app
from notifications_service.config import Settings as NotificationsSettings
from notifications_service.main import create_app as create_notifications_app
from students_service.config import Settings as StudentsSettings
from students_service.main import create_app as create_students_app
from studio_kit.testing import JWTSigner, run_server
from studio_kit.testing.helpers import free_port
from studio_kit.testing.plugin import RABBITMQ_URL
from teachers_service.config import Settings as TeachersSettings
from teachers_service.main import create_app as create_teachers_app

from .platform import (
    ADMIN_EMAIL,
    BOT_TOKEN,
    DOWNSTREAM_REDIS_DB,
    DOWNSTREAMS,
    PASSWORD,
    PAYMENTS_SECRET_KEY,
    PAYMENTS_SHOP_ID,
    PUBLIC_URL,
    REPOSITORY,
    SECRETS,
    SERVICE_CLIENTS,
    SERVICE_DIR,
    Browser,
    FakePaymentProvider,
    Platform,
    RunningService,
    ensure_database,
    unique_email,
)

# --- unit level: every downstream on a closed port ---------------------------------------------


@pytest.fixture(scope="session")
def closed_ports() -> dict[str, str]:
    return {name: f"http://127.0.0.1:{free_port()}" for name in DOWNSTREAMS}


@pytest.fixture(scope="session")
def service_settings(make_settings: Callable[..., Settings], closed_ports: dict[str, str]) -> Settings:
    return make_settings(
        Settings,
        database=None,
        redis_db=2,
        session_cookie_secure=True,
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
            "user": {
                "id": user_id,
                "email": f"{role}@example.com",
                "role": role,
                "first_name": "Test",
                "last_name": role.title(),
            },
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


# --- the real platform ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def bff_events(test_run_id: str) -> dict[str, str]:
    """An exchange and queue names of this platform's own: in a run of every suite, students-service's
    own tests consume from `test.<run>.students-service` and must not share it with this platform."""
    return {
        "events_exchange": f"studio.events.test.{test_run_id}.bff",
        "events_queue_prefix": f"test.{test_run_id}.bff.",
    }


@pytest.fixture(scope="session")
async def platform(
    make_settings: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory, bff_events: dict[str, str]
) -> AsyncIterator[Platform]:
    events = bff_events
    ports = {name: free_port() for name in DOWNSTREAMS}
    urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
    jwks = f"{urls['auth']}/.well-known/jwks.json"
    common = {"redis_db": DOWNSTREAM_REDIS_DB, "auth_jwks_url": jwks, "rabbitmq_url": None, **events}
    payments = FakePaymentProvider(PAYMENTS_SHOP_ID, PAYMENTS_SECRET_KEY)
    # A real OpenID provider (tests/oidc: node-oidc-provider) sends browsers back to our callback.
    async with (
        running_oidc_provider([f"{PUBLIC_URL}/api/auth/oauth/test-idp/callback"]) as oidc,
        run_server(payments.app(), lifespan=False) as payments_url,  # type: ignore[arg-type]
    ):
        payments.url = payments_url
        settings: dict[str, Any] = {
            "auth": make_settings(
                AuthSettings,
                database="auth_test_for_bff",
                **{**common, "rabbitmq_url": RABBITMQ_URL},
                auth_service_clients=SERVICE_CLIENTS,
                auth_bootstrap_admin_email=ADMIN_EMAIL,
                auth_bootstrap_admin_password=PASSWORD,
                auth_bootstrap_admin_must_change_password=False,
                telegram_bot_token=BOT_TOKEN,
                telegram_bot_username="studio_bff_test_bot",
                public_web_url=PUBLIC_URL,
                oauth_redirect_origins=PUBLIC_URL,
                oauth_oidc_name="test-idp",
                oauth_oidc_title="Test IdP",
                oauth_oidc_discovery_url=oidc.discovery_url,
                oauth_oidc_client_id=OIDC_CLIENT_ID,
                oauth_oidc_client_secret=OIDC_CLIENT_SECRET,
                # Every SSO start re-reads the provider's discovery: the "provider down" tests need it.
                oauth_metadata_max_age_seconds=0,
                sensitive_requests_per_window=10_000,
                login_ip_max_failures=10_000,
                # A key on disk survives a restart of auth-service in a test.
                jwt_keys_dir=str(tmp_path_factory.mktemp("jwt-keys")),
            ),
            "students": make_settings(
                StudentsSettings,
                database="students_test_for_bff",
                **{**common, "rabbitmq_url": RABBITMQ_URL},
                students_documents_dir=str(tmp_path_factory.mktemp("documents")),
                students_payments_api_url=payments_url,
                students_payments_shop_id=PAYMENTS_SHOP_ID,
                students_payments_secret_key=PAYMENTS_SECRET_KEY,
            ),
            "teachers": make_settings(
                TeachersSettings, database="teachers_test_for_bff", **{**common, "rabbitmq_url": RABBITMQ_URL}
            ),
            "calendary": make_settings(CalendarySettings, database="calendary_test_for_bff", **common),
            "groups": make_settings(GroupsSettings, database="groups_test_for_bff", **common),
            "lessons": make_settings(
                LessonsSettings,
                database="lessons_test_for_bff",
                **common,
                calendary_service_url=urls["calendary"],
                groups_service_url=urls["groups"],
                auth_service_url=urls["auth"],
                service_client_id="lessons-service",
                service_client_secret=SECRETS["lessons-service"],
            ),
            "notifications": make_settings(
                NotificationsSettings,
                database="notifications_test_for_bff",
                **common,
                email_file_dir=str(tmp_path_factory.mktemp("mail")),
            ),
        }
        await asyncio.gather(
            *(ensure_database(settings[name].database_url, REPOSITORY / f"{name}-service") for name in DOWNSTREAMS)
        )
        redis = aioredis.from_url(f"{settings['auth'].redis_url}")
        await redis.flushdb()
        await redis.aclose()
        factories = {
            "auth": create_auth_app,
            "students": create_students_app,
            "teachers": create_teachers_app,
            "calendary": create_calendary_app,
            "groups": create_groups_app,
            "lessons": create_lessons_app,
            "notifications": create_notifications_app,
        }
        services = {
            name: RunningService(name, ports[name], lambda name=name: factories[name](settings[name]))
            for name in DOWNSTREAMS
        }
        # auth first: the others fetch its JWKS and service tokens.
        await services["auth"].start()
        await asyncio.gather(*(service.start() for name, service in services.items() if name != "auth"))
        auth_url = settings["auth"].database_url.set(drivername="postgresql")
        try:
            yield Platform(services, oidc, auth_url.render_as_string(hide_password=False), payments)
        finally:
            for service in services.values():
                await service.stop()


@pytest.fixture(scope="session")
def bff_settings(make_settings: Callable[..., Settings], platform: Platform, bff_events: dict[str, str]) -> Settings:
    return make_settings(
        Settings,
        database=None,
        redis_db=2,
        session_cookie_secure=True,
        public_url=PUBLIC_URL,
        **bff_events,
        downstream_timeout_seconds=2.0,
        admin_dashboard_cache_seconds=0,
        service_client_id="bff-service",
        service_client_secret=SECRETS["bff-service"],
        auth_service_url=platform.url("auth"),
        auth_jwks_url=f"{platform.url('auth')}/.well-known/jwks.json",
        **{f"{name}_service_url": platform.url(name) for name in DOWNSTREAMS if name != "auth"},
    )


@pytest.fixture(scope="session")
async def bff_app(bff_settings: Settings) -> AsyncIterator[FastAPI]:
    """One BFF in front of the real platform for the whole run, started on a clean Redis db (the
    tests use fresh people and teachers each, so they need no reset between them)."""
    application = create_app(bff_settings)
    async with LifespanManager(application, startup_timeout=30, shutdown_timeout=30):
        await application.state.redis.flushdb()
        yield application


@pytest.fixture
async def bff(bff_app: FastAPI, platform: Platform) -> AsyncIterator[FastAPI]:
    """The BFF, with every downstream at full speed when the test starts and ends."""
    for name in platform.services:
        platform.delay(name, 0.0)
    yield bff_app
    for name in platform.services:
        platform.delay(name, 0.0)


@pytest.fixture
async def new_browser(bff: FastAPI) -> AsyncIterator[Callable[[], Browser]]:
    clients: list[httpx.AsyncClient] = []

    def factory() -> Browser:
        http = httpx.AsyncClient(transport=httpx.ASGITransport(app=bff), base_url="https://testserver", timeout=30)
        clients.append(http)
        return Browser(http)

    yield factory
    for http in clients:
        await http.aclose()


@pytest.fixture(scope="session")
async def admin_browser(bff_app: FastAPI) -> AsyncIterator[Browser]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=bff_app), base_url="https://testserver", timeout=30
    ) as http:
        yield Browser(http)


@pytest.fixture
async def admin(admin_browser: Browser, bff: FastAPI) -> Browser:
    """The studio's admin, logged in once for the run (again only when the unit tests, which share
    Redis db 2, flushed the session away)."""
    if await load_session(bff.state.redis, admin_browser.session_id) is None:
        response = await admin_browser.post("/api/auth/login", json={"email": ADMIN_EMAIL, "password": PASSWORD})
        assert response.status_code == 200, response.text
    return admin_browser


@pytest.fixture
def register_student(new_browser: Callable[[], Browser]) -> Callable[..., Any]:
    async def register(**fields: Any) -> tuple[Browser, dict[str, Any]]:
        browser = new_browser()
        body = {
            "email": unique_email("student"),
            "password": PASSWORD,
            "first_name": "Sasha",
            "last_name": "Student",
            "timezone": "Europe/Moscow",
            **fields,
        }
        response = await browser.post("/api/auth/register", json=body)
        assert response.status_code == 201, response.text
        return browser, response.json()["user"]

    return register


@pytest.fixture
def create_teacher(new_browser: Callable[[], Browser], admin: Browser, platform: Platform) -> Callable[..., Any]:
    """A teacher created by the admin, invited, who set a password and is open every day in UTC."""

    async def create(**fields: Any) -> tuple[Browser, dict[str, Any]]:
        email = unique_email("teacher")
        response = await admin.post(
            "/api/admin/teachers",
            json={
                "email": email,
                "first_name": "Tanya",
                "last_name": "Teacher",
                "bio": "Grammar nerd",
                "levels": ["B1", "B2"],
                "timezone": "UTC",
                **fields,
            },
        )
        assert response.status_code == 201, response.text
        teacher = response.json()
        browser = new_browser()
        accepted = await browser.post(
            "/api/auth/invitations/accept", json={"token": await platform.invitation_token(email), "password": PASSWORD}
        )
        assert accepted.status_code == 200, accepted.text
        rules = [{"weekday": day, "start_time": "00:00", "end_time": "23:59"} for day in range(7)]
        opened = await browser.put("/api/teacher/availability", json={"timezone": "UTC", "rules": rules})
        assert opened.status_code == 200, opened.text
        return browser, teacher

    return create
