"""The platform as `docker compose up --build` starts it, for the journeys through the containers.

One stack per pytest session (`make test-compose-up`, scripts/compose-test.sh, which first makes the
engine and the base images available): the repository is copied to a staging folder (its own .env
files are never touched), scripts/compose-env.py writes fresh .env files there, a few values are set
for the test (the fake Telegram Bot API and the SMTP catcher, both on the docker bridge address the
containers reach, the demo admin, plain-HTTP cookies), and `docker-compose up --build -d` runs the
project's own docker-compose.yml with one test-only override: each service's port published on
loopback, for the arrangements the journeys make straight at the services (tests/e2e/conftest.py).
The demo studio is seeded, and at the end everything is removed with its volumes (images and the
layer cache stay).

Settings: STUDIO_COMPOSE_HTTP_PORT (nginx on the host, default 28080), STUDIO_COMPOSE_SERVICE_PORT
(first published service port, default 28100), STUDIO_COMPOSE_PROJECT (default studio-compose-test),
STUDIO_NET_PREFIX (the compose network, default 172.30.10)."""

from __future__ import annotations

import ipaddress
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.e2e.conftest import browser, demo_studio, other_browser, services  # noqa: F401 (the journeys' fixtures)
from tests.support.demo import DEMO_PASSWORD, DEMO_TEACHER_EMAIL, demo_id
from tests.support.fakes import BOT_TOKEN, FakeTelegram, MailCatcher, serve_in_thread, smtp_server
from tests.support.platform import LOCAL_RUNNER

REPO = Path(__file__).resolve().parents[2]
PROJECT = os.environ.get("STUDIO_COMPOSE_PROJECT", "studio-compose-test")
HTTP_PORT = int(os.environ.get("STUDIO_COMPOSE_HTTP_PORT", "28080"))
SERVICE_PORT = int(os.environ.get("STUDIO_COMPOSE_SERVICE_PORT", "28100"))
NET_PREFIX = os.environ.get("STUDIO_NET_PREFIX", "172.30.10")
ADMIN_EMAIL = "admin@demo.studio"
UP_TIMEOUT_S = 1800  # a first build on a fresh, busy machine downloads every image's packages
HEALTHY_TIMEOUT_S = 420
STAGING_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "dist", ".local", "__pycache__", "*.pyc", ".mypy_cache", ".ruff_cache",
    ".pytest_cache", ".env", "test-results", "playwright-report", "*.egg-info", "build",
)  # fmt: skip


def bridge_address() -> str:
    """The host's address on Docker's default bridge: every container reaches it, nothing outside does."""
    result = subprocess.run(
        ["docker", "network", "inspect", "bridge", "-f", "{{json .IPAM.Config}}"],
        capture_output=True,
        text=True,
        check=True,
    )
    config = json.loads(result.stdout)[0]
    # The engine leaves Gateway out when docker0 has its default address: the subnet's first host.
    return str(config.get("Gateway") or next(ipaddress.ip_network(config["Subnet"]).hosts()))


def set_env(path: Path, **values: str) -> None:
    """Set KEY=value lines in a generated .env file (replacing the generated value)."""
    lines = [line for line in path.read_text().splitlines() if line.partition("=")[0] not in values]
    path.write_text("\n".join([*lines, *(f"{key}={value}" for key, value in values.items())]) + "\n")


def read_env(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line and line[0] != "#")
    return dict(pairs)


