from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from notifications_service.config import Settings
from notifications_service.main import create_app

from .fakes import FakePushService, FakeSmsProvider, FakeSmtp, vapid_private_key

SERVICE_DIR = Path(__file__).resolve().parents[1]
ADMIN_FALLBACK_EMAIL = "owner@example.com"


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[FakeSmtp]:
    server = FakeSmtp()
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def sms_provider() -> Iterator[FakeSmsProvider]:
    provider = FakeSmsProvider()
    yield provider
    provider.stop()


@pytest.fixture(scope="session")
def push_service() -> Iterator[FakePushService]:
    service = FakePushService()
    yield service
    service.stop()


@pytest.fixture(scope="session")
def vapid_keys() -> tuple[str, str]:
    """(private, public) VAPID key pair of this test run."""
    return vapid_private_key()


@pytest.fixture(scope="session")
def service_settings(
    vapid_keys: tuple[str, str],
    make_settings: Callable[..., Settings],
    smtp_server: FakeSmtp,
    sms_provider: FakeSmsProvider,
    push_service: FakePushService,
) -> Settings:
    return make_settings(
        Settings,
        database="notifications_test",
        redis_db=6,
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        email_from="studio@example.com",
        sms_backend="smsru",
        sms_api_url=f"{sms_provider.url}/sms/send",
        sms_api_key=FakeSmsProvider.API_KEY,
        vapid_private_key=vapid_keys[0],
        vapid_subject="mailto:admin@example.com",
        webpush_allow_insecure_endpoints=True,
        notifications_admin_emails=ADMIN_FALLBACK_EMAIL,
        notifications_poll_interval_seconds=0.1,
        notifications_retry_base_seconds=0.05,
        notifications_retry_max_seconds=0.2,
        notifications_default_timezone="Europe/Moscow",
        notifications_app_url="https://studio.example.com",
    )


@pytest.fixture(scope="session")
def service_dir() -> Path:
    return SERVICE_DIR


@pytest.fixture(scope="session")
def service_app_factory() -> Callable[[Any], Any]:
    return create_app


@pytest.fixture(autouse=True)
def clean_fakes(smtp_server: FakeSmtp, sms_provider: FakeSmsProvider, push_service: FakePushService) -> None:
    smtp_server.reset()
    sms_provider.reset()
    push_service.reset()
