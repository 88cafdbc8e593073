"""One platform per pytest session, shared by the smoke tests and the end-to-end journeys: started
like `make up` (tests/support/platform.py) with the fake Telegram Bot API on loopback, the demo
studio seeded, stopped and its databases dropped when the session ends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.demo import DEMO_TEACHER_EMAIL, demo_id
from tests.support.fakes import BOT_TOKEN, FakeTelegram, serve_in_thread
from tests.support.platform import Platform, PlatformFailed, running_platform


@pytest.fixture(scope="session")
def fake_telegram() -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    with serve_in_thread(fake.app) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="session")
def studio(tmp_path_factory: pytest.TempPathFactory, fake_telegram: FakeTelegram) -> Iterator[Platform]:
    local_dir: Path = tmp_path_factory.mktemp("studio-local")
    extra = {
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