@dataclass
class ComposePlatform:
    """What the journeys need of a platform (tests/support/platform.py's Platform), for compose."""

    stage: Path
    local_dir: Path
    compose: list[str]
    base_url: str = f"http://127.0.0.1:{HTTP_PORT}"
    seed_outcome: str = "ok"
    ports: dict[str, int] = field(default_factory=dict)

    @property
    def mail_dir(self) -> Path:
        return self.local_dir / "mail"

    def service_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports[name]}"

    def service_env(self, name: str) -> dict[str, str]:
        return read_env(self.stage / f"{name}-service" / ".env")

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*self.compose, *args], capture_output=True, text=True, timeout=timeout)

    def container(self, service: str) -> str:
        return self.run("ps", "-q", service).stdout.strip()

    def health(self) -> dict[str, str]:
        """Every container of the project: its health (or state when it has no healthcheck)."""
        ids = self.run("ps", "-q", "-a").stdout.split()
        if not ids:
            return {}
        inspected = json.loads(subprocess.run(["docker", "inspect", *ids], capture_output=True, check=True).stdout)
        states = {}
        for item in inspected:
            name = item["Config"]["Labels"].get("com.docker.compose.service", item["Name"])
            state = item["State"]
            # A one-shot job (auth-keys) built from a service image keeps that image's healthcheck.
            running = state["Status"] != "exited" and state.get("Health")
            states[name] = state["Health"]["Status"] if running else state["Status"]
        return states

    def wait_healthy(self, timeout: float = HEALTHY_TIMEOUT_S) -> None:
        deadline = time.monotonic() + timeout
        while True:
            states = self.health()
            # "running": no healthcheck (nginx); "exited": a finished one-shot job.
            waiting = {name: s for name, s in states.items() if s not in ("healthy", "running", "exited")}
            if states and not waiting:
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"not healthy after {timeout:.0f} s: {waiting}\n{self.logs()}")
            time.sleep(2)

    def logs(self, tail: int = 40) -> str:
        return self.run("logs", "--no-color", f"--tail={tail}").stdout[-20000:]


@pytest.fixture(scope="session")
def bridge() -> str:
    return bridge_address()


@pytest.fixture(scope="session")
def fake_telegram(bridge: str) -> Iterator[FakeTelegram]:
    fake = FakeTelegram()
    with serve_in_thread(fake.app, host=bridge) as url:
        fake.url = url
        yield fake


@pytest.fixture(scope="session")
def studio_local_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("studio-compose")


@pytest.fixture(scope="session")
def mail_catcher(studio_local_dir: Path, bridge: str) -> Iterator[tuple[int, MailCatcher]]:
    with smtp_server(studio_local_dir / "mail", host=bridge) as caught:
        yield caught


def stage_project(stage: Path, base_url: str, fake_telegram: FakeTelegram, bridge: str, smtp_port: int) -> None:
    """The repository with fresh .env files, as a user lays it out before `docker compose up`."""
    shutil.copytree(REPO, stage, ignore=STAGING_IGNORE, symlinks=True)
    env = {**os.environ, "BOT_TOKEN": BOT_TOKEN}
    subprocess.run([sys.executable, str(REPO / "scripts" / "compose-env.py"), str(stage)], env=env, check=True)
    # dev: the demo studio's well-known password (the journeys' logins) is refused in production;
    # that the generated settings start in production is checked statically (tests/smoke).
    set_env(stage / ".env", HTTP_PORT=str(HTTP_PORT), STUDIO_NET_PREFIX=NET_PREFIX, ENVIRONMENT="dev")
    set_env(
        stage / "auth-service" / ".env",
        AUTH_BOOTSTRAP_ADMIN_EMAIL=ADMIN_EMAIL,
        AUTH_BOOTSTRAP_ADMIN_PASSWORD=DEMO_PASSWORD,
        # The journeys log in as the demo admin; the forced change has its own test (bff-service).
        AUTH_BOOTSTRAP_ADMIN_MUST_CHANGE_PASSWORD="false",
        PUBLIC_WEB_URL=base_url,
    )
    set_env(stage / "bff-service" / ".env", SESSION_COOKIE_SECURE="false", PUBLIC_URL=base_url)
    set_env(
        stage / "notifications-service" / ".env",
        SMTP_HOST=bridge,
        SMTP_PORT=str(smtp_port),
        NOTIFICATIONS_ADMIN_EMAILS=ADMIN_EMAIL,
        NOTIFICATIONS_APP_URL=base_url,
    )
    set_env(stage / "calendary-service" / ".env", CALENDARY_FEED_BASE_URL=base_url)
    set_env(
        stage / "tg-bot-service" / ".env",
        TELEGRAM_API_URL=fake_telegram.url,
        PUBLIC_URL=base_url,
        WEBAPP_URL=f"{base_url}/",
        TRIAL_TEACHER_IDS=str(demo_id(DEMO_TEACHER_EMAIL)),
    )


