"""One platform per pytest session, shared by the smoke tests and the end-to-end journeys: started
like `make up` (tests/support/platform.py) with the fake Telegram Bot API on loopback, the demo
studio seeded, stopped and its databases dropped when the session ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.demo import DEMO_TEACHER_EMAIL, demo_id
from tests.support.fakes import BOT_TOKEN, FakeTelegram, MailCatcher, serve_in_thread, smtp_server
from tests.support.platform import Platform, PlatformFailed, running_platform


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    with serve_in_thread(fake.app) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="session")
def studio_local_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("studio-local")


@pytest.fixture(scope="session")
def mail_catcher(studio_local_dir: Path) -> Iterator[tuple[int, MailCatcher]]:
    """A local SMTP server: the platform's notifications-service sends real SMTP to it."""
    with smtp_server(studio_local_dir / "mail") as caught:
        yield caught


@pytest.fixture(scope="session")
def studio(
    studio_local_dir: Path, fake_telegram: FakeTelegram, mail_catcher: tuple[int, MailCatcher]
) -> Iterator[Platform]:
    local_dir = studio_local_dir
    smtp_port, _ = mail_catcher
    extra = {
        "STUDIO_SMTP_HOST": "127.0.0.1",
        "STUDIO_SMTP_PORT": str(smtp_port),
        "BOT_TOKEN": BOT_TOKEN,
        "TELEGRAM_API_URL": fake_telegram.url,
        # Every service inherits the runner's environment (scripts/with-env.sh adds its env file on
        # top), so the bot offers the seeded demo teacher's real free slots to prospects.
        "TRIAL_TEACHER_IDS": str(demo_id(DEMO_TEACHER_EMAIL)),
    }
    try:
        with running_platform(local_dir, extra) as platform:
            yield platform
    except PlatformFailed as exc:
        pytest.fail(str(exc), pytrace=False)
