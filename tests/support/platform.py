"""Start a whole second platform exactly like `make up` (scripts/up.sh), beside any running one:
other ports (STUDIO_PORT_OFFSET), databases (a `_smoke` suffix), a private Redis and its own event
exchange. One platform serves a whole pytest session (tests/conftest.py); it is stopped and its
databases dropped at the end.

Overrides for engineers sharing a machine: STUDIO_TEST_PORT_OFFSET (default 10000) and
STUDIO_TEST_DB_SUFFIX (default `_smoke`)."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parents[2]
DEFAULT_PORT_OFFSET = 10000
HONCHO_READY_LINE = re.compile(r"^\S+ ready\.\d+\s+\|")
START_TIMEOUT_S = 300  # infrastructure check, 7 migrations, 9 services on 2 cores, the demo seed


def load_local_runner() -> ModuleType:
    """scripts/local.py (not a package), loaded by path so the tests share its service table."""
    name = "studio_local_runner"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "local.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


LOCAL_RUNNER = load_local_runner()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start on port {port}") from None
            time.sleep(0.1)


@contextlib.contextmanager
def private_redis() -> Iterator[int]:
    """A throw-away Redis, so the test platform shares no database index with `make up`."""
    port = free_port()
    command = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    try:
        wait_for_port(port, 10, "redis-server")
        yield port
    finally:
        process.terminate()
        process.wait(10)


def read_env_file(path: Path) -> dict[str, str]:
    """The KEY=value lines local.py writes (values shell-quoted)."""
    values: dict[str, str] = {}
    for line in path.read_text().splitlines():
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, raw = line.partition("=")
        parts = shlex.split(raw)
        values[key] = parts[0] if parts else ""
    return values


@dataclass
class Platform:
    """A running platform: where nginx listens, where each service listens, its state dir."""

    env: dict[str, str]
    config: object  # scripts/local.py's Config
    # "ok", or why scripts/seed-demo.sh failed: the platform still serves, the demo is incomplete.
    seed_outcome: str = "ok"

    @property
    def base_url(self) -> str:
        return str(self.config.base_url)  # type: ignore[attr-defined]

    @property
    def local_dir(self) -> Path:
        return Path(self.config.local_dir)  # type: ignore[attr-defined]

    @property
    def mail_dir(self) -> Path:
        return self.local_dir / "mail"

    @property
    def log(self) -> Path:
        return self.local_dir / "logs" / "platform.log"

    def service_url(self, name: str) -> str:
        service = next(s for s in LOCAL_RUNNER.SERVICES if s.name == name)
        return str(self.config.url(service))  # type: ignore[attr-defined]

    def service_env(self, name: str) -> dict[str, str]:
        return read_env_file(self.local_dir / "env" / f"{name}.env")


def platform_env(local_dir: Path, redis_port: int, extra: dict[str, str] | None = None) -> dict[str, str]:
    # A developer's BOT_TOKEN or PUBLIC_URL would let the test bot talk to Telegram: leave them out.
    inherited = {key: value for key, value in os.environ.items() if key not in LOCAL_RUNNER.PASS_THROUGH}
    suffix = os.environ.get("STUDIO_TEST_DB_SUFFIX", "_smoke")
    return {
        **inherited,
        "STUDIO_LOCAL_DIR": str(local_dir),
        "STUDIO_PORT_OFFSET": os.environ.get("STUDIO_TEST_PORT_OFFSET", str(DEFAULT_PORT_OFFSET)),
        "STUDIO_DB_SUFFIX": suffix,
        "STUDIO_REDIS_PORT": str(redis_port),
        "STUDIO_EVENTS_EXCHANGE": f"studio.events{suffix.replace('_', '.')}",
        "STUDIO_EVENTS_QUEUE_PREFIX": f"{suffix.strip('_')}.",
        "STUDIO_EVENTS_QUEUE_EXPIRES_MS": "60000",
        **(extra or {}),
    }


def log_excerpt(log: Path) -> str:
    """The first traceback if there is one (honcho stops everything after it), else the tail."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else ["(no log)"]
    first = next((i for i, line in enumerate(lines) if "Traceback" in line), None)
    return "\n".join(lines[first : first + 60] if first is not None else lines[-40:])


def seed_excerpt(log: Path) -> str:
    """What the demo seed printed (it runs under the runner's `ready` process)."""
    lines = log.read_text(errors="replace").splitlines() if log.exists() else []
    start = next((i for i, line in enumerate(lines) if "seeding the demo studio" in line), 0)
    return "\n".join(line[:1000] for line in lines[start:] if HONCHO_READY_LINE.match(line))


class PlatformFailed(RuntimeError):
    pass


@contextlib.contextmanager
def running_platform(local_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[Platform]:
    """scripts/up.sh with a private Redis; yields once every service is ready and the demo seeded."""
    with private_redis() as redis_port:
        env = platform_env(local_dir, redis_port, extra_env)
        cfg = LOCAL_RUNNER.Config(env)
        platform = Platform(env=env, config=cfg)
        ready = platform.local_dir / "ready"  # written once every service is ready and the demo seeded
        up = subprocess.Popen([REPO / "scripts" / "up.sh"], env=env, stdout=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + START_TIMEOUT_S
            while not (ready.exists() and ready.read_text().strip()):
                if up.poll() is not None or time.monotonic() > deadline:
                    break
                time.sleep(1)
            outcome = ready.read_text().strip() if ready.exists() else f"no answer (exit code {up.poll()})"
            if outcome.startswith("demo seed failed"):
                platform.seed_outcome = f"{outcome}\n{seed_excerpt(platform.log)}"
            elif outcome != "ok":
                raise PlatformFailed(f"platform did not come up: {outcome}\n{log_excerpt(platform.log)}")
            yield platform
        finally:
            up.send_signal(signal.SIGTERM)  # honcho, which up.sh became: stops every process it started
            try:
                up.wait(60)
            except subprocess.TimeoutExpired:
                os.killpg(up.pid, signal.SIGKILL)
                up.wait(10)
            command = [sys.executable, str(REPO / "scripts" / "local.py"), "databases", "drop"]
            subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