def publish_services(stage: Path) -> dict[str, int]:
    """Test-only override: each service on a loopback port, for the journeys' direct arrangements."""
    ports = {service.name: SERVICE_PORT + index for index, service in enumerate(LOCAL_RUNNER.SERVICES)}
    lines = ["services:"]
    for name, port in ports.items():
        lines += [f"  {name}-service:", f'    ports: ["127.0.0.1:{port}:8000"]']
    # The demo seed publishes its leads (trial.requested) straight to the broker, as the bot does.
    ports["rabbitmq"] = SERVICE_PORT + len(ports)
    lines += ["  rabbitmq:", f'    ports: ["127.0.0.1:{ports["rabbitmq"]}:5672"]']
    (stage / "docker-compose.test.yml").write_text("\n".join(lines) + "\n")
    return ports


def seed(platform: ComposePlatform) -> str:
    """scripts/seed_demo.py against the containers (it reads the service URLs from env/bff.env)."""
    urls = {f"{s.env_prefix}_SERVICE_URL": platform.service_url(s.name) for s in LOCAL_RUNNER.SERVICES}
    (platform.local_dir / "env").mkdir(exist_ok=True)
    (platform.local_dir / "env" / "bff.env").write_text("".join(f"{k}={v}\n" for k, v in urls.items()))
    # As the bot's own RabbitMQ user: the one allowed to publish trial.requested.
    password = read_env(platform.stage / ".env")["RABBITMQ_TG_BOT_PASSWORD"]
    broker = f"amqp://tg-bot-service:{password}@127.0.0.1:{platform.ports['rabbitmq']}/"
    (platform.local_dir / "env" / "students.env").write_text(f"RABBITMQ_URL={broker}\n")
    env = {**os.environ, "STUDIO_LOCAL_DIR": str(platform.local_dir), "STUDIO_ADMIN_EMAIL": ADMIN_EMAIL}
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "seed_demo.py")], env=env, capture_output=True, text=True, timeout=600
    )
    return "ok" if result.returncode == 0 else f"demo seed failed:\n{result.stdout[-3000:]}{result.stderr[-3000:]}"


@pytest.fixture(scope="session")
def studio(
    studio_local_dir: Path,
    fake_telegram: FakeTelegram,
    mail_catcher: tuple[int, MailCatcher],
    bridge: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[ComposePlatform]:
    stage = tmp_path_factory.mktemp("compose-project") / "studio"
    base_url = f"http://127.0.0.1:{HTTP_PORT}"
    stage_project(stage, base_url, fake_telegram, bridge, mail_catcher[0])
    ports = publish_services(stage)
    compose = ["docker-compose", "-p", PROJECT, "-f", str(stage / "docker-compose.yml")]
    compose += ["-f", str(stage / "docker-compose.test.yml"), "--project-directory", str(stage)]
    platform = ComposePlatform(stage=stage, local_dir=studio_local_dir, compose=compose, ports=ports)
    platform.run("down", "-v", "--remove-orphans", timeout=300)  # what a killed earlier run left
    try:
        started = time.monotonic()
        built = platform.run("build", "--parallel", timeout=UP_TIMEOUT_S)
        assert built.returncode == 0, built.stdout[-6000:] + built.stderr[-6000:]
        built_s = time.monotonic() - started
        up = platform.run("up", "-d", timeout=UP_TIMEOUT_S)
        if up.returncode != 0:
            # On a busy machine a service can outlast its image's start period (60 s) and be
            # "unhealthy" for a while, and compose then refuses to start nginx behind it. Once every
            # started container is healthy, a second `up` starts the rest.
            platform.wait_healthy()
            up = platform.run("up", "-d", timeout=UP_TIMEOUT_S)
        assert up.returncode == 0, up.stdout[-4000:] + up.stderr[-4000:] + platform.logs()
        platform.wait_healthy()
        ready_s = time.monotonic() - started
        for service in LOCAL_RUNNER.SERVICES:
            ready = httpx.get(platform.service_url(service.name) + "/health/ready", timeout=10)
            assert ready.status_code == 200, f"{service.name}: {ready.text}"
        assert httpx.get(base_url + "/", timeout=10).status_code == 200, "nginx does not serve the web app"
        platform.seed_outcome = seed(platform)
        print(
            f"\ncompose: built in {built_s:.0f} s, healthy in {ready_s:.0f} s, "
            f"seeded in {time.monotonic() - started - ready_s:.0f} s",
            file=sys.stderr,
        )
        yield platform
    finally:
        if os.environ.get("STUDIO_COMPOSE_KEEP"):
            print(f"\nkept: {' '.join(compose)}", file=sys.stderr)
        else:
            platform.run("down", "-v", "--remove-orphans", timeout=300)
